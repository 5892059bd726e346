package io.pgdeck.catalog;

import java.time.Duration;
import java.time.OffsetDateTime;

/**
 * How far this standby's replay is behind what it received. {@code now() -
 * pg_last_xact_replay_timestamp()} grows while the primary is idle even though nothing is
 * behind: when everything received is replayed, that age means "no recent transactions on the
 * primary", not lag, and {@link #lag()} is zero.
 */
public record ReplayLag(
        String receiveLsn,
        String replayLsn,
        long lagBytes,
        OffsetDateTime lastReplayedTransactionAt,
        Duration sinceLastReplayedTransaction,
        String pauseState) {

    public static final String IDLE = "no recent transactions on the primary";

    /** Everything received has been replayed. */
    public boolean caughtUp() {
        return lagBytes <= 0;
    }

    public boolean paused() {
        return !"not paused".equals(pauseState);
    }

    /** The replay delay that is real: zero when caught up, whatever the age of the last transaction. */
    public Duration lag() {
        return caughtUp() || sinceLastReplayedTransaction == null ? Duration.ZERO : sinceLastReplayedTransaction;
    }

    /** One line for a screen or a report. */
    public String describe() {
        if (caughtUp()) {
            return "caught up; " + IDLE + (sinceLastReplayedTransaction == null ? ""
                    : " for " + Formats.age(sinceLastReplayedTransaction));
        }
        return Formats.bytes(lagBytes) + " behind, last replayed transaction " + Formats.age(lag()) + " old"
                + (paused() ? " (replay " + pauseState + ")" : "");
    }
}
