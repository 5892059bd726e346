package io.pgdeck.explain;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

/**
 * The plans of src/test/resources/io/pgdeck/explain/plans: each made by a real server from the
 * statement of its .sql file on the data of setup.sql (README.md there says which server).
 */
final class PlanCorpus {

    private PlanCorpus() {}

    static Path directory() {
        try {
            return Path.of(PlanCorpus.class.getResource("plans/setup.sql").toURI()).getParent();
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Every committed plan file, named {@code <shape>-pg<NN>.json}. */
    static List<String> files() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".json")).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** The shapes: every .sql file but setup.sql. */
    static List<String> shapes() {
        try (Stream<Path> files = Files.list(directory())) {
            return files.map(p -> p.getFileName().toString()).filter(n -> n.endsWith(".sql") && !n.equals("setup.sql"))
                    .map(n -> n.substring(0, n.length() - 4)).sorted().toList();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static String read(String file) {
        try {
            return Files.readString(directory().resolve(file), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static Plan plan(String file) {
        return PlanParser.parse(read(file));
    }

    /** The SET lines of a shape's file; 13-15 know debug_parallel_query by its old name. */
    static List<String> settings(String shape, int major) {
        return read(shape + ".sql").lines().filter(l -> l.startsWith("SET "))
                .map(l -> major < 16 ? l.replace("debug_parallel_query", "force_parallel_mode") : l).toList();
    }

    static String statement(String shape) {
        return String.join("\n", read(shape + ".sql").lines().filter(l -> !l.startsWith("SET ")).toList());
    }

    /** setup.sql statement by statement: VACUUM cannot share a transaction with the rest. */
    static List<String> setup() {
        List<String> statements = new java.util.ArrayList<>();
        StringBuilder current = new StringBuilder();
        for (String line : read("setup.sql").lines().filter(l -> !l.startsWith("--")).toList()) {
            current.append(line).append('\n');
            boolean inDollarQuote = current.toString().split("\\$\\$", -1).length % 2 == 0;
            if (line.endsWith(";") && !inDollarQuote) {
                statements.add(current.toString());
                current.setLength(0);
            }
        }
        return statements;
    }

    static String shape(String file) {
        return file.substring(0, file.lastIndexOf("-pg"));
    }
}
