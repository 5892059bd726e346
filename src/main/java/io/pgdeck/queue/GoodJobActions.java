package io.pgdeck.queue;

import static io.pgdeck.queue.LibraryJobs.NOW_UTC;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Sql;
import java.time.LocalDateTime;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.JSONB;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * good_job's dashboard actions as statements. Retry ({@code GoodJob::Job#retry_job}) applies to
 * discarded jobs only: the same row is enqueued again to run now, its Active Job executions
 * count raised by one, error_event 'retried', the last error kept for the dashboard. Discard
 * ({@code discard_job}) finishes a job that has not started with a DiscardJobError. Pause is
 * {@code GoodJob.pause(queue:)}: the queue's name in good_job_settings 'pauses' -> 'queues'.
 */
final class GoodJobActions {

    static final String PAUSES = "pauses";

    private final String schema;
    private final Table<?> jobs;
    private final Field<UUID> id;
    private final Field<LocalDateTime> finishedAt;
    private final Field<LocalDateTime> performedAt;
    private final Field<String> error;
    private final JobTable table;

    GoodJobActions(String schema, Table<?> jobs, Field<UUID> id, Field<LocalDateTime> finishedAt,
            Field<LocalDateTime> performedAt, Field<String> error, JobTable table) {
        this.schema = schema;
        this.jobs = jobs;
        this.id = id;
        this.finishedAt = finishedAt;
        this.performedAt = performedAt;
        this.error = error;
        this.table = table;
    }

    static UUID uuid(String id) {
        try {
            return UUID.fromString(id.strip());
        } catch (IllegalArgumentException e) {
            throw new IllegalArgumentException("'" + id + "' is not a good_job job id (a UUID).");
        }
    }

    static List<UUID> uuids(List<String> ids) {
        return ids.stream().map(GoodJobActions::uuid).toList();
    }

    private <T> Field<T> col(String column, Class<T> type) {
        return field(name(schema, "good_jobs", column), type);
    }

    private Condition discarded() {
        return finishedAt.isNotNull().and(error.isNotNull());
    }

    private Map<Field<?>, Object> enqueueAgain() {
        Field<JSONB> params = col("serialized_params", JSONB.class);
        return Map.of(
                finishedAt, inline(null, LocalDateTime.class),
                performedAt, inline(null, LocalDateTime.class),
                col("scheduled_at", LocalDateTime.class), NOW_UTC,
                col("error_event", Short.class), inline(GoodJobAdapter.ERROR_EVENT_RETRIED),
                params, field("jsonb_set({0}, '{executions}', to_jsonb(coalesce(({0} ->> 'executions')::integer, 0) + 1))",
                        JSONB.class, params),
                col("updated_at", LocalDateTime.class), NOW_UTC);
    }

    private static final String RETRY_RISK = "Discarded jobs are enqueued again to run now, as good_job's Retry"
            + " button does: finished_at and performed_at cleared, scheduled_at now, error_event 'retried', the"
            + " Active Job executions count raised by one; the last error stays for the dashboard. Jobs not"
            + " discarded (waiting, running, succeeded) are not touched.";

    Action retry(List<String> ids) {
        Condition eligible = discarded().and(id.in(uuids(ids)));
        return new JobsAction("Retry " + ids.size() + " discarded good_job " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(JobUpdates.update(jobs, id, eligible, enqueueAgain())), RETRY_RISK, "enqueued again");
    }

    Action retryMatching(Condition filter, long matching) {
        return new JobsAction(String.format("Retry %,d discarded good_job jobs", matching),
                JobUpdates.batches(jobs, id, discarded().and(filter), enqueueAgain(), matching), RETRY_RISK,
                "enqueued again");
    }

