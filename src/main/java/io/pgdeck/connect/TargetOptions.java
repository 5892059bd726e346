package io.pgdeck.connect;

import java.time.Duration;

/** Knobs of the monitoring pool; the defaults suit a console watching a production server. */
public record TargetOptions(int poolSize, Duration connectTimeout, Duration statementTimeout, Duration lockTimeout) {

    public static TargetOptions defaults() {
        return new TargetOptions(3, Duration.ofSeconds(5), Duration.ofSeconds(10), Duration.ofSeconds(1));
    }
}
