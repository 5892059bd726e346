package io.pgdeck.catalog;

import static org.jooq.impl.DSL.inline;

import io.pgdeck.connect.ServerVersion;
import io.pgdeck.db.pgcatalog.default_schema.DefaultSchema;
import io.pgdeck.db.pgcatalog.pg_catalog.PgCatalog;
import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.HashMap;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.TableField;

/**
 * The PostgreSQL major versions that have each column of the generated {@code io.pgdeck.db.pgcatalog}
 * classes, read from the data the code generator measured on a server of each version. Readers
 * select a column that not every supported version has only through {@link #orNull}: that is where
 * version differences in what pgdeck selects live.
 */
public final class ColumnVersions {

    /** Major versions a column exists in: {@code last} is empty while the newest probed still has it. */
    public record Span(int first, Integer last) {

        public boolean contains(int major) {
            return major >= first && (last == null || major <= last);
        }
    }

    private static final String RESOURCE = "/io/pgdeck/db/pgcatalog/columns.tsv";
    private static final Map<String, Span> SPANS = load();
    private static final Map<Class<?>, String> RELATIONS = Stream
            .concat(PgCatalog.PG_CATALOG.getTables().stream(), DefaultSchema.DEFAULT_SCHEMA.getTables().stream())
            .collect(Collectors.toMap(Object::getClass, Table::getName));

    private ColumnVersions() {
    }

    /** The versions that have {@code column}, a field of a generated table (aliased or not). */
    public static Span of(TableField<?, ?> column) {
        String key = relationOf(column.getTable()) + "\t" + column.getName();
        Span span = SPANS.get(key);
        if (span == null) {
            throw new IllegalArgumentException(key.replace('\t', '.') + " is not in " + RESOURCE + ": regenerate with jooq-codegen/regenerate.sh");
        }
        return span;
    }

    public static boolean has(ServerVersion version, TableField<?, ?> column) {
        return of(column).contains(version.major());
    }

    /** The column, or a NULL of its type under its name on a server that does not have it. */
    public static <T> Field<T> orNull(ServerVersion version, TableField<?, T> column) {
        return has(version, column) ? column : inline(null, column.getDataType()).as(column.getName());
    }

    /** Every column of the data, keyed "relation\tcolumn", for the test that checks it against live servers. */
    public static Map<String, Span> all() {
        return Map.copyOf(SPANS);
    }

    private static String relationOf(Table<?> table) {
        // An alias renames the table but keeps its generated class.
        return RELATIONS.getOrDefault(table.getClass(), table.getName());
    }

    private static Map<String, Span> load() {
        Map<String, Span> spans = new HashMap<>();
        try (InputStream in = ColumnVersions.class.getResourceAsStream(RESOURCE)) {
            if (in == null) {
                throw new IllegalStateException(RESOURCE + " is missing from the class path");
            }
            BufferedReader lines = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
            lines.lines().filter(l -> !l.startsWith("#") && !l.startsWith("relation\t")).forEach(line -> {
                String[] cells = line.split("\t", -1);
                spans.put(cells[0] + "\t" + cells[1],
                        new Span(Integer.parseInt(cells[2]), cells[3].isEmpty() ? null : Integer.valueOf(cells[3])));
            });
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return spans;
    }
}
