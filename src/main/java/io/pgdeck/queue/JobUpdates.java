package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;

import io.pgdeck.action.Sql;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * The statements of job actions, rendered by jOOQ. Each statement changes only rows still
 * eligible when it runs (the state condition is part of the UPDATE), so running an action twice
 * changes nothing the second time, and skips rows a worker holds locked rather than waiting.
 */
public final class JobUpdates {

    public static final int BATCH = 1_000;

    private JobUpdates() {}

    /**
     * One statement updating the eligible rows among {@code ids}, returning how many it changed.
     */
    public static String update(Table<?> table, Field<?> id, Condition eligible, Map<Field<?>, Object> set) {
        return batch(table, id, eligible, set, Integer.MAX_VALUE);
    }

    /**
     * Enough batch statements for {@code matching} eligible rows (one more for rows that became
     * eligible since they were counted), each updating at most {@link #BATCH} rows in its own
     * transaction.
     */
    public static List<String> batches(Table<?> table, Field<?> id, Condition eligible, Map<Field<?>, Object> set,
            long matching) {
        long count = Math.max(1, (matching + BATCH - 1) / BATCH + 1);
        String one = batch(table, id, eligible, set, BATCH);
        List<String> statements = new ArrayList<>();
        for (long i = 0; i < count; i++) {
            statements.add(one);
        }
        return statements;
    }

    private static String batch(Table<?> table, Field<?> id, Condition eligible, Map<Field<?>, Object> set, int limit) {
        var picked = select(id.as("id")).from(table).where(eligible);
        var locked = (limit == Integer.MAX_VALUE ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked()
                .asTable("picked");
        @SuppressWarnings({"unchecked", "rawtypes"})
        Field<Object> pickedId = (Field) field(name("picked", "id"), id.getDataType());
        @SuppressWarnings({"unchecked", "rawtypes"})
        Field<Object> tableId = (Field) id;
        var update = DSL.update(table).set(set).from(locked).where(tableId.eq(pickedId)).returning(id);
        return "WITH changed AS (" + Sql.render(update) + ") SELECT count(*) FROM changed";
    }
}
