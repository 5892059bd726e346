package io.pgdeck.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Target;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.List;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/** Server processes from pg_stat_activity: what runs, what waits, who blocks whom. */
public final class ActivityReader {

    private static final Table<?> ACTIVITY = table(name("pg_catalog", "pg_stat_activity")).as("a");
    private static final Field<Integer> PID = field(name("a", "pid"), Integer.class);
    private static final Field<String> WAIT_EVENT_TYPE = field(name("a", "wait_event_type"), String.class);
    private static final Field<Integer[]> BLOCKED_BY = when(WAIT_EVENT_TYPE.eq(inline("Lock")),
            field("pg_catalog.pg_blocking_pids({0})", Integer[].class, PID)).as("blocked_by");
    private static final Field<OffsetDateTime> NOW = field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("read_at");

    private final Target target;

    public ActivityReader(Target target) {
        this.target = target;
    }

    /** Every backend but pgdeck's own monitoring sessions, oldest query first. */
    public List<Backend> backends() {
        Field<Long> queryId = queryIdField();
        return target.db()
                .select(PID, text("datname"), text("usename"), text("application_name"),
                        field("host({0})", String.class, field(name("a", "client_addr"))).as("client_addr"),
                        text("backend_type"), text("state"), WAIT_EVENT_TYPE, text("wait_event"),
                        time("backend_start"), time("xact_start"), time("query_start"), time("state_change"),
                        queryId, field(name("a", "leader_pid"), Integer.class), text("query"), BLOCKED_BY, NOW)
                .from(ACTIVITY)
                // Not just this session: the pool's other sessions sit idle between refreshes and
                // would be counted as the workload's connections.
                .where(field(name("a", "application_name"), String.class).isDistinctFrom(inline(Target.APPLICATION_NAME)))
                .orderBy(field(name("a", "query_start")).asc().nullsLast())
                .fetch(ActivityReader::toBackend);
    }

    /** The one version switch of this reader: pg_stat_activity.query_id exists from PG14. */
    private Field<Long> queryIdField() {
        return target.version().atLeast(14)
                ? field(name("a", "query_id"), Long.class).as("query_id")
                : inline(null, Long.class).as("query_id");
    }

    private static Backend toBackend(Record r) {
        Integer[] blockers = r.get("blocked_by", Integer[].class);
        return new Backend(
                r.get("pid", Integer.class),
                r.get("datname", String.class),
                r.get("usename", String.class),
                r.get("application_name", String.class),
                r.get("client_addr", String.class),
                r.get("backend_type", String.class),
                r.get("state", String.class),
                r.get("wait_event_type", String.class),
                r.get("wait_event", String.class),
                r.get("backend_start", OffsetDateTime.class),
                r.get("xact_start", OffsetDateTime.class),
                r.get("query_start", OffsetDateTime.class),
                r.get("state_change", OffsetDateTime.class),
                r.get("query_id", Long.class),
                r.get("leader_pid", Integer.class),
                r.get("query", String.class),
                blockers == null ? List.of() : Arrays.asList(blockers),
                r.get("read_at", OffsetDateTime.class));
    }

    private static Field<String> text(String column) {
        return field(name("a", column), String.class).as(column);
    }

    private static Field<OffsetDateTime> time(String column) {
        return field(name("a", column), OffsetDateTime.class).as(column);
    }
}
