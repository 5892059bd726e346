package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * Catalog questions detection asks: where does a table with these columns live, where does an
 * enum type with these labels live. Only the catalog is read, never a job row, and only what
 * the role may see.
 */
public final class QueueCatalog {

    private static final Table<?> CLASS = table(name("pg_catalog", "pg_class")).as("c");
    private static final Table<?> NAMESPACE = table(name("pg_catalog", "pg_namespace")).as("n");
    private static final Table<?> ATTRIBUTE = table(name("pg_catalog", "pg_attribute")).as("a");
    private static final Table<?> TYPE = table(name("pg_catalog", "pg_type")).as("t");
    private static final Table<?> ENUM = table(name("pg_catalog", "pg_enum")).as("e");
    private static final Field<String> NSPNAME = field(name("n", "nspname"), String.class);

    private QueueCatalog() {}

    /**
     * Schemas holding a table (plain, partitioned) or view named {@code table} that has every
     * one of {@code columns}, in schema-name order.
     */
    public static List<String> schemasWithTable(DSLContext db, String table, String... columns) {
        Field<Long> matching = DSL.count(field(name("a", "attname"))).cast(Long.class);
        return db.select(NSPNAME)
                .from(CLASS)
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .leftJoin(ATTRIBUTE).on(field(name("a", "attrelid")).eq(field(name("c", "oid")))
                        .and(field(name("a", "attnum"), Integer.class).gt(inline(0)))
                        .and(field(name("a", "attisdropped"), Boolean.class).isFalse())
                        .and(field(name("a", "attname"), String.class).in(columns)))
                .where(field(name("c", "relname"), String.class).eq(table))
                .and(field(name("c", "relkind"), String.class).in(inline("r"), inline("p"), inline("v")))
                .groupBy(NSPNAME)
                .having(matching.eq(inline((long) columns.length)))
                .orderBy(NSPNAME)
                .fetch(NSPNAME);
    }

    /** Schemas holding an enum type named {@code type} that has every one of {@code labels}. */
    public static List<String> schemasWithEnum(DSLContext db, String type, String... labels) {
        Field<Long> matching = DSL.countDistinct(field(name("e", "enumlabel"))).cast(Long.class);
        return db.select(NSPNAME)
                .from(TYPE)
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("t", "typnamespace"))))
                .join(ENUM).on(field(name("e", "enumtypid")).eq(field(name("t", "oid"))))
                .where(field(name("t", "typname"), String.class).eq(type))
                .and(field(name("e", "enumlabel"), String.class).in(labels))
                .groupBy(NSPNAME)
                .having(matching.eq(inline((long) labels.length)))
                .orderBy(NSPNAME)
                .fetch(NSPNAME);
    }

    /** Whether a function named {@code function} exists in {@code schema}. */
    public static boolean hasFunction(DSLContext db, String schema, String function) {
        return db.fetchExists(DSL.selectOne()
                .from(table(name("pg_catalog", "pg_proc")).as("p"))
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("p", "pronamespace"))))
                .where(NSPNAME.eq(schema))
                .and(field(name("p", "proname"), String.class).eq(function)));
    }

    /** The labels of enum type {@code schema.type} in their order; empty when there is no such type. */
    public static List<String> enumLabels(DSLContext db, String schema, String type) {
        return db.select(field(name("e", "enumlabel"), String.class))
                .from(TYPE)
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("t", "typnamespace"))))
                .join(ENUM).on(field(name("e", "enumtypid")).eq(field(name("t", "oid"))))
                .where(NSPNAME.eq(schema))
                .and(field(name("t", "typname"), String.class).eq(type))
                .orderBy(field(name("e", "enumsortorder")))
                .fetch(field(name("e", "enumlabel"), String.class));
    }

    /** The declared type of a column as format_type writes it ("jsonb[]", "timestamp without time zone"). */
    public static String columnType(DSLContext db, String schema, String table, String column) {
        return db.select(field("pg_catalog.format_type({0}, {1})", String.class,
                        field(name("a", "atttypid")), field(name("a", "atttypmod"))))
                .from(ATTRIBUTE)
                .join(CLASS).on(field(name("c", "oid")).eq(field(name("a", "attrelid"))))
                .join(NAMESPACE).on(field(name("n", "oid")).eq(field(name("c", "relnamespace"))))
                .where(NSPNAME.eq(schema))
                .and(field(name("c", "relname"), String.class).eq(table))
                .and(field(name("a", "attname"), String.class).eq(column))
                .and(field(name("a", "attisdropped"), Boolean.class).isFalse())
                .fetchOne(0, String.class);
    }
}
