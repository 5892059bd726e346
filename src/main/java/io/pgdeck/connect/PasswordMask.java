package io.pgdeck.connect;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Hides the passwords a text may quote from a connection string: the {@code user:password@} of
 * a URI, and {@code password=} or {@code sslpassword=} as a URI parameter, a keyword/value pair
 * or a property. For text pgdeck does not write itself (a command-line parser's error, a
 * library's message or log line); pgdeck's own messages never quote a connection string.
 */
public final class PasswordMask {

    public static final String MASK = "***";

    /** Everything after the user's ':' up to the last '@' before the path: libpq allows ':' and '@' there. */
    private static final Pattern USER_INFO = Pattern.compile("(://[^:/?#@\\s'\"]*:)[^/?#\\s'\"]*@");
    private static final Pattern KEYWORD = Pattern.compile(
            "((?<![A-Za-z_])(?:ssl)?password\\s*=\\s*)('(?:[^'\\\\]|\\\\.)*'?|[^&\\s,;}'\"]*)",
            Pattern.CASE_INSENSITIVE);

    private PasswordMask() {}

    public static String mask(String text) {
        if (text == null) {
            return null;
        }
        String masked = USER_INFO.matcher(text).replaceAll(m -> Matcher.quoteReplacement(m.group(1) + MASK + "@"));
        return KEYWORD.matcher(masked).replaceAll(m -> Matcher.quoteReplacement(
                m.group(2).isEmpty() ? m.group() : m.group(1) + MASK));
    }
}
