package io.pgdeck.demo;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URL;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystem;
import java.nio.file.FileSystemAlreadyExistsException;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/** Numbered SQL files in a class-path folder, read in file-name order and run one transaction each. */
final class SqlScripts {

    private SqlScripts() {
    }

    static List<SqlScript> load(String resourceDir) {
        URL dir = SqlScripts.class.getClassLoader().getResource(resourceDir);
        try {
            if (dir == null) {
                return loadFromOwnJar(resourceDir);
            }
            URI uri = dir.toURI();
            if ("jar".equals(uri.getScheme())) {
                try (FileSystem jar = FileSystems.newFileSystem(uri, Map.of())) {
                    return read(jar.provider().getPath(uri));
                } catch (FileSystemAlreadyExistsException e) {
                    // Someone else has the jar open: read through theirs and leave closing it to them.
                    return read(Path.of(uri));
                }
            }
            return read(Path.of(uri));
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + resourceDir, e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** A jar written without directory entries hides folders from the class loader, not from a zip file system. */
    private static List<SqlScript> loadFromOwnJar(String resourceDir) throws IOException, URISyntaxException {
        Path location = Path.of(SqlScripts.class.getProtectionDomain().getCodeSource().getLocation().toURI());
        if (!Files.isRegularFile(location)) {
            throw new IllegalStateException(resourceDir + " is not on the class path");
        }
        try (FileSystem jar = FileSystems.newFileSystem(location)) {
            return read(jar.getPath(resourceDir));
        }
    }

    private static List<SqlScript> read(Path dir) throws IOException {
        List<SqlScript> scripts = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                scripts.add(new SqlScript(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        if (scripts.isEmpty()) {
            throw new IllegalStateException("no .sql files under " + dir);
        }
        return scripts;
    }

    /**
     * Runs each script in one transaction, in one round trip: the driver splits a script into
     * its statements and honours dollar quoting in function bodies. A failed script leaves
     * nothing behind.
     */
    static void run(Connection connection, List<SqlScript> scripts) {
        try {
            boolean autoCommit = connection.getAutoCommit();
            connection.setAutoCommit(false);
            try {
                for (SqlScript script : scripts) {
                    runOne(connection, script);
                }
            } finally {
                connection.setAutoCommit(autoCommit);
            }
        } catch (SQLException e) {
            throw new IllegalStateException(e);
        }
    }

    private static void runOne(Connection connection, SqlScript script) throws SQLException {
        try (Statement st = connection.createStatement()) {
            st.execute(script.sql());
            connection.commit();
        } catch (SQLException e) {
            connection.rollback();
            throw new IllegalStateException(script.name() + " failed: " + e.getMessage(), e);
        }
    }
}
