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
import org.jooq.Table;

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
                .select(field(name("name"), String.class), field(name("setting"), String.class))
                .from(table(name("pg_catalog", "pg_settings")))
                .where(field(name("name"), String.class).in(SETTINGS.stream().map(s -> inline(s)).toList()))
                .fetchMap(r -> r.value1(), r -> r.value2());
        return AutovacuumSettings.of(values);
    }

    /**
     * The pg_stat_get_* functions behind pg_stat_all_tables, called on pg_class directly: the
     * view also sums index scans per table, which doubles the cost on a catalog of 10,000 tables.
     */
    public List<TableVacuum> tables(AutovacuumSettings server) {
        Table<?> c = table(name("pg_catalog", "pg_class")).as("c");
        Table<?> n = table(name("pg_catalog", "pg_namespace")).as("n");
        Field<Long> oid = field(name("c", "oid"), Long.class);
        Field<String> schema = field(name("n", "nspname"), String.class);
        return target.db()
                .select(schema.as("schema"), field(name("c", "relname"), String.class).as("name"),
                        field(name("c", "reltuples"), Double.class).as("reltuples"),
                        field(name("c", "reloptions"), String[].class).as("reloptions"),
                        stat("live_tuples", oid, "n_live_tup"), stat("dead_tuples", oid, "n_dead_tup"),
                        stat("ins_since_vacuum", oid, "n_ins_since_vacuum"),
                        stat("mod_since_analyze", oid, "n_mod_since_analyze"),
                        time("last_vacuum_time", oid, "last_vacuum"), time("last_autovacuum_time", oid, "last_autovacuum"),
                        time("last_analyze_time", oid, "last_analyze"),
                        time("last_autoanalyze_time", oid, "last_autoanalyze"),
                        stat("vacuum_count", oid, "vacuum_count"), stat("autovacuum_count", oid, "autovacuum_count"),
                        stat("analyze_count", oid, "analyze_count"), stat("autoanalyze_count", oid, "autoanalyze_count"),
                        field("pg_catalog.age({0})", Long.class, field(name("c", "relfrozenxid"))).as("xid_age"))
                .from(c)
                .join(n).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .where(schema.notIn(inline("pg_catalog"), inline("information_schema")))
                .and(schema.notLike(inline("pg\\_toast%"))).and(schema.notLike(inline("pg\\_temp%")))
                .and(field(name("c", "relkind"), String.class).in(inline("r"), inline("m")))
                .fetch(r -> toTable(r, server));
    }

    /** Vacuums running now on the whole server, autovacuum workers included. */
    public List<RunningVacuum> running() {
        Table<?> p = table(name("pg_catalog", "pg_stat_progress_vacuum")).as("p");
        Table<?> a = table(name("pg_catalog", "pg_stat_activity")).as("a");
        Table<?> c = table(name("pg_catalog", "pg_class")).as("c");
        Table<?> n = table(name("pg_catalog", "pg_namespace")).as("n");
        Field<Long> relid = field(name("p", "relid"), Long.class);
        return target.db()
                .select(field(name("p", "pid"), Integer.class).as("pid"),
                        field(name("p", "datname"), String.class).as("datname"),
                        field(name("n", "nspname"), String.class).as("schema"),
                        field(name("c", "relname"), String.class).as("name"),
                        field(name("a", "backend_type"), String.class).as("backend_type"),
                        field(name("p", "phase"), String.class).as("phase"),
                        field(name("p", "heap_blks_total"), Long.class).as("total"),
                        field(name("p", "heap_blks_scanned"), Long.class).as("scanned"),
                        field(name("p", "heap_blks_vacuumed"), Long.class).as("vacuumed"),
                        field(name("p", "index_vacuum_count"), Long.class).as("index_passes"),
                        field(name("a", "xact_start"), OffsetDateTime.class).as("started"))
                .from(p)
                .leftJoin(a).on(field(name("a", "pid")).eq(field(name("p", "pid"))))
                .leftJoin(c).on(field(name("c", "oid")).eq(relid)
                        .and(field(name("p", "datid")).eq(field("(select oid from pg_catalog.pg_database"
                                + " where datname = pg_catalog.current_database())", Long.class))))
                .leftJoin(n).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .orderBy(field(name("p", "pid")))
                .fetch(r -> new RunningVacuum(r.get("pid", Integer.class), r.get("datname", String.class),
                        r.get("name", String.class) == null ? null
                                : new RelationName(r.get("schema", String.class), r.get("name", String.class)),
                        "autovacuum worker".equals(r.get("backend_type", String.class)),
                        r.get("phase", String.class), zero(r.get("total", Long.class)), zero(r.get("scanned", Long.class)),
                        zero(r.get("vacuumed", Long.class)), zero(r.get("index_passes", Long.class)),
                        r.get("started", OffsetDateTime.class)));
    }

    /** Every database's oldest unfrozen transaction ID, template0 included: it ages too. */
    public List<DatabaseXidAge> databases(AutovacuumSettings server) {
        return target.db()
                .select(field(name("datname"), String.class), field("pg_catalog.age(datfrozenxid)", Long.class))
                .from(table(name("pg_catalog", "pg_database")))
                .orderBy(field(name("datname")))
                .fetch(r -> new DatabaseXidAge(r.value1(), r.value2(), server.freezeMaxAge()));
    }

    private static TableVacuum toTable(Record r, AutovacuumSettings server) {
        String[] options = r.get("reloptions", String[].class);
        boolean tuned = options != null && java.util.Arrays.stream(options).anyMatch(o -> o.startsWith("autovacuum_"));
        return new TableVacuum(new RelationName(r.get("schema", String.class), r.get("name", String.class)),
                r.get("reltuples", Double.class), r.get("n_live_tup", Long.class), r.get("n_dead_tup", Long.class),
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
