package io.pgdeck.queue;

import java.time.OffsetDateTime;
import java.util.List;
import org.jooq.Field;

/**
 * Where a job table keeps what the job browser shows, as expressions on {@link JobTable#table()}:
 * a column, a cast ({@code state::text}), a conversion (Oban's UTC timestamps) or an inline null
 * where the library records nothing.
 *
 * @param id the primary key, typed as in the table (bigint, uuid): paging compares it as such
 * @param created when the job was enqueued, shown as such
 * @param searchable the text a filter's free text is looked for in (args and errors)
 * @param newestFirst the key pages are sorted by, newest first, unique together: the raw
 *     columns the library indexes ({@code created_at, id}, or {@code id} alone where ids follow
 *     enqueue order and no index has the time)
 */
public record JobColumns(Field<?> id, Field<String> kind, Field<Integer> priority, Field<Integer> attempt,
        Field<Integer> maxAttempts, Field<OffsetDateTime> created, Field<OffsetDateTime> scheduled,
        Field<OffsetDateTime> started, Field<OffsetDateTime> finished, Field<String> args, Field<String> lastError,
        Field<String> worker, Field<String> searchable, List<Field<?>> newestFirst) {

    public JobColumns {
        newestFirst = List.copyOf(newestFirst);
    }

    /** Columns paged by {@code (created, id)}. */
    public JobColumns(Field<?> id, Field<String> kind, Field<Integer> priority, Field<Integer> attempt,
            Field<Integer> maxAttempts, Field<OffsetDateTime> created, Field<OffsetDateTime> scheduled,
            Field<OffsetDateTime> started, Field<OffsetDateTime> finished, Field<String> args, Field<String> lastError,
            Field<String> worker, Field<String> searchable) {
        this(id, kind, priority, attempt, maxAttempts, created, scheduled, started, finished, args, lastError, worker,
                searchable, List.of(created, id));
    }
}
