package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/**
 * SQL text read the way PostgreSQL's lexer reads it, as far as EXPLAIN needs: where statements
 * end, which words are keywords outside strings, comments and dollar quotes, and whether it has
 * {@code $1}-style parameters. A semicolon inside {@code 'a;b'}, {@code "a;b"}, {@code -- ;},
 * {@code /* ; *}{@code /} or {@code $fn$ ...; ... $fn$} ends nothing.
 */
public final class SqlText {

    private final String text;
    private final List<Statement> statements;
    private final List<Word> words;
    private final boolean parameters;

    /** One statement: where it starts in the whole text, and its text without the final semicolon. */
    public record Statement(int offset, String text) {}

    /** A word outside strings and comments, in lower case, with its offset and what follows it. */
    public record Word(String lower, int offset, boolean quoted, char next, String previous) {}

    private SqlText(String text, List<Statement> statements, List<Word> words, boolean parameters) {
        this.text = text;
        this.statements = List.copyOf(statements);
        this.words = List.copyOf(words);
        this.parameters = parameters;
    }

    public static SqlText of(String sql) {
        return new Lexer(sql == null ? "" : sql).read();
    }

    public String text() {
        return text;
    }

    /** The statements that hold more than whitespace and comments. */
    public List<Statement> statements() {
        return statements;
    }

    public List<Word> words() {
        return words;
    }

    /** True when the text uses {@code $1}, {@code $2}... outside strings: a statement for GENERIC_PLAN. */
    public boolean hasParameters() {
        return parameters;
    }

    private static final class Lexer {
        private final String s;
        private final List<Statement> statements = new ArrayList<>();
        private final List<Word> words = new ArrayList<>();
        private boolean parameters;
        private int statementStart = -1;
        private int i;

        Lexer(String s) {
            this.s = s;
        }

        SqlText read() {
            int n = s.length();
            while (i < n) {
                char c = s.charAt(i);
                if (c == ';') {
                    endStatement(i);
                    i++;
                } else if (Character.isWhitespace(c)) {
                    i++;
                } else if (c == '-' && at(i + 1) == '-') {
                    skipLineComment();
                } else if (c == '/' && at(i + 1) == '*') {
                    skipBlockComment();
                } else {
                    if (statementStart < 0) {
                        statementStart = i;
                    }
                    token(c);
                }
            }
            endStatement(n);
            return new SqlText(s, statements, words, parameters);
        }

        private void token(char c) {
            if (c == '\'') {
                skipQuoted('\'', false);
            } else if ((c == 'E' || c == 'e') && at(i + 1) == '\'') {
                i++;
                skipQuoted('\'', true);
            } else if (c == '"') {
                int start = i;
                skipQuoted('"', false);
                addWord(s.substring(start + 1, Math.max(start + 1, i - 1)).replace("\"\"", "\""), start, true);
            } else if (c == '$' && Character.isDigit(at(i + 1))) {
                parameters = true;
                i++;
                while (Character.isDigit(at(i))) {
                    i++;
                }
            } else if (c == '$' && dollarTag() != null) {
                skipDollarQuoted(dollarTag());
            } else if (Character.isLetter(c) || c == '_') {
                int start = i;
                while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                    i++;
                }
                addWord(s.substring(start, i), start, false);
            } else {
                i++;
            }
        }

        private void addWord(String word, int start, boolean quoted) {
            int j = i;
            while (j < s.length() && Character.isWhitespace(s.charAt(j))) {
                j++;
            }
            int k = start - 1;
            while (k >= 0 && Character.isWhitespace(s.charAt(k))) {
                k--;
            }
            String previous = k >= 1 ? s.substring(k - 1, k + 1) : "";
            words.add(new Word(quoted ? word : word.toLowerCase(Locale.ROOT), start, quoted, at(j), previous));
        }

        /** {@code $tag$} or {@code $$} at i; null when the dollar sign starts no quote. */
        private String dollarTag() {
            int j = i + 1;
            while (j < s.length() && (Character.isLetterOrDigit(s.charAt(j)) || s.charAt(j) == '_')) {
                j++;
            }
            return j < s.length() && s.charAt(j) == '$' ? s.substring(i, j + 1) : null;
        }

        private void skipDollarQuoted(String tag) {
            int end = s.indexOf(tag, i + tag.length());
            i = end < 0 ? s.length() : end + tag.length();
        }

        private void skipQuoted(char quote, boolean backslashEscapes) {
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (backslashEscapes && c == '\\') {
                    i += 2;
                } else if (c == quote) {
                    if (at(i + 1) == quote) {
                        i += 2;
                    } else {
                        i++;
                        return;
                    }
                } else {
                    i++;
                }
            }
        }

        private void skipLineComment() {
            while (i < s.length() && s.charAt(i) != '\n') {
                i++;
            }
        }

        /** Block comments nest in PostgreSQL, unlike in the SQL standard. */
        private void skipBlockComment() {
            int depth = 0;
            while (i < s.length()) {
                if (s.charAt(i) == '/' && at(i + 1) == '*') {
                    depth++;
                    i += 2;
                } else if (s.charAt(i) == '*' && at(i + 1) == '/') {
                    depth--;
                    i += 2;
                    if (depth == 0) {
                        return;
                    }
                } else {
                    i++;
                }
            }
        }

        private void endStatement(int end) {
            if (statementStart >= 0) {
                statements.add(new Statement(statementStart, s.substring(statementStart, end).stripTrailing()));
                statementStart = -1;
            }
        }

        private char at(int index) {
            return index < s.length() ? s.charAt(index) : '\0';
        }
    }
}
