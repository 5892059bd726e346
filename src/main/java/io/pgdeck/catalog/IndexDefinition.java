package io.pgdeck.catalog;

import java.util.List;
import org.jooq.Name;
import org.jooq.impl.DSL;

/**
 * One index as the catalog describes it: read on the slow cadence, since definitions and sizes
 * cost catalog work on a big database. The key lists compare two indexes column by column: the
 * attribute numbers (0 for an expression), operator classes, ASC/DESC/NULLS options and collations.
 *
 * @param partitioned an index of a partitioned table: no storage and no scans of its own, its
 *     partitions' indexes carry both
 * @param keyColumns how many of {@code attributes} are key columns; the rest are INCLUDE columns
 * @param constraint the constraint that needs this index (primary key, unique, exclusion, or the
 *     foreign key that references it), or null; such an index is never proposed for dropping
 * @param definition CREATE INDEX statement; null when not read, as {@code sizeBytes}
 * @param sizeBytes null when not read: the index or its table held or awaited an ACCESS EXCLUSIVE lock
 */
public record IndexDefinition(
        long oid,
        long tableOid,
        String schema,
        String table,
        String name,
        String method,
        boolean partitioned,
        String definition,
        List<Integer> attributes,
        int keyColumns,
        List<Long> opclasses,
        List<Integer> options,
        List<Long> collations,
        String expressions,
        String predicate,
        boolean primary,
        boolean unique,
        boolean exclusion,
        boolean replicaIdentity,
        boolean valid,
        boolean ready,
        String constraint,
        Long sizeBytes) {

    public IndexDefinition {
        attributes = List.copyOf(attributes);
        opclasses = List.copyOf(opclasses);
        options = List.copyOf(options);
        collations = List.copyOf(collations);
    }

    public Name qualifiedName() {
        return DSL.name(schema, name);
    }

    public Name qualifiedTable() {
        return DSL.name(schema, table);
    }

    /** Size and definition were skipped because of an ACCESS EXCLUSIVE lock on the index or its table. */
    public boolean lockedWhenRead() {
        return definition == null;
    }

    public boolean backsConstraint() {
        return constraint != null;
    }

    /** Primary keys, unique and exclusion indexes and the replica identity do a job besides speeding up reads. */
    public boolean enforcesSomething() {
        return primary || unique || exclusion || replicaIdentity || backsConstraint();
    }

    /** As PostgreSQL names it in messages: schema.index, quoted only where needed is not attempted. */
    public String displayName() {
        return schema + "." + name;
    }
}
