package io.pgdeck.catalog;

import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.Privileges;
import io.pgdeck.connect.Target;
import java.math.BigDecimal;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Table and btree index bloat: estimated for every relation from the planner statistics (cheap,
 * no extension, see {@link BloatEstimate}), measured for one relation on demand with pgstattuple.
 * Sizes of relations locked ACCESS EXCLUSIVE are skipped, so a VACUUM FULL never stalls a read.
 */
public final class BloatReader {

    /** Above this, pgstattuple_approx (which skips all-visible pages) instead of reading every page. */
    public static final long APPROX_ABOVE_BYTES = 1L << 30;
    /** Statistics older than this are called stale whatever changed since. */
    static final Duration STALE_AFTER = Duration.ofDays(30);

    private static final Table<?> CLASS = table(name("pg_catalog", "pg_class")).as("c");
    private static final Table<?> NAMESPACE = table(name("pg_catalog", "pg_namespace")).as("n");
    private static final Field<Long> OID = field(name("c", "oid"), Long.class);
    private static final Field<String> SCHEMA = field(name("n", "nspname"), String.class);
    private static final Field<String> RELNAME = field(name("c", "relname"), String.class);

    private final Target target;

    public BloatReader(Target target) {
        this.target = target;
    }

    /** Every table's and btree index's estimate; run on the slow cadence (it reads all of pg_stats). */
    public BloatReport estimates() {
        int blockSize = blockSize();
        return new BloatReport(tables(blockSize), indexes(blockSize));
    }

    List<TableBloat> tables(int blockSize) {
        return tablesQuery().fetch(r -> toTable(r, blockSize));
    }

    org.jooq.ResultQuery<? extends Record> tablesQuery() {
        Table<?> stats = select(field(name("cs", "relid"), Long.class).as("relid"),
                count().as("stats_columns"),
                field("sum((1 - {0}) * {1})", BigDecimal.class, field(name("cs", "null_frac")),
                        field(name("cs", "avg_width"))).as("width"),
                field("bool_or({0} > 0)", Boolean.class, field(name("cs", "null_frac"))).as("nulls"))
                .from(columnStatistics().asTable("cs"))
                .groupBy(field(name("cs", "relid")))
                .asTable("ps");
        Table<?> columns = select(field(name("attrelid"), Long.class).as("attrelid"), count().as("columns"))
                .from(table(name("pg_catalog", "pg_attribute")))
                .where(field(name("attnum"), Integer.class).gt(0)).and(field(name("attisdropped"), Boolean.class).isFalse())
                .groupBy(field(name("attrelid")))
                .asTable("a");
        Field<OffsetDateTime> lastAnalyzed = field("greatest(pg_catalog.pg_stat_get_last_analyze_time({0}),"
                + " pg_catalog.pg_stat_get_last_autoanalyze_time({0}))", OffsetDateTime.class, OID).as("last_analyzed");
        return target.db()
                .select(SCHEMA, RELNAME, sizeUnlessLocked(OID).as("size"),
                        field(name("c", "relpages"), Long.class).as("relpages"),
                        field(name("c", "reltuples"), Double.class).as("reltuples"),
                        field(name("c", "reloptions"), String[].class).as("reloptions"),
                        field(name("a", "columns"), Integer.class).as("columns"),
                        coalesce(field(name("ps", "stats_columns"), Integer.class), inline(0)).as("stats_columns"),
                        coalesce(field(name("ps", "width"), Double.class), inline(0.0)).as("width"),
                        coalesce(field(name("ps", "nulls"), Boolean.class), inline(false)).as("nulls"),
                        lastAnalyzed,
                        field("pg_catalog.pg_stat_get_mod_since_analyze({0})", Long.class, OID).as("mods"),
                        field("pg_catalog.pg_stat_get_live_tuples({0})", Long.class, OID).as("live"),
                        field("pg_catalog.pg_stat_get_dead_tuples({0})", Long.class, OID).as("dead"),
                        Privileges.canSelect(OID).as("readable"))
                .from(CLASS)
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .join(columns).on(field(name("a", "attrelid")).eq(OID))
                .leftJoin(stats).on(field(name("ps", "relid")).eq(OID))
                .where(field(name("c", "relkind"), String.class).in(inline("r"), inline("m")))
                .and(userSchemas());
    }

