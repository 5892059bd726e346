package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The JSON inside a plan as psql printed it, in any {@code \pset border} (0, 1, 2), linestyle
 * (ascii, old-ascii, unicode) and format (aligned, wrapped), with or without its "QUERY PLAN" header
 * and "(1 row)" footer, with a prompt or timing around it. psql pads each line of the one column and marks its end: {@code +} or
 * {@code ↵} where the plan's line ended, {@code .} or {@code …} where a wrapped line goes on,
 * nothing at all in old-ascii. The markers need not be told apart: EXPLAIN's JSON never ends a line
 * inside a string, so a line that ends inside one was wrapped and joins the next as it is, and any
 * other line loses its padding; JSON does not care where the rest of the whitespace goes.
 */
public final class PsqlOutput {

    private static final Pattern FOOTER = Pattern.compile("\\(\\d+ rows?\\)");
    /** Characters psql draws the header's rule and a border-2 frame with. */
    private static final String RULE = "-+=─┌┐└┘├┤┬┴┼│|═╞╡╪ ";
    /** What psql puts in the column after a line's text: newline, wrap, or old-ascii's and padding's space. */
    private static final String LINE_END = "+↵.… ";
    /** What psql puts before a line's text with border 1 and 2: a space, or the wrap marks. */
    private static final String LINE_START = " .…";

    private PsqlOutput() {}

    /** The plan's JSON; text that psql did not decorate comes back as good as it was. */
    public static String json(String text) {
        List<String> lines = new ArrayList<>();
        for (String raw : text.split("\\R")) {
            String line = unframed(raw);
            String bare = line.strip();
            if (bare.isEmpty() || bare.equals("QUERY PLAN") || FOOTER.matcher(bare).matches() || rule(bare)) {
                continue;
            }
            lines.add(line);
        }
        // a prompt, the statement, "Time: 3 ms" pasted along: the plan is from its "[" to its "]"
        while (!lines.isEmpty() && !opens(lines.get(0))) {
            lines.remove(0);
        }
        while (!lines.isEmpty() && !closes(lines.get(lines.size() - 1))) {
            lines.remove(lines.size() - 1);
        }
        if (lines.isEmpty()) {
            return text;
        }
        // border 1 and 2 put a column before the text: the plan's first line, "[", starts after it
        boolean margin = !lines.get(0).isEmpty() && lines.get(0).charAt(0) == ' ';
        StringBuilder json = new StringBuilder(text.length());
        StringState state = new StringState();
        for (String line : lines) {
            String content = margin && !line.isEmpty() && LINE_START.indexOf(line.charAt(0)) >= 0 ? line.substring(1) : line;
            if (!content.isEmpty() && LINE_END.indexOf(content.charAt(content.length() - 1)) >= 0) {
                content = content.substring(0, content.length() - 1);
            }
            json.append(state.after(content) ? content : content.stripTrailing());
        }
        return json.toString();
    }

    /** A border-2 line without its frame's first and last character. */
    private static String unframed(String line) {
        String s = line.stripTrailing();
        if (s.length() >= 2 && (s.charAt(0) == '|' || s.charAt(0) == '│')
                && (s.charAt(s.length() - 1) == '|' || s.charAt(s.length() - 1) == '│')) {
            return s.substring(1, s.length() - 1);
        }
        return line;
    }

    private static boolean opens(String line) {
        String bare = line.strip();
        return bare.startsWith("[") || bare.startsWith("{");
    }

    private static boolean closes(String line) {
        String bare = line.strip();
        if (!bare.isEmpty() && LINE_END.indexOf(bare.charAt(bare.length() - 1)) >= 0) {
            bare = bare.substring(0, bare.length() - 1).strip();
        }
        return bare.endsWith("]") || bare.endsWith("}");
    }

    private static boolean rule(String line) {
        return line.chars().allMatch(c -> RULE.indexOf(c) >= 0);
    }

    /** Whether the text read so far ends inside a JSON string. */
    private static final class StringState {
        private boolean inString;
        private boolean escaped;

        boolean after(String content) {
            for (int i = 0; i < content.length(); i++) {
                char c = content.charAt(i);
                if (escaped) {
                    escaped = false;
                } else if (inString && c == '\\') {
                    escaped = true;
                } else if (c == '"') {
                    inString = !inString;
                }
            }
            return inString;
        }
    }
}
