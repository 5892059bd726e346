package io.pgdeck.catalog;

import java.util.Comparator;
import java.util.List;

/** One slow-cadence read of every table's and btree index's estimated bloat. */
public record BloatReport(List<TableBloat> tables, List<IndexBloat> indexes) {

    public BloatReport {
        tables = List.copyOf(tables);
        indexes = List.copyOf(indexes);
    }

    public long wastedBytes() {
        return tables.stream().mapToLong(TableBloat::wastedBytes).sum()
                + indexes.stream().mapToLong(IndexBloat::wastedBytes).sum();
    }

    /** Tables and indexes whose estimate the role may not see: their figures are not in {@link #wastedBytes()}. */
    public long hiddenByPrivileges() {
        return tables.stream().filter(t -> t.hiddenNote().isPresent()).count()
                + indexes.stream().filter(i -> i.hiddenNote().isPresent()).count();
    }

    public List<TableBloat> topTables(int n) {
        return tables.stream().sorted(Comparator.comparingLong(TableBloat::wastedBytes).reversed()).limit(n).toList();
    }

    public List<IndexBloat> topIndexes(int n) {
        return indexes.stream().sorted(Comparator.comparingLong(IndexBloat::wastedBytes).reversed()).limit(n).toList();
    }
}
