package io.pgdeck.cli.check;

/** One line of {@code pgdeck check}: what was checked, whether it is fine, and the figure behind it. */
record HealthCheck(String name, Status status, String figure) {

    enum Status { OK, WARN }

    static HealthCheck ok(String name, String figure) {
        return new HealthCheck(name, Status.OK, figure);
    }

    static HealthCheck warn(String name, String figure) {
        return new HealthCheck(name, Status.WARN, figure);
    }

    /** A threshold as the user gave it: 80, not 80.0; 99.5 stays 99.5. */
    static String threshold(double value) {
        return value == Math.rint(value) ? Long.toString((long) value) : Double.toString(value);
    }

    boolean warns() {
        return status == Status.WARN;
    }

    String line() {
        return String.format("%-4s  %-20s %s", status, name, figure);
    }
}
