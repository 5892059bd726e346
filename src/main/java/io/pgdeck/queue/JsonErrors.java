package io.pgdeck.queue;

import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.val;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;

/**
 * Errors kept as a {@code jsonb[]} column, one object per failed attempt (River and Oban both
 * write {@code at}, {@code attempt}, {@code error}; River adds {@code trace}), read oldest first.
 */
final class JsonErrors {

    private JsonErrors() {}

    static List<JobError> read(DSLContext db, Table<?> table, Field<?> id, Object idValue, String column) {
        return read(db, table, id, idValue, column, true);
    }

    /**
     * @param array true for a {@code jsonb[]} column (River, Oban for Elixir), false for a
     *     {@code jsonb} array (Oban for Python)
     */
    static List<JobError> read(DSLContext db, Table<?> table, Field<?> id, Object idValue, String column, boolean array) {
        String elements = array ? "unnest" : "jsonb_array_elements";
        return db.resultQuery("SELECT (x.e ->> 'attempt')::int, (x.e ->> 'at')::timestamptz, x.e ->> 'error', x.e ->> 'trace'"
                                + " FROM {0} AS j, " + elements + "(j.{1}) WITH ORDINALITY AS x(e, n)"
                                + " WHERE j.{2} = {3} ORDER BY x.n",
                        table, name(column), name(id.getName()), val(idValue))
                .fetch(r -> new JobError(r.get(0, Integer.class), r.get(1, OffsetDateTime.class),
                        r.get(2, String.class), r.get(3, String.class)));
    }

    /** The latest error's message: the last element of the array. */
    static Field<String> last(Field<?> errors) {
        return last(errors, true);
    }

    static Field<String> last(Field<?> errors, boolean array) {
        return array ? org.jooq.impl.DSL.field("({0})[array_upper({0}, 1)] ->> 'error'", String.class, errors)
                : org.jooq.impl.DSL.field("({0}) -> -1 ->> 'error'", String.class, errors);
    }
}
