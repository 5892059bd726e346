package io.pgdeck.demo;

import static java.time.Duration.ofMillis;
import static java.time.Duration.ofSeconds;

import io.pgdeck.connect.ConnectionProfile;
import java.time.Duration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Life for the demo database: applications with their own pools, users and application names
 * (streamvibe-api and -worker, insightdesk-api, learning-web, parel-app, reporting) queue and
 * work jobs, open and move tickets, record events, churn rows into dead tuples, run slow
 * reports; now and then a session idles in transaction and a lock chain forms and drains.
 *
 * <p>Bounded on purpose, the demo runs next to the console on a laptop: {@value #THREADS}
 * threads, fixed rates, 11 connections.
 */
public final class DemoWorkload implements AutoCloseable {

    static final int THREADS = 6;
    /** The first lock chain and idle transaction come soon, so a fresh demo shows them. */
    static final Duration FIRST_LOCK_CHAIN = ofSeconds(8);
    static final Duration FIRST_IDLE_TRANSACTION = ofSeconds(5);
    static final Duration SITUATION_PERIOD = ofSeconds(75);

    private static final Logger LOG = LoggerFactory.getLogger(DemoWorkload.class);

    private final ConnectionProfile demo;
    private StatementTracker tracker;
    private AppPools pools;
    private WorkloadExecutor executor;
    private LockChain lockChain;
    private IdleTransaction idleTransaction;

    /** {@code demo}: a superuser profile on the demo database, as {@link DemoDatabase#profile()} gives. */
    public DemoWorkload(ConnectionProfile demo) {
        this.demo = demo;
    }

    /** Shorthand for {@code new DemoWorkload(demo).start()}. */
    public static DemoWorkload start(ConnectionProfile demo) {
        return new DemoWorkload(demo).start();
    }

    public synchronized DemoWorkload start() {
        if (executor != null) {
            throw new IllegalStateException("the demo workload is already running");
        }
        tracker = new StatementTracker();
        pools = new AppPools(demo, tracker, DemoApp.STREAMVIBE_API, DemoApp.STREAMVIBE_WORKER, DemoApp.INSIGHTDESK_API,
                DemoApp.LEARNING_WEB, DemoApp.PAREL, DemoApp.REPORTING);
        executor = new WorkloadExecutor(THREADS);
        lockChain = new LockChain(pools, executor);
        idleTransaction = new IdleTransaction(pools, executor);

        StreamVibeJobs jobs = new StreamVibeJobs(pools, executor);
        executor.every(ofMillis(100), ofMillis(700), "queue jobs", jobs::produce);
        executor.every(ofMillis(200), ofMillis(400), "worker-1", () -> jobs.takeOne("worker-1"));
        executor.every(ofMillis(400), ofMillis(400), "worker-2", () -> jobs.takeOne("worker-2"));
        executor.every(ofSeconds(3), ofSeconds(15), "retry failed jobs", jobs::retryFailed);
        executor.every(ofSeconds(30), ofSeconds(60), "clean up old jobs", jobs::cleanUp);

        InsightDeskTraffic desk = new InsightDeskTraffic(pools);
        executor.every(ofMillis(300), ofSeconds(1), "insightdesk request", desk::request);

        LearningTraffic web = new LearningTraffic(pools);
        executor.every(ofMillis(500), ofSeconds(1), "learning request", web::request);
        executor.every(ofSeconds(20), ofSeconds(30), "sweep sessions", web::sweepExpiredSessions);

        ParelTraffic parel = new ParelTraffic(pools);
        executor.every(ofMillis(700), ofSeconds(2), "parel notifications", parel::notifications);
        executor.every(ofMillis(900), ofSeconds(1), "parel queues", parel::queues);

        ReportingQueries reports = new ReportingQueries(pools);
        executor.every(ofSeconds(2), ofSeconds(15), "slow job report", reports::slowJobReport);
        executor.every(ofSeconds(4), ofSeconds(10), "scan report", reports::scanReport);
        executor.every(ofSeconds(45), ofSeconds(120), "refresh dashboard", reports::refreshDashboard);

        executor.every(FIRST_IDLE_TRANSACTION, SITUATION_PERIOD, "idle transaction", idleTransaction::open);
        executor.every(FIRST_LOCK_CHAIN, SITUATION_PERIOD, "lock chain", lockChain::start);
        LOG.info("demo workload running on {}", demo.describe());
        return this;
    }

    /**
     * Stops every task, cancels what is still executing (lock waits, sleeps), ends the held
     * sessions and closes the pools. Returns when all workload threads have ended.
     */
    @Override
    public synchronized void close() {
        if (executor == null) {
            return;
        }
        executor.stop();
        tracker.cancelAll();
        lockChain.close();
        idleTransaction.close();
        if (!executor.awaitStop(ofSeconds(10))) {
            LOG.warn("demo workload: some tasks did not stop within 10 s");
        }
        pools.close();
        executor = null;
        LOG.info("demo workload stopped");
    }
}
