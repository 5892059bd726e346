package io.pgdeck.connect;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;

/**
 * Percent-decoding as libpq does it for URIs: only %XX, a '+' stays a '+' (unlike
 * URLDecoder, which would turn a password's '+' into a space).
 */
final class PercentDecoding {

    private PercentDecoding() {}

    static String decode(String s) {
        if (s.indexOf('%') < 0) {
            return s;
        }
        ByteArrayOutputStream bytes = new ByteArrayOutputStream(s.length());
        for (int i = 0; i < s.length(); i++) {
            int c = s.codePointAt(i);
            if (c != '%') {
                bytes.writeBytes(Character.toString(c).getBytes(StandardCharsets.UTF_8));
                i += Character.charCount(c) - 1;
                continue;
            }
            int value = i + 2 < s.length() ? hex(s.charAt(i + 1)) * 16 + hex(s.charAt(i + 2)) : -1;
            if (value < 0) {
                throw new IllegalArgumentException("The URI has a \"%\" not followed by two hex digits"
                        + " (write a literal % as %25).");
            }
            if (value == 0) {
                throw new IllegalArgumentException("The URI contains a forbidden %00.");
            }
            bytes.write(value);
            i += 2;
        }
        return bytes.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char c) {
        int digit = Character.digit(c, 16);
        return digit < 0 ? -1024 : digit;
    }
}
