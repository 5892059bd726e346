package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass.PG_CLASS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgDatabase.PG_DATABASE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgNamespace.PG_NAMESPACE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgSettings.PG_SETTINGS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatActivity.PG_STAT_ACTIVITY;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatProgressVacuum.PG_STAT_PROGRESS_VACUUM;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import io.pgdeck.connect.Target;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Map;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Vacuum and analyze state: dead tuples and last (auto)vacuum/analyze per table, autovacuum
 * thresholds with each table's own storage parameters, transaction ID ages against
 * autovacuum_freeze_max_age, and the vacuums running now. Counters only: cheap every few ticks.
 */
public final class VacuumReader {

    private static final List<String> SETTINGS = List.of("autovacuum", "autovacuum_vacuum_threshold",
            "autovacuum_vacuum_scale_factor", "autovacuum_vacuum_insert_threshold",
            "autovacuum_vacuum_insert_scale_factor", "autovacuum_analyze_threshold", "autovacuum_analyze_scale_factor",
            "autovacuum_freeze_max_age", "autovacuum_vacuum_max_threshold");

    private final Target target;

    public VacuumReader(Target target) {
        this.target = target;
    }

    public VacuumStatus status() {
        AutovacuumSettings server = settings();
        return new VacuumStatus(tables(server), running(), databases(server), server);
    }

    /**
     * The server's autovacuum settings. The one version difference lives here: PostgreSQL 18
     * adds autovacuum_vacuum_max_threshold; older servers lack the row and have no cap.
     */
    public AutovacuumSettings settings() {
        Map<String, String> values = target.db()
                .select(PG_SETTINGS.NAME, PG_SETTINGS.SETTING)
                .from(PG_SETTINGS)
                .where(PG_SETTINGS.NAME.in(SETTINGS.stream().map(s -> inline(s)).toList()))
                .fetchMap(r -> r.value1(), r -> r.value2());
        return AutovacuumSettings.of(values);
    }

    /**
     * The pg_stat_get_* functions behind pg_stat_all_tables, called on pg_class directly: the
     * view also sums index scans per table, which doubles the cost on a catalog of 10,000 tables.
     */
    public List<TableVacuum> tables(AutovacuumSettings server) {
        var c = PG_CLASS.as("c");
        var n = PG_NAMESPACE.as("n");
        return target.db()
                .select(n.NSPNAME, c.RELNAME, c.RELTUPLES, c.RELOPTIONS,
                        stat("live_tuples", c.OID, "n_live_tup"), stat("dead_tuples", c.OID, "n_dead_tup"),
                        stat("ins_since_vacuum", c.OID, "n_ins_since_vacuum"),
                        stat("mod_since_analyze", c.OID, "n_mod_since_analyze"),
                        time("last_vacuum_time", c.OID, "last_vacuum"), time("last_autovacuum_time", c.OID, "last_autovacuum"),
                        time("last_analyze_time", c.OID, "last_analyze"),
                        time("last_autoanalyze_time", c.OID, "last_autoanalyze"),
                        stat("vacuum_count", c.OID, "vacuum_count"), stat("autovacuum_count", c.OID, "autovacuum_count"),
                        stat("analyze_count", c.OID, "analyze_count"), stat("autoanalyze_count", c.OID, "autoanalyze_count"),
                        field("pg_catalog.age({0})", Long.class, c.RELFROZENXID).as("xid_age"))
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(n.NSPNAME.notIn(inline("pg_catalog"), inline("information_schema")))
                .and(n.NSPNAME.notLike(inline("pg\\_toast%"))).and(n.NSPNAME.notLike(inline("pg\\_temp%")))
                .and(c.RELKIND.in(inline("r"), inline("m")))
                .fetch(r -> toTable(r, r.get(n.NSPNAME), r.get(c.RELNAME), r.get(c.RELTUPLES), r.get(c.RELOPTIONS), server));
    }

