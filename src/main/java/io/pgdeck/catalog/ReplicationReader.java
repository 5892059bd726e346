package io.pgdeck.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

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

    private List<ConnectedStandby> standbys(DSLContext db) {
        return db.select(field(name("pid"), Integer.class), text("application_name"),
                        field("host(client_addr)", String.class).as("client"), text("state"), text("sync_state"),
                        seconds("write_lag"), seconds("flush_lag"), seconds("replay_lag"),
                        behind("sent_lsn"), behind("replay_lsn"))
                .from(table(name("pg_catalog", "pg_stat_replication")))
                .orderBy(field(name("application_name")), field(name("pid")))
                .fetch(s -> new ConnectedStandby(s.get("pid", Integer.class), s.get("application_name", String.class),
                        s.get("client", String.class), s.get("state", String.class), s.get("sync_state", String.class),
                        duration(s, "write_lag"), duration(s, "flush_lag"), duration(s, "replay_lag"),
                        s.get("sent_lsn", Long.class), s.get("replay_lsn", Long.class)));
    }

    private List<ReplicationSlot> slots(DSLContext db) {
        return db.select(text("slot_name"), text("slot_type"), text("database"),
                        field(name("active"), Boolean.class).as("active"), field(name("active_pid"), Integer.class).as("active_pid"),
                        text("wal_status"), behind("restart_lsn"),
                        field(name("safe_wal_size"), Long.class).as("safe_wal_size"),
                        inactiveSince(), invalidationReason())
                .from(table(name("pg_catalog", "pg_replication_slots")))
                .orderBy(field(name("slot_name")))
                .fetch(s -> new ReplicationSlot(s.get("slot_name", String.class), s.get("slot_type", String.class),
                        s.get("database", String.class), Boolean.TRUE.equals(s.get("active", Boolean.class)),
                        s.get("active_pid", Integer.class), s.get("wal_status", String.class),
                        s.get("restart_lsn", Long.class), s.get("safe_wal_size", Long.class),
                        s.get("inactive_since", OffsetDateTime.class), s.get("invalidation_reason", String.class)));
    }

    private static ArchiverStats archiver(DSLContext db) {
        Record a = db.select(field("pg_catalog.current_setting('archive_mode') <> 'off'", Boolean.class).as("mode"),
                        field(name("archived_count"), Long.class).as("archived_count"), text("last_archived_wal"),
                        field(name("last_archived_time"), OffsetDateTime.class).as("last_archived_time"),
                        field(name("failed_count"), Long.class).as("failed_count"), text("last_failed_wal"),
                        field(name("last_failed_time"), OffsetDateTime.class).as("last_failed_time"))
                .from(table(name("pg_catalog", "pg_stat_archiver")))
                .fetchOne();
        return new ArchiverStats(Boolean.TRUE.equals(a.get("mode", Boolean.class)), a.get("archived_count", Long.class),
                a.get("last_archived_wal", String.class), a.get("last_archived_time", OffsetDateTime.class),
                a.get("failed_count", Long.class), a.get("last_failed_wal", String.class),
                a.get("last_failed_time", OffsetDateTime.class));
    }

    /** Null when no receiver runs (the primary is unreachable and the standby is between retries). */
    private static WalReceiver receiver(DSLContext db) {
        // conninfo is left out on purpose: it may carry the replication password
        return db.select(text("status"), text("sender_host"), field(name("sender_port"), Integer.class).as("sender_port"),
                        text("slot_name"), lsn("written_lsn"), lsn("flushed_lsn"), lsn("latest_end_lsn"),
                        time("last_msg_send_time"), time("last_msg_receipt_time"), time("latest_end_time"))
                .from(table(name("pg_catalog", "pg_stat_wal_receiver")))
                .fetchOptional(w -> new WalReceiver(w.get("status", String.class), w.get("sender_host", String.class),
                        w.get("sender_port", Integer.class), w.get("slot_name", String.class),
                        w.get("written_lsn", String.class), w.get("flushed_lsn", String.class),
                        w.get("latest_end_lsn", String.class), w.get("last_msg_send_time", OffsetDateTime.class),
                        w.get("last_msg_receipt_time", OffsetDateTime.class), w.get("latest_end_time", OffsetDateTime.class)))
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
        return db.select(text("datname"), count("confl_tablespace"), count("confl_lock"), count("confl_snapshot"),
                        count("confl_bufferpin"), count("confl_deadlock"), logicalSlotConflicts())
                .from(table(name("pg_catalog", "pg_stat_database_conflicts")))
                .orderBy(field(name("datname")))
                .fetch(c -> new RecoveryConflicts(c.get("datname", String.class), c.get("confl_tablespace", Long.class),
                        c.get("confl_lock", Long.class), c.get("confl_snapshot", Long.class),
                        c.get("confl_bufferpin", Long.class), c.get("confl_deadlock", Long.class),
                        c.get("confl_active_logicalslot", Long.class)));
    }

    // The version switches. 13 is the oldest supported, so wal_status and safe_wal_size (13+) and
    // pg_stat_wal_receiver.written_lsn (13+) need none.

    /** When a slot was last released: 17+. */
    private Field<OffsetDateTime> inactiveSince() {
        return target.version().atLeast(17) ? time("inactive_since") : inline(null, OffsetDateTime.class).as("inactive_since");
    }

    /** Why a slot can no longer be used: invalidation_reason (17+), conflicting (16), wal_status 'lost' (13-15). */
    private Field<String> invalidationReason() {
        if (target.version().atLeast(17)) {
            return text("invalidation_reason");
        }
        String lost = "CASE WHEN wal_status = 'lost' THEN 'wal_removed' END";
        return target.version().atLeast(16)
                ? field("CASE WHEN conflicting THEN 'rows_removed' ELSE " + lost + " END", String.class).as("invalidation_reason")
                : field(lost, String.class).as("invalidation_reason");
    }

    /** 14+ tells "pause requested" (not yet reached) from "paused"; 13 only knows requested-or-paused. */
    private Field<String> pauseState() {
        return target.version().atLeast(14)
                ? field("pg_catalog.pg_get_wal_replay_pause_state()", String.class).as("pause_state")
                : field("CASE WHEN pg_catalog.pg_is_wal_replay_paused() THEN 'paused' ELSE 'not paused' END",
                        String.class).as("pause_state");
    }

    /** Conflicts with active logical slots: 16+. */
    private Field<Long> logicalSlotConflicts() {
        return target.version().atLeast(16) ? count("confl_active_logicalslot")
                : inline(0L, Long.class).as("confl_active_logicalslot");
    }

    private static Field<String> text(String column) {
        return field(name(column), String.class).as(column);
    }

    private static Field<String> lsn(String column) {
        return field("{0}::text", String.class, field(name(column))).as(column);
    }

    private static Field<OffsetDateTime> time(String column) {
        return field(name(column), OffsetDateTime.class).as(column);
    }

    private static Field<Long> count(String column) {
        return field(name(column), Long.class).as(column);
    }

    private static Field<Double> seconds(String column) {
        return field("extract(epoch FROM {0})", Double.class, field(name(column))).as(column);
    }

    /** Bytes from an LSN column to this server's WAL position. */
    private static Field<Long> behind(String column) {
        return field("pg_catalog.pg_wal_lsn_diff(" + POSITION + ", {0})::bigint", Long.class, field(name(column))).as(column);
    }

    private static Duration duration(Record r, String column) {
        Double s = r.get(column, Double.class);
        return s == null ? null : Duration.ofNanos(Math.round(s * 1e9));
    }
}