    List<IndexBloat> indexes(int blockSize) {
        return indexesQuery().fetch(r -> toIndex(r, blockSize));
    }

    org.jooq.ResultQuery<? extends Record> indexesQuery() {
        Table<?> index = table(name("pg_catalog", "pg_index")).as("x");
        Table<?> tableClass = table(name("pg_catalog", "pg_class")).as("t");
        Table<?> indexColumn = table(name("pg_catalog", "pg_attribute")).as("ia");
        Field<Long> tableOid = field(name("x", "indrelid"), Long.class);
        Field<Integer> key = field("{0}[{1} - 1]", Integer.class, field(name("x", "indkey")), field(name("ia", "attnum")));
        // a key column has its table's statistics; an expression (key 0) has statistics of its own,
        // kept under the index
        Field<Long> statsRel = when(key.eq(inline(0)), OID).otherwise(tableOid);
        Field<Integer> statsAttnum = when(key.eq(inline(0)), field(name("ia", "attnum"), Integer.class)).otherwise(key);
        Field<Double> nullFrac = coalesce(field(name("cs", "null_frac"), Double.class), inline(0.0));
        return target.db()
                .select(SCHEMA, RELNAME, field(name("t", "relname"), String.class).as("table"),
                        field(name("c", "relpages"), Long.class).as("relpages"),
                        field(name("c", "reltuples"), Double.class).as("reltuples"),
                        field(name("c", "reloptions"), String[].class).as("reloptions"),
                        count().as("columns"),
                        count(field(name("cs", "relid"))).as("stats_columns"),
                        field("sum((1 - {0}) * {1})", Double.class, nullFrac, field(name("cs", "avg_width"))).as("width"),
                        field("bool_or({0} > 0)", Boolean.class, nullFrac).as("nulls"),
                        field("{0} is null", Boolean.class, field(name("x", "indpred"))).as("whole"),
                        field("pg_catalog.pg_stat_get_live_tuples({0})", Long.class, tableOid).as("live"),
                        field("pg_catalog.pg_stat_get_dead_tuples({0})", Long.class, tableOid).as("dead"),
                        Privileges.canSelect(tableOid).as("readable"))
                .from(index)
                .join(CLASS).on(OID.eq(field(name("x", "indexrelid"), Long.class)))
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .join(tableClass).on(field(name("t", "oid")).eq(tableOid))
                .join(table(name("pg_catalog", "pg_am")).as("am")).on(field(name("am", "oid")).eq(field(name("c", "relam"))))
                .join(indexColumn).on(field(name("ia", "attrelid")).eq(OID)).and(field(name("ia", "attnum"), Integer.class).gt(0))
                .leftJoin(columnStatistics().asTable("cs"))
                .on(field(name("cs", "relid")).eq(statsRel)).and(field(name("cs", "attnum")).eq(statsAttnum))
                .where(field(name("am", "amname"), String.class).eq(inline("btree")))
                .and(field(name("c", "relkind"), String.class).eq(inline("i")))
                .and(userSchemas())
                .groupBy(SCHEMA, RELNAME, field(name("t", "relname")), OID, tableOid, field(name("c", "relpages")),
                        field(name("c", "reltuples")), field(name("c", "reloptions")), field(name("x", "indpred")));
    }

