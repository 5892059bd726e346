package io.pgdeck.demo;

import static io.pgdeck.db.streamvibe.Tables.JOB_LOG;
import static io.pgdeck.db.streamvibe.Tables.JOB_QUEUE;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import io.pgdeck.db.streamvibe.tables.records.JobQueueRecord;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * StreamVibe's job queue at work: the API queues jobs, workers take them with
 * {@code FOR UPDATE SKIP LOCKED}, finish most after a few seconds and fail some, failed jobs
 * with retries left go back to pending, and old finished jobs are cleaned up.
 */
final class StreamVibeJobs {

    static final String PENDING = "pending";
    static final String PROCESSING = "processing";
    static final String COMPLETED = "completed";
    static final String FAILED = "failed";

    private static final List<String> TYPES = List.of("sync_youtube", "sync_instagram", "sync_tiktok", "transcode_video",
            "generate_thumbnails", "send_digest_email", "refresh_analytics");
    private static final List<String> ERRORS = List.of("YouTube Data API quota exceeded (RATE_LIMIT)",
            "Instagram access token expired (AUTH_EXPIRED)", "Timed out after 300 s waiting for TikTok API (TIMEOUT)");
    private static final double FAILURE_RATE = 0.12;

    private final AppPools pools;
    private final WorkloadExecutor executor;
    private int ticks;

    StreamVibeJobs(AppPools pools, WorkloadExecutor executor) {
        this.pools = pools;
        this.executor = executor;
    }

    /** One to two jobs a tick, and every tenth tick a burst, as when a user connects a new channel. */
    void produce() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        int jobs = ++ticks % 10 == 0 ? 12 : 1 + rnd.nextInt(2);
        int user = rnd.nextInt(DemoIds.STREAMVIBE_USERS);
        var insert = pools.dsl(DemoApp.STREAMVIBE_API)
                .insertInto(JOB_QUEUE, JOB_QUEUE.USER_ID, JOB_QUEUE.JOB_TYPE, JOB_QUEUE.JOB_PRIORITY, JOB_QUEUE.PARAMS);
        for (int i = 0; i < jobs; i++) {
            int type = rnd.nextInt(TYPES.size());
            insert = insert.values(DemoIds.streamVibeUser(user), TYPES.get(type), type == 3 ? 10 : 5,
                    JSONB.valueOf("{\"social_account_id\": \"acct_" + user + "_" + type + "_" + rnd.nextInt(1000) + "\"}"));
        }
        insert.execute();
    }

    /** Takes the most urgent due job, if any, and finishes it a few seconds later. */
    void takeOne(String workerId) {
        UUID taken = pools.dsl(DemoApp.STREAMVIBE_WORKER).transactionResult(cfg -> {
            DSLContext tx = DSL.using(cfg);
            JobQueueRecord job = tx.selectFrom(JOB_QUEUE)
                    .where(JOB_QUEUE.STATUS.eq(PENDING))
                    .and(JOB_QUEUE.SCHEDULED_FOR.le(currentOffsetDateTime()))
                    .and(JOB_QUEUE.EXPIRES_AT.gt(currentOffsetDateTime()))
                    .orderBy(JOB_QUEUE.JOB_PRIORITY.desc(), JOB_QUEUE.SCHEDULED_FOR)
                    .limit(1)
                    .forUpdate().skipLocked()
                    .fetchOne();
            if (job == null) {
                return null;
            }
            tx.update(JOB_QUEUE).set(JOB_QUEUE.STATUS, PROCESSING).set(JOB_QUEUE.STARTED_AT, currentOffsetDateTime())
                    .set(JOB_QUEUE.WORKER_ID, workerId).where(JOB_QUEUE.ID.eq(job.getId())).execute();
            log(tx, job.getId(), "info", "Job started on " + workerId, null);
            return job.getId();
        });
        if (taken != null) {
            Duration work = Duration.ofMillis(500 + ThreadLocalRandom.current().nextInt(3500));
            executor.after(work, "finish job", () -> finish(taken));
        }
    }

    private void finish(UUID job) {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        pools.dsl(DemoApp.STREAMVIBE_WORKER).transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            if (rnd.nextDouble() < FAILURE_RATE) {
                String error = ERRORS.get(rnd.nextInt(ERRORS.size()));
                tx.update(JOB_QUEUE).set(JOB_QUEUE.STATUS, FAILED).set(JOB_QUEUE.ERROR_MESSAGE, error)
                        .set(JOB_QUEUE.RETRY_COUNT, JOB_QUEUE.RETRY_COUNT.plus(1))
                        .set(JOB_QUEUE.COMPLETED_AT, currentOffsetDateTime()).where(JOB_QUEUE.ID.eq(job)).execute();
                String code = error.substring(error.lastIndexOf('(') + 1, error.length() - 1);
                log(tx, job, "error", "Job failed: " + error, JSONB.valueOf("{\"error_code\": \"" + code + "\"}"));
            } else {
                tx.update(JOB_QUEUE).set(JOB_QUEUE.STATUS, COMPLETED)
                        .set(JOB_QUEUE.RESULT, JSONB.valueOf("{\"videos_synced\": " + rnd.nextInt(300) + "}"))
                        .set(JOB_QUEUE.COMPLETED_AT, currentOffsetDateTime()).where(JOB_QUEUE.ID.eq(job)).execute();
                log(tx, job, "info", "Job completed", null);
            }
        });
    }

    /** The seed's auto-retry: failed jobs with attempts left go back to the queue after a pause. */
    void retryFailed() {
        OffsetDateTime now = OffsetDateTime.now();
        pools.dsl(DemoApp.STREAMVIBE_WORKER).update(JOB_QUEUE)
                .set(JOB_QUEUE.STATUS, PENDING)
                .set(JOB_QUEUE.SCHEDULED_FOR, now.plusSeconds(5))
                .set(JOB_QUEUE.EXPIRES_AT, now.plusHours(24))
                .setNull(JOB_QUEUE.STARTED_AT)
                .setNull(JOB_QUEUE.COMPLETED_AT)
                .setNull(JOB_QUEUE.WORKER_ID)
                .where(JOB_QUEUE.STATUS.eq(FAILED))
                .and(JOB_QUEUE.RETRY_COUNT.lt(JOB_QUEUE.MAX_RETRIES))
                .and(JOB_QUEUE.UPDATED_AT.lt(now.minusSeconds(20)))
                .execute();
    }

    /** The seed's daily cleanup of finished jobs older than 7 days (their log lines go with them). */
    void cleanUp() {
        pools.dsl(DemoApp.STREAMVIBE_WORKER).deleteFrom(JOB_QUEUE)
                .where(JOB_QUEUE.STATUS.in(COMPLETED, "cancelled"))
                .and(JOB_QUEUE.COMPLETED_AT.lt(OffsetDateTime.now().minusDays(7)))
                .execute();
    }

    private static void log(DSLContext tx, UUID job, String level, String message, JSONB metadata) {
        tx.insertInto(JOB_LOG, JOB_LOG.JOB_ID, JOB_LOG.LOG_LEVEL, JOB_LOG.MESSAGE, JOB_LOG.METADATA)
                .values(job, level, message, metadata).execute();
    }
}
