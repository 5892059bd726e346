package io.pgdeck.connect;

/** PostgreSQL's server_version_num, e.g. 170002 for 17.2. */
public record ServerVersion(int number) implements Comparable<ServerVersion> {

    public static final int OLDEST_SUPPORTED = 13;
    public static final int NEWEST_SUPPORTED = 18;

    public int major() {
        return number / 10000;
    }

    public int minor() {
        return number % 10000;
    }

    public boolean atLeast(int major) {
        return major() >= major;
    }

    public boolean supported() {
        return major() >= OLDEST_SUPPORTED && major() <= NEWEST_SUPPORTED;
    }

    @Override
    public int compareTo(ServerVersion o) {
        return Integer.compare(number, o.number);
    }

    @Override
    public String toString() {
        return major() + "." + minor();
    }
}
