package io.pgdeck.ui.indexes;

import io.pgdeck.catalog.IndexFlag;
import io.pgdeck.catalog.IndexReport;
import java.util.function.Predicate;

/** Which indexes the table shows. */
public enum IndexFilter {
    FLAGGED("flagged", r -> !r.flags().isEmpty()),
    ALL("all indexes", r -> true),
    UNUSED("unused", r -> r.has(IndexFlag.UNUSED)),
    DUPLICATE("duplicate", r -> r.has(IndexFlag.DUPLICATE)),
    REDUNDANT("redundant", r -> r.has(IndexFlag.REDUNDANT)),
    INVALID("invalid", r -> r.has(IndexFlag.INVALID) || r.has(IndexFlag.BUILDING));

    private final String label;
    private final Predicate<IndexReport> shows;

    IndexFilter(String label, Predicate<IndexReport> shows) {
        this.label = label;
        this.shows = shows;
    }

    boolean shows(IndexReport report) {
        return shows.test(report);
    }

    @Override
    public String toString() {
        return label;
    }
}
