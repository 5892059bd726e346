package io.pgdeck.queue;

import java.time.OffsetDateTime;
import org.jooq.Field;

/**
 * Where a job table keeps what the job browser shows, as expressions on {@link JobTable#table()}:
 * a column, a cast ({@code state::text}), a conversion (Oban's UTC timestamps) or an inline null
 * where the library records nothing.
 *
 * @param id the primary key, typed as in the table (bigint, uuid): paging compares it as such
 * @param created the sort key of the browser, newest first
 * @param searchable the text a filter's free text is looked for in (args and errors)
 */
public record JobColumns(Field<?> id, Field<String> kind, Field<Integer> priority, Field<Integer> attempt,
        Field<Integer> maxAttempts, Field<OffsetDateTime> created, Field<OffsetDateTime> scheduled,
        Field<OffsetDateTime> started, Field<OffsetDateTime> finished, Field<String> args, Field<String> lastError,
        Field<String> worker, Field<String> searchable) {}
