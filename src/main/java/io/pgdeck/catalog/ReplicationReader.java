package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgReplicationSlots.PG_REPLICATION_SLOTS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatArchiver.PG_STAT_ARCHIVER;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatDatabaseConflicts.PG_STAT_DATABASE_CONFLICTS;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatReplication.PG_STAT_REPLICATION;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgStatWalReceiver.PG_STAT_WAL_RECEIVER;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.ServerVersion;
import io.pgdeck.connect.Target;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;

/**
 * Streaming replication from either side: the primary's standbys, slots and archiver, or the
 * standby's receiver, replay lag and recovery conflicts. Everything here is readable with
 * pg_monitor alone. The version switches of replication (13 to 18) are all in this class.
 */
public final class ReplicationReader {

    /** pg_current_wal_lsn() fails during recovery: there the position is what was received. */
    private static final String POSITION = "CASE WHEN pg_catalog.pg_is_in_recovery()"
            + " THEN coalesce(pg_catalog.pg_last_wal_receive_lsn(), pg_catalog.pg_last_wal_replay_lsn())"
            + " ELSE pg_catalog.pg_current_wal_lsn() END";

    private final Target target;

    public ReplicationReader(Target target) {
        this.target = target;
    }

    /** One read of everything replication: three to five small queries, cheap enough for every refresh. */
    public ReplicationStatus status() {
        DSLContext db = target.db();
        Record r = db.select(
                        field("pg_catalog.pg_is_in_recovery()", Boolean.class).as("standby"),
                        field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("read_at"),
                        field("coalesce(pg_catalog.pg_wal_lsn_diff(" + POSITION + ", '0/0'), 0)::bigint", Long.class).as("wal"))
                .fetchOne();
        boolean standby = Boolean.TRUE.equals(r.get("standby", Boolean.class));
        return new ReplicationStatus(standby, r.get("read_at", OffsetDateTime.class), r.get("wal", Long.class),
                standby ? List.of() : standbys(db), slots(db), archiver(db),
                standby ? receiver(db) : null, standby ? replay(db) : null,
                standby ? conflicts(db) : List.of());
    }

    private static List<ConnectedStandby> standbys(DSLContext db) {
        var r = PG_STAT_REPLICATION;
        return db.select(r.PID, r.APPLICATION_NAME, field("host({0})", String.class, r.CLIENT_ADDR).as("client"),
                        r.STATE, r.SYNC_STATE, seconds(r.WRITE_LAG), seconds(r.FLUSH_LAG), seconds(r.REPLAY_LAG),
                        behind(r.SENT_LSN), behind(r.REPLAY_LSN))
                .from(r)
                .orderBy(r.APPLICATION_NAME, r.PID)
                .fetch(s -> new ConnectedStandby(s.get(r.PID), s.get(r.APPLICATION_NAME),
                        s.get("client", String.class), s.get(r.STATE), s.get(r.SYNC_STATE),
                        duration(s, "write_lag"), duration(s, "flush_lag"), duration(s, "replay_lag"),
                        s.get("sent_lsn", Long.class), s.get("replay_lsn", Long.class)));
    }

    private List<ReplicationSlot> slots(DSLContext db) {
        var s = PG_REPLICATION_SLOTS;
        return db.select(s.SLOT_NAME, s.SLOT_TYPE, s.DATABASE, s.ACTIVE, s.ACTIVE_PID, s.WAL_STATUS, behind(s.RESTART_LSN),
                        s.SAFE_WAL_SIZE, ColumnVersions.orNull(target.version(), s.INACTIVE_SINCE),
                        invalidationReason(target.version()))
                .from(s)
                .orderBy(s.SLOT_NAME)
                .fetch(r -> new ReplicationSlot(r.get(s.SLOT_NAME), r.get(s.SLOT_TYPE), r.get(s.DATABASE),
                        Boolean.TRUE.equals(r.get(s.ACTIVE)), r.get(s.ACTIVE_PID), r.get(s.WAL_STATUS),
                        r.get("restart_lsn", Long.class), r.get(s.SAFE_WAL_SIZE),
                        r.get("inactive_since", OffsetDateTime.class), r.get("invalidation_reason", String.class)));
    }

    private static ArchiverStats archiver(DSLContext db) {
        var a = PG_STAT_ARCHIVER;
        Record r = db.select(field("pg_catalog.current_setting('archive_mode') <> 'off'", Boolean.class).as("mode"),
                        a.ARCHIVED_COUNT, a.LAST_ARCHIVED_WAL, a.LAST_ARCHIVED_TIME,
                        a.FAILED_COUNT, a.LAST_FAILED_WAL, a.LAST_FAILED_TIME)
                .from(a)
                .fetchOne();
        return new ArchiverStats(Boolean.TRUE.equals(r.get("mode", Boolean.class)), r.get(a.ARCHIVED_COUNT),
                r.get(a.LAST_ARCHIVED_WAL), r.get(a.LAST_ARCHIVED_TIME),
                r.get(a.FAILED_COUNT), r.get(a.LAST_FAILED_WAL), r.get(a.LAST_FAILED_TIME));
    }

