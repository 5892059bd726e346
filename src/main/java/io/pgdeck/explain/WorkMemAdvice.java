package io.pgdeck.explain;

import java.util.Locale;

/**
 * How much work_mem a node needed to stay in memory, from what EXPLAIN ANALYZE reported of its
 * spill, rounded up to a value a DBA would type. Each figure was checked on PostgreSQL 13 and 17
 * by running the node again with the advised value (PlantedInsightsTest, WorkMemAdviceTest).
 */
final class WorkMemAdvice {

    /** palloc's chunk header and the sort's slot per row, both kept in memory but not on disk. */
    private static final double SORT_BYTES_PER_ROW = 16 + 24;
    /** The header a tuple has in memory and drops on disk (minimal tuple offset less the length word). */
    private static final double SORT_TUPLE_HEADER = 6;
    /** A group's hash entry, header and allocation beyond its width, as measured (hashAggKb). */
    private static final double HASH_AGG_BYTES_PER_GROUP = 110;
    /** Rows of uneven widths round up to powers of two unevenly: the average row understates them. */
    private static final double MARGIN = 1.25;

    private WorkMemAdvice() {}

    /**
     * An external sort of {@code diskKb} over {@code rows}: in memory each row takes its size on
     * disk plus its header, rounded up to a power of two by the allocator, plus a chunk header
     * and a slot; PostgreSQL 17's allocator does not round, so it needs less. Measured on 13: 13,720
     * kB on disk needed 70,395 kB for 1M integers, 244,640 kB needed 290,032 kB for 1M rows of 250
     * bytes: no fixed ratio fits both.
     */
    static double sortKb(double diskKb, double rows) {
        if (rows <= 0) {
            return diskKb * 2 * MARGIN;
        }
        double rowBytes = diskKb * 1024 / rows + SORT_TUPLE_HEADER;
        double chunk = Math.max(8, Math.pow(2, Math.ceil(Math.log(rowBytes) / Math.log(2))));
        return rows * (chunk + SORT_BYTES_PER_ROW) / 1024 * MARGIN;
    }

    /** A hash join's table in {@code batches} batches, each up to {@code peakKb}: all of them at once. */
    static double hashKb(double peakKb, double batches) {
        return peakKb * batches * MARGIN;
    }

    /**
     * A hash aggregate that spilled, from the groups it returned and their width: what it wrote to
     * disk is input rows, not groups, and says little (15 MB spilled where 28 MB was needed).
     * Measured with enable_sort off on PostgreSQL 13: 116 bytes a group of width 12, 147 of width
     * 41; PostgreSQL 17 needs half that of work_mem, its hash_mem_multiplier being 2.
     */
    static double hashAggKb(double groups, double width) {
        return groups * (width + HASH_AGG_BYTES_PER_GROUP) / 1024 * MARGIN;
    }

    /**
     * A bitmap exact for every heap page it visited: one entry per page, 64 bytes in its hash
     * table, which grows by doubling. Measured on 13 and 17: 1,870 pages needed 128kB (112kB was
     * not enough), so twice the entries' size with the margin.
     */
    static double bitmapKb(double heapPages) {
        return heapPages * 64 / 1024 * 2 * MARGIN;
    }

    /**
     * A Memoize cache that evicted: at its peak it held {@code misses - evictions} entries at most,
     * and every miss may be a key of its own. An upper bound: 30,000 misses over 3,000 keys ask
     * 6MB where 434kB held them all.
     */
    static double memoizeKb(double peakKb, double misses, double evictions) {
        return peakKb * misses / Math.max(1, misses - evictions) * MARGIN;
    }

    /** work_mem as a DBA would type it: in MB with two significant digits, rounded up; at least 1MB. */
    static String setting(double kb) {
        double mb = Math.max(1, Math.ceil(kb / 1024));
        double unit = Math.pow(10, Math.max(0, Math.floor(Math.log10(mb)) - 1));
        return String.format(Locale.ROOT, "%.0fMB", Math.ceil(mb / unit) * unit);
    }
}
