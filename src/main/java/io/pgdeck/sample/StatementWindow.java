package io.pgdeck.sample;

import java.time.Duration;

/** The windows statement rates are shown over: the last minutes, or everything since the last reset. */
public enum StatementWindow {
    LAST_MINUTE("last minute", Duration.ofMinutes(1)),
    LAST_5_MINUTES("last 5 minutes", Duration.ofMinutes(5)),
    LAST_15_MINUTES("last 15 minutes", Duration.ofMinutes(15)),
    LAST_HOUR("last hour", Duration.ofMinutes(60)),
    SINCE_RESET("since reset", null);

    private final String label;
    private final Duration length;

    StatementWindow(String label, Duration length) {
        this.label = label;
        this.length = length;
    }

    /** The window's length, or null for since the last reset. */
    public Duration length() {
        return length;
    }

    @Override
    public String toString() {
        return label;
    }
}
