package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgAttribute.PG_ATTRIBUTE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass.PG_CLASS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgExtension.PG_EXTENSION;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgInherits.PG_INHERITS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgNamespace.PG_NAMESPACE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgPartitionedTable.PG_PARTITIONED_TABLE;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Privileges;
import io.pgdeck.connect.Target;
import io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Record2;

/**
 * Partitioned tables and their partitions (range, list, hash, nested levels) from pg_class,
 * pg_inherits and pg_partitioned_table; bounds come as pg_get_expr prints them and are parsed
 * by {@link PartitionBounds}. Sizes stat files: read on the slow cadence.
 */
public final class PartitionReader {

    /** DEFAULT partitions are counted up to this many rows: enough to say "holds rows", cheap on a big one. */
    public static final int DEFAULT_ROW_CAP = 100_000;
    public static final String PARTMAN = "pg_partman";

    private static final PgClass C = PG_CLASS.as("c");

    private final Target target;

    public PartitionReader(Target target) {
        this.target = target;
    }

    /** Every partitioned table that is not itself a partition, with its tree. */
    public List<PartitionSet> sets() {
        var n = PG_NAMESPACE.as("n");
        var i = PG_INHERITS.as("i");
        var pt = PG_PARTITIONED_TABLE.as("pt");
        var a = PG_ATTRIBUTE.as("a");
        List<Row> rows = target.db()
                .select(C.OID.as("oid"), n.NSPNAME.as("schema"), C.RELNAME.as("name"), C.RELKIND.as("relkind"),
                        C.RELISPARTITION.as("is_partition"), i.INHPARENT.as("parent"),
                        field("pg_catalog.pg_get_expr({0}, {1})", String.class, C.RELPARTBOUND, C.OID).as("bound"),
                        C.RELTUPLES.cast(Long.class).as("rows"),
                        when(C.RELKIND.eq(inline("p")), inline(0L))
                                .otherwise(field("pg_catalog.pg_total_relation_size({0})", Long.class, C.OID)).as("size"),
                        when(pt.PARTSTRAT.eq(inline("r")), inline("range")).when(pt.PARTSTRAT.eq(inline("l")), inline("list"))
                                .when(pt.PARTSTRAT.eq(inline("h")), inline("hash")).as("strategy"),
                        field("pg_catalog.pg_get_partkeydef({0})", String.class, pt.PARTRELID).as("keydef"),
                        field(select(a.ATTNAME).from(a).where(a.ATTRELID.eq(pt.PARTRELID))
                                .and(pt.PARTNATTS.eq(inline((short) 1))).and(condition("{0} = {1}[0]", a.ATTNUM, pt.PARTATTRS)))
                                .as("keycol"),
                        detachPendingField(i),
                        Privileges.canSelect(C.OID).as("readable"),
                        rowsFromStatistics().as("estimate"))
                .from(C)
                .join(n).on(n.OID.eq(C.RELNAMESPACE))
                .leftJoin(i).on(i.INHRELID.eq(C.OID).and(C.RELISPARTITION))
                .leftJoin(pt).on(pt.PARTRELID.eq(C.OID))
                .where(C.RELKIND.eq(inline("p")).or(C.RELISPARTITION.isTrue().and(C.RELKIND.in(inline("r"), inline("f")))))
                .fetch(PartitionReader::row);
        Map<Long, Long> defaultRows = countDefaults(rows);
        Map<Long, List<Row>> byParent = new HashMap<>();
        rows.stream().filter(r -> r.parent != null).forEach(r -> byParent.computeIfAbsent(r.parent, k -> new ArrayList<>()).add(r));
        Optional<Map<String, PartmanConfig>> partman = partmanConfigs();
        return rows.stream()
                .filter(r -> "p".equals(r.relkind) && !r.isPartition)
                .sorted(Comparator.comparing((Row r) -> r.schema).thenComparing(r -> r.name))
                .map(r -> new PartitionSet(r.schema, r.name, r.strategy, r.keyDef, r.keyColumn,
                        children(r.oid, byParent, defaultRows),
                        partman.map(m -> m.get(r.schema + "." + r.name))))
                .toList();
    }

