package io.pgdeck.explain;

import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Set;

/**
 * A function call as EXPLAIN VERBOSE prints it in an expression: {@code name(}, {@code schema.name(}
 * or {@code "Quoted Name"(}, outside string literals. Keywords that take parentheses ({@code ANY (},
 * {@code ROW(}, {@code COALESCE(}) come out too; resolving names in pg_proc sorts them out.
 *
 * @param schema   null when EXPLAIN printed the name alone (the search path finds it)
 * @param argument the first argument's text when it is a literal ({@code 'orders_id_seq'}), else null
 */
record FunctionCall(String schema, String name, String argument) {

    static List<FunctionCall> in(Collection<String> expressions) {
        Set<FunctionCall> calls = new LinkedHashSet<>();
        expressions.forEach(e -> new Scanner(e).read(calls));
        return new ArrayList<>(calls);
    }

    String qualifiedName() {
        return schema == null ? name : schema + "." + name;
    }

    /** The sequence a nextval call advances, as named in the plan. */
    String sequence() {
        return argument != null ? argument : "named by " + qualifiedName() + "'s argument";
    }

    private static final class Scanner {
        private final String s;
        private int i;

        Scanner(String s) {
            this.s = s;
        }

        void read(Set<FunctionCall> into) {
            String previous = null;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\'') {
                    literal();
                    previous = null;
                } else if (c == '"' || Character.isLetter(c) || c == '_') {
                    String word = identifier();
                    if (at(i) == '.' && startsIdentifier(at(i + 1))) {
                        i++;
                        previous = word;
                        continue;
                    }
                    if (at(i) == '(') {
                        String argument = at(i + 1) == '\'' ? literalAt(i + 1) : null;
                        into.add(new FunctionCall(previous, word, argument));
                    }
                    previous = null;
                } else {
                    i++;
                    previous = null;
                }
            }
        }

        private String identifier() {
            StringBuilder b = new StringBuilder();
            if (s.charAt(i) == '"') {
                i++;
                while (i < s.length()) {
                    if (s.charAt(i) == '"' && at(i + 1) == '"') {
                        b.append('"');
                        i += 2;
                    } else if (s.charAt(i) == '"') {
                        i++;
                        break;
                    } else {
                        b.append(s.charAt(i++));
                    }
                }
                return b.toString();
            }
            while (i < s.length() && (Character.isLetterOrDigit(s.charAt(i)) || s.charAt(i) == '_' || s.charAt(i) == '$')) {
                b.append(s.charAt(i++));
            }
            return b.toString();
        }

        /** Skips a literal from its opening quote; '' inside it is a quote. */
        private String literal() {
            StringBuilder b = new StringBuilder();
            i++;
            while (i < s.length()) {
                char c = s.charAt(i);
                if (c == '\'' && at(i + 1) == '\'') {
                    b.append('\'');
                    i += 2;
                } else if (c == '\'') {
                    i++;
                    break;
                } else {
                    b.append(c);
                    i++;
                }
            }
            return b.toString();
        }

        private String literalAt(int start) {
            int saved = i;
            i = start;
            String text = literal();
            i = saved;
            return text;
        }

        private boolean startsIdentifier(char c) {
            return c == '"' || Character.isLetter(c) || c == '_';
        }

        private char at(int index) {
            return index < s.length() ? s.charAt(index) : '\0';
        }
    }
}
