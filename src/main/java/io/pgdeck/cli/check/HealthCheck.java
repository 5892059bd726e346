package io.pgdeck.cli.check;

/** One line of {@code pgdeck check}: what was checked, whether it is fine, and the figure behind it. */
public record HealthCheck(String name, Status status, String figure) {

    public enum Status { OK, WARN }

    static HealthCheck ok(String name, String figure) {
        return new HealthCheck(name, Status.OK, figure);
    }

    static HealthCheck warn(String name, String figure) {
        return new HealthCheck(name, Status.WARN, figure);
    }

    boolean warns() {
        return status == Status.WARN;
    }

    String line() {
        return String.format("%-4s  %-20s %s", status, name, figure);
    }
}
