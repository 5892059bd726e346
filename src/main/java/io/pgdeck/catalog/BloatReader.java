package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgAm.PG_AM;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgAttribute.PG_ATTRIBUTE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass.PG_CLASS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgIndex.PG_INDEX;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgLocks.PG_LOCKS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgNamespace.PG_NAMESPACE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatistic.PG_STATISTIC;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStats.PG_STATS;
import static org.jooq.impl.DSL.coalesce;
import static org.jooq.impl.DSL.condition;
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
import io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass;
import io.pgdeck.db.pgcatalog.pg_catalog.tables.PgNamespace;
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

    private static final PgClass C = PG_CLASS.as("c");
    private static final PgNamespace N = PG_NAMESPACE.as("n");

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
        Table<?> cs = columnStatistics().asTable("cs");
        Field<Double> nullFrac = cs.field("null_frac", Double.class);
        Field<Long> relid = cs.field("relid", Long.class);
        Table<?> stats = select(relid, count().as("stats_columns"),
                field("sum((1 - {0}) * {1})", BigDecimal.class, nullFrac, cs.field("avg_width")).as("width"),
                field("bool_or({0} > 0)", Boolean.class, nullFrac).as("nulls"))
                .from(cs)
                .groupBy(relid)
                .asTable("ps");
        Table<?> columns = select(PG_ATTRIBUTE.ATTRELID, count().as("columns"))
                .from(PG_ATTRIBUTE)
                .where(PG_ATTRIBUTE.ATTNUM.gt(inline((short) 0))).and(PG_ATTRIBUTE.ATTISDROPPED.isFalse())
                .groupBy(PG_ATTRIBUTE.ATTRELID)
                .asTable("a");
        Field<OffsetDateTime> lastAnalyzed = field("greatest(pg_catalog.pg_stat_get_last_analyze_time({0}),"
                + " pg_catalog.pg_stat_get_last_autoanalyze_time({0}))", OffsetDateTime.class, C.OID).as("last_analyzed");
        return target.db()
                .select(N.NSPNAME, C.RELNAME, sizeUnlessLocked(C.OID).as("size"),
                        C.RELPAGES, C.RELTUPLES, C.RELOPTIONS, columns.field("columns", Integer.class),
                        coalesce(stats.field("stats_columns", Integer.class), inline(0)).as("stats_columns"),
                        coalesce(stats.field("width", Double.class), inline(0.0)).as("width"),
                        coalesce(stats.field("nulls", Boolean.class), inline(false)).as("nulls"),
                        lastAnalyzed,
                        field("pg_catalog.pg_stat_get_mod_since_analyze({0})", Long.class, C.OID).as("mods"),
                        field("pg_catalog.pg_stat_get_live_tuples({0})", Long.class, C.OID).as("live"),
                        field("pg_catalog.pg_stat_get_dead_tuples({0})", Long.class, C.OID).as("dead"),
                        Privileges.canSelect(C.OID).as("readable"))
                .from(C)
                .join(N).on(N.OID.eq(C.RELNAMESPACE))
                .join(columns).on(columns.field(PG_ATTRIBUTE.ATTRELID).eq(C.OID))
                .leftJoin(stats).on(stats.field(relid).eq(C.OID))
                .where(C.RELKIND.in(inline("r"), inline("m")))
                .and(userSchemas());
    }

    List<IndexBloat> indexes(int blockSize) {
        return indexesQuery().fetch(r -> toIndex(r, blockSize));
    }

    org.jooq.ResultQuery<? extends Record> indexesQuery() {
        var x = PG_INDEX.as("x");
        var t = PG_CLASS.as("t");
        var ia = PG_ATTRIBUTE.as("ia");
        var am = PG_AM.as("am");
        Table<?> cs = columnStatistics().asTable("cs");
        Field<Integer> attnum = ia.ATTNUM.cast(Integer.class);
        Field<Integer> key = field("{0}[{1} - 1]", Integer.class, x.INDKEY, ia.ATTNUM);
        // a key column has its table's statistics; an expression (key 0) has statistics of its own,
        // kept under the index
        Field<Long> statsRel = when(key.eq(inline(0)), C.OID).otherwise(x.INDRELID);
        Field<Integer> statsAttnum = when(key.eq(inline(0)), attnum).otherwise(key);
        Field<Double> nullFrac = coalesce(cs.field("null_frac", Double.class), inline(0.0));
        return target.db()
                .select(N.NSPNAME, C.RELNAME, t.RELNAME.as("table"), C.RELPAGES, C.RELTUPLES, C.RELOPTIONS,
                        count().as("columns"),
                        count(cs.field("relid")).as("stats_columns"),
                        field("sum((1 - {0}) * {1})", Double.class, nullFrac, cs.field("avg_width")).as("width"),
                        field("bool_or({0} > 0)", Boolean.class, nullFrac).as("nulls"),
                        x.INDPRED.isNull().as("whole"),
                        field("pg_catalog.pg_stat_get_live_tuples({0})", Long.class, x.INDRELID).as("live"),
                        field("pg_catalog.pg_stat_get_dead_tuples({0})", Long.class, x.INDRELID).as("dead"),
                        Privileges.canSelect(x.INDRELID).as("readable"))
                .from(x)
                .join(C).on(C.OID.eq(x.INDEXRELID))
                .join(N).on(N.OID.eq(C.RELNAMESPACE))
                .join(t).on(t.OID.eq(x.INDRELID))
                .join(am).on(am.OID.eq(C.RELAM))
                .join(ia).on(ia.ATTRELID.eq(C.OID)).and(ia.ATTNUM.gt(inline((short) 0)))
                .leftJoin(cs)
                .on(cs.field("relid", Long.class).eq(statsRel)).and(cs.field("attnum", Integer.class).eq(statsAttnum))
                .where(am.AMNAME.eq(inline("btree")))
                .and(C.RELKIND.eq(inline("i")))
                .and(userSchemas())
                .groupBy(N.NSPNAME, C.RELNAME, t.RELNAME, C.OID, x.INDRELID, C.RELPAGES, C.RELTUPLES, C.RELOPTIONS, x.INDPRED);
    }

    /**
     * Null fraction and average width per column (relid, attnum), from the last ANALYZE. A
     * superuser reads pg_statistic directly, by oid; other roles read the pg_stats view, which
     * checks the column privilege of every row and costs several times more on a large catalog.
     */
    private org.jooq.Select<?> columnStatistics() {
        if (target.capabilities().superuser()) {
            var st = PG_STATISTIC;
            return select(st.STARELID.as("relid"), st.STAATTNUM.cast(Integer.class).as("attnum"),
                    st.STANULLFRAC.as("null_frac"), st.STAWIDTH.as("avg_width"))
                    .from(st)
                    .where(st.STAINHERIT.isFalse());
        }
        var ps = PG_STATS.as("ps");
        var sn = PG_NAMESPACE.as("sn");
        var sc = PG_CLASS.as("sc");
        var sa = PG_ATTRIBUTE.as("sa");
        return select(sc.OID.as("relid"), sa.ATTNUM.cast(Integer.class).as("attnum"),
                ps.NULL_FRAC.as("null_frac"), ps.AVG_WIDTH.as("avg_width"))
                .from(ps)
                .join(sn).on(sn.NSPNAME.eq(ps.SCHEMANAME))
                .join(sc).on(sc.RELNAMESPACE.eq(sn.OID)).and(sc.RELNAME.eq(ps.TABLENAME))
                .join(sa).on(sa.ATTRELID.eq(sc.OID)).and(sa.ATTNAME.eq(ps.ATTNAME))
                .where(ps.INHERITED.isFalse());
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
                            PG_CLASS.RELOPTIONS).from(PG_CLASS)
                            .where(condition("{0} = {1}", PG_CLASS.OID, regclass)).asTable("x"))
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
        return new TableBloat(new RelationName(r.get(N.NSPNAME), r.get(C.RELNAME)), size, pages, rows, fillfactor, needed,
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
        return new IndexBloat(new RelationName(r.get(N.NSPNAME), r.get(C.RELNAME)), r.get("table", String.class),
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
        var l = PG_LOCKS.as("l");
        var locked = selectDistinct(l.RELATION)
                .from(l)
                .where(l.LOCKTYPE.eq(inline("relation")))
                .and(l.MODE.eq(inline("AccessExclusiveLock")))
                .and(l.RELATION.isNotNull());
        return when(oid.in(locked), inline(null, Long.class))
                .otherwise(field("pg_catalog.pg_relation_size({0})", Long.class, oid));
    }

    private static Condition userSchemas() {
        return N.NSPNAME.notIn(inline("pg_catalog"), inline("information_schema"))
                .and(N.NSPNAME.notLike(inline("pg\\_toast%"))).and(N.NSPNAME.notLike(inline("pg\\_temp%")));
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
