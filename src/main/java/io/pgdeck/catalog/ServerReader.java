package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgDatabase.PG_DATABASE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatDatabase.PG_STAT_DATABASE;
import static org.jooq.impl.DSL.field;

import io.pgdeck.connect.ServerVersion;
import io.pgdeck.connect.Target;
import io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatDatabase;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;

/** The server as a whole: what it is, and the per-database counters of pg_stat_database. */
public final class ServerReader {

    private static final PgStatDatabase D = PG_STAT_DATABASE;

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
        ServerVersion version = target.version();
        return target.db()
                .select(D.DATNAME, D.NUMBACKENDS, D.XACT_COMMIT, D.XACT_ROLLBACK, D.BLKS_READ, D.BLKS_HIT,
                        D.TUP_RETURNED, D.TUP_FETCHED, D.TUP_INSERTED, D.TUP_UPDATED, D.TUP_DELETED, D.CONFLICTS,
                        D.TEMP_FILES, D.TEMP_BYTES, D.DEADLOCKS,
                        ColumnVersions.orNull(version, D.SESSIONS_ABANDONED), ColumnVersions.orNull(version, D.SESSIONS_FATAL),
                        ColumnVersions.orNull(version, D.SESSIONS_KILLED), D.STATS_RESET)
                .from(D)
                .join(PG_DATABASE).on(PG_DATABASE.OID.eq(D.DATID))
                .where(PG_DATABASE.DATALLOWCONN.isTrue())
                .orderBy(D.DATNAME)
                .fetch(r -> new DatabaseStats(r.get(D.DATNAME), r.get(D.NUMBACKENDS),
                        r.get(D.XACT_COMMIT), r.get(D.XACT_ROLLBACK), r.get(D.BLKS_READ), r.get(D.BLKS_HIT),
                        r.get(D.TUP_RETURNED), r.get(D.TUP_FETCHED), r.get(D.TUP_INSERTED), r.get(D.TUP_UPDATED),
                        r.get(D.TUP_DELETED), r.get(D.CONFLICTS), r.get(D.TEMP_FILES), r.get(D.TEMP_BYTES),
                        r.get(D.DEADLOCKS), r.get(D.SESSIONS_ABANDONED.getName(), Long.class),
                        r.get(D.SESSIONS_FATAL.getName(), Long.class), r.get(D.SESSIONS_KILLED.getName(), Long.class),
                        r.get(D.STATS_RESET)));
    }

    /**
     * Size of every database. pg_database_size stats every file of the database, which costs
     * ~100 ms on a large catalog: run it on the slow cadence, never every second.
     */
    public Map<String, Long> databaseSizes() {
        return target.db()
                .select(PG_DATABASE.DATNAME, field("pg_catalog.pg_database_size({0})", Long.class, PG_DATABASE.OID))
                .from(PG_DATABASE)
                .where(PG_DATABASE.DATALLOWCONN.isTrue())
                .and(field("pg_catalog.has_database_privilege({0}, 'CONNECT')", Boolean.class, PG_DATABASE.OID).isTrue())
                .fetchMap(r -> r.value1(), r -> r.value2());
    }
}
