package io.pgdeck.catalog;

import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.selectCount;
import static org.jooq.impl.DSL.selectOne;
import static org.jooq.impl.DSL.table;

import io.pgdeck.connect.Privileges;
import io.pgdeck.connect.Target;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
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

    private static final Field<Long> OID = field(name("c", "oid"), Long.class);

    private final Target target;

    public PartitionReader(Target target) {
        this.target = target;
    }

    /** Every partitioned table that is not itself a partition, with its tree. */
    public List<PartitionSet> sets() {
        List<Row> rows = target.db()
                .select(OID.as("oid"), field(name("n", "nspname"), String.class).as("schema"),
                        field(name("c", "relname"), String.class).as("name"),
                        field(name("c", "relkind"), String.class).as("relkind"),
                        field(name("c", "relispartition"), Boolean.class).as("is_partition"),
                        field(name("i", "inhparent"), Long.class).as("parent"),
                        field("pg_catalog.pg_get_expr(c.relpartbound, c.oid)", String.class).as("bound"),
                        field("c.reltuples::bigint", Long.class).as("rows"),
                        field("CASE WHEN c.relkind = 'p' THEN 0 ELSE pg_catalog.pg_total_relation_size(c.oid) END",
                                Long.class).as("size"),
                        field("CASE pt.partstrat WHEN 'r' THEN 'range' WHEN 'l' THEN 'list' WHEN 'h' THEN 'hash' END",
                                String.class).as("strategy"),
                        field("pg_catalog.pg_get_partkeydef(pt.partrelid)", String.class).as("keydef"),
                        field("(SELECT a.attname FROM pg_catalog.pg_attribute a WHERE a.attrelid = pt.partrelid"
                                + " AND pt.partnatts = 1 AND a.attnum = pt.partattrs[0])", String.class).as("keycol"),
                        detachPendingField(),
                        Privileges.canSelect(OID).as("readable"),
                        rowsFromStatistics().as("estimate"))
                .from(table(name("pg_catalog", "pg_class")).as("c"))
                .join(table(name("pg_catalog", "pg_namespace")).as("n")).on("n.oid = c.relnamespace")
                .leftJoin(table(name("pg_catalog", "pg_inherits")).as("i")).on("i.inhrelid = c.oid AND c.relispartition")
                .leftJoin(table(name("pg_catalog", "pg_partitioned_table")).as("pt")).on("pt.partrelid = c.oid")
                .where("c.relkind = 'p' OR (c.relispartition AND c.relkind IN ('r', 'f'))")
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
        return target.db().select(field(name("c", "relname"), String.class))
                .from(table(name("pg_catalog", "pg_class")).as("c"))
                .join(table(name("pg_catalog", "pg_namespace")).as("n")).on("n.oid = c.relnamespace")
                .where(field(name("n", "nspname"), String.class).eq(schema))
                .and("c.relkind = 'r' AND NOT c.relispartition")
                .and("NOT EXISTS (SELECT 1 FROM pg_catalog.pg_inherits i WHERE i.inhrelid = c.oid OR i.inhparent = c.oid)")
                .orderBy(field(name("c", "relname")))
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
        return target.db().select(field(name("n", "nspname"), String.class))
                .from(table(name("pg_catalog", "pg_extension")).as("e"))
                .join(table(name("pg_catalog", "pg_namespace")).as("n")).on("n.oid = e.extnamespace")
                .where(field(name("e", "extname"), String.class).eq(PARTMAN))
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
        String counted = target.version().atLeast(14) ? "c.reltuples >= 0" : "(c.reltuples > 0 OR c.relpages > 0)";
        return field("CASE WHEN " + counted + " THEN c.reltuples::bigint"
                + " WHEN pg_catalog.pg_stat_get_live_tuples(c.oid) + pg_catalog.pg_stat_get_dead_tuples(c.oid) > 0"
                + " THEN pg_catalog.pg_stat_get_live_tuples(c.oid) ELSE -1 END", Long.class);
    }

    /** A version switch: pg_inherits.inhdetachpending exists from PG14. */
    private Field<Boolean> detachPendingField() {
        return target.version().atLeast(14)
                ? field(name("i", "inhdetachpending"), Boolean.class).as("detach_pending")
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