    /**
     * Null fraction and average width per column (relid, attnum), from the last ANALYZE. A
     * superuser reads pg_statistic directly, by oid; other roles read the pg_stats view, which
     * checks the column privilege of every row and costs several times more on a large catalog.
     */
    private org.jooq.Select<?> columnStatistics() {
        if (target.capabilities().superuser()) {
            return select(field(name("starelid"), Long.class).as("relid"), field(name("staattnum"), Integer.class).as("attnum"),
                    field(name("stanullfrac"), Double.class).as("null_frac"), field(name("stawidth"), Integer.class).as("avg_width"))
                    .from(table(name("pg_catalog", "pg_statistic")))
                    .where(field(name("stainherit"), Boolean.class).isFalse());
        }
        return select(field(name("sc", "oid"), Long.class).as("relid"), field(name("sa", "attnum"), Integer.class).as("attnum"),
                field(name("ps", "null_frac"), Double.class).as("null_frac"),
                field(name("ps", "avg_width"), Integer.class).as("avg_width"))
                .from(table(name("pg_catalog", "pg_stats")).as("ps"))
                .join(table(name("pg_catalog", "pg_namespace")).as("sn"))
                .on(field(name("sn", "nspname")).eq(field(name("ps", "schemaname"))))
                .join(table(name("pg_catalog", "pg_class")).as("sc"))
                .on(field(name("sc", "relnamespace")).eq(field(name("sn", "oid"))))
                .and(field(name("sc", "relname")).eq(field(name("ps", "tablename"))))
                .join(table(name("pg_catalog", "pg_attribute")).as("sa"))
                .on(field(name("sa", "attrelid")).eq(field(name("sc", "oid"))))
                .and(field(name("sa", "attname")).eq(field(name("ps", "attname"))))
                .where(field(name("ps", "inherited"), Boolean.class).isFalse());
    }

    /**
     * Why exact figures cannot be had, or empty when they can: pgstattuple is missing, or the role
     * may not run it (it is granted to pg_stat_scan_tables, which even a table's owner may lack).
     */
    public Optional<String> cannotMeasure() {
        Optional<String> missing = target.capabilities().hint(Capabilities.Feature.PGSTATTUPLE);
        if (missing.isPresent()) {
            return missing;
        }
        // to_regprocedure: null, not an error, where the extension's schema is off the search_path
        boolean may = Boolean.TRUE.equals(target.db().select(field(
                "pg_catalog.has_function_privilege(pg_catalog.to_regprocedure('pgstattuple(regclass)'), 'EXECUTE')",
                Boolean.class)).fetchOne(0, Boolean.class));
        return may ? Optional.empty() : Optional.of(Privileges.measureNeedsScanTables());
    }

    /**
     * pgstattuple's answer for one table (pgstattuple_approx above 1 GB), or pgstatindex's for one
     * btree; empty without the extension; fails with one sentence when the role may not run it.
     */
    public Optional<ExactBloat> exact(RelationName relation) {
        Capabilities caps = target.capabilities();
        if (!caps.hasExtension(Capabilities.PGSTATTUPLE)) {
            return Optional.empty();
        }
        Optional<String> denied = cannotMeasure();
        if (denied.isPresent()) {
            throw new IllegalStateException(denied.get());
        }
        Field<String> regclass = field("{0}::regclass", String.class, inline(quoted(relation)));
        String kind = target.db().select(field("(select relkind from pg_catalog.pg_class where oid = {0})", String.class,
                regclass)).fetchOne(0, String.class);
        int blockSize = blockSize();
        if ("i".equals(kind)) {
            Record r = target.db().select(field("(s).index_size", Long.class).as("size"),
                            field("(s).leaf_pages", Long.class).as("leaf"),
                            field("(s).empty_pages", Long.class).as("empty"),
                            field("(s).deleted_pages", Long.class).as("deleted"),
                            field("(s).avg_leaf_density", Double.class).as("density"),
                            field("coalesce((select option_value::int from pg_catalog.pg_options_to_table(reloptions)"
                                    + " where option_name = 'fillfactor'), " + BloatEstimate.BTREE_DEFAULT_FILLFACTOR
                                    + ")", Integer.class).as("ff"))
                    .from(select(field("pgstatindex({0})", Object.class, regclass).as("s"),
                            field(name("reloptions"))).from(table(name("pg_catalog", "pg_class")))
                            .where(field(name("oid")).eq(regclass)).asTable("x"))
                    .fetchOne();
            long leaf = r.get("leaf", Long.class);
            double density = r.get("density", Double.class);
            double belowFillfactor = Math.max(0, r.get("ff", Integer.class) - (Double.isNaN(density) ? 0 : density)) / 100;
            long wasted = Math.round(leaf * blockSize * belowFillfactor)
                    + (r.get("empty", Long.class) + r.get("deleted", Long.class)) * blockSize;
            return Optional.of(new ExactBloat(relation, "pgstatindex", r.get("size", Long.class), wasted, 0, wasted, false));
        }
        long size = target.db().select(field("pg_catalog.pg_relation_size({0})", Long.class, regclass)).fetchOne(0, Long.class);
        if (size > APPROX_ABOVE_BYTES) {
            Record r = target.db().select(field("(s).table_len", Long.class).as("len"),
                            field("(s).dead_tuple_len", Long.class).as("dead"),
                            field("(s).approx_free_space", Long.class).as("free"))
                    .from(select(field("pgstattuple_approx({0})", Object.class, regclass).as("s")).asTable("x"))
                    .fetchOne();
            return Optional.of(exactTable(relation, "pgstattuple_approx", r, true));
        }
        Record r = target.db().select(field("(s).table_len", Long.class).as("len"),
                        field("(s).dead_tuple_len", Long.class).as("dead"),
                        field("(s).free_space", Long.class).as("free"))
                .from(select(field("pgstattuple({0})", Object.class, regclass).as("s")).asTable("x"))
                .fetchOne();
        return Optional.of(exactTable(relation, "pgstattuple", r, false));
    }

