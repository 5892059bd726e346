package io.pgdeck.queue.bullmq;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.action.PlannedAction;
import io.pgdeck.connect.ConnectionProfile;
import io.pgdeck.connect.Target;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.DepthSettings;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.JobDetail;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.JobPage;
import io.pgdeck.queue.QueueDepth;
import io.pgdeck.queue.QueueThroughput;
import io.pgdeck.queue.SharedState;
import io.pgdeck.testing.RedisServer;
import io.pgdeck.testing.TestPostgres;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * BullMQ queues in a real redis-server, jobs written in every state by the real BullMQ 5.81.5
 * from npm ({@link BullMqWriter}: Queue.add, a worker's getNextJob, moveToCompleted and
 * moveToFailed); actions run through the one action door, and what a worker then fetches is
 * what BullMQ's own Worker.getNextJob delivers.
 */
class BullMqAdapterTest {

    private static final String Q = "parel";
    private static final long MINUTE = 60_000;

    private static RedisServer redis;
    private static Target target;

    @TempDir
    Path dir;

    private BullMqWriter writer;
    private BullMqAdapter adapter;
    private ActionRunner runner;
    private Path audit;
    private long now;
    private final Map<String, String> ids = new java.util.HashMap<>();

    @BeforeAll
    static void start() {
        redis = RedisServer.start();
        ConnectionProfile profile = TestPostgres.NEWEST.freshDatabase();
        target = TestPostgres.NEWEST.openTarget(profile);
    }

    @AfterAll
    static void stop() {
        target.close();
        redis.close();
    }

    @BeforeEach
    void plant() {
        writer = new BullMqWriter(redis.url());
        writer.redis().flushall();
        adapter = new BullMqAdapter(redis.source());
        audit = dir.resolve("audit.log");
        runner = new ActionRunner(target, new AuditLog(audit), () -> false,
                new ActionSettings(Duration.ofSeconds(2), Duration.ofSeconds(60)));
        now = System.currentTimeMillis();
        // finished first: each added alone, taken by the worker and ended, as a worker does it
        BullMqWriter.Plan plan = BullMqWriter.plan();
        finished(plan, "c-old", true, now - 3 * 24 * 60 * MINUTE);
        finished(plan, "c-new", true, now - MINUTE);
        finished(plan, "f-old", false, now - 3 * 24 * 60 * MINUTE);
        finished(plan, "f-new", false, now - 2 * MINUTE);
        plan.add("a", "a", "{\"n\":1}", Map.of(), now - 5 * MINUTE).take("a", "worker:1", now - 5 * MINUTE)
                .add("w1", "w1", "{\"n\":2}", Map.of(), now - 10 * MINUTE)
                .add("w2", "w2", "{\"n\":3}", Map.of(), now - MINUTE)
                .add("p", "p", "{\"n\":4}", Map.of("priority", 5), now - MINUTE)
                .add("d", "d", "{\"n\":5}", Map.of("delay", 60 * MINUTE), now);
        ids.putAll(writer.plant(Q, plan)); // plant.mjs fails unless each take got the job just added
    }

    private static void finished(BullMqWriter.Plan plan, String name, boolean completes, long at) {
        plan.add(name, name, "{\"report\":\"" + name + "\"}", Map.of("attempts", 1), at - MINUTE)
                .take(name, "worker:1", at - MINUTE);
        if (completes) {
            plan.complete(name, "worker:1", "{\"rows\":42}", at);
        } else {
            plan.fail(name, "worker:1", "timeout refreshing matview",
                    "Error: timeout refreshing matview\n    at refresh (worker.js:10:5)", at);
        }
    }

    @AfterEach
    void close() {
        writer.close();
    }

