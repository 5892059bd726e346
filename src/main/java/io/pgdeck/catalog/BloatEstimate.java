package io.pgdeck.catalog;

/**
 * How many pages the live rows of a table or btree index would need, from the planner statistics
 * alone: row count (pg_class.reltuples), the average stored width of each column
 * (pg_stats.avg_width, reduced by null_frac), the tuple header, the line pointer and MAXALIGN.
 * Whatever the relation holds beyond that, at its fillfactor, is the estimated bloat.
 *
 * <p>Known limits, all making the estimate a little high: padding between columns of different
 * alignment is not counted (pg_stats does not say where it falls), nor the internal pages of a
 * btree; btree deduplication (13+) can make an index smaller than estimated, which reads as no bloat.
 * MAXALIGN is 8, as on every 64-bit server.
 */
public final class BloatEstimate {

    static final int MAXALIGN = 8;
    static final int PAGE_HEADER = 24;
    static final int LINE_POINTER = 4;
    static final int HEAP_TUPLE_HEADER = 23;
    static final int INDEX_TUPLE_HEADER = 8;
    /** IndexAttributeBitMapData: one bit per index column, 32 at most. */
    static final int INDEX_NULL_BITMAP = 4;
    static final int BTREE_SPECIAL = 16;
    public static final int HEAP_DEFAULT_FILLFACTOR = 100;
    public static final int BTREE_DEFAULT_FILLFACTOR = 90;

    private BloatEstimate() {}

    /**
     * Pages a heap needs for {@code rows} rows.
     *
     * @param columns   columns of the table (not dropped), for the null bitmap
     * @param dataWidth sum over columns of avg_width × (1 − null_frac)
     * @param hasNulls  whether any column holds nulls (then every such tuple carries a bitmap)
     */
    public static long heapPages(double rows, int columns, double dataWidth, boolean hasNulls, int blockSize,
                                 int fillfactor) {
        if (rows <= 0) {
            return 0;
        }
        int header = align(HEAP_TUPLE_HEADER + (hasNulls ? (columns + 7) / 8 : 0));
        double tuple = header + alignUp(dataWidth) + LINE_POINTER;
        double usable = (blockSize - PAGE_HEADER) * fillfactor / 100.0;
        double perPage = Math.max(1, Math.floor(usable / tuple));
        return (long) Math.ceil(rows / perPage);
    }

    /** Pages a btree needs for {@code rows} entries: its leaf pages plus the metapage. */
    public static long btreePages(double rows, double dataWidth, boolean hasNulls, int blockSize, int fillfactor) {
        int header = align(INDEX_TUPLE_HEADER + (hasNulls ? INDEX_NULL_BITMAP : 0));
        double tuple = header + alignUp(dataWidth) + LINE_POINTER;
        double usable = (blockSize - PAGE_HEADER - BTREE_SPECIAL) * fillfactor / 100.0;
        double perPage = Math.max(1, Math.floor(usable / tuple));
        return 1 + (rows <= 0 ? 0 : (long) Math.ceil(rows / perPage));
    }

    /** The bytes a relation of {@code pages} holds beyond the {@code neededPages}, never negative. */
    public static long wastedBytes(long pages, long neededPages, int blockSize) {
        return Math.max(0, pages - neededPages) * (long) blockSize;
    }

    static int align(int bytes) {
        return (bytes + MAXALIGN - 1) / MAXALIGN * MAXALIGN;
    }

    static double alignUp(double bytes) {
        return Math.ceil(bytes / MAXALIGN) * MAXALIGN;
    }
}