    private static ExactBloat exactTable(RelationName relation, String method, Record r, boolean approximate) {
        long dead = r.get("dead", Long.class);
        long free = r.get("free", Long.class);
        return new ExactBloat(relation, method, r.get("len", Long.class), dead + free, dead, free, approximate);
    }

    int blockSize() {
        return target.db().select(field("pg_catalog.current_setting('block_size')::int", Integer.class)).fetchOne(0, Integer.class);
    }

    /**
     * Pages now and live rows now where PostgreSQL knows them: relpages and reltuples date from
     * the last VACUUM or ANALYZE, while the file size and n_live_tup follow every write. Only the
     * column widths must come from the last ANALYZE.
     */
    private TableBloat toTable(Record r, int blockSize) {
        long relpages = r.get("relpages", Long.class);
        double reltuples = r.get("reltuples", Double.class);
        Long size = r.get("size", Long.class);
        long pages = size == null ? relpages : size / blockSize;
        long live = r.get("live", Long.class);
        // both zero after a statistics reset (or for an empty table): then the planner's count
        double rows = live + r.get("dead", Long.class) > 0 ? live : reltuples;
        int fillfactor = fillfactor(r.get("reloptions", String[].class), BloatEstimate.HEAP_DEFAULT_FILLFACTOR);
        long needed = BloatEstimate.heapPages(rows, r.get("columns", Integer.class), r.get("width", Double.class),
                r.get("nulls", Boolean.class), blockSize, fillfactor);
        OffsetDateTime analyzed = r.get("last_analyzed", OffsetDateTime.class);
        long mods = r.get("mods", Long.class);
        StatisticsState state = statistics(relpages, reltuples, r.get("columns", Integer.class),
                r.get("stats_columns", Integer.class), analyzed, mods, r.get("readable", Boolean.class));
        // columns without widths would make every row look small and the table look bloated
        boolean widthsKnown = state != StatisticsState.MISSING && state != StatisticsState.NEVER_ANALYZED
                && state != StatisticsState.HIDDEN;
        return new TableBloat(new RelationName(r.get(SCHEMA), r.get(RELNAME)), size, pages, rows, fillfactor, needed,
                widthsKnown ? BloatEstimate.wastedBytes(pages, needed, blockSize) : 0, state, analyzed, mods);
    }

