package io.pgdeck.queue;

import java.time.OffsetDateTime;

/**
 * The job browser's position: the sort key of the last row shown, newest-first by
 * {@code (created, id)}, written as text so the screen can carry it without knowing the
 * library.
 */
public record KeysetCursor(OffsetDateTime created, String id) {

    private static final char SEPARATOR = '|';

    public String encode() {
        return created + String.valueOf(SEPARATOR) + id;
    }

    /** Malformed text is refused in one sentence rather than read as the first page. */
    public static KeysetCursor decode(String text) {
        int at = text.indexOf(SEPARATOR);
        if (at < 0) {
            throw new IllegalArgumentException("The page cursor '" + text + "' is not one pgdeck wrote.");
        }
        return new KeysetCursor(OffsetDateTime.parse(text.substring(0, at)), text.substring(at + 1));
    }
}
