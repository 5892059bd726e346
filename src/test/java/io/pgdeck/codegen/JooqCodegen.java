package io.pgdeck.codegen;

import io.pgdeck.demo.SchemaFiles;
import io.pgdeck.testing.TestPostgres;
import io.zonky.test.db.postgres.embedded.EmbeddedPostgres;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.List;
import org.jooq.codegen.GenerationTool;
import org.jooq.codegen.JavaGenerator;
import org.jooq.meta.jaxb.Configuration;
import org.jooq.meta.jaxb.Database;
import org.jooq.meta.jaxb.Generate;
import org.jooq.meta.jaxb.GeneratedAnnotationType;
import org.jooq.meta.jaxb.Generator;
import org.jooq.meta.jaxb.Logging;
import org.jooq.meta.jaxb.SchemaMappingType;
import org.jooq.meta.jaxb.Target;
import org.jooq.meta.postgres.PostgresDatabase;

/**
 * Generates {@code io.pgdeck.db}: the demo's tables from the demo schema files (applied to an
 * embedded PostgreSQL in order), the system catalog's views and tables ({@link SystemCatalogCodegen})
 * from the same server, and the major versions that have each catalog column
 * ({@link ColumnVersionsProbe}) from one server of each version given. Run it through
 * {@code jooq-codegen/regenerate.sh}; the output is committed.
 *
 * <p>Usage: {@code JooqCodegen <source directory> <resource directory> <PostgreSQL binaries jar>...}
 */
public final class JooqCodegen {

    public static final String PACKAGE = "io.pgdeck.db";
    public static final List<String> SCHEMAS = List.of("streamvibe", "insightdesk", "learning", "parel");

    /**
     * Partitions are physical detail of their parent: generated code reads and writes through
     * the parent. Only the partitions the DDL itself creates exist at generation time (monthly
     * ones are created by the demo at start), so naming them is enough.
     */
    static final String PARTITIONS = "insightdesk\\.audit_logs_default|learning\\.user_sessions_p[0-9]+";

    private JooqCodegen() {
    }

    public static void main(String[] args) throws Exception {
        if (args.length < 3) {
            System.err.println("usage: JooqCodegen <source directory> <resource directory> <PostgreSQL binaries jar>...");
            System.exit(2);
        }
        Path sources = Path.of(args[0]).toAbsolutePath();
        Path resources = Path.of(args[1]).toAbsolutePath();
        // The classes come from the newest binaries the tests run (those on the class path).
        try (EmbeddedPostgres pg = EmbeddedPostgres.builder().start();
             Connection connection = pg.getPostgresDatabase().getConnection()) {
            generate(connection, sources);
        }
        ColumnVersionsProbe probe = new ColumnVersionsProbe();
        for (int i = 2; i < args.length; i++) {
            Path jar = Path.of(args[i]);
            try (EmbeddedPostgres pg = EmbeddedPostgres.builder().setPgBinaryResolver((system, arch) -> TestPostgres.txzFrom(jar)).start();
                 Connection connection = pg.getPostgresDatabase().getConnection()) {
                probe.probe(connection);
            }
        }
        probe.write(resources);
        System.out.println("generated " + PACKAGE + " into " + sources + " and " + ColumnVersionsProbe.RESOURCE + " into " + resources);
    }

    /**
     * Applies the schema files to the (empty) database of {@code connection} and generates the demo's
     * classes, then the system catalog's, into {@code outputDirectory}. In that order: the demo's
     * generator cleans its whole package, sub-packages included.
     */
    public static void generate(Connection connection, Path outputDirectory) throws Exception {
        SystemCatalogCodegen.createExtension(connection);
        SchemaFiles.apply(connection);
        GenerationTool tool = new GenerationTool();
        tool.setConnection(connection);
        tool.run(configuration(outputDirectory));
        SystemCatalogCodegen.generate(connection, outputDirectory);
    }

    /** PostgreSQL's tables and views, without routines, indexes, sequences, UDTs or domains. */
    static Database tablesOnly() {
        return new Database()
                .withName(PostgresDatabase.class.getName())
                .withIncludeRoutines(false)
                .withIncludeIndexes(false)
                .withIncludeSequences(false)
                .withIncludeUDTs(false)
                .withIncludeDomains(false);
    }

    static Configuration configuration(Path outputDirectory) {
        return new Configuration()
                .withLogging(Logging.WARN)
                .withGenerator(new Generator()
                        .withName(JavaGenerator.class.getName())
                        // Small on purpose: tables, keys and checks are what callers use.
                        .withDatabase(tablesOnly()
                                .withSchemata(SCHEMAS.stream().map(s -> new SchemaMappingType().withInputSchema(s)).toList())
                                .withExcludes(PARTITIONS))
                        .withGenerate(new Generate()
                                .withGeneratedAnnotation(true)
                                .withGeneratedAnnotationType(GeneratedAnnotationType.JAVAX_ANNOTATION_PROCESSING_GENERATED)
                                // Reproducible output: no time stamps, so a regeneration diff means a schema change.
                                .withGeneratedAnnotationDate(false)
                                .withRecords(true)
                                .withPojos(false)
                                .withDaos(false)
                                .withJavaTimeTypes(true)
                                // To-one paths are enough; to-many (and the many-to-many ones built on them)
                                // would clash by name where enrollments links users and courses twice over.
                                .withImplicitJoinPathsToMany(false))
                        .withTarget(new Target()
                                .withPackageName(PACKAGE)
                                .withDirectory(outputDirectory.toString())
                                .withEncoding("UTF-8")
                                .withClean(true)));
    }
}