    @Test
    void discoversTheQueueAndCountsEveryStateExactly() {
        assertThat(adapter.queues(null)).containsExactly(Q);
        QueueDepth depth = adapter.depths(null, DepthSettings.DEFAULTS).get(0);
        assertThat(depth.byLibraryState()).containsExactly(Map.entry("wait", Count.exact(2)), Map.entry("paused", Count.exact(0)),
                Map.entry("prioritized", Count.exact(1)), Map.entry("waiting-children", Count.exact(0)),
                Map.entry("delayed", Count.exact(1)), Map.entry("active", Count.exact(1)),
                Map.entry("completed", Count.exact(2)), Map.entry("failed", Count.exact(2)));
        assertThat(depth.count(SharedState.WAITING)).isEqualTo(Count.exact(3));
        assertThat(depth.count(SharedState.SCHEDULED)).isEqualTo(Count.exact(1));
        assertThat(depth.count(SharedState.RUNNING)).isEqualTo(Count.exact(1));
        assertThat(depth.count(SharedState.DONE)).isEqualTo(Count.exact(2));
        assertThat(depth.count(SharedState.DEAD)).isEqualTo(Count.exact(2));
        assertThat(depth.oldestWaiting()).isBetween(Duration.ofMinutes(10), Duration.ofMinutes(11));
        assertThat(depth.paused()).isFalse();
        assertThat(depth.queue().label()).isEqualTo("BullMQ (localhost:" + redis.port() + "/0 bull) / parel");
    }

    @Test
    void throughputCountsWhatFinishedInTheWindowByFinishedOn() {
        QueueThroughput t = adapter.throughput(null, Duration.ofMinutes(5)).get(0);
        assertThat(t.done()).isEqualTo(1);
        assertThat(t.failed()).isEqualTo(1);
        assertThat(t.failureRate()).isEqualTo(0.5);
    }

    @Test
    void browserPagesThroughEveryJobOnceAndFilters() {
        List<String> seen = new ArrayList<>();
        JobFilter filter = new JobFilter(null, null, null, null, null, null, 3);
        JobPage page;
        do {
            page = adapter.jobs(null, filter);
            assertThat(page.jobs()).hasSizeLessThanOrEqualTo(3);
            page.jobs().forEach(j -> seen.add(j.kind()));
            filter = filter.after(page.next());
        } while (page.hasNext());
        assertThat(seen).containsExactlyInAnyOrder("w1", "w2", "p", "d", "a", "c-old", "c-new", "f-old", "f-new");
        assertThat(seen).hasSize(9);

        List<Job> dead = adapter.jobs(null, JobFilter.all().withState(SharedState.DEAD)).jobs();
        assertThat(dead).extracting(Job::kind).containsExactly("f-new", "f-old"); // newest first, by finishedOn
        assertThat(dead.get(0).attempt()).isEqualTo(1);
        assertThat(dead.get(0).lastError()).isEqualTo("timeout refreshing matview");
        assertThat(adapter.jobs(null, JobFilter.all().withText("REPORT\":\"c-")).jobs()).extracting(Job::kind)
                .containsExactlyInAnyOrder("c-old", "c-new");
        assertThat(adapter.jobs(null, JobFilter.all().withKind("p")).jobs()).singleElement()
                .satisfies(j -> assertThat(j.priority()).isEqualTo(5));
        assertThat(adapter.count(null, JobFilter.all(), 20_000)).isEqualTo(Count.exact(9));
        assertThat(adapter.count(null, JobFilter.all().withKind("w1"), 20_000)).isEqualTo(Count.exact(1));
    }

    @Test
    void detailHasDataOptsAttemptsAndTheStackTraces() {
        JobDetail detail = adapter.job(null, new JobRef(Q, ids.get("f-new")).toString()).orElseThrow();
        assertThat(detail.job().libraryState()).isEqualTo("failed");
        assertThat(detail.job().args()).isEqualTo("{\"report\":\"f-new\"}");
        assertThat(detail.job().attempt()).isEqualTo(1);
        assertThat(detail.job().maxAttempts()).isEqualTo(1);
        assertThat(detail.errors()).singleElement().satisfies(e -> {
            assertThat(e.message()).isEqualTo("Error: timeout refreshing matview");
            assertThat(e.trace()).contains("at refresh (worker.js:10:5)");
        });
        assertThat(detail.output()).contains("\"opts\":{\"attempts\":1}");
        assertThat(adapter.job(null, new JobRef(Q, ids.get("c-new")).toString()).orElseThrow().output()).contains("\"returnvalue\":{\"rows\":42}");
        assertThat(adapter.job(null, new JobRef(Q, "nope").toString())).isEmpty();
    }

