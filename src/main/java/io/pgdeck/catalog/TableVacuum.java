package io.pgdeck.catalog;

import java.time.OffsetDateTime;

/**
 * A table's vacuum state from pg_stat_all_tables and pg_class: dead tuples, when it was last
 * vacuumed and analyzed (by hand or by autovacuum), the effective autovacuum settings and how
 * far its oldest unfrozen transaction ID is from a forced anti-wraparound vacuum.
 *
 * @param rows     pg_class.reltuples (negative: never counted)
 * @param xidAge   age(relfrozenxid); null for relations without storage
 * @param tuned    whether the table has autovacuum_* storage parameters of its own
 */
public record TableVacuum(RelationName table, double rows, long liveTuples, long deadTuples,
                          long insertedSinceVacuum, long modifiedSinceAnalyze,
                          OffsetDateTime lastVacuum, OffsetDateTime lastAutovacuum,
                          OffsetDateTime lastAnalyze, OffsetDateTime lastAutoanalyze,
                          long vacuumCount, long autovacuumCount, long analyzeCount, long autoanalyzeCount,
                          Long xidAge, AutovacuumSettings settings, boolean tuned) {

    /** Dead tuples as a share of live plus dead, in [0, 1]. */
    public double deadRatio() {
        long all = liveTuples + deadTuples;
        return all == 0 ? 0 : (double) deadTuples / all;
    }

    public double vacuumThreshold() {
        return settings.vacuumThresholdFor(rows);
    }

    public double analyzeThreshold() {
        return settings.analyzeThresholdFor(rows);
    }

    /** Autovacuum would vacuum it now: dead tuples, or rows inserted, past their thresholds. */
    public boolean vacuumDue() {
        return deadTuples > vacuumThreshold() || insertedSinceVacuum > settings.insertThresholdFor(rows);
    }

    public boolean analyzeDue() {
        return modifiedSinceAnalyze > analyzeThreshold();
    }

    /** Share of autovacuum_freeze_max_age used: at 1 autovacuum forces a vacuum, even when disabled. */
    public double freezeAgeRatio() {
        return xidAge == null ? 0 : (double) xidAge / settings.freezeMaxAge();
    }

    public OffsetDateTime lastVacuumed() {
        return later(lastVacuum, lastAutovacuum);
    }

    public OffsetDateTime lastAnalyzed() {
        return later(lastAnalyze, lastAutoanalyze);
    }

    private static OffsetDateTime later(OffsetDateTime a, OffsetDateTime b) {
        return a == null ? b : b == null ? a : a.isAfter(b) ? a : b;
    }
}
