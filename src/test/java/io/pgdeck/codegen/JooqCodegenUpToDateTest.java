package io.pgdeck.codegen;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The committed {@code io.pgdeck.db} must be exactly what the schema files generate today. */
class JooqCodegenUpToDateTest {

    private static final Path COMMITTED = Path.of("src/main/java");
    private static final String PACKAGE_DIR = JooqCodegen.PACKAGE.replace('.', '/');

    @Test
    void committedClassesMatchTheSchemaFiles(@TempDir Path out) throws Exception {
        TestPostgres pg = TestPostgres.NEWEST;
        String database = pg.freshDatabase().database();
        try (Connection connection = pg.connect(database)) {
            JooqCodegen.generate(connection, out);
        }

        Map<String, String> fresh = filesUnder(out.resolve(PACKAGE_DIR));
        Map<String, String> committed = filesUnder(COMMITTED.resolve(PACKAGE_DIR));
        List<String> differences = new ArrayList<>();
        for (String file : fresh.keySet()) {
            if (!committed.containsKey(file)) {
                differences.add("missing: " + file);
            } else if (!committed.get(file).equals(fresh.get(file))) {
                differences.add("differs: " + file);
            }
        }
        committed.keySet().stream().filter(f -> !fresh.containsKey(f)).forEach(f -> differences.add("not generated any more: " + f));

        assertThat(differences)
                .as("src/main/java/%s is stale against jooq-codegen/sql; run jooq-codegen/regenerate.sh and commit the result",
                        PACKAGE_DIR)
                .isEmpty();
    }

    private static Map<String, String> filesUnder(Path dir) {
        Map<String, String> files = new TreeMap<>();
        if (!Files.isDirectory(dir)) {
            return files;
        }
        try (Stream<Path> walk = Files.walk(dir)) {
            for (Path p : walk.filter(Files::isRegularFile).toList()) {
                files.put(dir.relativize(p).toString().replace('\\', '/'), Files.readString(p));
            }
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        return files;
    }
}
