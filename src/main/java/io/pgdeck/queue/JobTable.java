package io.pgdeck.queue;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * A job table described for {@link JobTableReader}: which rows are in which state, which
 * column names the queue and which timestamps say when a job became ready, started, finished
 * and failed. Most adapters are this description plus their actions.
 *
 * @param table the job table, qualified by its schema
 * @param queue the queue column; for a table with one queue, {@code DSL.inline(name)} and
 *     {@code singleQueue} true
 * @param singleQueue true when the table has no queue column: every job is in one queue
 * @param states every state, disjoint conditions covering the rows that count
 * @param readySince when a waiting job became ready to run (its run time)
 * @param startedAt when a running job started
 * @param finishedAt when a job finished (done, dead, cancelled)
 * @param failedAt when a job last failed (its latest attempt for a retryable job)
 * @param expired unfinished jobs past the library's expiry; {@code falseCondition()} when none
 */
public record JobTable(Table<?> table, Field<String> queue, boolean singleQueue, List<JobState> states,
        Field<OffsetDateTime> readySince, Field<OffsetDateTime> startedAt, Field<OffsetDateTime> finishedAt,
        Field<OffsetDateTime> failedAt, Condition expired) {

    public JobTable {
        states = List.copyOf(states);
    }

    /** Rows in any of the given shared states. */
    public Condition in(SharedState... shared) {
        Set<SharedState> wanted = Set.of(shared);
        return DSL.or(states.stream().filter(s -> wanted.contains(s.shared())).map(JobState::condition)
                .collect(Collectors.toList()));
    }

    /** Rows in any of the library's own states given; none for a state this installation lacks. */
    public Condition inLibraryState(String... libraryStates) {
        Set<String> wanted = Set.of(libraryStates);
        return DSL.or(states.stream().filter(s -> wanted.contains(s.libraryState())).map(JobState::condition)
                .collect(Collectors.toList()));
    }

    /**
     * The states of a state column, an enum or text, one per value in the given order: only the
     * values the installation has, since a literal its enum lacks would make every query fail.
     */
    public static List<JobState> statesOf(Field<String> column, List<String> values, Function<String, SharedState> shared,
            Set<String> installed) {
        return values.stream().filter(installed::contains)
                .map(v -> new JobState(v, shared.apply(v), column.eq(DSL.inline(v)))).toList();
    }

    /** The library's state names in their order, each once. */
    public List<String> libraryStates() {
        return states.stream().map(JobState::libraryState).distinct().toList();
    }
}