    /**
     * Rows of a DEFAULT partition that fall in [from, to) of the key column: PostgreSQL refuses to
     * create a partition for that range while they are there.
     */
    public long rowsInRange(Relation table, String keyColumn, String from, String to) {
        Field<Object> key = field(name(keyColumn));
        return target.db().select(count()).from(table(table.jooqName()))
                .where(key.ge(inline(from))).and(key.lt(inline(to)))
                .fetchOne(0, Long.class);
    }

    /** Tables that could be attached: plain tables that are neither partitions nor inheritance children. */
    public List<String> attachable(String schema) {
        var n = PG_NAMESPACE.as("n");
        var i = PG_INHERITS.as("i");
        return target.db().select(C.RELNAME)
                .from(C)
                .join(n).on(n.OID.eq(C.RELNAMESPACE))
                .where(n.NSPNAME.eq(schema))
                .and(C.RELKIND.eq(inline("r"))).and(C.RELISPARTITION.isFalse())
                .andNotExists(selectOne().from(i).where(i.INHRELID.eq(C.OID).or(i.INHPARENT.eq(C.OID))))
                .orderBy(C.RELNAME)
                .fetch(r -> r.value1());
    }

    /** pg_partman's configuration per parent ("schema.table"), when the extension is installed here. */
    public Optional<Map<String, PartmanConfig>> partmanConfigs() {
        return partmanSchema().map(this::partmanConfigs);
    }

    /** The schema pg_partman is installed in, when it is. */
    public Optional<String> partmanSchema() {
        if (!target.capabilities().hasExtension(PARTMAN)) {
            return Optional.empty();
        }
        return target.db().select(PG_NAMESPACE.NSPNAME)
                .from(PG_EXTENSION)
                .join(PG_NAMESPACE).on(PG_NAMESPACE.OID.eq(PG_EXTENSION.EXTNAMESPACE))
                .where(PG_EXTENSION.EXTNAME.eq(PARTMAN))
                .fetchOptional(0, String.class);
    }

    /** Empty when the role may not read part_config (pg_partman grants nothing): the sets show without it. */
    Map<String, PartmanConfig> partmanConfigs(String schema) {
        Map<String, PartmanConfig> out = new LinkedHashMap<>();
        boolean readable = Boolean.TRUE.equals(target.db().select(Privileges.canSelect(
                field("{0}::regclass::oid", Long.class, inline(Quoting.qualified(new RelationName(schema, "part_config"))))))
                .fetchOne(0, Boolean.class));
        if (!readable) {
            return out;
        }
        target.db().select(field(name("parent_table"), String.class), field(name("partition_interval"), String.class),
                        field(name("premake"), Integer.class), field(name("retention"), String.class),
                        field(name("retention_keep_table"), Boolean.class))
                .from(table(name(schema, "part_config")))
                .fetch()
                .forEach(r -> out.put(r.value1(), new PartmanConfig(r.value1(), r.value2(),
                        r.value3() == null ? 0 : r.value3(), r.value4(), Boolean.TRUE.equals(r.value5()))));
        return out;
    }

    private List<Partition> children(long parent, Map<Long, List<Row>> byParent, Map<Long, Long> defaultRows) {
        return byParent.getOrDefault(parent, List.of()).stream()
                .map(r -> {
                    PartitionBounds bounds = PartitionBounds.parse(r.bound);
                    List<Partition> below = "p".equals(r.relkind) ? children(r.oid, byParent, defaultRows) : List.of();
                    long rows = below.isEmpty() ? r.rows : below.stream().mapToLong(p -> Math.max(0, p.estimatedRows())).sum();
                    long size = below.isEmpty() ? r.size : below.stream().mapToLong(Partition::sizeBytes).sum();
                    long inDefault = bounds.isDefault() && !"p".equals(r.relkind) ? defaultRows.getOrDefault(r.oid, 0L)
                            : below.stream().filter(Partition::isDefault).mapToLong(p -> Math.max(0, p.defaultRows())).sum();
                    boolean readable = below.isEmpty() ? r.readable : below.stream().allMatch(Partition::readable);
                    return new Partition(r.schema, r.name, bounds, rows, size, inDefault, r.detachPending,
                            "p".equals(r.relkind) ? r.strategy : null, below, readable);
                })
                .sorted(ORDER)
                .toList();
    }