    /**
     * Pages as of the last VACUUM, ANALYZE or CREATE INDEX: stat-ing every index file costs more
     * than the whole estimate on a catalog of 30,000 indexes. A whole index holds an entry per
     * live row of its table now.
     */
    private IndexBloat toIndex(Record r, int blockSize) {
        long relpages = r.get("relpages", Long.class);
        double reltuples = r.get("reltuples", Double.class);
        long pages = relpages;
        long size = relpages * blockSize;
        long live = r.get("live", Long.class);
        double rows = r.get("whole", Boolean.class) && live + r.get("dead", Long.class) > 0 ? live : reltuples;
        int fillfactor = fillfactor(r.get("reloptions", String[].class), BloatEstimate.BTREE_DEFAULT_FILLFACTOR);
        Double width = r.get("width", Double.class);
        int columns = r.get("columns", Integer.class);
        int withStats = r.get("stats_columns", Integer.class);
        long needed = BloatEstimate.btreePages(rows, width == null ? 0 : width, Boolean.TRUE.equals(r.get("nulls", Boolean.class)),
                blockSize, fillfactor);
        StatisticsState state = neverCounted(relpages, reltuples) ? StatisticsState.NEVER_ANALYZED
                : withStats < columns ? missingOrHidden(r.get("readable", Boolean.class)) : StatisticsState.FRESH;
        // without statistics the needed pages are unknown: claim no bloat rather than all of it
        long wasted = state.trusted() ? BloatEstimate.wastedBytes(pages, needed, blockSize) : 0;
        return new IndexBloat(new RelationName(r.get(SCHEMA), r.get(RELNAME)), r.get("table", String.class),
                size, pages, rows, fillfactor, needed, wasted, state);
    }

    private StatisticsState statistics(long pages, double rows, int columns, int withStats, OffsetDateTime analyzed,
                                       long mods, Boolean readable) {
        if (neverCounted(pages, rows)) {
            return StatisticsState.NEVER_ANALYZED;
        }
        if (withStats < columns && !Boolean.TRUE.equals(readable)) {
            return StatisticsState.HIDDEN;
        }
        if (analyzed == null && withStats == 0) {
            return StatisticsState.NEVER_ANALYZED;
        }
        if (withStats < columns) {
            return StatisticsState.MISSING;
        }
        boolean old = analyzed != null && analyzed.isBefore(OffsetDateTime.now().minus(STALE_AFTER));
        boolean changed = mods > 50 + 0.2 * Math.max(0, rows);
        return old || changed ? StatisticsState.STALE : StatisticsState.FRESH;
    }

    /**
     * pg_stats shows a column's statistics only to a role that may read the column: missing
     * statistics of a table the role may not SELECT are hidden, not missing.
     */
    private static StatisticsState missingOrHidden(Boolean readable) {
        return Boolean.TRUE.equals(readable) ? StatisticsState.MISSING : StatisticsState.HIDDEN;
    }

    /**
     * The one version switch of this reader: from PostgreSQL 14 reltuples is −1 until the first
     * VACUUM or ANALYZE; before, it is 0, which an empty table shares.
     */
    private boolean neverCounted(long pages, double rows) {
        return target.version().atLeast(14) ? rows < 0 : rows == 0 && pages == 0;
    }

    /**
     * The size, unless the relation is locked ACCESS EXCLUSIVE (granted or waited for): then
     * pg_relation_size would queue behind the lock (or fail at lock_timeout) and hold up the whole read.
     */
    private static Field<Long> sizeUnlessLocked(Field<Long> oid) {
        var locked = selectDistinct(field(name("l", "relation"), Long.class))
                .from(table(name("pg_catalog", "pg_locks")).as("l"))
                .where(field(name("l", "locktype"), String.class).eq(inline("relation")))
                .and(field(name("l", "mode"), String.class).eq(inline("AccessExclusiveLock")))
                .and(field(name("l", "relation")).isNotNull());
        return when(oid.in(locked), inline(null, Long.class))
                .otherwise(field("pg_catalog.pg_relation_size({0})", Long.class, oid));
    }

    private static Condition userSchemas() {
        return SCHEMA.notIn(inline("pg_catalog"), inline("information_schema"))
                .and(SCHEMA.notLike(inline("pg\\_toast%"))).and(SCHEMA.notLike(inline("pg\\_temp%")));
    }

    static int fillfactor(String[] reloptions, int fallback) {
        if (reloptions != null) {
            for (String option : reloptions) {
                if (option.startsWith("fillfactor=")) {
                    return Integer.parseInt(option.substring("fillfactor=".length()));
                }
            }
        }
        return fallback;
    }

    /** The relation as SQL spells it ("schema"."name", quotes doubled), for a ::regclass literal. */
    static String quoted(RelationName relation) {
        return Quoting.qualified(relation);
    }
}
