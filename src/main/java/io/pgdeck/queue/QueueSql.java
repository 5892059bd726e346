package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import org.jooq.Condition;
import org.jooq.Context;
import org.jooq.Field;
import org.jooq.Name;
import org.jooq.Table;
import org.jooq.impl.CustomField;
import org.jooq.impl.DSL;
import org.jooq.impl.SQLDataType;

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

    /** The server's now() as Rails writes it: a UTC wall-clock timestamp without time zone. */
    public static final Field<LocalDateTime> NOW_UTC = field("(pg_catalog.now() AT TIME ZONE 'UTC')", LocalDateTime.class);

    /** The server's transaction time. */
    public static Field<OffsetDateTime> now() {
        return DSL.currentOffsetDateTime();
    }

    /** A {@code timestamp without time zone} holding UTC (Oban, Rails' datetime), as timestamptz. */
    public static Field<OffsetDateTime> utc(Field<?> timestampWithoutZone) {
        return new UtcTimestamp(timestampWithoutZone);
    }

    /**
     * A UTC wall-clock column read as timestamptz. It keeps the bare column because a condition
     * on the converted value cannot use the column's index: {@link #atOrAfter} converts the
     * other side instead, once.
     */
    public static final class UtcTimestamp extends CustomField<OffsetDateTime> {

        private final Field<?> column;

        private UtcTimestamp(Field<?> column) {
            // named by its SQL, as a plain SQL field is, so two of them in one select stay apart
            super(DSL.name("(" + column + " AT TIME ZONE 'UTC')"), SQLDataType.TIMESTAMPWITHTIMEZONE);
            this.column = column;
        }

        /** {@code column >= instant}, with the instant turned into the column's UTC wall clock. */
        public Condition atOrAfter(Field<OffsetDateTime> instant) {
            return DSL.condition("{0} >= (({1}) AT TIME ZONE 'UTC')", column, instant);
        }

        /** {@code column < instant}, likewise. */
        public Condition before(Field<OffsetDateTime> instant) {
            return DSL.condition("{0} < (({1}) AT TIME ZONE 'UTC')", column, instant);
        }

        @Override
        public void accept(Context<?> ctx) {
            ctx.visit(DSL.field("({0} AT TIME ZONE 'UTC')", OffsetDateTime.class, column));
        }
    }

    /**
     * A value for a state column, enum or text, as an untyped literal: PostgreSQL reads it as
     * the column's type, so the same change fits an enum and a text column.
     */
    public static Field<String> literal(String value) {
        return field("{0}", String.class, DSL.inline(value));
    }

    /** The last element of an array column ({@code attempted_by}: the latest worker). */
    public static Field<String> last(Field<?> array) {
        return field("({0})[array_upper({0}, 1)]", String.class, array);
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
