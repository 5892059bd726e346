package io.pgdeck.demo;

import java.sql.Connection;
import java.util.List;

/**
 * The demo schemas as the class path carries them (the build copies {@code jooq-codegen/sql/}
 * to {@value #RESOURCE_DIR}). The demo and jOOQ's code generator both apply them through here,
 * so the generated classes always describe the tables the demo creates.
 */
public final class SchemaFiles {

    public static final String RESOURCE_DIR = "io/pgdeck/demo/sql/";

    private SchemaFiles() {
    }

    /** Every {@code .sql} file, in file-name order (the files are numbered). */
    public static List<SqlScript> load() {
        return SqlScripts.load(RESOURCE_DIR);
    }

    /** Applies every file to the database of {@code connection}, each in one transaction. */
    public static void apply(Connection connection) {
        SqlScripts.run(connection, load());
    }
}
