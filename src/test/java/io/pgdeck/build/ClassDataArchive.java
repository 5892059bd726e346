package io.pgdeck.build;

import io.pgdeck.testing.TestPostgres;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Builds the jar's class-data-sharing archive in the package phase: the command-line commands run
 * against the embedded PostgreSQL, each recording the classes it loaded, and the JVM dumps those
 * classes, parsed and verified, into one archive that {@code .ci/app} hands to
 * {@code -XX:SharedArchiveFile}. A static archive from the merged lists rather than Java 17's
 * dynamic one (-XX:ArchiveClassesAtExit), which records one process: snapshot and explain are two.
 * The JVM checks the jar's size and time against the archive and ignores an archive that does not
 * match, so {@code java -jar} with or without it runs the same.
 *
 * <p>Arguments: the jar, the archive to write.
 */
public final class ClassDataArchive {

    private ClassDataArchive() {}

    public static void main(String[] args) throws Exception {
        Path jar = Path.of(args[0]).toAbsolutePath();
        Path archive = Path.of(args[1]).toAbsolutePath();
        long start = System.nanoTime();
        String java = ProcessHandle.current().info().command().orElse("java");
        TestPostgres pg = TestPostgres.NEWEST;
        String db = pg.freshDatabase().database();
        pg.execute(db, "CREATE TABLE orders (id bigint PRIMARY KEY, status text, amount numeric)",
                "INSERT INTO orders SELECT g, 'new', g FROM generate_series(1, 1000) g", "ANALYZE orders");
        String uri = "postgresql://postgres@localhost:" + pg.port() + "/" + db + "?sslmode=disable";
        Path work = Files.createTempDirectory("pgdeck-cds");
        Path savedPlan = work.resolve("plan.json");
        try (var in = ClassDataArchive.class.getResourceAsStream("/io/pgdeck/explain/plans/cte-twice-pg17.json")) {
            Files.copy(in, savedPlan);
        }
        List<List<String>> runs = List.of(
                List.of("--version"),
                List.of("--help"),
                List.of("snapshot", uri, "--interval", "0", "--json"),
                List.of("snapshot", uri, "--interval", "0"),
                List.of("explain", uri, "SELECT status, count(*) FROM orders WHERE amount > 10 GROUP BY status"),
                List.of("explain", uri, "--analyze", "--json", "SELECT * FROM orders WHERE id = 7"),
                List.of("explain", "--plan", savedPlan.toString()),
                List.of("check", uri));
        Set<String> classes = new LinkedHashSet<>();
        for (int i = 0; i < runs.size(); i++) {
            Path list = work.resolve(i + ".classlist");
            List<String> command = new ArrayList<>(List.of(java, "-XX:DumpLoadedClassList=" + list, "-jar", jar.toString()));
            command.addAll(runs.get(i));
            run(command, work);
            // "name id: N": the ids number one run's classes and would clash across runs
            Files.readAllLines(list).forEach(line -> classes.add(line.replaceFirst(" id: \\d+$", "")));
        }
        Path merged = work.resolve("all.classlist");
        Files.write(merged, classes);
        run(List.of(java, "-Xshare:dump", "-XX:SharedClassListFile=" + merged, "-XX:SharedArchiveFile=" + archive,
                "-cp", jar.toString()), work);
        System.out.printf(Locale.ROOT, "class-data archive %s: %d classes from %d runs, %.1f s%n", archive,
                classes.size(), runs.size(), (System.nanoTime() - start) / 1e9);
        System.exit(0); // the embedded server stops with the JVM
    }

    private static void run(List<String> command, Path work) throws IOException, InterruptedException {
        Path log = work.resolve("run.log");
        ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
                .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile()));
        // no profiles, .pgpass or audit log of whoever builds
        builder.environment().put("HOME", work.toString());
        builder.environment().keySet().removeIf(k -> k.startsWith("PG"));
        int exit = builder.start().waitFor();
        // check and explain exit 1 on a warning: only a crash or a refused argument is a failed run
        if (exit > 1) {
            throw new IllegalStateException(String.join(" ", command) + " exited " + exit + ":\n" + Files.readString(log));
        }
    }
}
