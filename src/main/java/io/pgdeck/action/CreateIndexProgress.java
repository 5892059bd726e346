package io.pgdeck.action;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.util.Optional;
import org.jooq.DSLContext;
import org.jooq.Record;

/**
 * Progress of CREATE INDEX and REINDEX from pg_stat_progress_create_index (PG12+): the phase,
 * and blocks where PostgreSQL counts blocks in that phase, tuples where it counts tuples, the
 * transactions waited for in the waiting phases.
 */
public final class CreateIndexProgress implements ProgressSource {

    @Override
    public Optional<Progress> read(DSLContext monitoring, int actionPid) {
        Record r = monitoring.select(field(name("p", "phase"), String.class).as("phase"),
                        field(name("p", "blocks_done"), Long.class).as("blocks_done"),
                        field(name("p", "blocks_total"), Long.class).as("blocks_total"),
                        field(name("p", "tuples_done"), Long.class).as("tuples_done"),
                        field(name("p", "tuples_total"), Long.class).as("tuples_total"),
                        field(name("p", "lockers_done"), Long.class).as("lockers_done"),
                        field(name("p", "lockers_total"), Long.class).as("lockers_total"))
                .from(table(name("pg_catalog", "pg_stat_progress_create_index")).as("p"))
                .where(field(name("p", "pid"), Integer.class).eq(actionPid))
                .fetchOne();
        if (r == null) {
            return Optional.empty();
        }
        String phase = r.get("phase", String.class);
        if (phase.startsWith("waiting")) {
            // blocks and tuples keep the last build's figures here; what moves is the transactions waited for
            return Optional.of(new Progress(phase + " (transactions)", r.get("lockers_done", Long.class),
                    r.get("lockers_total", Long.class)));
        }
        long blocksTotal = r.get("blocks_total", Long.class);
        if (blocksTotal > 0) {
            return Optional.of(new Progress(phase + " (blocks)", r.get("blocks_done", Long.class), blocksTotal));
        }
        long tuplesTotal = r.get("tuples_total", Long.class);
        return Optional.of(new Progress(phase + (tuplesTotal > 0 ? " (tuples)" : ""),
                r.get("tuples_done", Long.class), tuplesTotal));
    }
}
