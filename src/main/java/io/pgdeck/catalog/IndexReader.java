package io.pgdeck.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectDistinct;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Target;
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

    private static final Table<?> INDEX = table(name("pg_catalog", "pg_index")).as("i");
    private static final Table<?> INDEX_CLASS = table(name("pg_catalog", "pg_class")).as("ic");
    private static final Table<?> TABLE_CLASS = table(name("pg_catalog", "pg_class")).as("tc");
    private static final Table<?> NAMESPACE = table(name("pg_catalog", "pg_namespace")).as("n");
    private static final Table<?> METHOD = table(name("pg_catalog", "pg_am")).as("am");
    private static final Field<Long> INDEX_OID = field(name("i", "indexrelid"), Long.class);
    private static final Field<Long> TABLE_OID = field(name("i", "indrelid"), Long.class);
    private static final Field<String> SCHEMA = field(name("n", "nspname"), String.class);

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
        // Both as joined derived tables, read once: correlated per index, 30,000 indexes made this
        // one read pass its statement_timeout (pg_locks is a function scan, conindid has no index).
        Table<?> exclusive = selectDistinct(field(name("l", "relation"), Long.class).as("relation"))
                .from(table(name("pg_catalog", "pg_locks")).as("l"))
                .where(field(name("l", "locktype")).eq(inline("relation")))
                .and(field(name("l", "mode")).eq(inline("AccessExclusiveLock")))
                .and(field(name("l", "database"), Long.class).eq(
                        field("(SELECT oid FROM pg_catalog.pg_database WHERE datname = pg_catalog.current_database())", Long.class)))
                .asTable("x");
        Table<?> constraints = select(field(name("co", "conindid"), Long.class).as("conindid"),
                        field(name("co", "conname"), String.class).as("conname"))
                .distinctOn(field(name("co", "conindid")))
                .from(table(name("pg_catalog", "pg_constraint")).as("co"))
                .where(field(name("co", "conindid"), Long.class).ne(inline(0L)))
                .orderBy(field(name("co", "conindid")), field(name("co", "contype")).desc()) // p, u, x before f
                .asTable("co");
        Condition locked = field(name("xi", "relation")).isNotNull().or(field(name("xt", "relation")).isNotNull());
        Field<String> constraint = field(name("co", "conname"), String.class).as("constraint");
        return target.db()
                .select(INDEX_OID.as("oid"), TABLE_OID.as("table_oid"), SCHEMA.as("schema"),
                        field(name("tc", "relname"), String.class).as("table"),
                        field(name("ic", "relname"), String.class).as("name"),
                        field(name("am", "amname"), String.class).as("method"),
                        field(name("ic", "relkind"), String.class).eq(inline("I")).as("partitioned"),
                        when(locked, inline(null, String.class))
                                .otherwise(field("pg_catalog.pg_get_indexdef({0})", String.class, INDEX_OID)).as("definition"),
                        field("{0}::int2[]::int[]", Integer[].class, field(name("i", "indkey"))).as("attributes"),
                        field(name("i", "indnkeyatts"), Integer.class).as("key_columns"),
                        field("{0}::oid[]::bigint[]", Long[].class, field(name("i", "indclass"))).as("opclasses"),
                        field("{0}::int2[]::int[]", Integer[].class, field(name("i", "indoption"))).as("options"),
                        field("{0}::oid[]::bigint[]", Long[].class, field(name("i", "indcollation"))).as("collations"),
                        expression("indexprs", locked).as("expressions"),
                        expression("indpred", locked).as("predicate"),
                        flag("indisprimary"), flag("indisunique"), flag("indisexclusion"), flag("indisreplident"),
                        flag("indisvalid"), flag("indisready"), constraint,
                        when(locked, inline(null, Long.class))
                                .otherwise(field("pg_catalog.pg_relation_size({0})", Long.class, INDEX_OID)).as("size"))
                .from(INDEX)
                .join(INDEX_CLASS).on(field(name("ic", "oid"), Long.class).eq(INDEX_OID))
                .join(TABLE_CLASS).on(field(name("tc", "oid"), Long.class).eq(TABLE_OID))
                .join(NAMESPACE).on(field(name("n", "oid"), Long.class).eq(field(name("tc", "relnamespace"), Long.class)))
                .join(METHOD).on(field(name("am", "oid"), Long.class).eq(field(name("ic", "relam"), Long.class)))
                .leftJoin(constraints).on(field(name("co", "conindid"), Long.class).eq(INDEX_OID))
                .leftJoin(exclusive.as("xi")).on(field(name("xi", "relation"), Long.class).eq(INDEX_OID))
                .leftJoin(exclusive.as("xt")).on(field(name("xt", "relation"), Long.class).eq(TABLE_OID))
                .where(userSchema(SCHEMA))
                .orderBy(SCHEMA, field(name("tc", "relname")), field(name("ic", "relname")))
                .fetch(IndexReader::toDefinition);
    }

    /** Counters of every index, cheap enough for every refresh, with the window they cover. */
    public IndexUsage usage() {
        // The functions behind pg_stat_user_indexes, on pg_index alone: the view's joins to pg_class
        // and pg_namespace cost more than the counters on a catalog of 30,000 indexes.
        Map<Long, IndexCounters> counters = new HashMap<>();
        target.db().select(INDEX_OID, stat("pg_stat_get_numscans"), stat("pg_stat_get_tuples_returned"),
                        stat("pg_stat_get_tuples_fetched"), lastScanField())
                .from(INDEX)
                .where(INDEX_OID.ge(inline(FIRST_NORMAL_OID)))
                .forEach(r -> counters.put(r.value1(), new IndexCounters(r.value2(), r.value3(), r.value4(), r.value5())));
        Set<Long> building = new HashSet<>(target.db()
                .selectDistinct(field(name("p", "relid"), Long.class))
                .from(table(name("pg_catalog", "pg_stat_progress_create_index")).as("p"))
                .where(field(name("p", "datname"), String.class).eq(field("pg_catalog.current_database()", String.class)))
                .fetch(field(name("p", "relid"), Long.class)));
        Record window = target.db()
                .select(field("coalesce({0}, pg_catalog.pg_postmaster_start_time())", OffsetDateTime.class,
                                field(name("d", "stats_reset"))).as("since"),
                        field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("now"))
                .from(table(name("pg_catalog", "pg_stat_database")).as("d"))
                .where(field(name("d", "datname"), String.class).eq(field("pg_catalog.current_database()", String.class)))
                .fetchOne();
        return new IndexUsage(window.get("since", OffsetDateTime.class), window.get("now", OffsetDateTime.class),
                counters, building);
    }

    /** Sequential and index scans of every user table, most rows read sequentially first. */
    public List<TableScans> tableScans() {
        Field<Long> seqTupRead = field(name("t", "seq_tup_read"), Long.class);
        return target.db()
                .select(field(name("t", "relid"), Long.class), field(name("t", "schemaname"), String.class),
                        field(name("t", "relname"), String.class), field(name("t", "seq_scan"), Long.class), seqTupRead,
                        field("coalesce({0}, 0)", Long.class, field(name("t", "idx_scan"))),
                        field(name("t", "n_live_tup"), Long.class))
                .from(table(name("pg_catalog", "pg_stat_user_tables")).as("t"))
                .where(field(name("t", "seq_scan"), Long.class).gt(inline(0L)))
                .orderBy(seqTupRead.desc())
                .fetch(r -> new TableScans(r.value1(), r.value2(), r.value3(), r.value4(), r.value5(), r.value6(), r.value7()));
    }

    /** The one version switch of this reader: the last scan of an index is tracked from PG16. */
    private Field<OffsetDateTime> lastScanField() {
        return target.version().atLeast(16)
                ? field("pg_catalog.pg_stat_get_lastscan({0})", OffsetDateTime.class, INDEX_OID).as("last_idx_scan")
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
    private static Field<String> expression(String column, Condition locked) {
        Field<Object> tree = field(name("i", column));
        return when(locked, field("{0}::text", String.class, tree))
                .otherwise(field("pg_catalog.pg_get_expr({0}, {1})", String.class, tree, TABLE_OID));
    }

    private static Field<Boolean> flag(String column) {
        return field(name("i", column), Boolean.class).as(column);
    }

    private static Field<Long> stat(String function) {
        return field("pg_catalog." + function + "({0})", Long.class, INDEX_OID);
    }
}
