package io.pgdeck.catalog;

import java.util.List;

/** One read of the vacuum counters: per table, the vacuums running now, the databases' XID ages. */
public record VacuumStatus(List<TableVacuum> tables, List<RunningVacuum> running, List<DatabaseXidAge> databases,
                           AutovacuumSettings server) {

    public VacuumStatus {
        tables = List.copyOf(tables);
        running = List.copyOf(running);
        databases = List.copyOf(databases);
    }
}
