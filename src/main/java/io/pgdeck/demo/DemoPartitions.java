package io.pgdeck.demo;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.table;

import java.time.OffsetDateTime;
import java.time.YearMonth;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.stream.Stream;
import org.jooq.DSLContext;
import org.jooq.Name;

/**
 * The monthly partitions around today, which the DDL cannot hold. Months are cut at UTC
 * boundaries and named {@code <parent>_yyyy_mm}.
 *
 * <p>What a DBA should find: neither table has a partition for next month yet; audit_logs also
 * misses the month two months back, whose rows sit in its DEFAULT partition with older ones.
 */
public final class DemoPartitions {

    public static final Name AUDIT_LOGS = name("insightdesk", "audit_logs");
    public static final Name AUDIT_LOGS_DEFAULT = name("insightdesk", "audit_logs_default");
    public static final Name ANALYTICS_EVENTS = name("learning", "analytics_events");

    private static final DateTimeFormatter SUFFIX = DateTimeFormatter.ofPattern("yyyy_MM");

    private DemoPartitions() {
    }

    /** Five months back to this one, without the month two back (the gap). */
    public static List<YearMonth> auditLogMonths(YearMonth current) {
        return Stream.of(5, 4, 3, 1, 0).map(current::minusMonths).toList();
    }

    /** Two months back to this one. */
    public static List<YearMonth> analyticsEventMonths(YearMonth current) {
        return Stream.of(2, 1, 0).map(current::minusMonths).toList();
    }

    public static YearMonth currentMonth() {
        return YearMonth.now(ZoneOffset.UTC);
    }

    public static Name partitionName(Name parent, YearMonth month) {
        return name(parent.first(), parent.last() + "_" + month.format(SUFFIX));
    }

    static void createAll(DSLContext db, YearMonth current) {
        auditLogMonths(current).forEach(m -> create(db, AUDIT_LOGS, m));
        analyticsEventMonths(current).forEach(m -> create(db, ANALYTICS_EVENTS, m));
    }

    /**
     * On a kept data directory, a later start may fall in a month the set does not cover yet.
     * analytics_events has no DEFAULT partition, so the workload's inserts would fail without
     * this month's partition; audit_logs keeps its gaps, its DEFAULT partition takes the rows.
     */
    static void ensureCurrentMonth(DSLContext db, YearMonth current) {
        Name partition = partitionName(ANALYTICS_EVENTS, current);
        boolean exists = db.fetchExists(table(name("pg_catalog", "pg_tables")),
                field(name("schemaname"), String.class).eq(partition.first())
                        .and(field(name("tablename"), String.class).eq(partition.last())));
        if (!exists) {
            create(db, ANALYTICS_EVENTS, current);
        }
    }

    static void create(DSLContext db, Name parent, YearMonth month) {
        OffsetDateTime from = month.atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        OffsetDateTime to = month.plusMonths(1).atDay(1).atStartOfDay().atOffset(ZoneOffset.UTC);
        db.query("CREATE TABLE {0} PARTITION OF {1} FOR VALUES FROM ({2}) TO ({3})",
                partitionName(parent, month), parent, inline(from), inline(to)).execute();
    }
}
