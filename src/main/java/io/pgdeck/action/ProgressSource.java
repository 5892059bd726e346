package io.pgdeck.action;

import java.util.Optional;
import org.jooq.DSLContext;

/**
 * Reads the progress of the action's backend from a pg_stat_progress_* view, polled from the
 * monitoring pool while the action runs.
 */
@FunctionalInterface
public interface ProgressSource {

    ProgressSource NONE = (db, pid) -> Optional.empty();

    Optional<Progress> read(DSLContext monitoring, int actionPid);
}
