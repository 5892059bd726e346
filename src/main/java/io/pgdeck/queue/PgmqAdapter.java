package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.catalog.Formats;
import java.time.Duration;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Select;
import org.jooq.Table;
import org.jooq.impl.DSL;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * pgmq (Tembo's message queue extension, or its SQL-only install): queues listed in
 * {@code pgmq.meta}, each a {@code q_<name>} table of messages and an {@code a_<name>} archive.
 * A message is visible when its {@code vt} has come; read_ct counts its reads. Its id is
 * {@code queue:msg_id}, message ids being per queue.
 *
 * <p>pgmq has no failed state and so no retry: a message a consumer read and did not delete or
 * archive before its visibility timeout is visible again, and the next read delivers it (pgmq's
 * own at-least-once). A message read and still invisible is in flight, held by a consumer;
 * only {@link #makeVisibleNow}, confirmed on its own with the risk of a second delivery, touches
 * it. An archived message cannot come back (pgmq has no un-archive).
 *
 * <p>What pgdeck reads and calls by release (pgmq-extension/sql/ of github.com/pgmq/pgmq, the one
 * place pgdeck keeps it): meta with is_partitioned and is_unlogged, the q_ tables (msg_id,
 * read_ct, enqueued_at, vt, message), the a_ tables (the same and archived_at), set_vt(queue,
 * msg_id, vt) and delete(queue, msg_id) exist in every 1.x (1.0 to 1.2 built with pgrx, SQL from
 * 1.3). Later columns pgdeck does not need: headers (pgmq--1.4.5--1.5.0.sql), last_read_at
 * (pgmq--1.9.0--1.10.0.sql). pgmq has no function for archived rows: its purge_queue truncates
 * the live table and detach_archive only unlinks the archive, so archived rows are deleted with
 * a plain DELETE.
 */
public final class PgmqAdapter implements QueueAdapter {

    public static final String LIBRARY = "pgmq";

    private static final Logger LOG = LoggerFactory.getLogger(PgmqAdapter.class);

    private static final String VISIBLE_RISK = "Each message a consumer read and still holds (invisible until its"
            + " visibility timeout) becomes visible now through pgmq.set_vt(queue, msg_id, 0): the next read delivers it"
            + " again, even if its first consumer is still working on it, so it may run twice. Visible, delayed and"
            + " archived messages are not touched.";
    private static final String LOCK = "ROW EXCLUSIVE on the queue tables; row locks on the messages changed";
    /** Newest first by enqueued_at, then msg_id and queue, which together are unique. */
    private static final KeysetPager PAGER = new KeysetPager(List.of(m("enqueued_at", OffsetDateTime.class),
            m("msg_id", Long.class), m("queue", String.class)));

    private final String schema;
    /** The queues read last: a purge without a queue filter is planned over them. */
    private volatile List<String> lastQueues = List.of();

    PgmqAdapter(String schema) {
        this.schema = schema;
    }

    /** pgmq: its meta table beside its set_vt function. */
    public static List<PgmqAdapter> detect(DSLContext db) {
        return QueueCatalog.schemasWithTable(db, "meta", "queue_name", "is_partitioned", "is_unlogged").stream()
                .filter(s -> QueueCatalog.hasFunction(db, s, "set_vt")).map(PgmqAdapter::new).toList();
    }

    @Override
    public String library() {
        return LIBRARY;
    }

    @Override
    public String schema() {
        return schema;
    }

    @Override
    public List<String> libraryStates() {
        return List.of(PgmqQueue.VISIBLE, PgmqQueue.DELAYED, PgmqQueue.READ, PgmqQueue.VISIBLE_AGAIN, PgmqQueue.ARCHIVED);
    }

    @Override
    public List<String> queues(DSLContext db) {
        Field<String> q = field(name(schema, "meta", "queue_name"), String.class);
        List<String> queues = db.select(q).from(table(name(schema, "meta"))).orderBy(q).fetch(q);
        lastQueues = List.copyOf(queues);
        return queues;
    }

    PgmqQueue queue(String name) {
        return new PgmqQueue(schema, name);
    }

    /** Each queue's table and archive read apart, then added up; a queue whose tables are gone is skipped. */
    @Override
    public List<QueueDepth> depths(DSLContext db, DepthSettings settings) {
        List<QueueDepth> depths = new ArrayList<>();
        for (String name : queues(db)) {
            PgmqQueue queue = queue(name);
            try {
                QueueDepth live = new JobTableReader(queue.queueTable).depths(db, settings, this, List.of(name), Set.of()).get(0);
                QueueDepth archived = new JobTableReader(queue.archiveTable).depths(db, settings, this, List.of(name), Set.of())
                        .get(0);
                depths.add(merge(live, archived));
            } catch (org.jooq.exception.DataAccessException e) {
                LOG.warn("pgmq queue {} unreadable: {}", name, e.getMessage());
            }
        }
        return depths;
    }

    private QueueDepth merge(QueueDepth live, QueueDepth archived) {
        Map<SharedState, Count> byState = new EnumMap<>(SharedState.class);
        for (SharedState s : SharedState.values()) {
            byState.put(s, live.count(s).plus(archived.count(s)));
        }
        Map<String, Count> byLibrary = new LinkedHashMap<>(live.byLibraryState());
        byLibrary.putAll(archived.byLibraryState());
        return new QueueDepth(live.queue(), byState, byLibrary, live.oldestWaiting(), live.stuck(), 0L, false, live.readAt());
    }

    /** Archived in the window is done; a message whose visibility timeout ran out in it failed an attempt. */
    @Override
    public List<QueueThroughput> throughput(DSLContext db, Duration window) {
        List<QueueThroughput> all = new ArrayList<>();
        for (String name : queues(db)) {
            PgmqQueue queue = queue(name);
            QueueThroughput live = new JobTableReader(queue.queueTable).throughput(db, window, this, List.of(name)).get(0);
            QueueThroughput done = new JobTableReader(queue.archiveTable).throughput(db, window, this, List.of(name)).get(0);
            all.add(new QueueThroughput(ref(name), window, done.done(), live.failed()));
        }
        return all;
    }

    /** Every message of the filter's queues, live and archived, as one relation. */
    private Table<?> messages(DSLContext db, JobFilter filter) {
        List<String> names = names(filter, queues(db));
        Select<Record> union = null;
        for (String name : names) {
            PgmqQueue queue = queue(name);
            for (Select<Record> branch : List.of(branch(queue, queue.queueTable, null),
                    branch(queue, queue.archiveTable, PgmqQueue.column(queue.archive, "archived_at", OffsetDateTime.class)))) {
                union = union == null ? branch : union.unionAll(branch);
            }
        }
        return union == null ? null : union.asTable("m");
    }

    private static Select<Record> branch(PgmqQueue queue, JobTable table, Field<OffsetDateTime> archivedAt) {
        CaseConditionStep<String> library = null;
        CaseConditionStep<String> shared = null;
        for (JobState s : table.states()) {
            library = library == null ? DSL.when(s.condition(), inline(s.libraryState())) : library.when(s.condition(), inline(s.libraryState()));
            shared = shared == null ? DSL.when(s.condition(), inline(s.shared().name())) : shared.when(s.condition(), inline(s.shared().name()));
        }
        Table<?> t = table.table();
        return select(List.<org.jooq.SelectFieldOrAsterisk>of(inline(queue.name).as("queue"), PgmqQueue.msgId(t).as("msg_id"), PgmqQueue.readCt(t).as("read_ct"),
                PgmqQueue.column(t, "enqueued_at", OffsetDateTime.class).as("enqueued_at"), PgmqQueue.vt(t).as("vt"),
                field("{0}::text", String.class, PgmqQueue.column(t, "message", Object.class)).as("message"),
                (archivedAt == null ? inline(null, OffsetDateTime.class) : archivedAt).as("archived_at"),
                library.as("library_state"), shared.as("shared_state")))
                .from(t);
    }

    private static <T> Field<T> m(String column, Class<T> type) {
        return field(name("m", column), type);
    }

    private static Condition where(JobFilter filter) {
        List<Condition> all = new ArrayList<>();
        if (filter.state() != null) {
            all.add(m("shared_state", String.class).eq(inline(filter.state().name())));
        }
        if (filter.libraryState() != null) {
            all.add(m("library_state", String.class).eq(inline(filter.libraryState())));
        }
        if (filter.text() != null) {
            all.add(m("message", String.class).containsIgnoreCase(filter.text()));
        }
        return DSL.and(all);
    }

    @Override
    public JobPage jobs(DSLContext db, JobFilter filter) {
        Table<?> messages = messages(db, filter);
        if (messages == null) {
            return new JobPage(List.of(), null);
        }
        return PAGER.page(db, List.of(DSL.asterisk()), messages, where(filter), filter, this::toJob);
    }

    private Job toJob(Record r) {
        String queue = r.get("queue", String.class);
        return new Job(new MessageId(queue, r.get("msg_id", Long.class)).toString(), ref(queue), queue,
                r.get("library_state", String.class), SharedState.valueOf(r.get("shared_state", String.class)), null,
                r.get("read_ct", Integer.class), null, r.get("enqueued_at", OffsetDateTime.class),
                r.get("vt", OffsetDateTime.class), null, r.get("archived_at", OffsetDateTime.class),
                r.get("message", String.class), null, null);
    }

    @Override
    public Count count(DSLContext db, JobFilter filter, long exactBelow) {
        Table<?> messages = messages(db, filter);
        if (messages == null) {
            return Count.ZERO;
        }
        int counted = db.fetchCount(DSL.selectOne().from(messages).where(where(filter)).limit(exactBelow));
        return counted >= exactBelow ? Count.estimate(counted) : Count.exact(counted);
    }

    /** pgmq records no errors: a message's detail is the message itself, live or archived. */
    @Override
    public Optional<JobDetail> job(DSLContext db, String jobId) {
        MessageId id = MessageId.parse(jobId);
        Table<?> messages = messages(db, JobFilter.all().withQueue(id.queue()));
        return db.select().from(messages).where(m("msg_id", Long.class).eq(id.msgId()))
                .orderBy(m("archived_at", OffsetDateTime.class).asc().nullsFirst()).limit(1)
                .fetchOptional(this::toJob).map(job -> new JobDetail(job, List.of(), null));
    }

    /**
     * The explicit "make visible now", apart from retry and confirmed on its own: each of the
     * given messages that a consumer holds is passed to pgmq.set_vt(queue, msg_id, 0), one
     * statement per queue.
     */
    @Override
    public Optional<Action> makeVisibleNow(List<String> ids) {
        List<String> statements = new ArrayList<>();
        byQueue(ids).forEach((name, msgIds) -> {
            PgmqQueue queue = queue(name);
            statements.add(queue.setVisible().changing(
                    queue.inFlight().and(PgmqQueue.msgId(queue.messages).in(msgIds)), JobStatement.ALL));
        });
        int asked = ids.size();
        return Optional.of(JobActions.onJobs("Make " + asked + " pgmq " + (asked == 1 ? "message" : "messages")
                + " in flight visible now", statements, LOCK, VISIBLE_RISK, returned -> visibleNow(returned, asked)));
    }

    private static Map<String, List<Long>> byQueue(List<String> ids) {
        Map<String, List<Long>> byQueue = new LinkedHashMap<>();
        ids.stream().map(MessageId::parse)
                .forEach(id -> byQueue.computeIfAbsent(id.queue(), q -> new ArrayList<>()).add(id.msgId()));
        return byQueue;
    }

    private static String visibleNow(List<String> returned, int asked) {
        long n = Outcome.sum(returned);
        String done = n == 0 ? "No message made visible" : Formats.count(n) + (n == 1 ? " message" : " messages") + " visible now";
        return asked > n ? done + "; " + (asked - n) + " not: only a message a consumer holds can be." : done + ".";
    }

    /** pgmq has no retry: a message whose visibility timeout ran out is already delivered again. */
    @Override
    public Optional<Action> retry(List<String> ids) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        return Optional.empty();
    }

    /** pgmq has no cancel: consumers delete or archive the messages they are done with. */
    @Override
    public Optional<Action> cancel(List<String> ids) {
        return Optional.empty();
    }

    /**
     * Messages no consumer holds through pgmq.delete(queue, msg_id), as a consumer deletes one;
     * archived ones by a DELETE from the archive. Two statements per queue.
     */
    @Override
    public Optional<Action> delete(List<String> ids) {
        List<String> statements = new ArrayList<>();
        byQueue(ids).forEach((name, msgIds) -> {
            PgmqQueue queue = queue(name);
            statements.add(queue.deleteMessages().changing(DSL.not(queue.inFlight())
                    .and(PgmqQueue.msgId(queue.messages).in(msgIds)), JobStatement.ALL));
            statements.add(queue.deleteArchived().changing(PgmqQueue.msgId(queue.archive).in(msgIds), JobStatement.ALL));
        });
        int asked = ids.size();
        return Optional.of(JobActions.onJobs("Delete " + asked + " pgmq " + (asked == 1 ? "message" : "messages"),
                statements, LOCK, "The messages are deleted for good: those in the queue through pgmq.delete, as a"
                        + " consumer deletes them, archived ones from the archive. A message a consumer holds is not"
                        + " touched.", Outcome.counted("message", "deleted")));
    }

    /** The purge: archived messages the filter matches, from each queue's archive in batches. */
    @Override
    public Optional<Action> deleteMatching(JobFilter filter, long matching) {
        List<String> names = names(filter, lastQueues);
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No pgmq queue is known yet: refresh the queues before a purge.");
        }
        List<String> statements = new ArrayList<>();
        for (String name : names) {
            PgmqQueue queue = queue(name);
            statements.addAll(JobActions.batches(queue.deleteArchived(), purged(queue, filter), matching));
        }
        return Optional.of(JobActions.onJobs("Delete " + Formats.count(matching) + " archived pgmq messages", statements,
                LOCK, "Archived messages the filter matches are deleted for good, a batch at a time; messages still"
                        + " in their queue are not touched.", Outcome.counted("message", "deleted")));
    }

    /** Only the purge moves anything pgdeck may count: archived messages, the filter's age by archived_at. */
    @Override
    public Count eligible(DSLContext db, JobOperation operation, JobFilter filter, long exactBelow) {
        if (operation != JobOperation.DELETE) {
            return Count.ZERO;
        }
        long counted = 0;
        for (String name : names(filter, queues(db))) {
            PgmqQueue queue = queue(name);
            counted += db.fetchCount(DSL.selectOne().from(queue.archive).where(purged(queue, filter)).limit(exactBelow));
            if (counted >= exactBelow) {
                return Count.estimate(counted);
            }
        }
        return Count.exact(counted);
    }

    private static List<String> names(JobFilter filter, List<String> all) {
        return filter.queue() != null ? List.of(filter.queue()) : filter.kind() != null ? List.of(filter.kind()) : all;
    }

    /** The filter on one queue's archive; a state other than archived matches nothing there. */
    private static Condition purged(PgmqQueue queue, JobFilter filter) {
        List<Condition> all = new ArrayList<>();
        if (filter.state() != null && filter.state() != SharedState.DONE
                || filter.libraryState() != null && !PgmqQueue.ARCHIVED.equals(filter.libraryState())) {
            all.add(DSL.falseCondition());
        }
        if (filter.text() != null) {
            all.add(field("{0}::text", String.class, PgmqQueue.column(queue.archive, "message", Object.class))
                    .containsIgnoreCase(filter.text()));
        }
        if (filter.olderThan() != null) {
            all.add(PgmqQueue.column(queue.archive, "archived_at", OffsetDateTime.class).lt(DSL.field(
                    "pg_catalog.now() - {0}::interval", OffsetDateTime.class, inline(filter.olderThan().toSeconds() + " seconds"))));
        }
        return DSL.and(all);
    }

    /** pgmq has no pause: consumers decide when they read. */
    @Override
    public Optional<Action> pause(String queueName) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> resume(String queueName) {
        return Optional.empty();
    }

    /** A message's id across queues: "queue:msg_id" (the last colon separates, queue names may hold one). */
    record MessageId(String queue, long msgId) {

        static MessageId parse(String text) {
            int at = text.lastIndexOf(':');
            try {
                return new MessageId(text.substring(0, at), Long.parseLong(text.substring(at + 1).strip()));
            } catch (RuntimeException e) {
                throw new IllegalArgumentException("'" + text + "' is not a pgmq message id (queue:msg_id).");
            }
        }

        @Override
        public String toString() {
            return queue + ":" + msgId;
        }
    }
}
