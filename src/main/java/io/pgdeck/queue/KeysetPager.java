package io.pgdeck.queue;

import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.List;
import org.jooq.Condition;
import org.jooq.DSLContext;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.RecordMapper;
import org.jooq.SelectFieldOrAsterisk;
import org.jooq.TableLike;
import org.jooq.impl.DSL;

/**
 * Newest-first pages of jobs by keyset, never OFFSET: each page asks for the rows whose key is
 * below the last row shown, which the library's index on that key serves however deep the page.
 * The key is a list of columns, unique together, compared as a row
 * ({@code (created_at, id) < (..., ...)}); the cursor carries their values as text, so the
 * screen and the command line carry it without knowing the library.
 */
final class KeysetPager {

    private static final char SEPARATOR = '|';

    private final List<Field<?>> key;

    /**
     * @param key the sort key, most significant first, unique together; only its last column may
     *     hold the separator in its text (a name), the others are times and numbers
     */
    KeysetPager(List<Field<?>> key) {
        this.key = List.copyOf(key);
    }

    /** One page of the rows of {@code from} matching {@code where}, after the filter's cursor. */
    JobPage page(DSLContext db, List<? extends SelectFieldOrAsterisk> fields, TableLike<?> from, Condition where,
            JobFilter filter, RecordMapper<Record, Job> toJob) {
        if (filter.after() != null) {
            where = where.and(DSL.row(key).lt(DSL.row(decode(filter.after()))));
        }
        List<SelectFieldOrAsterisk> selected = new ArrayList<>(fields);
        for (int i = 0; i < key.size(); i++) {
            selected.add(key.get(i).as(alias(i)));
        }
        var rows = db.select(selected).from(from).where(where)
                .orderBy(key.stream().map(Field::desc).toList())
                .limit(filter.limit() + 1)
                .fetch();
        List<Job> page = new ArrayList<>();
        for (int i = 0; i < Math.min(rows.size(), filter.limit()); i++) {
            page.add(toJob.map(rows.get(i)));
        }
        boolean more = rows.size() > filter.limit();
        return new JobPage(page, more ? encode(rows.get(filter.limit() - 1)) : null);
    }

    private String encode(Record last) {
        List<String> values = new ArrayList<>();
        for (int i = 0; i < key.size(); i++) {
            values.add(String.valueOf(last.get(alias(i))));
        }
        return String.join(String.valueOf(SEPARATOR), values);
    }

    /** Malformed text is refused in one sentence rather than read as the first page. */
    private List<Field<?>> decode(String cursor) {
        String[] parts = cursor.split("\\" + SEPARATOR, key.size());
        if (parts.length != key.size()) {
            throw notOurs(cursor, null);
        }
        List<Field<?>> values = new ArrayList<>();
        try {
            for (int i = 0; i < key.size(); i++) {
                values.add(typed(key.get(i), parts[i]));
            }
        } catch (RuntimeException e) {
            throw notOurs(cursor, e);
        }
        return values;
    }

    /** A cursor's value as a bind value of its column's type, so the comparison uses the index. */
    @SuppressWarnings({"unchecked", "rawtypes"})
    private static Field<?> typed(Field<?> column, String text) {
        Class<?> type = column.getType();
        Object value = type == OffsetDateTime.class ? OffsetDateTime.parse(text)
                : type == LocalDateTime.class ? LocalDateTime.parse(text)
                : column.getDataType().convert(text);
        return DSL.val(value, (org.jooq.DataType) column.getDataType());
    }

    private static IllegalArgumentException notOurs(String cursor, RuntimeException cause) {
        return new IllegalArgumentException("The page cursor '" + cursor + "' is not one pgdeck wrote.", cause);
    }

    private static String alias(int i) {
        return "page_key_" + i;
    }
}
