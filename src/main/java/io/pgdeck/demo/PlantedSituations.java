package io.pgdeck.demo;

import static io.pgdeck.db.insightdesk.Tables.TICKETS;
import static io.pgdeck.db.parel.Tables.NOTIFICATIONS;
import static io.pgdeck.db.streamvibe.Tables.JOB_QUEUE;
import static org.jooq.impl.DSL.name;

import java.sql.Connection;
import java.time.OffsetDateTime;
import java.util.UUID;
import org.jooq.DSLContext;
import org.jooq.Name;
import org.jooq.exception.DataAccessException;

/**
 * What a DBA should find in the demo besides what the seed rows carry (failed, stuck and
 * expired jobs, see {@code seed/01_streamvibe_jobs.sql}) and the partitions
 * ({@link DemoPartitions}). Names are public so that tests and screens know what to expect.
 */
public final class PlantedSituations {

    /** Never scanned: nothing searches ticket text. */
    public static final Name UNUSED_INDEX = name("insightdesk", "idx_tickets_search");
    /** Same columns as {@link #DUPLICATED_INDEX}: the Prisma schema declares it a second time. */
    public static final Name DUPLICATE_INDEX = name("insightdesk", "tickets_created_at_idx");
    public static final Name DUPLICATED_INDEX = name("insightdesk", "idx_tickets_created_at");
    /**
     * Left invalid by a {@code CREATE UNIQUE INDEX CONCURRENTLY} that met duplicate jobs: a
     * deduplication index without the {@code WHERE status IN ('pending', 'processing')} it needed.
     */
    public static final Name INVALID_INDEX = name("streamvibe", "idx_job_queue_dedupe");
    /** Autovacuum switched off "for the import" and never back on; most rows since updated or deleted. */
    public static final Name BLOATED_TABLE = name("parel", "notifications");

    private PlantedSituations() {
    }

    static void plant(DSLContext db, Connection autoCommit) {
        bloat(db);
        invalidIndex(autoCommit);
        typicalReads(db);
    }

    private static void bloat(DSLContext db) {
        db.query("ALTER TABLE {0} SET (autovacuum_enabled = false, toast.autovacuum_enabled = false)", BLOATED_TABLE).execute();
        OffsetDateTime now = OffsetDateTime.now();
        // "isRead" is indexed, so these are not HOT updates: every row gets a new version elsewhere.
        db.update(NOTIFICATIONS).set(NOTIFICATIONS.ISREAD, true).where(NOTIFICATIONS.CREATEDAT.lt(now.minusDays(3))).execute();
        db.deleteFrom(NOTIFICATIONS).where(NOTIFICATIONS.CREATEDAT.lt(now.minusDays(30))).execute();
    }

    /** CREATE INDEX CONCURRENTLY cannot run in a transaction: it needs a connection in autocommit. */
    private static void invalidIndex(Connection autoCommit) {
        DSLContext db = DemoDsl.using(autoCommit);
        try {
            db.query("CREATE UNIQUE INDEX CONCURRENTLY {0} ON {1} ({2}, {3}, {4})",
                    name(INVALID_INDEX.last()), JOB_QUEUE, JOB_QUEUE.USER_ID.getUnqualifiedName(),
                    JOB_QUEUE.JOB_TYPE.getUnqualifiedName(), JOB_QUEUE.PARAMS.getUnqualifiedName()).execute();
        } catch (DataAccessException e) {
            if ("23505".equals(e.sqlState())) {
                return; // the duplicate key error that leaves the index behind, invalid
            }
            throw e;
        }
        throw new IllegalStateException(INVALID_INDEX + " was built valid: the seed no longer has duplicate jobs");
    }

    /**
     * A few reads the applications do all day, so that index usage separates the used indexes
     * from the unused ones even before the workload runs. None touches {@link #UNUSED_INDEX}
     * or reads {@link #BLOATED_TABLE} (a read would prune its dead rows).
     */
    private static void typicalReads(DSLContext db) {
        for (int user = 0; user < 5; user++) {
            UUID userId = DemoIds.streamVibeUser(user);
            db.selectFrom(JOB_QUEUE).where(JOB_QUEUE.USER_ID.eq(userId)).and(JOB_QUEUE.STATUS.eq("completed"))
                    .orderBy(JOB_QUEUE.CREATED_AT.desc()).limit(50).fetch();
        }
        for (long org = 1; org <= 5; org++) {
            db.selectFrom(TICKETS).where(TICKETS.ORGANIZATION_ID.eq(org)).and(TICKETS.STATUS.eq("OPEN"))
                    .orderBy(TICKETS.CREATED_AT.desc()).limit(20).fetch();
        }
    }
}