    @Test
    void retryMovesAFailedJobToWaitOnceAndTheWorkerFetchesItOnce() throws Exception {
        String failed = new JobRef(Q, ids.get("f-new")).toString();
        Action retry = adapter.retry(List.of(failed, new JobRef(Q, ids.get("a")).toString(), new JobRef(Q, ids.get("c-new")).toString())).orElseThrow();
        PlannedAction planned = PlannedAction.of(retry);
        assertThat(planned.plan().sql()).contains("BullMQ 5.81.5 reprocessJob-8.lua", "EVALSHA", "\"bull:parel:failed\"");
        assertThat(planned.plan().lock()).startsWith("none: Redis runs");
        assertThat(runner.refusal(planned)).isEmpty();

        ActionResult result = runner.run(planned, p -> {});
        assertThat(result.succeeded()).as(result.message()).isTrue();
        assertThat(result.message()).isEqualTo("1 job moved to wait.");
        // again: nothing left to move, so nothing moves twice
        assertThat(runner.run(retry, p -> {}).message()).startsWith("No job changed");

        List<String> wait = strings(writer.redis().lrange(BullMqWriter.utf8("bull:parel:wait"), 0, -1));
        assertThat(wait).containsOnlyOnce(ids.get("f-new"));
        assertThat(writer.redis().hget(BullMqWriter.utf8("bull:parel:" + ids.get("f-new")), BullMqWriter.utf8("atm")))
                .asString(StandardCharsets.UTF_8).isEqualTo("1"); // Job.retry keeps attemptsMade by default
        assertThat(adapter.job(null, failed).orElseThrow().job().lastError()).isNull();
        assertThat(fetchAll()).containsOnlyOnce(ids.get("f-new")).doesNotContain(ids.get("a"), ids.get("c-new"));
        assertThat(Files.readString(audit)).contains("reprocessJob-8.lua");
    }

    @Test
    void retryPromotesADelayedJobAndBulkRetryMovesWhatEligibleCounted() {
        assertThat(adapter.eligible(null, JobOperation.RETRY, JobFilter.all(), 20_000)).isEqualTo(Count.exact(2));
        ActionResult promoted = runner.run(adapter.retry(List.of(new JobRef(Q, ids.get("d")).toString())).orElseThrow(), p -> {});
        assertThat(promoted.message()).isEqualTo("1 job moved to wait.");
        assertThat(adapter.depths(null, DepthSettings.DEFAULTS).get(0).byLibraryState().get("delayed")).isEqualTo(Count.ZERO);

        adapter.queues(null);
        Action all = adapter.retryMatching(JobFilter.all().withState(SharedState.DEAD), 2).orElseThrow();
        assertThat(PlannedAction.of(all).plan().sql()).contains("moveJobsToWait-8.lua");
        assertThat(runner.run(all, p -> {}).succeeded()).isTrue();
        QueueDepth after = adapter.depths(null, DepthSettings.DEFAULTS).get(0);
        assertThat(after.byLibraryState().get("failed")).isEqualTo(Count.ZERO);
        assertThat(after.byLibraryState().get("wait")).isEqualTo(Count.exact(5)); // w1, w2, d, f-old, f-new
        assertThat(fetchAll()).contains(ids.get("d"), ids.get("f-old"), ids.get("f-new")).doesNotHaveDuplicates();
        assertThat(adapter.cancel(List.of(new JobRef(Q, ids.get("w1")).toString()))).isEmpty();
        assertThat(adapter.eligible(null, JobOperation.CANCEL, JobFilter.all(), 20_000)).isEqualTo(Count.ZERO);
    }

