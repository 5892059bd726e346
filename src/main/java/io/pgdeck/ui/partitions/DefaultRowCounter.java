package io.pgdeck.ui.partitions;

import io.pgdeck.catalog.NewPartition;
import io.pgdeck.catalog.Relation;

/** Counts the rows of a DEFAULT partition that fall in a new partition's range (a reader call, off the JavaFX thread). */
@FunctionalInterface
public interface DefaultRowCounter {

    long rowsIn(Relation defaultPartition, String keyColumn, NewPartition partition);
}
