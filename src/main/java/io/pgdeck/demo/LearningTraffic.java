package io.pgdeck.demo;

import static io.pgdeck.db.learning.Tables.ANALYTICS_EVENTS;
import static io.pgdeck.db.learning.Tables.ENROLLMENTS;
import static io.pgdeck.db.learning.Tables.USER_SESSIONS;
import static org.jooq.impl.DSL.currentOffsetDateTime;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.least;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;
import org.jooq.DSLContext;
import org.jooq.JSONB;

/** The learning web site: page events, sessions seen and renewed, progress saved, expired sessions swept. */
final class LearningTraffic {

    /** Seed: users 1..900, courses 1..48. */
    private static final int USERS = 900;
    private static final int COURSES = 48;
    private static final List<String> EVENTS = List.of("page_view", "lesson_started", "lesson_completed", "video_paused");

    private static final Short PROGRESS_STEP = 5;
    private static final Short FULL = 100;

    private final AppPools pools;

    LearningTraffic(AppPools pools) {
        this.pools = pools;
    }

    void request() {
        ThreadLocalRandom rnd = ThreadLocalRandom.current();
        long user = 1 + rnd.nextInt(USERS);
        DSLContext db = pools.dsl(DemoApp.LEARNING_WEB);
        var insert = db.insertInto(ANALYTICS_EVENTS, ANALYTICS_EVENTS.USER_ID, ANALYTICS_EVENTS.EVENT_TYPE, ANALYTICS_EVENTS.PROPERTIES);
        for (int i = 0; i < 3; i++) {
            insert = insert.values(user, EVENTS.get(rnd.nextInt(EVENTS.size())),
                    JSONB.valueOf("{\"course_id\": " + (1 + rnd.nextInt(COURSES)) + ", \"client\": \"web\"}"));
        }
        insert.execute();
        db.update(USER_SESSIONS).set(USER_SESSIONS.LAST_SEEN_AT, currentOffsetDateTime())
                .where(USER_SESSIONS.USER_ID.eq(user)).and(USER_SESSIONS.EXPIRES_AT.gt(currentOffsetDateTime())).execute();
        db.update(ENROLLMENTS).set(ENROLLMENTS.PROGRESS_PCT, least(ENROLLMENTS.PROGRESS_PCT.plus(PROGRESS_STEP), inline(FULL)))
                .where(ENROLLMENTS.USER_ID.eq(user)).and(ENROLLMENTS.STATUS.eq("ACTIVE")).execute();
        if (rnd.nextInt(10) == 0) {
            OffsetDateTime now = OffsetDateTime.now();
            db.insertInto(USER_SESSIONS, USER_SESSIONS.USER_ID, USER_SESSIONS.TOKEN, USER_SESSIONS.IP_ADDRESS,
                            USER_SESSIONS.USER_AGENT, USER_SESSIONS.EXPIRES_AT)
                    .values(user, Long.toHexString(rnd.nextLong()) + Long.toHexString(rnd.nextLong()),
                            "192.168.1." + (1 + rnd.nextInt(250)), "Mozilla/5.0 (X11; Linux x86_64)", now.plusDays(14))
                    .execute();
        }
    }

    /** The seed's session cleanup: expired sessions go, leaving dead rows in every hash partition. */
    void sweepExpiredSessions() {
        pools.dsl(DemoApp.LEARNING_WEB).deleteFrom(USER_SESSIONS)
                .where(USER_SESSIONS.EXPIRES_AT.lt(currentOffsetDateTime())).execute();
    }
}
