package io.pgdeck.demo;

import io.pgdeck.connect.ConnectionProfile;
import java.io.IOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.time.Duration;
import java.util.concurrent.locks.LockSupport;

/**
 * Prints the demo's figures, asserts nothing (ARCHITECTURE.md, "Targets"): start-up time by
 * step, and the CPU the running workload costs, this JVM and the PostgreSQL server separately,
 * in percent of one core. Linux only (reads /proc).
 *
 * <p>Run: {@code mvn -q test-compile exec:exec -Dexec.classpathScope=test -Dexec.executable=java
 * "-Dexec.args=-classpath %classpath io.pgdeck.demo.DemoFigures 60"}
 */
public final class DemoFigures {

    private static final double CLOCK_TICKS_PER_SECOND = 100; // USER_HZ on Linux
    private static final Duration WARM_UP = Duration.ofSeconds(10);

    private DemoFigures() {
    }

    public static void main(String[] args) throws Exception {
        Duration window = Duration.ofSeconds(args.length > 0 ? Integer.parseInt(args[0]) : 60);
        long t0 = System.nanoTime();
        try (DemoDatabase demo = DemoDatabase.start(null)) {
            System.out.printf("start-up: %s; start() returned after %d ms%n", demo.startup(), (System.nanoTime() - t0) / 1_000_000);
            if (window.isZero()) {
                return;
            }
            long postmaster = postmasterPid(demo.profile());
            DemoWorkload workload = DemoWorkload.start(demo.profile());
            park(WARM_UP);
            double jvm0 = jvmCpuSeconds();
            double server0 = serverCpuSeconds(postmaster);
            long w0 = System.nanoTime();
            park(window);
            double wall = (System.nanoTime() - w0) / 1e9;
            double jvm = (jvmCpuSeconds() - jvm0) / wall * 100;
            double server = (serverCpuSeconds(postmaster) - server0) / wall * 100;
            System.out.printf("workload over %.0f s: JVM %.1f%%, PostgreSQL %.1f%%, together %.1f%% of one core%n",
                    wall, jvm, server, jvm + server);
            long c0 = System.nanoTime();
            workload.close();
            System.out.printf("workload close(): %d ms%n", (System.nanoTime() - c0) / 1_000_000);
        }
    }

    private static void park(Duration d) {
        long end = System.nanoTime() + d.toNanos();
        while (System.nanoTime() < end) {
            LockSupport.parkNanos(end - System.nanoTime());
        }
    }

    private static long postmasterPid(ConnectionProfile profile) throws SQLException {
        try (Connection c = DriverManager.getConnection(profile.jdbcUrl(), profile.user(), null);
             Statement st = c.createStatement(); ResultSet rs = st.executeQuery("SELECT pg_backend_pid()")) {
            rs.next();
            return ProcessHandle.of(rs.getLong(1)).orElseThrow().parent().orElseThrow().pid();
        }
    }

    private static double jvmCpuSeconds() {
        return ((com.sun.management.OperatingSystemMXBean) ManagementFactory.getOperatingSystemMXBean()).getProcessCpuTime() / 1e9;
    }

    /** The postmaster's own time, its reaped children's, and its live children's. */
    private static double serverCpuSeconds(long postmaster) throws IOException {
        double ticks = stat(postmaster, true);
        for (ProcessHandle child : ProcessHandle.of(postmaster).orElseThrow().children().toList()) {
            ticks += stat(child.pid(), false);
        }
        return ticks / CLOCK_TICKS_PER_SECOND;
    }

    private static double stat(long pid, boolean withReapedChildren) throws IOException {
        String stat;
        try {
            stat = Files.readString(Path.of("/proc", Long.toString(pid), "stat"));
        } catch (IOException e) {
            return 0; // ended meanwhile; the postmaster's reaped-children time has it
        }
        String[] f = stat.substring(stat.lastIndexOf(')') + 2).split(" ");
        // fields after "(comm) ": state=0 ... utime=11 stime=12 cutime=13 cstime=14
        double ticks = Double.parseDouble(f[11]) + Double.parseDouble(f[12]);
        return withReapedChildren ? ticks + Double.parseDouble(f[13]) + Double.parseDouble(f[14]) : ticks;
    }
}
