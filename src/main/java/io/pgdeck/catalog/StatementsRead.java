package io.pgdeck.catalog;

import java.time.OffsetDateTime;
import java.util.List;

/**
 * One read of pg_stat_statements: the top entries by total execution time, and what
 * pg_stat_statements_info says about the view as a whole (PG14+; null before).
 *
 * @param readAt the server's clock when it was read, so rates use the server's notion of time
 * @param deallocations how many times entries were evicted at pg_stat_statements.max
 * @param statsReset when the whole view was last reset
 * @param planningTracked pg_stat_statements.track_planning is on: planning times are real figures
 */
public record StatementsRead(
        List<StatementStats> statements,
        OffsetDateTime readAt,
        Long deallocations,
        OffsetDateTime statsReset,
        boolean planningTracked) {

    public StatementsRead {
        statements = List.copyOf(statements);
    }
}
