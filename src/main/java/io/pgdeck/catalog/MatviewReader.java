package io.pgdeck.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.connect.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * Materialized views: populated or not, size, whether a unique index allows REFRESH ...
 * CONCURRENTLY, and which matviews each reads (pg_depend of its pg_rewrite rule, followed
 * through plain views), so that the refresh order is known. No version switch: these catalogs
 * are the same from 13 to 18.
 */
public final class MatviewReader {

    private final Target target;

    public MatviewReader(Target target) {
        this.target = target;
    }

    public List<Matview> matviews() {
        Map<Long, Set<Long>> reads = dependencies();
        Map<Long, String> matviewNames = new HashMap<>();
        List<Matview> out = new ArrayList<>();
        var rows = target.db()
                .select(field(name("c", "oid"), Long.class).as("oid"),
                        field(name("n", "nspname"), String.class).as("schema"),
                        field(name("c", "relname"), String.class).as("name"),
                        field(name("c", "relispopulated"), Boolean.class).as("populated"),
                        field("c.reltuples::bigint", Long.class).as("rows"),
                        field("pg_catalog.pg_total_relation_size(c.oid)", Long.class).as("size"),
                        // what REFRESH ... CONCURRENTLY demands: unique, valid, plain columns, no WHERE
                        field("(SELECT ic.relname FROM pg_catalog.pg_index x"
                                + " JOIN pg_catalog.pg_class ic ON ic.oid = x.indexrelid"
                                + " WHERE x.indrelid = c.oid AND x.indisunique AND x.indisvalid"
                                + " AND x.indpred IS NULL AND x.indexprs IS NULL ORDER BY ic.relname LIMIT 1)",
                                String.class).as("unique_index"))
                .from(table(name("pg_catalog", "pg_class")).as("c"))
                .join(table(name("pg_catalog", "pg_namespace")).as("n")).on("n.oid = c.relnamespace")
                .where("c.relkind = 'm'")
                .orderBy(field(name("n", "nspname")), field(name("c", "relname")))
                .fetch();
        rows.forEach(r -> matviewNames.put(r.get("oid", Long.class), r.get("schema", String.class) + "." + r.get("name", String.class)));
        for (var r : rows) {
            long oid = r.get("oid", Long.class);
            List<String> dependsOn = matviewsRead(oid, reads, matviewNames).stream().map(matviewNames::get).sorted().toList();
            out.add(new Matview(r.get("schema", String.class), r.get("name", String.class),
                    Boolean.TRUE.equals(r.get("populated", Boolean.class)), r.get("rows", Long.class),
                    r.get("size", Long.class), r.get("unique_index", String.class), dependsOn));
        }
        return out;
    }

    /** Views and matviews, each with the views and matviews its rewrite rule references. */
    private Map<Long, Set<Long>> dependencies() {
        Map<Long, Set<Long>> reads = new HashMap<>();
        target.db().selectDistinct(field(name("r", "ev_class"), Long.class), field(name("d", "refobjid"), Long.class))
                .from(table(name("pg_catalog", "pg_depend")).as("d"))
                .join(table(name("pg_catalog", "pg_rewrite")).as("r")).on("r.oid = d.objid")
                .join(table(name("pg_catalog", "pg_class")).as("ref")).on("ref.oid = d.refobjid")
                .where("d.classid = 'pg_catalog.pg_rewrite'::regclass AND d.refclassid = 'pg_catalog.pg_class'::regclass")
                .and("d.refobjid <> r.ev_class AND ref.relkind IN ('m', 'v')")
                .fetch()
                .forEach(r -> reads.computeIfAbsent(r.value1(), k -> new HashSet<>()).add(r.value2()));
        return reads;
    }

    /** The matviews reached from {@code oid} through plain views, stopping at each matview. */
    private static Set<Long> matviewsRead(long oid, Map<Long, Set<Long>> reads, Map<Long, String> matviews) {
        Set<Long> found = new HashSet<>();
        Set<Long> seen = new HashSet<>();
        List<Long> todo = new ArrayList<>(reads.getOrDefault(oid, Set.of()));
        while (!todo.isEmpty()) {
            long next = todo.remove(todo.size() - 1);
            if (!seen.add(next)) {
                continue;
            }
            if (matviews.containsKey(next)) {
                found.add(next);
            } else {
                todo.addAll(reads.getOrDefault(next, Set.of()));
            }
        }
        return found;
    }
}
