package io.pgdeck.connect;

import java.util.LinkedHashMap;
import java.util.Map;

/**
 * A libpq keyword/value connection string, {@code host=db1 port=5433 dbname='my db'}: spaces
 * around '=' allowed, values single-quoted when they hold spaces, backslash escapes quotes and
 * backslashes. A later keyword wins over an earlier one, as in libpq.
 */
final class KeywordValueString {

    private final String s;
    private int pos;

    private KeywordValueString(String s) {
        this.s = s;
    }

    static Map<String, String> parse(String s) {
        return new KeywordValueString(s).parse();
    }

    private Map<String, String> parse() {
        Map<String, String> out = new LinkedHashMap<>();
        skipSpaces();
        while (pos < s.length()) {
            int start = pos;
            while (pos < s.length() && s.charAt(pos) != '=' && !Character.isWhitespace(s.charAt(pos))) {
                pos++;
            }
            String keyword = s.substring(start, pos);
            skipSpaces();
            if (pos >= s.length() || s.charAt(pos) != '=') {
                // the word is not quoted: it may be the rest of a password that held a space
                throw new IllegalArgumentException("The connection string has a word without \"=value\":"
                        + " quote a value that holds spaces, as in password='a b'.");
            }
            pos++;
            skipSpaces();
            String value = pos < s.length() && s.charAt(pos) == '\'' ? quoted() : bare();
            if (!ConnectionKeywords.known(keyword)) {
                throw new IllegalArgumentException("\"" + keyword + "\" is not a libpq connection option.");
            }
            out.put(keyword, value);
            skipSpaces();
        }
        return out;
    }

    private String bare() {
        StringBuilder value = new StringBuilder();
        while (pos < s.length() && !Character.isWhitespace(s.charAt(pos))) {
            char c = s.charAt(pos++);
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            value.append(c);
        }
        return value.toString();
    }

    private String quoted() {
        StringBuilder value = new StringBuilder();
        pos++;
        while (true) {
            if (pos >= s.length()) {
                throw new IllegalArgumentException("The connection string has an unterminated quoted value.");
            }
            char c = s.charAt(pos++);
            if (c == '\'') {
                return value.toString();
            }
            if (c == '\\' && pos < s.length()) {
                c = s.charAt(pos++);
            }
            value.append(c);
        }
    }

    private void skipSpaces() {
        while (pos < s.length() && Character.isWhitespace(s.charAt(pos))) {
            pos++;
        }
    }
}
