package io.pgdeck.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One server process from pg_stat_activity. {@code blockedBy} is filled only for backends
 * waiting on a lock (pg_blocking_pids is not free). {@code queryId} is null before PG14.
 */
public record Backend(
        int pid,
        String database,
        String user,
        String application,
        String clientAddress,
        String backendType,
        String state,
        String waitEventType,
        String waitEvent,
        OffsetDateTime backendStart,
        OffsetDateTime transactionStart,
        OffsetDateTime queryStart,
        OffsetDateTime stateChange,
        Long queryId,
        Integer leaderPid,
        String query,
        List<Integer> blockedBy,
        OffsetDateTime readAt) {

    public Backend {
        blockedBy = blockedBy == null ? List.of() : List.copyOf(blockedBy);
    }

    public boolean isClient() {
        return "client backend".equals(backendType);
    }

    public boolean isActive() {
        return "active".equals(state);
    }

    public boolean isIdleInTransaction() {
        return state != null && state.startsWith("idle in transaction");
    }

    /** How long the current query has run (active) or the last one ran before going idle. */
    public Duration queryAge() {
        return since(queryStart);
    }

    public Duration transactionAge() {
        return since(transactionStart);
    }

    /** How long it has been in its current state, e.g. idle in transaction for 7 minutes. */
    public Duration stateAge() {
        return since(stateChange);
    }

    public boolean waitingOnLock() {
        return "Lock".equals(waitEventType);
    }

    private Duration since(OffsetDateTime t) {
        if (t == null || readAt == null) {
            return Duration.ZERO;
        }
        Duration d = Duration.between(t, readAt);
        return d.isNegative() ? Duration.ZERO : d;
    }

    public Instant readInstant() {
        return readAt == null ? null : readAt.toInstant();
    }
}
