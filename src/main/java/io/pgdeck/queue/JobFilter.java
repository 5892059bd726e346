package io.pgdeck.queue;

import java.time.Duration;

/**
 * Which jobs the browser lists and a bulk retry touches. Every criterion is optional (null).
 *
 * @param queue the queue's name within the adapter's installation
 * @param state a shared state
 * @param libraryState one of the library's own state names, narrower than {@code state}
 * @param kind exact kind (River kind, Oban worker, task identifier, job_type)
 * @param text a substring of the args or of the errors, case-insensitive
 * @param after the {@link JobPage#next()} cursor of the previous page; null for the first page
 * @param limit rows per page
 * @param olderThan jobs that finished longer ago than this (the purge's age); null for any
 */
public record JobFilter(String queue, SharedState state, String libraryState, String kind, String text,
        String after, int limit, Duration olderThan) {

    public static final int DEFAULT_LIMIT = 100;

    public JobFilter {
        queue = blankToNull(queue);
        libraryState = blankToNull(libraryState);
        kind = blankToNull(kind);
        text = blankToNull(text);
        after = blankToNull(after);
        if (limit <= 0) {
            throw new IllegalArgumentException("a page holds at least one job");
        }
        if (olderThan != null && olderThan.isNegative()) {
            throw new IllegalArgumentException("An age to purge by cannot be negative.");
        }
    }

    public JobFilter(String queue, SharedState state, String libraryState, String kind, String text, String after,
            int limit) {
        this(queue, state, libraryState, kind, text, after, limit, null);
    }

    public static JobFilter all() {
        return new JobFilter(null, null, null, null, null, null, DEFAULT_LIMIT);
    }

    public JobFilter withQueue(String q) {
        return new JobFilter(q, state, libraryState, kind, text, null, limit, olderThan);
    }

    public JobFilter withState(SharedState s) {
        return new JobFilter(queue, s, libraryState, kind, text, null, limit, olderThan);
    }

    public JobFilter withKind(String k) {
        return new JobFilter(queue, state, libraryState, k, text, null, limit, olderThan);
    }

    public JobFilter withText(String t) {
        return new JobFilter(queue, state, libraryState, kind, t, null, limit, olderThan);
    }

    public JobFilter after(String cursor) {
        return new JobFilter(queue, state, libraryState, kind, text, cursor, limit, olderThan);
    }

    /** Only jobs that finished longer ago than {@code age}. */
    public JobFilter withOlderThan(Duration age) {
        return new JobFilter(queue, state, libraryState, kind, text, null, limit, age);
    }

    /** The same criteria from the first page on, as a bulk action takes them. */
    public JobFilter firstPage() {
        return after(null);
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
