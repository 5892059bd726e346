package io.pgdeck.queue;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

/**
 * A home-grown queue table described by its user: which column holds the state and which of its
 * values mean waiting, running, failed or done, and where the queue name, priority and times
 * are. Saved as JSON by {@link CustomMappingStore}; read by {@link CustomQueueAdapter}.
 * Optional columns are null.
 *
 * @param name how the screen names this queue table ("PareL jobs")
 * @param queueColumn the column naming the queue; null when the table is one queue
 * @param waiting values meaning ready to run (the first is what a retry sets)
 * @param retryable values meaning failed and to be retried by the application itself
 * @param dead values meaning failed for good
 * @param cancelled values meaning cancelled (the first is what a cancel sets)
 * @param runAtColumn when a job is due; null when jobs are due when created
 */
public record CustomMapping(String name, String schema, String table, String idColumn, String stateColumn,
        List<String> waiting, List<String> scheduled, List<String> running, List<String> retryable, List<String> dead,
        List<String> done, List<String> cancelled, String queueColumn, String kindColumn, String priorityColumn,
        String argsColumn, String errorColumn, String attemptsColumn, String maxAttemptsColumn, String createdColumn,
        String runAtColumn, String startedColumn, String finishedColumn) {

    public CustomMapping {
        waiting = values(waiting);
        scheduled = values(scheduled);
        running = values(running);
        retryable = values(retryable);
        dead = values(dead);
        done = values(done);
        cancelled = values(cancelled);
        name = blankToNull(name);
        schema = blankToNull(schema);
        table = blankToNull(table);
        idColumn = blankToNull(idColumn);
        stateColumn = blankToNull(stateColumn);
        queueColumn = blankToNull(queueColumn);
        kindColumn = blankToNull(kindColumn);
        priorityColumn = blankToNull(priorityColumn);
        argsColumn = blankToNull(argsColumn);
        errorColumn = blankToNull(errorColumn);
        attemptsColumn = blankToNull(attemptsColumn);
        maxAttemptsColumn = blankToNull(maxAttemptsColumn);
        createdColumn = blankToNull(createdColumn);
        runAtColumn = blankToNull(runAtColumn);
        startedColumn = blankToNull(startedColumn);
        finishedColumn = blankToNull(finishedColumn);
    }

    /**
     * PareL's priority tiers (the demo's {@code parel.queue_jobs}, a Bull-like table): the queue
     * column holds high-, medium- and low-priority, and a failed job has used its attempts.
     */
    public static final CustomMapping PAREL = new CustomMapping("PareL queue_jobs", "parel", "queue_jobs", "id", "state",
            List.of("waiting"), List.of("delayed"), List.of("active"), List.of(), List.of("failed"), List.of("completed"),
            List.of(), "queue", "name", null, "data", "failedReason", "attemptsMade", "maxAttempts", "createdAt",
            "runAt", "processedOn", "finishedOn");

    /** What is wrong with the mapping, one sentence each; empty when it can be used. */
    public List<String> problems() {
        List<String> problems = new ArrayList<>();
        if (name == null) {
            problems.add("Give the mapping a name.");
        }
        if (schema == null || table == null) {
            problems.add("Name the schema and the table that holds the jobs.");
        }
        if (idColumn == null || stateColumn == null || createdColumn == null) {
            problems.add("Name the id, state and created-at columns.");
        }
        if (waiting.isEmpty() && running.isEmpty()) {
            problems.add("Say which state values mean waiting or running.");
        }
        Set<String> seen = new HashSet<>();
        allValues().filter(v -> !seen.add(v)).findFirst()
                .ifPresent(v -> problems.add("The state value '" + v + "' is given for two states."));
        return problems;
    }

    /** Every column the mapping names, to check the table has them. */
    public List<String> columns() {
        return Stream.of(idColumn, stateColumn, queueColumn, kindColumn, priorityColumn, argsColumn, errorColumn,
                attemptsColumn, maxAttemptsColumn, createdColumn, runAtColumn, startedColumn, finishedColumn)
                .filter(c -> c != null).distinct().toList();
    }

    private Stream<String> allValues() {
        return Stream.of(waiting, scheduled, running, retryable, dead, done, cancelled).flatMap(List::stream);
    }

    private static List<String> values(List<String> values) {
        return values == null ? List.of() : values.stream().map(String::strip).filter(v -> !v.isEmpty()).distinct().toList();
    }

    private static String blankToNull(String s) {
        return s == null || s.isBlank() ? null : s.strip();
    }
}
