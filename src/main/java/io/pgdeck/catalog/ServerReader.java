package io.pgdeck.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.connect.Target;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;

/** The server as a whole: what it is, and the per-database counters of pg_stat_database. */
public final class ServerReader {

    private static final Field<String> DATNAME = field(name("d", "datname"), String.class);

    private final Target target;

    public ServerReader(Target target) {
        this.target = target;
    }

    public ServerInfo info() {
        Record r = target.db().select(
                        field("pg_catalog.version()", String.class).as("version"),
                        field("pg_catalog.current_setting('server_version_num')::int", Integer.class).as("num"),
                        field("pg_catalog.pg_postmaster_start_time()", OffsetDateTime.class).as("started"),
                        field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("now"),
                        field("pg_catalog.current_setting('max_connections')::int", Integer.class).as("max"),
                        field("pg_catalog.current_setting('superuser_reserved_connections')::int", Integer.class).as("reserved"),
                        field("pg_catalog.pg_is_in_recovery()", Boolean.class).as("recovery"),
                        field("pg_catalog.current_database()", String.class).as("db"))
                .fetchOne();
        return new ServerInfo(r.get("version", String.class), r.get("num", Integer.class),
                r.get("started", OffsetDateTime.class), r.get("now", OffsetDateTime.class),
                r.get("max", Integer.class), r.get("reserved", Integer.class),
                r.get("recovery", Boolean.class), r.get("db", String.class));
    }

    /** Counters of every database that accepts connections; cheap enough for every refresh. */
    public List<DatabaseStats> databaseStats() {
        boolean sessions = target.version().atLeast(14);
        return target.db()
                .select(DATNAME, num("numbackends"), num("xact_commit"), num("xact_rollback"), num("blks_read"),
                        num("blks_hit"), num("tup_returned"), num("tup_fetched"), num("tup_inserted"),
                        num("tup_updated"), num("tup_deleted"), num("conflicts"), num("temp_files"),
                        num("temp_bytes"), num("deadlocks"),
                        sinceVersion(sessions, "sessions_abandoned"), sinceVersion(sessions, "sessions_fatal"),
                        sinceVersion(sessions, "sessions_killed"),
                        field(name("d", "stats_reset"), OffsetDateTime.class).as("stats_reset"))
                .from(table(name("pg_catalog", "pg_stat_database")).as("d"))
                .join(table(name("pg_catalog", "pg_database")).as("db")).on(field(name("db", "oid")).eq(field(name("d", "datid"))))
                .where(field(name("db", "datallowconn"), Boolean.class).isTrue())
                .orderBy(DATNAME)
                .fetch(r -> new DatabaseStats(r.get(DATNAME), r.get("numbackends", Long.class).intValue(),
                        r.get("xact_commit", Long.class), r.get("xact_rollback", Long.class),
                        r.get("blks_read", Long.class), r.get("blks_hit", Long.class),
                        r.get("tup_returned", Long.class), r.get("tup_fetched", Long.class),
                        r.get("tup_inserted", Long.class), r.get("tup_updated", Long.class),
                        r.get("tup_deleted", Long.class), r.get("conflicts", Long.class),
                        r.get("temp_files", Long.class), r.get("temp_bytes", Long.class),
                        r.get("deadlocks", Long.class), r.get("sessions_abandoned", Long.class),
                        r.get("sessions_fatal", Long.class), r.get("sessions_killed", Long.class),
                        r.get("stats_reset", OffsetDateTime.class)));
    }

    /**
     * Size of every database. pg_database_size stats every file of the database, which costs
     * ~100 ms on a large catalog: run it on the slow cadence, never every second.
     */
    public Map<String, Long> databaseSizes() {
        return target.db()
                .select(field(name("datname"), String.class),
                        field("pg_catalog.pg_database_size(oid)", Long.class))
                .from(table(name("pg_catalog", "pg_database")))
                .where(field(name("datallowconn"), Boolean.class).isTrue())
                .and(field("pg_catalog.has_database_privilege(oid, 'CONNECT')", Boolean.class).isTrue())
                .fetchMap(r -> r.value1(), r -> r.value2());
    }

    private static Field<Long> num(String column) {
        return field(name("d", column), Long.class).as(column);
    }

    /** The one version switch of this reader: session counters exist from PG14. */
    private static Field<Long> sinceVersion(boolean present, String column) {
        return present ? num(column) : inline(null, Long.class).as(column);
    }
}
