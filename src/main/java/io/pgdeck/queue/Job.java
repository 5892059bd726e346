package io.pgdeck.queue;

import java.time.OffsetDateTime;

/**
 * One job as the job browser lists it.
 *
 * @param id the library's id as text (bigint, uuid)
 * @param kind what the job does: River's kind, Oban's worker, pg-boss's queue name, Graphile's
 *     task identifier, the seed's job_type
 * @param libraryState the library's own state name
 * @param state the shared state it maps to
 * @param priority the library's priority, null where it has none (the sort order differs by
 *     library: River 1 is first, pg-boss higher is first)
 * @param attempt attempts made so far
 * @param maxAttempts attempts allowed, null where unlimited or unknown
 * @param args the job's arguments as JSON text
 * @param lastError the latest recorded error's message, null when none
 * @param worker who runs or ran it, when the library records it
 */
public record Job(String id, QueueRef queue, String kind, String libraryState, SharedState state, Integer priority,
        int attempt, Integer maxAttempts, OffsetDateTime createdAt, OffsetDateTime scheduledAt,
        OffsetDateTime startedAt, OffsetDateTime finishedAt, String args, String lastError, String worker) {}