    /** Vacuums running now on the whole server, autovacuum workers included. */
    public List<RunningVacuum> running() {
        var p = PG_STAT_PROGRESS_VACUUM.as("p");
        var a = PG_STAT_ACTIVITY.as("a");
        var c = PG_CLASS.as("c");
        var n = PG_NAMESPACE.as("n");
        return target.db()
                .select(p.PID, p.DATNAME, n.NSPNAME, c.RELNAME, a.BACKEND_TYPE, p.PHASE, p.HEAP_BLKS_TOTAL,
                        p.HEAP_BLKS_SCANNED, p.HEAP_BLKS_VACUUMED, p.INDEX_VACUUM_COUNT, a.XACT_START)
                .from(p)
                .leftJoin(a).on(a.PID.eq(p.PID))
                .leftJoin(c).on(c.OID.eq(p.RELID)
                        .and(p.DATID.eq(field(select(PG_DATABASE.OID).from(PG_DATABASE)
                                .where(PG_DATABASE.DATNAME.eq(field("pg_catalog.current_database()", String.class)))))))
                .leftJoin(n).on(n.OID.eq(c.RELNAMESPACE))
                .orderBy(p.PID)
                .fetch(r -> new RunningVacuum(r.get(p.PID), r.get(p.DATNAME),
                        r.get(c.RELNAME) == null ? null : new RelationName(r.get(n.NSPNAME), r.get(c.RELNAME)),
                        "autovacuum worker".equals(r.get(a.BACKEND_TYPE)),
                        r.get(p.PHASE), zero(r.get(p.HEAP_BLKS_TOTAL)), zero(r.get(p.HEAP_BLKS_SCANNED)),
                        zero(r.get(p.HEAP_BLKS_VACUUMED)), zero(r.get(p.INDEX_VACUUM_COUNT)), r.get(a.XACT_START)));
    }

    /** Every database's oldest unfrozen transaction ID, template0 included: it ages too. */
    public List<DatabaseXidAge> databases(AutovacuumSettings server) {
        return target.db()
                .select(PG_DATABASE.DATNAME, field("pg_catalog.age({0})", Long.class, PG_DATABASE.DATFROZENXID))
                .from(PG_DATABASE)
                .orderBy(PG_DATABASE.DATNAME)
                .fetch(r -> new DatabaseXidAge(r.value1(), r.value2(), server.freezeMaxAge()));
    }

    private static TableVacuum toTable(Record r, String schema, String name, Float reltuples, String[] options,
                                       AutovacuumSettings server) {
        boolean tuned = options != null && java.util.Arrays.stream(options).anyMatch(o -> o.startsWith("autovacuum_"));
        return new TableVacuum(new RelationName(schema, name),
                reltuples == null ? null : reltuples.doubleValue(), r.get("n_live_tup", Long.class), r.get("n_dead_tup", Long.class),
                r.get("n_ins_since_vacuum", Long.class), r.get("n_mod_since_analyze", Long.class),
                r.get("last_vacuum", OffsetDateTime.class), r.get("last_autovacuum", OffsetDateTime.class),
                r.get("last_analyze", OffsetDateTime.class), r.get("last_autoanalyze", OffsetDateTime.class),
                r.get("vacuum_count", Long.class), r.get("autovacuum_count", Long.class),
                r.get("analyze_count", Long.class), r.get("autoanalyze_count", Long.class),
                r.get("xid_age", Long.class), server.forTable(options), tuned);
    }

    private static Field<Long> stat(String function, Field<Long> oid, String as) {
        return field("pg_catalog.pg_stat_get_" + function + "({0})", Long.class, oid).as(as);
    }

    private static Field<OffsetDateTime> time(String function, Field<Long> oid, String as) {
        return field("pg_catalog.pg_stat_get_" + function + "({0})", OffsetDateTime.class, oid).as(as);
    }

    private static long zero(Long v) {
        return v == null ? 0 : v;
    }
}
