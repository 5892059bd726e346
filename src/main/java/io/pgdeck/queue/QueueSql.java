package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;

import java.time.OffsetDateTime;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.DSL;

/** Small pieces adapters share: typed columns of a schema-qualified table, server-side times. */
public final class QueueSql {

    private QueueSql() {}

    /** A column of {@code table}, qualified by the table's schema and name, quoted by jOOQ. */
    public static <T> Field<T> column(Table<?> table, String column, Class<T> type) {
        Name qualified = table.getQualifiedName().append(column);
        return field(qualified, type);
    }

    /** A text column, or any column read as text ({@code state::text}, {@code args::text}). */
    public static Field<String> text(Table<?> table, String column) {
        return field(table.getQualifiedName().append(column)).cast(String.class);
    }

    /** The server's transaction time. */
    public static Field<OffsetDateTime> now() {
        return DSL.currentOffsetDateTime();
    }

    /** A {@code timestamp without time zone} holding UTC (Oban, pg-boss singleton_on), as timestamptz. */
    public static Field<OffsetDateTime> utc(Field<?> timestampWithoutZone) {
        return field("({0} AT TIME ZONE 'UTC')", OffsetDateTime.class, timestampWithoutZone);
    }

    /** The text to search a filter's free text in: several columns, nulls as empty. */
    @SafeVarargs
    public static Field<String> searchable(Field<String>... parts) {
        Field<String> all = DSL.inline("");
        for (Field<String> p : parts) {
            all = all.concat(DSL.inline(" ")).concat(DSL.coalesce(p, DSL.inline("")));
        }
        return all;
    }
}
