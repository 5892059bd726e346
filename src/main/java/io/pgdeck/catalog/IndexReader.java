package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgAm.PG_AM;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass.PG_CLASS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgConstraint.PG_CONSTRAINT;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgDatabase.PG_DATABASE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgIndex.PG_INDEX;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgLocks.PG_LOCKS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgNamespace.PG_NAMESPACE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatAllIndexes.PG_STAT_ALL_INDEXES;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatDatabase.PG_STAT_DATABASE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatProgressCreateIndex.PG_STAT_PROGRESS_CREATE_INDEX;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatUserTables.PG_STAT_USER_TABLES;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Target;
import io.pgdeck.db.pgcatalog.pg_catalog.tables.PgIndex;
import java.time.OffsetDateTime;
import java.util.Arrays;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Indexes: what they are (slow cadence: definitions and sizes cost catalog work), how much they
 * are used (every refresh), and which tables are read by sequential scans instead.
 */
public final class IndexReader {

    private static final PgIndex I = PG_INDEX.as("i");
    private static final Field<String> CURRENT_DATABASE = field("pg_catalog.current_database()", String.class);

    /** Objects below this oid belong to the system catalogs (FirstNormalObjectId). */
    private static final long FIRST_NORMAL_OID = 16384;

    private final Target target;

    public IndexReader(Target target) {
        this.target = target;
    }

    /**
     * Every index of the user's schemas with its definition and size. A relation that holds or
     * awaits an ACCESS EXCLUSIVE lock is neither sized nor deparsed: pg_relation_size,
     * pg_get_indexdef and pg_get_expr lock it and would queue behind that lock (until lock_timeout,
     * failing the whole read); its size and definition come back null instead.
     */
    public List<IndexDefinition> definitions() {
        var ic = PG_CLASS.as("ic");
        var tc = PG_CLASS.as("tc");
        var n = PG_NAMESPACE.as("n");
        var am = PG_AM.as("am");
        var l = PG_LOCKS.as("l");
        var co = PG_CONSTRAINT.as("co");
        // Both as joined derived tables, read once: correlated per index, 30,000 indexes made this
        // one read pass its statement_timeout (pg_locks is a function scan, conindid has no index).
        Table<?> exclusive = selectDistinct(l.RELATION)
                .from(l)
                .where(l.LOCKTYPE.eq(inline("relation")))
                .and(l.MODE.eq(inline("AccessExclusiveLock")))
                .and(l.DATABASE.eq(field(select(PG_DATABASE.OID).from(PG_DATABASE).where(PG_DATABASE.DATNAME.eq(CURRENT_DATABASE)))))
                .asTable("x");
        Table<?> constraints = select(co.CONINDID, co.CONNAME)
                .distinctOn(co.CONINDID)
                .from(co)
                .where(co.CONINDID.ne(inline(0L)))
                .orderBy(co.CONINDID, co.CONTYPE.desc()) // p, u, x before f
                .asTable("co");
        Table<?> xi = exclusive.as("xi");
        Table<?> xt = exclusive.as("xt");
        Condition locked = xi.field(l.RELATION).isNotNull().or(xt.field(l.RELATION).isNotNull());
        return target.db()
                .select(I.INDEXRELID.as("oid"), I.INDRELID.as("table_oid"), n.NSPNAME.as("schema"),
                        tc.RELNAME.as("table"), ic.RELNAME.as("name"), am.AMNAME.as("method"),
                        ic.RELKIND.eq(inline("I")).as("partitioned"),
                        when(locked, inline(null, String.class))
                                .otherwise(field("pg_catalog.pg_get_indexdef({0})", String.class, I.INDEXRELID)).as("definition"),
                        field("{0}::int2[]::int[]", Integer[].class, I.INDKEY).as("attributes"),
                        I.INDNKEYATTS.cast(Integer.class).as("key_columns"),
                        field("{0}::oid[]::bigint[]", Long[].class, I.INDCLASS).as("opclasses"),
                        field("{0}::int2[]::int[]", Integer[].class, I.INDOPTION).as("options"),
                        field("{0}::oid[]::bigint[]", Long[].class, I.INDCOLLATION).as("collations"),
                        expression(I.INDEXPRS, locked).as("expressions"),
                        expression(I.INDPRED, locked).as("predicate"),
                        I.INDISPRIMARY, I.INDISUNIQUE, I.INDISEXCLUSION, I.INDISREPLIDENT, I.INDISVALID, I.INDISREADY,
                        constraints.field(co.CONNAME).as("constraint"),
                        when(locked, inline(null, Long.class))
                                .otherwise(field("pg_catalog.pg_relation_size({0})", Long.class, I.INDEXRELID)).as("size"))
                .from(I)
                .join(ic).on(ic.OID.eq(I.INDEXRELID))
                .join(tc).on(tc.OID.eq(I.INDRELID))
                .join(n).on(n.OID.eq(tc.RELNAMESPACE))
                .join(am).on(am.OID.eq(ic.RELAM))
                .leftJoin(constraints).on(constraints.field(co.CONINDID).eq(I.INDEXRELID))
                .leftJoin(xi).on(xi.field(l.RELATION).eq(I.INDEXRELID))
                .leftJoin(xt).on(xt.field(l.RELATION).eq(I.INDRELID))
                .where(userSchema(n.NSPNAME))
                .orderBy(n.NSPNAME, tc.RELNAME, ic.RELNAME)
                .fetch(IndexReader::toDefinition);
    }