    @Test
    void pauseKeepsTheWorkerAwayUntilResumed() {
        runner.run(adapter.pause(Q).orElseThrow(), p -> {});
        QueueDepth paused = adapter.depths(null, DepthSettings.DEFAULTS).get(0);
        assertThat(paused.paused()).isTrue();
        assertThat(paused.byLibraryState().get("paused")).isEqualTo(Count.exact(2));
        assertThat(paused.count(SharedState.WAITING)).isEqualTo(Count.exact(3));
        assertThat(writer.take(Q, "worker:2")).isNull();

        assertThat(runner.run(adapter.resume(Q).orElseThrow(), p -> {}).message()).isEqualTo("Queue parel resumed.");
        assertThat(adapter.depths(null, DepthSettings.DEFAULTS).get(0).paused()).isFalse();
        assertThat(writer.take(Q, "worker:2")).isEqualTo(ids.get("w1"));
    }

    @Test
    void deleteRefusesTheActiveJobAndPurgeRemovesWhatEligibleCounted() {
        ActionResult deleted = runner.run(adapter.delete(List.of(new JobRef(Q, ids.get("w2")).toString(), new JobRef(Q, ids.get("a")).toString()))
                .orElseThrow(), p -> {});
        assertThat(deleted.message()).isEqualTo("1 job deleted.");
        assertThat(adapter.job(null, new JobRef(Q, ids.get("w2")).toString())).isEmpty();
        assertThat(adapter.job(null, new JobRef(Q, ids.get("a")).toString())).isPresent();

        JobFilter olderThanADay = JobFilter.all().withOlderThan(Duration.ofDays(1));
        assertThat(adapter.eligible(null, JobOperation.DELETE, olderThanADay, 20_000)).isEqualTo(Count.exact(2));
        adapter.queues(null);
        ActionResult purged = runner.run(adapter.deleteMatching(olderThanADay, 2).orElseThrow(), p -> {});
        assertThat(purged.message()).isEqualTo("2 jobs deleted.");
        QueueDepth after = adapter.depths(null, DepthSettings.DEFAULTS).get(0);
        assertThat(after.byLibraryState().get("completed")).isEqualTo(Count.exact(1));
        assertThat(after.byLibraryState().get("failed")).isEqualTo(Count.exact(1));
        assertThat(adapter.eligible(null, JobOperation.DELETE, olderThanADay, 20_000)).isEqualTo(Count.ZERO);
    }

    @Test
    void aCancelBetweenStepsStopsTheRestAndIsAudited() throws Exception {
        Action delete = adapter.delete(List.of(new JobRef(Q, ids.get("w1")).toString(), new JobRef(Q, ids.get("w2")).toString())).orElseThrow();
        java.util.concurrent.CompletableFuture<ActionRunner.Running> handle = new java.util.concurrent.CompletableFuture<>();
        // cancelled once the first script ran: the runner must not start the second
        ActionRunner.Running running = runner.start(delete, p -> handle.join().cancel());
        handle.complete(running);
        ActionResult result = running.result().join();
        assertThat(result.outcome()).isEqualTo(ActionResult.Outcome.CANCELLED);
        assertThat(adapter.job(null, new JobRef(Q, ids.get("w1")).toString())).isEmpty();
        assertThat(adapter.job(null, new JobRef(Q, ids.get("w2")).toString())).isPresent();
        assertThat(new AuditLog(audit).read()).singleElement().satisfies(e -> {
            assertThat(e.outcome()).isEqualTo("CANCELLED");
            assertThat(e.sql()).contains("removeJob-2.lua", "\"bull:parel:" + ids.get("w2") + "\"");
        });
    }

    @Test
    void readOnlyModeRefusesItAsEveryAction() {
        ActionRunner readOnly = new ActionRunner(target, new AuditLog(audit), () -> true,
                new ActionSettings(Duration.ofSeconds(2), Duration.ofSeconds(60)));
        assertThat(readOnly.refusal(PlannedAction.of(adapter.pause(Q).orElseThrow()))).contains(ActionRunner.READ_ONLY);
    }

    /** Every job a worker would take now, by BullMQ's own Worker.getNextJob, each completed at once. */
    private List<String> fetchAll() {
        return writer.take(Q, "worker:9", 0);
    }

    private static List<String> strings(List<byte[]> values) {
        return values.stream().map(BullMqWriter::text).toList();
    }
}
