package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import io.pgdeck.action.Sql;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
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
            var picked = select(id.as("id")).from(table).where(which);
            var locked = (limit == ALL ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked()
                    .asTable("picked");
            @SuppressWarnings({"unchecked", "rawtypes"})
            Field<Object> pickedId = (Field) field(name("picked", "id"), id.getDataType());
            @SuppressWarnings({"unchecked", "rawtypes"})
            Field<Object> tableId = (Field) id;
            var update = DSL.update(table).set(set).from(locked).where(tableId.eq(pickedId)).returning(id);
            return counted(Sql.render(update));
        };
    }

    /** A data-changing statement with RETURNING, as the number of rows it returned. */
    static String counted(String returning) {
        return "WITH changed AS (" + returning + ") SELECT count(*) FROM changed";
    }
}
