package io.pgdeck.codegen;

import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.List;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.ForcedType;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.GeneratedAnnotationType;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;

/**
 * Generates {@code io.pgdeck.db.pgcatalog}: the system views and tables pgdeck reads, and
 * pg_stat_statements. jOOQ's bundled pg_catalog classes have no pg_stat_* views, so these are
 * generated from a live server (the newest the tests run) like the demo's tables.
 */
public final class SystemCatalogCodegen {

    public static final String PACKAGE = "io.pgdeck.db.pgcatalog";

    /** What the readers, adapters and actions read; a new one goes here and into {@code ColumnVersions}' data by regenerating. */
    public static final List<String> RELATIONS = List.of(
            "pg_am", "pg_attribute", "pg_class", "pg_constraint", "pg_database",
            "pg_depend", "pg_enum", "pg_extension", "pg_index", "pg_inherits", "pg_locks", "pg_matviews",
            "pg_namespace", "pg_partitioned_table", "pg_proc", "pg_replication_slots", "pg_rewrite", "pg_roles",
            "pg_settings", "pg_statistic", "pg_stats", "pg_type",
            "pg_stat_activity", "pg_stat_all_indexes", "pg_stat_all_tables", "pg_stat_archiver",
            "pg_stat_bgwriter", "pg_stat_checkpointer", "pg_stat_database", "pg_stat_database_conflicts",
            "pg_stat_progress_analyze", "pg_stat_progress_cluster", "pg_stat_progress_create_index",
            "pg_stat_progress_vacuum", "pg_stat_replication", "pg_stat_user_indexes", "pg_stat_user_tables",
            "pg_stat_wal_receiver", "pg_statio_user_indexes", "pg_statio_user_tables");

    /** The extension's views: generated without a schema, because each target installs it where it likes. */
    public static final List<String> EXTENSION_RELATIONS = List.of("pg_stat_statements", "pg_stat_statements_info");

    /** The schema the generating database gets pg_stat_statements in; it is mapped away in the output. */
    static final String EXTENSION_SCHEMA = "public";

    static final String TEXT_TYPES = "inet|pg_lsn|pg_node_tree|.*vector";

    private SystemCatalogCodegen() {
    }

    /**
     * Creates pg_stat_statements in the database of {@code connection}, before anything else: the
     * extension has a function and a view of the same name, and jOOQ models whichever the catalog
     * lists first, which a database made in the same order lists the same way.
     */
    public static void createExtension(Connection connection) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute("CREATE EXTENSION IF NOT EXISTS pg_stat_statements SCHEMA " + EXTENSION_SCHEMA);
        }
    }

    /** Generates into {@code outputDirectory} from a database that has {@link #createExtension the extension}. */
    public static void generate(Connection connection, Path outputDirectory) throws Exception {
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.run(configuration(outputDirectory));
    }

    static Configuration configuration(Path outputDirectory) {
        String includes = "pg_catalog\\.(" + String.join("|", RELATIONS) + ")"
                + "|" + EXTENSION_SCHEMA + "\\.(" + String.join("|", EXTENSION_RELATIONS) + ")";
        return new Configuration()
                .withLogging(Logging.ERROR)
                .withGenerator(new Generator()
                        .withName(JavaGenerator.class.getName())
                        .withDatabase(JooqCodegen.tablesOnly()
                                .withSchemata(
                                        new SchemaMappingType().withInputSchema("pg_catalog"),
                                        new SchemaMappingType().withInputSchema(EXTENSION_SCHEMA).withOutputSchemaToDefault(true))
                                .withIncludes(includes)
                                // Columns and nothing else: readers select, they never insert or join by key.
                                .withIncludePrimaryKeys(false)
                                .withIncludeUniqueKeys(false)
                                .withIncludeForeignKeys(false)
                                .withIncludeCheckConstraints(false)
                                // Types jOOQ does not know read as their text form, which is how readers show them.
                                .withForcedTypes(new ForcedType().withName("VARCHAR").withIncludeTypes(TEXT_TYPES)))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(true)
                                .withGeneratedAnnotationType(GeneratedAnnotationType.JAVAX_ANNOTATION_PROCESSING_GENERATED)
                                .withGeneratedAnnotationDate(false)
                                // Each column's Javadoc would only repeat its name: the catalog's own documentation says what it means.
                                .withJavadoc(false)
                                .withRecords(false)
                                .withPojos(false)
                                .withDaos(false)
                                .withJavaTimeTypes(true)
                                .withImplicitJoinPathsToOne(false)
                                .withWhereMethodOverrides(false)
                                .withRenameMethodOverrides(false)
                                .withImplicitJoinPathsToMany(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(outputDirectory.toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
    }
}
