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
    public static List<SchemaFile> load() {
        URL dir = SchemaFiles.class.getClassLoader().getResource(RESOURCE_DIR);
        if (dir == null) {
            throw new IllegalStateException(RESOURCE_DIR + " is not on the class path: build with Maven, which copies jooq-codegen/sql there");
        }
        try {
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
            throw new UncheckedIOException("cannot read the demo schema files", e);
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    private static List<SchemaFile> read(Path dir) throws IOException {
        List<SchemaFile> files = new ArrayList<>();
        try (Stream<Path> list = Files.list(dir)) {
            for (Path p : list.filter(p -> p.getFileName().toString().endsWith(".sql"))
                    .sorted(Comparator.comparing(p -> p.getFileName().toString())).toList()) {
                files.add(new SchemaFile(p.getFileName().toString(), Files.readString(p, StandardCharsets.UTF_8)));
            }
        }
        if (files.isEmpty()) {
            throw new IllegalStateException("no .sql files under " + dir);
        }
        return files;
    }

    /**
     * Runs every file on the connection, one file per round trip; the driver splits each file
     * into its statements and honours dollar quoting in function bodies.
     */
    public static void apply(Connection connection) {
        for (SchemaFile file : load()) {
            try (Statement st = connection.createStatement()) {
                st.execute(file.sql());
            } catch (SQLException e) {
                throw new IllegalStateException("schema file " + file.name() + " failed: " + e.getMessage(), e);
            }
        }
    }
}