    /** Only jobs not yet performed: good_job refuses to discard a job a worker holds. */
    Action discard(List<String> ids) {
        Condition eligible = finishedAt.isNull().and(performedAt.isNull()).and(id.in(uuids(ids)));
        Map<Field<?>, Object> set = Map.of(
                finishedAt, NOW_UTC,
                error, inline("GoodJob::Job::DiscardJobError: Discarded in pgdeck"),
                col("error_event", Short.class), inline(GoodJobAdapter.ERROR_EVENT_DISCARDED),
                col("updated_at", LocalDateTime.class), NOW_UTC);
        return new JobsAction("Discard " + ids.size() + " good_job " + (ids.size() == 1 ? "job" : "jobs"),
                List.of(JobUpdates.update(jobs, id, eligible, set)),
                "Jobs not yet started are finished with a DiscardJobError, as good_job's Discard button does;"
                        + " they show as discarded and can be retried later. Running and finished jobs are not touched.",
                "discarded");
    }

    private Table<?> settings() {
        return table(name(schema, "good_job_settings"));
    }

    private Field<JSONB> value() {
        return field(name(schema, "good_job_settings", "value"), JSONB.class);
    }

    private Field<String> key() {
        return field(name(schema, "good_job_settings", "key"), String.class);
    }

    private Field<JSONB> pausedQueues() {
        return field("coalesce({0} -> 'queues', '[]'::jsonb)", JSONB.class, value());
    }

    private Condition pausedHas(String queue) {
        return DSL.condition("jsonb_exists({0}, {1})", pausedQueues(), inline(queue));
    }

    Action pause(String queue) {
        Field<JSONB> fresh = field("jsonb_build_object('queues', jsonb_build_array({0}), 'job_classes', '[]'::jsonb,"
                + " 'labels', '[]'::jsonb)", JSONB.class, inline(queue));
        var insert = DSL.insertInto(settings())
                .columns(field(name("id"), UUID.class), field(name("key"), String.class), field(name("value"), JSONB.class),
                        field(name("created_at"), LocalDateTime.class), field(name("updated_at"), LocalDateTime.class))
                .values(field("gen_random_uuid()", UUID.class), inline(PAUSES), fresh, NOW_UTC, NOW_UTC)
                .onConflict(field(name("key")))
                .doUpdate()
                .set(field(name("value"), JSONB.class), field("jsonb_set(coalesce({0}, '{}'::jsonb), '{queues}', {1} || to_jsonb({2}::text))",
                        JSONB.class, value(), pausedQueues(), inline(queue)))
                .set(field(name("updated_at"), LocalDateTime.class), NOW_UTC)
                .where(DSL.not(pausedHas(queue)))
                .returning(key());
        return switchAction("Pause good_job queue " + queue, Sql.render(insert),
                "Workers stop taking jobs from " + queue + " (GoodJob.pause); jobs already running finish. Workers of a"
                        + " good_job version without pauses ignore it.",
                returned -> returned.isEmpty() ? "Queue " + queue + " was already paused." : "Queue " + queue + " paused.");
    }

    Action resume(String queue) {
        var update = DSL.update(settings())
                .set(value(), field("jsonb_set({0}, '{queues}', {1} - {2}::text)", JSONB.class, value(), pausedQueues(),
                        inline(queue)))
                .set(field(name(schema, "good_job_settings", "updated_at"), LocalDateTime.class), NOW_UTC)
                .where(key().eq(inline(PAUSES)))
                .and(pausedHas(queue))
                .returning(key());
        return switchAction("Resume good_job queue " + queue, Sql.render(update),
                "Workers take jobs from " + queue + " again (GoodJob.unpause).",
                returned -> returned.isEmpty() ? "Queue " + queue + " was not paused." : "Queue " + queue + " resumed.");
    }

    private static Action switchAction(String title, String sql, String risk,
            java.util.function.Function<List<String>, String> outcome) {
        return new LibraryAction(new ActionPlan(title, new ArrayList<>(List.of(sql)),
                "ROW EXCLUSIVE on good_job_settings; a row lock on its 'pauses' row", risk, ActionPlan.Commit.ONE_TRANSACTION), outcome);
    }
}
