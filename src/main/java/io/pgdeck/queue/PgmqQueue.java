package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.util.List;
import java.util.Locale;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.Table;
import org.jooq.impl.DSL;

/**
 * One pgmq queue: its message table {@code q_<name>} and archive {@code a_<name>}, named as
 * {@code pgmq.format_table_name} does (lower case), each described as a {@link JobTable} of one
 * queue. pgmq has no states: a message is visible when its visibility time {@code vt} has come,
 * and read_ct says whether a consumer has read it before.
 */
final class PgmqQueue {

    static final String VISIBLE = "visible";
    static final String DELAYED = "delayed";
    static final String READ = "read";
    static final String VISIBLE_AGAIN = "visible again";
    static final String ARCHIVED = "archived";

    final String name;
    final Table<?> messages;
    final Table<?> archive;
    final JobTable queueTable;
    final JobTable archiveTable;

    private final String schema;

    PgmqQueue(String schema, String name) {
        this.schema = schema;
        this.name = name;
        String lower = name.toLowerCase(Locale.ROOT);
        this.messages = table(name(schema, "q_" + lower));
        this.archive = table(name(schema, "a_" + lower));
        Field<OffsetDateTime> vt = vt(messages);
        Field<Integer> readCt = readCt(messages);
        Field<OffsetDateTime> now = DSL.currentOffsetDateTime();
        Condition visible = vt.le(now);
        this.queueTable = new JobTable(messages, inline(name), true, List.of(
                new JobState(VISIBLE, SharedState.WAITING, visible.and(readCt.eq(inline(0)))),
                new JobState(DELAYED, SharedState.SCHEDULED, DSL.not(visible).and(readCt.eq(inline(0)))),
                // read and not deleted or archived before its visibility timeout: a consumer holds it
                new JobState(READ, SharedState.RUNNING, DSL.not(visible).and(readCt.gt(inline(0)))),
                // its consumer did not finish in time: the next read delivers it again
                new JobState(VISIBLE_AGAIN, SharedState.RETRYABLE, visible.and(readCt.gt(inline(0))))),
                vt, inline(null, OffsetDateTime.class), inline(null, OffsetDateTime.class), vt, DSL.falseCondition());
        this.archiveTable = new JobTable(archive, inline(name), true,
                List.of(new JobState(ARCHIVED, SharedState.DONE, DSL.trueCondition())),
                column(archive, "enqueued_at", OffsetDateTime.class), inline(null, OffsetDateTime.class),
                column(archive, "archived_at", OffsetDateTime.class), inline(null, OffsetDateTime.class),
                DSL.falseCondition());
    }

    static <T> Field<T> column(Table<?> table, String column, Class<T> type) {
        return field(table.getQualifiedName().append(column), type);
    }

    static Field<Long> msgId(Table<?> table) {
        return column(table, "msg_id", Long.class);
    }

    static Field<OffsetDateTime> vt(Table<?> table) {
        return column(table, "vt", OffsetDateTime.class);
    }

    static Field<Integer> readCt(Table<?> table) {
        return column(table, "read_ct", Integer.class);
    }

    /** A message a consumer holds: read, and invisible until its visibility timeout. */
    Condition inFlight() {
        return vt(messages).gt(DSL.currentOffsetDateTime()).and(readCt(messages).gt(inline(0)));
    }

    /** pgmq.set_vt(queue, msg_id, 0) on each matching message: visible now. */
    JobStatement setVisible() {
        return JobStatement.calling(messages, msgId(messages), id -> call("set_vt", id, inline(0)));
    }

    /** pgmq.delete(queue, msg_id) on each matching message, as a consumer deletes one. */
    JobStatement deleteMessages() {
        return JobStatement.calling(messages, msgId(messages), id -> call("delete", id));
    }

    /** Archived rows, by a DELETE: pgmq has no function for them. */
    JobStatement deleteArchived() {
        return JobStatement.delete(archive, msgId(archive));
    }

    private Field<Object> call(String function, Field<?>... arguments) {
        Field<?>[] all = new Field<?>[arguments.length + 1];
        all[0] = inline(name);
        System.arraycopy(arguments, 0, all, 1, arguments.length);
        return DSL.function(name(schema, function), Object.class, all);
    }
}
