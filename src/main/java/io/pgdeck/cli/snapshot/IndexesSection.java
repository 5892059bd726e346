package io.pgdeck.cli.snapshot;

import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReport;
import io.pgdeck.catalog.IndexReview;
import io.pgdeck.catalog.MissingIndexHint;
import java.util.List;

/**
 * What the index screen flags: unused, duplicate, redundant and invalid indexes, and tables that
 * look like they miss one. {@code statsWindowSeconds} says how long the usage counters have
 * counted: "unused" means little over a short window.
 */
public record IndexesSection(Double statsWindowSeconds, int indexes, List<FlaggedIndex> unused,
                             List<FlaggedIndex> duplicate, List<FlaggedIndex> redundant, List<FlaggedIndex> invalid,
                             List<MissingIndex> missingIndexHints) {

    static IndexesSection of(IndexReview review) {
        return new IndexesSection(review.statsWindow() == null ? null : Figures.seconds(review.statsWindow()),
                review.indexes().size(), flagged(review, IndexFlag.UNUSED), flagged(review, IndexFlag.DUPLICATE),
                flagged(review, IndexFlag.REDUNDANT), flagged(review, IndexFlag.INVALID),
                review.missingIndexes().stream().map(MissingIndex::of).toList());
    }

    private static List<FlaggedIndex> flagged(IndexReview review, IndexFlag flag) {
        return review.flagged(flag).stream().map(FlaggedIndex::of).toList();
    }

    /** One flagged index; {@code constraint} names the constraint that needs it, which pgdeck never drops. */
    public record FlaggedIndex(String schema, String table, String index, Long sizeBytes, long scans,
                               String definition, String constraint, String leftoverOf, String reason) {

        static FlaggedIndex of(IndexReport r) {
            return new FlaggedIndex(r.index().schema(), r.index().table(), r.index().name(), r.index().sizeBytes(),
                    r.counters().scans(), r.index().definition(), r.index().constraint(), r.leftoverOf(), r.explanation());
        }
    }

    /** A table read mostly by large sequential scans. */
    public record MissingIndex(String schema, String table, long seqScans, long seqRowsRead, long indexScans,
                               long liveRows, String reason) {

        static MissingIndex of(MissingIndexHint h) {
            return new MissingIndex(h.scans().schema(), h.scans().table(), h.scans().seqScans(), h.scans().seqRowsRead(),
                    h.scans().indexScans(), h.scans().liveRows(), h.reason());
        }
    }
}
