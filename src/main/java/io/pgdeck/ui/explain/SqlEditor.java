package io.pgdeck.ui.explain;

import java.util.Collection;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import javafx.beans.property.StringProperty;
import javafx.scene.Node;
import org.fxmisc.flowless.VirtualizedScrollPane;
import org.fxmisc.richtext.CodeArea;
import org.fxmisc.richtext.LineNumberFactory;
import org.fxmisc.richtext.model.StyleSpans;
import org.fxmisc.richtext.model.StyleSpansBuilder;

/**
 * The SQL editor: a RichTextFX code area with line numbers and highlighting of keywords,
 * strings, comments, numbers and {@code $1} parameters, kept in step with a string property.
 */
final class SqlEditor {

    private static final String KEYWORDS = String.join("|", List.of("select", "from", "where", "and", "or", "not",
            "in", "is", "null", "join", "left", "right", "full", "inner", "outer", "cross", "lateral", "on", "using",
            "group", "by", "order", "having", "limit", "offset", "fetch", "first", "next", "rows", "only", "as",
            "distinct", "union", "all", "intersect", "except", "with", "recursive", "insert", "into", "values",
            "update", "set", "delete", "merge", "returning", "case", "when", "then", "else", "end", "exists",
            "between", "like", "ilike", "asc", "desc", "nulls", "last", "for", "share", "skip", "locked", "nowait",
            "over", "partition", "window", "filter", "true", "false", "create", "table", "index", "any", "some",
            "cast", "interval", "materialized", "conflict", "do", "nothing", "matched"));
    private static final Pattern TOKENS = Pattern.compile(
            "(?<COMMENT>--[^\\n]*|/\\*[\\s\\S]*?(\\*/|$))"
                    + "|(?<STRING>[Ee]?'(?:[^'\\\\]|''|\\\\.)*('|$)|\\$(?<TAG>[A-Za-z_]*)\\$[\\s\\S]*?(\\$\\k<TAG>\\$|$))"
                    + "|(?<IDENT>\"(?:[^\"]|\"\")*(\"|$))"
                    + "|(?<PARAM>\\$\\d+)"
                    + "|(?<KEYWORD>(?i)\\b(?:" + KEYWORDS + ")\\b)"
                    + "|(?<NUMBER>\\b\\d+(?:\\.\\d+)?\\b)");

    private final CodeArea area = new CodeArea();
    private final VirtualizedScrollPane<CodeArea> pane = new VirtualizedScrollPane<>(area);

    SqlEditor(StringProperty text) {
        area.setId("sql-editor");
        area.getStyleClass().add("sql-editor");
        area.setParagraphGraphicFactory(LineNumberFactory.get(area));
        area.setWrapText(true);
        area.replaceText(text.get());
        area.textProperty().addListener((o, was, now) -> {
            area.setStyleSpans(0, highlighting(now));
            if (!now.equals(text.get())) {
                text.set(now);
            }
        });
        text.addListener((o, was, now) -> {
            if (!now.equals(area.getText())) {
                area.replaceText(now);
            }
        });
        if (!area.getText().isEmpty()) {
            area.setStyleSpans(0, highlighting(area.getText()));
        }
    }

    Node node() {
        return pane;
    }

    CodeArea area() {
        return area;
    }

    /** Selects the word at the error's position and brings it into view. */
    void markError(int position) {
        String text = area.getText();
        if (position < 0 || position > text.length()) {
            return;
        }
        int end = position;
        while (end < text.length() && !Character.isWhitespace(text.charAt(end))) {
            end++;
        }
        area.selectRange(position, Math.max(end, Math.min(position + 1, text.length())));
        area.requestFollowCaret();
        area.requestFocus();
    }

    static StyleSpans<Collection<String>> highlighting(String text) {
        Matcher m = TOKENS.matcher(text);
        StyleSpansBuilder<Collection<String>> spans = new StyleSpansBuilder<>();
        int last = 0;
        while (m.find()) {
            String style = m.group("COMMENT") != null ? "comment"
                    : m.group("STRING") != null ? "string"
                    : m.group("IDENT") != null ? "identifier"
                    : m.group("PARAM") != null ? "param"
                    : m.group("KEYWORD") != null ? "keyword" : "number";
            spans.add(List.of(), m.start() - last);
            spans.add(List.of(style), m.end() - m.start());
            last = m.end();
        }
        spans.add(List.of(), text.length() - last);
        return spans.create();
    }
}
