package io.pgdeck.action;

import java.time.Duration;

/**
 * Time-outs every action runs under. lock_timeout is short: an action that cannot get its lock
 * quickly gives up instead of queueing the application's queries behind it.
 */
public record ActionSettings(Duration lockTimeout, Duration statementTimeout) {

    public static ActionSettings defaults() {
        return new ActionSettings(Duration.ofSeconds(5), Duration.ofHours(2));
    }
}
