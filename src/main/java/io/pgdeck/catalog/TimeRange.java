package io.pgdeck.catalog;

import java.time.LocalDateTime;

/** A half-open span of time [from, to), in UTC, as partition bounds are. */
public record TimeRange(LocalDateTime from, LocalDateTime to) {

    public boolean overlaps(TimeRange other) {
        return from.isBefore(other.to) && other.from.isBefore(to);
    }

    @Override
    public String toString() {
        return from + " – " + to;
    }
}
