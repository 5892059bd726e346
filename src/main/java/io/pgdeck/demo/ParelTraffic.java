package io.pgdeck.demo;

import static io.pgdeck.db.parel.Tables.NOTIFICATIONS;
import static io.pgdeck.db.parel.Tables.QUEUE_JOBS;
import static org.jooq.impl.DSL.currentOffsetDateTime;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.JSONB;
import org.jooq.impl.DSL;

/**
 * PareL: notifications sent and read (more dead rows in the table whose autovacuum is off),
 * and the three priority queues: jobs queued, delayed ones promoted, taken with
 * {@code SKIP LOCKED}, finished or failed.
 */
final class ParelTraffic {

    private static final int USERS = 1200;
    private static final List<String> QUEUES = List.of("high-priority", "medium-priority", "low-priority");
    private static final List<String> JOBS = List.of("xp:update", "ai:generate", "analytics:update");

    private final AppPools pools;

    ParelTraffic(AppPools pools) {
        this.pools = pools;
    }

    void notifications() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long user = 1 + rnd.nextInt(USERS);
        DSLContext db = pools.dsl(DemoApp.PAREL);
        var insert = db.insertInto(NOTIFICATIONS, NOTIFICATIONS.USERID, NOTIFICATIONS.TYPE, NOTIFICATIONS.TITLE);
        for (int i = 0; i < 4; i++) {
            insert = insert.values(1L + rnd.nextInt(USERS), "xp", "You earned 50 XP");
        }
        insert.execute();
        db.update(NOTIFICATIONS).set(NOTIFICATIONS.ISREAD, true)
                .where(NOTIFICATIONS.USERID.eq(user)).and(NOTIFICATIONS.ISREAD.isFalse()).execute();
    }

    void queues() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        DSLContext db = pools.dsl(DemoApp.PAREL);
        int queue = rnd.nextInt(QUEUES.size());
        OffsetDateTime now = OffsetDateTime.now();
        db.insertInto(QUEUE_JOBS, QUEUE_JOBS.QUEUE, QUEUE_JOBS.NAME, QUEUE_JOBS.DATA, QUEUE_JOBS.STATE, QUEUE_JOBS.RUNAT)
                .values(QUEUES.get(queue), JOBS.get(queue), JSONB.valueOf("{\"userId\": " + (1 + rnd.nextInt(USERS)) + "}"),
                        rnd.nextInt(5) == 0 ? "delayed" : "waiting", now.plusSeconds(rnd.nextInt(5) == 0 ? 20 : 0))
                .execute();
        db.update(QUEUE_JOBS).set(QUEUE_JOBS.STATE, "waiting")
                .where(QUEUE_JOBS.STATE.eq("delayed")).and(QUEUE_JOBS.RUNAT.le(currentOffsetDateTime())).execute();
        finishActive(db, rnd);
        db.transaction(cfg -> {
            DSLContext tx = DSL.using(cfg);
            var next = tx.select(QUEUE_JOBS.ID).from(QUEUE_JOBS)
                    .where(QUEUE_JOBS.QUEUE.eq(QUEUES.get(rnd.nextInt(QUEUES.size()))))
                    .and(QUEUE_JOBS.STATE.eq("waiting"))
                    .orderBy(QUEUE_JOBS.RUNAT, QUEUE_JOBS.ID).limit(2)
                    .forUpdate().skipLocked().fetch(QUEUE_JOBS.ID);
            tx.update(QUEUE_JOBS).set(QUEUE_JOBS.STATE, "active").set(QUEUE_JOBS.PROCESSEDON, currentOffsetDateTime())
                    .set(QUEUE_JOBS.ATTEMPTSMADE, QUEUE_JOBS.ATTEMPTSMADE.plus(1))
                    .where(QUEUE_JOBS.ID.in(next)).execute();
        });
    }

    /** Jobs taken at an earlier turn end now; one in twenty fails, and goes back while attempts remain. */
    private static void finishActive(DSLContext db, ThreadLocalRandom rnd) {
        var active = QUEUE_JOBS.STATE.eq("active").and(QUEUE_JOBS.PROCESSEDON.lt(OffsetDateTime.now().minusSeconds(1)));
        if (rnd.nextInt(20) == 0) {
            db.update(QUEUE_JOBS)
                    .set(QUEUE_JOBS.STATE, DSL.when(QUEUE_JOBS.ATTEMPTSMADE.lt(QUEUE_JOBS.MAXATTEMPTS), "waiting").otherwise("failed"))
                    .set(QUEUE_JOBS.FAILEDREASON, "OpenAI API error: 429 Too Many Requests")
                    .where(active).execute();
        }
        db.update(QUEUE_JOBS).set(QUEUE_JOBS.STATE, "completed").set(QUEUE_JOBS.FINISHEDON, currentOffsetDateTime())
                .where(active).execute();
    }
}
