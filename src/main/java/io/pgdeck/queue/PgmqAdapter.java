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
 */
public final class PgmqAdapter implements QueueAdapter {

    public static final String LIBRARY = "pgmq";

    private static final Logger LOG = LoggerFactory.getLogger(PgmqAdapter.class);

    private static final String RETRY_RISK = "Each message read by a consumer and still invisible becomes visible now"
            + " through pgmq.set_vt(queue, msg_id, 0): the next read delivers it again, even if its first consumer"
            + " is still working on it. Visible, delayed and archived messages are not touched; an archived message"
            + " cannot be made visible again (pgmq can only send its payload as a new message).";
    private static final String LOCK = "ROW EXCLUSIVE on the queue tables; row locks on the messages changed";
    /** Newest first by enqueued_at, then msg_id and queue, which together are unique. */
    private static final KeysetPager PAGER = new KeysetPager(List.of(m("enqueued_at", OffsetDateTime.class),
            m("msg_id", Long.class), m("queue", String.class)));

    private final String schema;
    /** The queues read last: a bulk retry without a queue filter is planned over them. */
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
        return new QueueDepth(live.queue(), byState, byLibrary, live.oldestWaiting(), live.stuck(), 0, false, live.readAt());
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
        List<String> names = filter.queue() != null ? List.of(filter.queue())
                : filter.kind() != null ? List.of(filter.kind()) : queues(db);
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

    /** Each queue's read messages among the ids made visible: one statement per queue table. */
    @Override
    public Optional<Action> retry(List<String> ids) {
        Map<String, List<Long>> byQueue = new LinkedHashMap<>();
        ids.stream().map(MessageId::parse)
                .forEach(id -> byQueue.computeIfAbsent(id.queue(), q -> new ArrayList<>()).add(id.msgId()));
        List<String> statements = new ArrayList<>();
        byQueue.forEach((name, msgIds) -> {
            PgmqQueue queue = queue(name);
            statements.add(queue.setVisible().changing(
                    queue.invisibleAfterRead().and(PgmqQueue.msgId(queue.messages).in(msgIds)), JobStatement.ALL));
        });
        int asked = ids.size();
        return Optional.of(JobActions.onJobs("Make " + asked + " pgmq " + (asked == 1 ? "message" : "messages")
                + " visible again", statements, LOCK, RETRY_RISK, returned -> visibleAgain(returned, asked)));
    }

    /** Batches per queue the filter names (every queue read last when it names none). */
    @Override
    public Optional<Action> retryMatching(JobFilter filter, long matching) {
        List<String> names = filter.queue() != null ? List.of(filter.queue())
                : filter.kind() != null ? List.of(filter.kind()) : lastQueues;
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No pgmq queue is known yet: refresh the queues before a bulk retry.");
        }
        List<String> statements = new ArrayList<>();
        for (String name : names) {
            PgmqQueue queue = queue(name);
            statements.addAll(JobActions.batches(queue.setVisible(),
                    queue.invisibleAfterRead().and(filterOn(queue, filter)), matching));
        }
        return Optional.of(JobActions.onJobs("Make " + Formats.count(matching) + " pgmq messages visible again", statements,
                LOCK, RETRY_RISK, returned -> visibleAgain(returned, -1)));
    }

    /** The filter on one queue's message table; states other than 'read' match nothing a retry applies to. */
    private static Condition filterOn(PgmqQueue queue, JobFilter filter) {
        List<Condition> all = new ArrayList<>();
        if (filter.state() != null && filter.state() != SharedState.RUNNING
                || filter.libraryState() != null && !PgmqQueue.READ.equals(filter.libraryState())) {
            all.add(DSL.falseCondition());
        }
        if (filter.text() != null) {
            all.add(field("{0}::text", String.class, PgmqQueue.column(queue.messages, "message", Object.class))
                    .containsIgnoreCase(filter.text()));
        }
        return DSL.and(all);
    }

    private static String visibleAgain(List<String> returned, int asked) {
        long n = Outcome.sum(returned);
        String done = n == 0 ? "No message made visible" : Formats.count(n) + (n == 1 ? " message" : " messages") + " visible again";
        if (asked > n) {
            return done + "; " + (asked - n) + " not: only a read message still in its queue can be"
                    + " (an archived one cannot come back; pgmq can only send its payload again as a new message).";
        }
        return done + ".";
    }

    /** pgmq has no cancel: consumers delete or archive the messages they are done with. */
    @Override
    public Optional<Action> cancel(List<String> ids) {
        return Optional.empty();
    }

    /** Until pgmq's own delete is wired: nothing pgdeck deletes. */
    @Override
    public Optional<Action> delete(List<String> ids) {
        return Optional.empty();
    }

    @Override
    public Optional<Action> deleteMatching(JobFilter filter, long matching) {
        return Optional.empty();
    }

    @Override
    public Count eligible(DSLContext db, JobOperation operation, JobFilter filter, long exactBelow) {
        return operation == JobOperation.RETRY ? count(db, filter.withState(SharedState.RUNNING), exactBelow) : Count.ZERO;
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
