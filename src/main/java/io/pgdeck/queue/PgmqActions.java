package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.Sql;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * pgmq's retry: {@code pgmq.set_vt(queue, msg_id, 0)} makes a read message visible now, so the
 * next read delivers it again. Only messages read and still invisible are touched: a visible
 * message needs nothing, and an archived one cannot come back (pgmq has no unarchive; its
 * payload can only be sent again as a new message with pgmq.send).
 */
final class PgmqActions {

    private static final String RISK = "Each message read by a consumer and still invisible becomes visible now"
            + " through pgmq.set_vt(queue, msg_id, 0): the next read delivers it again, even if its first consumer"
            + " is still working on it. Visible, delayed and archived messages are not touched; an archived message"
            + " cannot be made visible again (pgmq can only send its payload as a new message).";
    private static final String LOCK = "ROW EXCLUSIVE on the queue tables; row locks on the messages changed";

    private final String schema;
    private final PgmqAdapter adapter;

    PgmqActions(String schema, PgmqAdapter adapter) {
        this.schema = schema;
        this.adapter = adapter;
    }

    Action retry(List<PgmqAdapter.MessageId> ids) {
        Map<String, List<Long>> byQueue = new LinkedHashMap<>();
        ids.forEach(id -> byQueue.computeIfAbsent(id.queue(), q -> new ArrayList<>()).add(id.msgId()));
        List<String> statements = new ArrayList<>();
        byQueue.forEach((name, msgIds) -> {
            PgmqQueue queue = adapter.queue(name);
            statements.add(setVisible(queue, PgmqQueue.msgId(queue.messages).in(msgIds), Integer.MAX_VALUE));
        });
        int asked = ids.size();
        return new LibraryAction(new ActionPlan("Make " + asked + " pgmq " + (asked == 1 ? "message" : "messages")
                + " visible again", statements, LOCK, RISK, ActionPlan.Commit.EACH_STATEMENT), returned -> outcome(returned, asked));
    }

    Action retryMatching(JobFilter filter, long matching) {
        List<String> names = filter.queue() != null ? List.of(filter.queue())
                : filter.kind() != null ? List.of(filter.kind()) : adapter.lastQueues();
        if (names.isEmpty()) {
            throw new IllegalArgumentException("No pgmq queue is known yet: refresh the queues before a bulk retry.");
        }
        long batches = Math.max(1, (matching + JobUpdates.BATCH - 1) / JobUpdates.BATCH + 1);
        List<String> statements = new ArrayList<>();
        for (String name : names) {
            PgmqQueue queue = adapter.queue(name);
            String one = setVisible(queue, filterOn(queue, filter), JobUpdates.BATCH);
            for (long i = 0; i < batches; i++) {
                statements.add(one);
            }
        }
        return new LibraryAction(new ActionPlan(String.format("Make %,d pgmq messages visible again", matching),
                statements, LOCK, RISK, ActionPlan.Commit.EACH_STATEMENT), returned -> outcome(returned, -1));
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

    /**
     * One statement: the eligible messages (at most {@code limit}, locked, skipping those a
     * consumer is updating) each passed to pgmq.set_vt; returns how many it made visible.
     */
    private String setVisible(PgmqQueue queue, Condition which, int limit) {
        Field<Long> msgId = PgmqQueue.msgId(queue.messages);
        var picked = select(msgId.as("msg_id")).from(queue.messages).where(queue.invisibleAfterRead().and(which))
                .orderBy(msgId);
        Table<?> locked = (limit == Integer.MAX_VALUE ? picked.forUpdate() : picked.limit(limit).forUpdate()).skipLocked()
                .asTable("picked");
        Table<?> setVt = table("{0}({1}, {2}, 0)", name(schema, "set_vt"), inline(queue.name),
                field(name("picked", "msg_id"), Long.class)).as("changed");
        return Sql.render(select(DSL.count()).from(locked, DSL.lateral(setVt)));
    }

    private static String outcome(List<String> returned, int asked) {
        long n = LibraryAction.sum(returned);
        String done = n == 0 ? "No message made visible" : String.format("%,d %s visible again", n, n == 1 ? "message" : "messages");
        if (asked > n) {
            return done + "; " + (asked - n) + " not: only a read message still in its queue can be"
                    + " (an archived one cannot come back; pgmq can only send its payload again as a new message).";
        }
        return done + ".";
    }
}