    /** Counters of every index, cheap enough for every refresh, with the window they cover. */
    public IndexUsage usage() {
        // The functions behind pg_stat_user_indexes, on pg_index alone: the view's joins to pg_class
        // and pg_namespace cost more than the counters on a catalog of 30,000 indexes.
        Map<Long, IndexCounters> counters = new HashMap<>();
        target.db().select(I.INDEXRELID, stat("pg_stat_get_numscans"), stat("pg_stat_get_tuples_returned"),
                        stat("pg_stat_get_tuples_fetched"), lastScanField())
                .from(I)
                .where(I.INDEXRELID.ge(inline(FIRST_NORMAL_OID)))
                .forEach(r -> counters.put(r.value1(), new IndexCounters(r.value2(), r.value3(), r.value4(), r.value5())));
        var p = PG_STAT_PROGRESS_CREATE_INDEX;
        Set<Long> building = new HashSet<>(target.db()
                .selectDistinct(p.RELID)
                .from(p)
                .where(p.DATNAME.eq(CURRENT_DATABASE))
                .fetch(p.RELID));
        var d = PG_STAT_DATABASE;
        Record window = target.db()
                .select(field("coalesce({0}, pg_catalog.pg_postmaster_start_time())", OffsetDateTime.class, d.STATS_RESET).as("since"),
                        field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("now"))
                .from(d)
                .where(d.DATNAME.eq(CURRENT_DATABASE))
                .fetchOne();
        return new IndexUsage(window.get("since", OffsetDateTime.class), window.get("now", OffsetDateTime.class),
                counters, building);
    }

    /** Sequential and index scans of every user table, most rows read sequentially first. */
    public List<TableScans> tableScans() {
        var t = PG_STAT_USER_TABLES;
        return target.db()
                .select(t.RELID, t.SCHEMANAME, t.RELNAME, t.SEQ_SCAN, t.SEQ_TUP_READ,
                        field("coalesce({0}, 0)", Long.class, t.IDX_SCAN), t.N_LIVE_TUP)
                .from(t)
                .where(t.SEQ_SCAN.gt(inline(0L)))
                .orderBy(t.SEQ_TUP_READ.desc())
                .fetch(r -> new TableScans(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    /** The one version switch of this reader: the last scan of an index is tracked from PG16. */
    private Field<OffsetDateTime> lastScanField() {
        return ColumnVersions.has(target.version(), PG_STAT_ALL_INDEXES.LAST_IDX_SCAN)
                ? field("pg_catalog.pg_stat_get_lastscan({0})", OffsetDateTime.class, I.INDEXRELID).as("last_idx_scan")
                : inline(null, OffsetDateTime.class).as("last_idx_scan");
    }

    private static Condition userSchema(Field<String> schema) {
        return schema.notIn(inline("pg_catalog"), inline("information_schema"))
                .and(schema.notLike(inline("pg\\_toast%")))
                .and(schema.notLike(inline("pg\\_temp\\_%")));
    }

    private static IndexDefinition toDefinition(Record r) {
        return new IndexDefinition(
                r.get("oid", Long.class), r.get("table_oid", Long.class),
                r.get("schema", String.class), r.get("table", String.class), r.get("name", String.class),
                r.get("method", String.class), r.get("partitioned", Boolean.class), r.get("definition", String.class),
                Arrays.asList(r.get("attributes", Integer[].class)), r.get("key_columns", Integer.class),
                Arrays.asList(r.get("opclasses", Long[].class)), Arrays.asList(r.get("options", Integer[].class)),
                Arrays.asList(r.get("collations", Long[].class)),
                r.get("expressions", String.class), r.get("predicate", String.class),
                r.get("indisprimary", Boolean.class), r.get("indisunique", Boolean.class),
                r.get("indisexclusion", Boolean.class), r.get("indisreplident", Boolean.class),
                r.get("indisvalid", Boolean.class), r.get("indisready", Boolean.class),
                r.get("constraint", String.class), r.get("size", Long.class));
    }

    /**
     * pg_get_expr opens the table (AccessShareLock) to name its columns: on a locked table the raw
     * node tree stands in, enough to compare two indexes, never shown as SQL to run.
     */
    private static Field<String> expression(Field<String> tree, Condition locked) {
        return when(locked, field("{0}::text", String.class, tree))
                .otherwise(field("pg_catalog.pg_get_expr({0}, {1})", String.class, tree, I.INDRELID));
    }

    private static Field<Long> stat(String function) {
        return field("pg_catalog." + function + "({0})", Long.class, I.INDEXRELID);
    }
}
