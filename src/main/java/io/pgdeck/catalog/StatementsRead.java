package io.pgdeck.catalog;

import io.pgdeck.connect.Privileges;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.Optional;

/**
 * One read of pg_stat_statements: the top entries by total execution time, and what
 * pg_stat_statements_info says about the view as a whole (PG14+; null before).
 *
 * @param readAt the server's clock when it was read, so rates use the server's notion of time
 * @param deallocations how many times entries were evicted at pg_stat_statements.max
 * @param statsReset when the whole view was last reset
 * @param planningTracked pg_stat_statements.track_planning is on: planning times are real figures
 * @param hiddenStatements entries of other roles this role may not see (no pg_read_all_stats):
 *     left out of {@code statements}, only counted
 */
public record StatementsRead(
        List<StatementStats> statements,
        OffsetDateTime readAt,
        Long deallocations,
        OffsetDateTime statsReset,
        boolean planningTracked,
        long hiddenStatements) {

    public StatementsRead {
        statements = List.copyOf(statements);
    }

    public StatementsRead(List<StatementStats> statements, OffsetDateTime readAt, Long deallocations,
                          OffsetDateTime statsReset, boolean planningTracked) {
        this(statements, readAt, deallocations, statsReset, planningTracked, 0);
    }

    /** "412 statements of other roles hidden: GRANT pg_read_all_stats ...", or empty when none is. */
    public Optional<String> hiddenNote() {
        return hiddenStatements == 0 ? Optional.empty() : Optional.of(Privileges.statementsHidden(hiddenStatements));
    }
}
