package io.pgdeck.catalog;

import java.time.LocalDateTime;
import java.util.Optional;

/** The step of a time-range partition set, inferred from its bounds. */
public enum TimeInterval {
    DAY, WEEK, MONTH, QUARTER, YEAR;

    public LocalDateTime after(LocalDateTime t) {
        return switch (this) {
            case DAY -> t.plusDays(1);
            case WEEK -> t.plusWeeks(1);
            case MONTH -> t.plusMonths(1);
            case QUARTER -> t.plusMonths(3);
            case YEAR -> t.plusYears(1);
        };
    }

    /** The interval one partition spans, or empty when it is not one of these steps. */
    public static Optional<TimeInterval> of(LocalDateTime from, LocalDateTime to) {
        for (TimeInterval i : values()) {
            if (i.after(from).equals(to)) {
                return Optional.of(i);
            }
        }
        return Optional.empty();
    }

    public String label() {
        return name().toLowerCase(java.util.Locale.ROOT);
    }
}
