package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import io.pgdeck.action.Sql;
import java.util.Map;
import java.util.function.Function;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.QueryPart;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * How a library changes jobs: one statement changing at most {@code limit} of the rows matching
 * {@code which} (the change's eligibility and the selection or filter), returning how many it
 * changed. Most libraries change rows with an {@link #update}; a library with a function of its
 * own for it (Graphile's reschedule_jobs, pgmq's set_vt) or tables to move rows between (Solid
 * Queue) writes that statement instead.
 */
@FunctionalInterface
public interface JobStatement {

    /** No limit: every selected job in one statement. */
    int ALL = Integer.MAX_VALUE;

    String changing(Condition which, int limit);

    /**
     * An UPDATE of the matching rows that are not locked: the condition is part of the UPDATE,
     * so running it twice changes nothing the second time, and rows a worker holds are skipped
     * rather than waited for.
     */
    static JobStatement update(Table<?> table, Field<?> id, Map<Field<?>, Object> set) {
        return (which, limit) -> {
            var update = DSL.update(table).set(set).from(picked(table, id, which, limit))
                    .where(same(id).eq(same(field(name("picked", "id"), id.getDataType())))).returning(id);
            return counted(Sql.render(update));
        };
    }

    /** A DELETE of the matching rows that are not locked, so a job a worker holds is never deleted under it. */
    static JobStatement delete(Table<?> table, Field<?> id) {
        return (which, limit) -> counted(Sql.render(DSL.deleteFrom(table)
                .where(same(id).in(DSL.select(field(name("picked", "id"))).from(picked(table, id, which, limit))))
                .returning(id)));
    }

    /**
     * The library's own function called once for each matching row, in id order, the rows locked
     * first and those someone else holds skipped: for a library whose function changes one job
     * (pgmq.set_vt, Procrastinate's procrastinate_retry_job_v2). Counts the rows it was called for.
     */
    static JobStatement calling(Table<?> table, Field<?> id, Function<Field<Object>, Field<?>> function) {
        return (which, limit) -> {
            var picked = select(id.as("id")).from(table).where(which).orderBy(id);
            Table<?> locked = (limit == ALL ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked()
                    .asTable("picked");
            Table<?> called = select(function.apply(field(name("picked", "id"))).as("called")).asTable("called");
            return Sql.render(select(DSL.count()).from(locked, DSL.lateral(called)));
        };
    }

    /** The rows a statement changes, locked, skipping those someone else holds. */
    private static Table<?> picked(Table<?> table, Field<?> id, Condition which, int limit) {
        var picked = select(id.as("id")).from(table).where(which);
        return (limit == ALL ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked().asTable("picked");
    }

    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field<Object> same(Field<?> field) {
        return (Field) field;
    }

    /** "LIMIT n" for a statement written as an SQL template, nothing for {@link #ALL}. */
    static QueryPart limit(int limit) {
        return limit == ALL ? DSL.sql("") : DSL.sql("LIMIT " + limit);
    }

    /** A data-changing statement with RETURNING, as the number of rows it returned. */
    static String counted(String returning) {
        return "WITH changed AS (" + returning + ") SELECT count(*) FROM changed";
    }
}
