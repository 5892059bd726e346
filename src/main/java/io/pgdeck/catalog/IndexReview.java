package io.pgdeck.catalog;

import java.time.Duration;
import java.util.List;

/** Every index judged at once, plus the tables that look like they miss one. */
public record IndexReview(List<IndexReport> indexes, List<MissingIndexHint> missingIndexes, Duration statsWindow) {

    public IndexReview {
        indexes = List.copyOf(indexes);
        missingIndexes = List.copyOf(missingIndexes);
    }

    public List<IndexReport> flagged(IndexFlag flag) {
        return indexes.stream().filter(r -> r.has(flag)).toList();
    }
}
