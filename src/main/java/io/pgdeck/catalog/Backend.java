package io.pgdeck.catalog;

import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.List;

/**
 * One server process from pg_stat_activity. {@code blockedBy} is filled only for backends
 * waiting on a lock (pg_blocking_pids is not free). {@code queryId} is null before PG14.
 * A role without pg_read_all_stats still gets a row for every process, but of another role's
 * only the pid, database, user and application: see {@link #detailsHidden()}.
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

    /** The text pg_stat_activity puts in {@code query} of a process the role may not see. */
    public static final String HIDDEN_QUERY = "<insufficient privilege>";

    /**
     * A client backend, or a process of another role in a database whose type is hidden: a
     * server process (checkpointer, launchers) has no database, so a hidden one with a database
     * and a user is a session (or, rarely, a parallel worker of one, which cannot be told apart).
     */
    public boolean isClient() {
        return "client backend".equals(backendType) || (detailsHidden() && database != null && user != null);
    }

    /** Another role's process: its type, state, query, wait and times are hidden from this role. */
    public boolean detailsHidden() {
        return backendType == null && HIDDEN_QUERY.equals(query);
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