    /** Null when no receiver runs (the primary is unreachable and the standby is between retries). */
    private static WalReceiver receiver(DSLContext db) {
        var w = PG_STAT_WAL_RECEIVER;
        // conninfo is left out on purpose: it may carry the replication password
        return db.select(w.STATUS, w.SENDER_HOST, w.SENDER_PORT, w.SLOT_NAME, w.WRITTEN_LSN, w.FLUSHED_LSN,
                        w.LATEST_END_LSN, w.LAST_MSG_SEND_TIME, w.LAST_MSG_RECEIPT_TIME, w.LATEST_END_TIME)
                .from(w)
                .fetchOptional(r -> new WalReceiver(r.get(w.STATUS), r.get(w.SENDER_HOST), r.get(w.SENDER_PORT),
                        r.get(w.SLOT_NAME), r.get(w.WRITTEN_LSN), r.get(w.FLUSHED_LSN), r.get(w.LATEST_END_LSN),
                        r.get(w.LAST_MSG_SEND_TIME), r.get(w.LAST_MSG_RECEIPT_TIME), r.get(w.LATEST_END_TIME)))
                .orElse(null);
    }

    private ReplayLag replay(DSLContext db) {
        Record p = db.select(
                        field("pg_catalog.pg_last_wal_receive_lsn()::text", String.class).as("received"),
                        field("pg_catalog.pg_last_wal_replay_lsn()::text", String.class).as("replayed"),
                        field("greatest(0, coalesce(pg_catalog.pg_wal_lsn_diff(pg_catalog.pg_last_wal_receive_lsn(),"
                                + " pg_catalog.pg_last_wal_replay_lsn()), 0))::bigint", Long.class).as("behind"),
                        field("pg_catalog.pg_last_xact_replay_timestamp()", OffsetDateTime.class).as("last_xact"),
                        field("extract(epoch FROM pg_catalog.clock_timestamp() - pg_catalog.pg_last_xact_replay_timestamp())",
                                Double.class).as("age"),
                        pauseState())
                .fetchOne();
        return new ReplayLag(p.get("received", String.class), p.get("replayed", String.class), p.get("behind", Long.class),
                p.get("last_xact", OffsetDateTime.class), duration(p, "age"), p.get("pause_state", String.class));
    }

    private List<RecoveryConflicts> conflicts(DSLContext db) {
        var c = PG_STAT_DATABASE_CONFLICTS;
        // Conflicts with active logical slots are counted from 16; before, there were none to count.
        Field<Long> logicalSlot = ColumnVersions.has(target.version(), c.CONFL_ACTIVE_LOGICALSLOT)
                ? c.CONFL_ACTIVE_LOGICALSLOT : inline(0L).as(c.CONFL_ACTIVE_LOGICALSLOT.getName());
        return db.select(c.DATNAME, c.CONFL_TABLESPACE, c.CONFL_LOCK, c.CONFL_SNAPSHOT, c.CONFL_BUFFERPIN,
                        c.CONFL_DEADLOCK, logicalSlot)
                .from(c)
                .orderBy(c.DATNAME)
                .fetch(r -> new RecoveryConflicts(r.get(c.DATNAME), r.get(c.CONFL_TABLESPACE), r.get(c.CONFL_LOCK),
                        r.get(c.CONFL_SNAPSHOT), r.get(c.CONFL_BUFFERPIN), r.get(c.CONFL_DEADLOCK),
                        r.get(logicalSlot.getName(), Long.class)));
    }

    // The version switches. Columns go through ColumnVersions; what is left here is the meaning
    // that moved between versions.

    /** Why a slot can no longer be used: invalidation_reason (17+), conflicting (16), wal_status 'lost' (13-15). */
    private static Field<String> invalidationReason(ServerVersion version) {
        var s = PG_REPLICATION_SLOTS;
        if (ColumnVersions.has(version, s.INVALIDATION_REASON)) {
            return s.INVALIDATION_REASON;
        }
        Field<String> lost = when(s.WAL_STATUS.eq(inline("lost")), inline("wal_removed"));
        return (ColumnVersions.has(version, s.CONFLICTING)
                ? when(s.CONFLICTING.isTrue(), inline("rows_removed")).otherwise(lost)
                : lost).as(s.INVALIDATION_REASON.getName());
    }

    /** 14+ tells "pause requested" (not yet reached) from "paused"; 13 only knows requested-or-paused. */
    private Field<String> pauseState() {
        return target.version().atLeast(14)
                ? field("pg_catalog.pg_get_wal_replay_pause_state()", String.class).as("pause_state")
                : field("CASE WHEN pg_catalog.pg_is_wal_replay_paused() THEN 'paused' ELSE 'not paused' END",
                        String.class).as("pause_state");
    }

    private static Field<Double> seconds(Field<?> interval) {
        return field("extract(epoch FROM {0})", Double.class, interval).as(interval.getName());
    }

    /** Bytes from an LSN column to this server's WAL position. */
    private static Field<Long> behind(Field<String> lsn) {
        return field("pg_catalog.pg_wal_lsn_diff(" + POSITION + ", {0})::bigint", Long.class, lsn).as(lsn.getName());
    }

    private static Duration duration(Record r, String column) {
        Double s = r.get(column, Double.class);
        return s == null ? null : Duration.ofNanos(Math.round(s * 1e9));
    }
}
