package io.pgdeck.queue;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.CaseConditionStep;
import org.jooq.Condition;
import org.jooq.Field;
import org.jooq.impl.DSL;

/**
 * What the adapters of pgmq, Solid Queue, Que, good_job and Procrastinate share about a job
 * table described by a {@link JobTable}: which of its states a row is in, a {@link JobFilter}
 * as a condition, and the clocks of libraries that store UTC in timestamps without time zone.
 */
final class LibraryJobs {

    /** The server's now() as Rails writes it: a UTC wall-clock timestamp without time zone. */
    static final Field<LocalDateTime> NOW_UTC = field("(pg_catalog.now() AT TIME ZONE 'UTC')", LocalDateTime.class);

    private LibraryJobs() {}

    /** The index of the row's state in {@link JobTable#states()}, null when it is in none. */
    static Field<Integer> stateIndex(JobTable table) {
        CaseConditionStep<Integer> which = null;
        for (int i = 0; i < table.states().size(); i++) {
            Condition c = table.states().get(i).condition();
            which = which == null ? DSL.when(c, inline(i)) : which.when(c, inline(i));
        }
        return which.as("state_index");
    }

    static JobState state(JobTable table, Integer index) {
        return index == null ? null : table.states().get(index);
    }

    /**
     * The filter's criteria but its cursor: queue, shared state, library state, kind, and text
     * searched case-insensitively in the given columns (wildcards in the text are matched literally).
     */
    static Condition matching(JobTable table, JobFilter filter, Field<String> kind, List<Field<String>> searched) {
        List<Condition> all = new ArrayList<>();
        if (filter.queue() != null) {
            all.add(table.queue().eq(filter.queue()));
        }
        if (filter.state() != null) {
            all.add(table.in(filter.state()));
        }
        if (filter.libraryState() != null) {
            all.add(table.inLibraryState(filter.libraryState()));
        }
        if (filter.kind() != null) {
            all.add(kind.eq(filter.kind()));
        }
        if (filter.text() != null) {
            all.add(DSL.or(searched.stream().map(f -> f.containsIgnoreCase(filter.text())).toList()));
        }
        return DSL.and(all);
    }

    /** A UTC timestamp without time zone (Rails' datetime) as a timestamp with time zone. */
    static Field<OffsetDateTime> utc(Field<?> localTimestamp) {
        return field("({0} AT TIME ZONE 'UTC')", OffsetDateTime.class, localTimestamp);
    }

    /** Ids as the library stores them, refusing text that is not one in one sentence. */
    static List<Long> longIds(List<String> ids) {
        List<Long> parsed = new ArrayList<>();
        for (String id : ids) {
            try {
                parsed.add(Long.parseLong(id.strip()));
            } catch (NumberFormatException e) {
                throw new IllegalArgumentException("'" + id + "' is not a job id of this queue (a whole number).");
            }
        }
        return parsed;
    }
}