    /** Oldest range first, hash by remainder, list by name; DEFAULT last. */
    private static final Comparator<Partition> ORDER = Comparator
            .comparing((Partition p) -> p.isDefault())
            .thenComparing(p -> p.bounds().time() == null ? null : p.bounds().time().from(),
                    Comparator.nullsFirst(Comparator.naturalOrder()))
            .thenComparingInt(p -> p.bounds().remainder())
            .thenComparing(p -> p.bounds().from().isEmpty() ? "" : p.bounds().from().get(0))
            .thenComparing(Partition::name);

    /**
     * Rows of every leaf DEFAULT partition, capped, in one round trip; a partition the role may
     * not SELECT (a pg_monitor role, say) gets the statistics' figure instead of failing the read.
     */
    private Map<Long, Long> countDefaults(List<Row> rows) {
        Map<Long, Long> out = new HashMap<>();
        rows.stream().filter(r -> isLeafDefault(r) && !r.readable).forEach(r -> out.put(r.oid, r.estimate));
        List<org.jooq.Select<Record2<Long, Long>>> counts = rows.stream()
                .filter(r -> isLeafDefault(r) && r.readable)
                .map(r -> (org.jooq.Select<Record2<Long, Long>>) select(inline(r.oid).as("oid"), field(
                        selectCount().from(selectOne().from(table(name(r.schema, r.name))).limit(inline(DEFAULT_ROW_CAP))
                                .asTable("d"))).cast(Long.class).as("n")))
                .toList();
        if (counts.isEmpty()) {
            return out;
        }
        target.db().fetch(counts.stream().reduce(org.jooq.Select::unionAll).orElseThrow())
                .forEach(r -> out.put(r.value1(), r.value2()));
        return out;
    }

    private static boolean isLeafDefault(Row r) {
        return !"p".equals(r.relkind) && "DEFAULT".equals(r.bound);
    }

    /**
     * Live rows as the statistics know them, which every role may read: reltuples as of the last
     * VACUUM or ANALYZE, else n_live_tup (which follows each write, but drifts: counts a backend
     * flushes after an ANALYZE are added to its figure); -1 when neither has counted the table yet.
     * A version switch: from PostgreSQL 14 reltuples is -1 until counted; before, an uncounted
     * table shows 0 rows in 0 pages, as an empty one does, and is called unknown.
     */
    private Field<Long> rowsFromStatistics() {
        Condition counted = target.version().atLeast(14)
                ? C.RELTUPLES.ge(inline(0f))
                : C.RELTUPLES.gt(inline(0f)).or(C.RELPAGES.gt(inline(0)));
        Field<Long> live = field("pg_catalog.pg_stat_get_live_tuples({0})", Long.class, C.OID);
        Field<Long> dead = field("pg_catalog.pg_stat_get_dead_tuples({0})", Long.class, C.OID);
        return when(counted, C.RELTUPLES.cast(Long.class)).when(live.plus(dead).gt(inline(0L)), live).otherwise(inline(-1L));
    }

    /** Detaching concurrently leaves a pending mark from PG14; before, nothing is ever pending. */
    private Field<Boolean> detachPendingField(io.pgdeck.db.pgcatalog.pg_catalog.tables.PgInherits i) {
        return ColumnVersions.has(target.version(), i.INHDETACHPENDING)
                ? i.INHDETACHPENDING.as("detach_pending")
                : inline(false).as("detach_pending");
    }

    private static Row row(Record r) {
        return new Row(r.get("oid", Long.class), r.get("schema", String.class), r.get("name", String.class),
                r.get("relkind", String.class), Boolean.TRUE.equals(r.get("is_partition", Boolean.class)),
                r.get("parent", Long.class), r.get("bound", String.class), r.get("rows", Long.class),
                r.get("size", Long.class), r.get("strategy", String.class), r.get("keydef", String.class),
                r.get("keycol", String.class), Boolean.TRUE.equals(r.get("detach_pending", Boolean.class)),
                Boolean.TRUE.equals(r.get("readable", Boolean.class)), r.get("estimate", Long.class));
    }

    private record Row(long oid, String schema, String name, String relkind, boolean isPartition, Long parent,
                       String bound, long rows, long size, String strategy, String keyDef, String keyColumn,
                       boolean detachPending, boolean readable, long estimate) {}
}
