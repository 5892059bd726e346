package io.pgdeck.catalog;

import io.pgdeck.connect.OwnStatements;
import java.time.OffsetDateTime;

/**
 * Cumulative counters of one pg_stat_statements entry since it was created or last reset; rates
 * come from two of these. Times are in milliseconds, as PostgreSQL gives them.
 *
 * @param totalPlanMillis 0 unless pg_stat_statements.track_planning is on (and before extension 1.8)
 * @param blockReadMillis time spent reading blocks, 0 unless track_io_timing is on
 * @param statsSince when the entry was created (extension 1.11, PG17), else null
 */
public record StatementStats(
        StatementKey key,
        String user,
        String database,
        String query,
        long calls,
        double totalExecMillis,
        double maxExecMillis,
        long plans,
        double totalPlanMillis,
        long rows,
        long sharedBlocksHit,
        long sharedBlocksRead,
        long tempBlocksWritten,
        double blockReadMillis,
        OffsetDateTime statsSince) {

    /** One of pgdeck's own monitoring statements ({@link OwnStatements}): hidden unless asked for. */
    public boolean own() {
        return OwnStatements.isOwn(query);
    }

    /** The same counters with the text, once it is known. */
    StatementStats withQuery(String text) {
        return new StatementStats(key, user, database, text, calls, totalExecMillis, maxExecMillis, plans,
                totalPlanMillis, rows, sharedBlocksHit, sharedBlocksRead, tempBlocksWritten, blockReadMillis, statsSince);
    }

    public double meanExecMillis() {
        return calls == 0 ? Double.NaN : totalExecMillis / calls;
    }
}
