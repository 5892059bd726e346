package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatActivity.PG_STAT_ACTIVITY;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Target;
import io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatActivity;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;

/** Server processes from pg_stat_activity: what runs, what waits, who blocks whom. */
public final class ActivityReader {

    private static final PgStatActivity A = PG_STAT_ACTIVITY.as("a");
    private static final Field<Integer[]> BLOCKED_BY = when(A.WAIT_EVENT_TYPE.eq(inline("Lock")),
            field("pg_catalog.pg_blocking_pids({0})", Integer[].class, A.PID)).as("blocked_by");
    private static final Field<OffsetDateTime> NOW = field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("read_at");

    private final Target target;

    public ActivityReader(Target target) {
        this.target = target;
    }

    /** Every backend but pgdeck's own monitoring sessions, oldest query first. */
    public List<Backend> backends() {
        return target.db()
                .select(A.PID, A.DATNAME, A.USENAME, A.APPLICATION_NAME,
                        field("host({0})", String.class, A.CLIENT_ADDR).as("client_addr"),
                        A.BACKEND_TYPE, A.STATE, A.WAIT_EVENT_TYPE, A.WAIT_EVENT,
                        A.BACKEND_START, A.XACT_START, A.QUERY_START, A.STATE_CHANGE,
                        ColumnVersions.orNull(target.version(), A.QUERY_ID), A.LEADER_PID, A.QUERY, BLOCKED_BY, NOW)
                .from(A)
                // Not just this session: the pool's other sessions sit idle between refreshes and
                // would be counted as the workload's connections.
                .where(A.APPLICATION_NAME.isDistinctFrom(inline(Target.APPLICATION_NAME)))
                .orderBy(A.QUERY_START.asc().nullsLast())
                .fetch(ActivityReader::toBackend);
    }

    private static Backend toBackend(Record r) {
        Integer[] blockers = r.get("blocked_by", Integer[].class);
        return new Backend(
                r.get(A.PID),
                r.get(A.DATNAME),
                r.get(A.USENAME),
                r.get(A.APPLICATION_NAME),
                r.get("client_addr", String.class),
                r.get(A.BACKEND_TYPE),
                r.get(A.STATE),
                r.get(A.WAIT_EVENT_TYPE),
                r.get(A.WAIT_EVENT),
                r.get(A.BACKEND_START),
                r.get(A.XACT_START),
                r.get(A.QUERY_START),
                r.get(A.STATE_CHANGE),
                r.get("query_id", Long.class),
                r.get(A.LEADER_PID),
                r.get(A.QUERY),
                blockers == null ? List.of() : Arrays.asList(blockers),
                r.get("read_at", OffsetDateTime.class));
    }
}
