package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgClass.PG_CLASS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgDepend.PG_DEPEND;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgIndex.PG_INDEX;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgNamespace.PG_NAMESPACE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgRewrite.PG_REWRITE;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.select;

import io.pgdeck.connect.Target;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.jooq.Field;

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
        var c = PG_CLASS.as("c");
        var n = PG_NAMESPACE.as("n");
        var x = PG_INDEX.as("x");
        var ic = PG_CLASS.as("ic");
        var rows = target.db()
                .select(c.OID, n.NSPNAME, c.RELNAME, c.RELISPOPULATED,
                        c.RELTUPLES.cast(Long.class).as("rows"),
                        field("pg_catalog.pg_total_relation_size({0})", Long.class, c.OID).as("size"),
                        // what REFRESH ... CONCURRENTLY demands: unique, valid, plain columns, no WHERE
                        field(select(ic.RELNAME).from(x).join(ic).on(ic.OID.eq(x.INDEXRELID))
                                .where(x.INDRELID.eq(c.OID)).and(x.INDISUNIQUE).and(x.INDISVALID)
                                .and(x.INDPRED.isNull()).and(x.INDEXPRS.isNull())
                                .orderBy(ic.RELNAME).limit(inline(1))).as("unique_index"))
                .from(c)
                .join(n).on(n.OID.eq(c.RELNAMESPACE))
                .where(c.RELKIND.eq(inline("m")))
                .orderBy(n.NSPNAME, c.RELNAME)
                .fetch();
        rows.forEach(r -> matviewNames.put(r.get(c.OID), r.get(n.NSPNAME) + "." + r.get(c.RELNAME)));
        for (var r : rows) {
            long oid = r.get(c.OID);
            List<String> dependsOn = matviewsRead(oid, reads, matviewNames).stream().map(matviewNames::get).sorted().toList();
            out.add(new Matview(r.get(n.NSPNAME), r.get(c.RELNAME), Boolean.TRUE.equals(r.get(c.RELISPOPULATED)),
                    r.get("rows", Long.class), r.get("size", Long.class), r.get("unique_index", String.class), dependsOn));
        }
        return out;
    }

    /** Views and matviews, each with the views and matviews its rewrite rule references. */
    private Map<Long, Set<Long>> dependencies() {
        Map<Long, Set<Long>> reads = new HashMap<>();
        var d = PG_DEPEND.as("d");
        var r = PG_REWRITE.as("r");
        var ref = PG_CLASS.as("ref");
        target.db().selectDistinct(r.EV_CLASS, d.REFOBJID)
                .from(d)
                .join(r).on(r.OID.eq(d.OBJID))
                .join(ref).on(ref.OID.eq(d.REFOBJID))
                .where(d.CLASSID.eq(regclass("pg_catalog.pg_rewrite"))).and(d.REFCLASSID.eq(regclass("pg_catalog.pg_class")))
                .and(d.REFOBJID.ne(r.EV_CLASS)).and(ref.RELKIND.in(inline("m"), inline("v")))
                .fetch()
                .forEach(row -> reads.computeIfAbsent(row.value1(), k -> new HashSet<>()).add(row.value2()));
        return reads;
    }

    private static Field<Long> regclass(String catalog) {
        return field("{0}::regclass", Long.class, inline(catalog));
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
