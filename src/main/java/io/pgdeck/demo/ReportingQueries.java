package io.pgdeck.demo;

import static io.pgdeck.db.insightdesk.Tables.AUDIT_LOGS;
import static io.pgdeck.db.insightdesk.Tables.MV_DASHBOARD_STATS;
import static io.pgdeck.db.streamvibe.Tables.JOB_LOG;
import static io.pgdeck.db.streamvibe.Tables.JOB_QUEUE;
import static org.jooq.impl.DSL.count;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import java.math.BigDecimal;
import org.jooq.DSLContext;
import org.jooq.Field;

/**
 * An analyst's reports: the slow statements and sequential scans of the demo, which the
 * statements screen and the long-running-query list are there to catch.
 */
final class ReportingQueries {

    /** How long the job report "takes": long enough to be seen as a long-running query. */
    static final BigDecimal REPORT_SECONDS = new BigDecimal("3");

    private final AppPools pools;
    private int turn;

    ReportingQueries(AppPools pools) {
        this.pools = pools;
    }

    /** A job report that waits on something (pg_sleep stands for a slow join or a cold cache). */
    void slowJobReport() {
        DSLContext db = pools.dsl(DemoApp.REPORTING);
        Field<Object> duration = field("avg({0} - {1})", JOB_QUEUE.COMPLETED_AT, JOB_QUEUE.STARTED_AT);
        db.with("pause").as(select(field("pg_sleep({0})", inline(REPORT_SECONDS)).as("slept")))
                .select(JOB_QUEUE.JOB_TYPE, JOB_QUEUE.STATUS, count(), duration.as("avg_duration"))
                .from(JOB_QUEUE).crossJoin(table(name("pause")))
                .groupBy(JOB_QUEUE.JOB_TYPE, JOB_QUEUE.STATUS)
                .fetch();
    }

    /** Alternately: audit lines by channel, and log lines by text; no index serves either, both scan. */
    void scanReport() {
        DSLContext db = pools.dsl(DemoApp.REPORTING);
        if (turn++ % 2 == 0) {
            Field<String> via = field("{0} ->> 'via'", String.class, AUDIT_LOGS.METADATA);
            db.select(via, count()).from(AUDIT_LOGS).where(field("{0} ->> 'ip'", String.class, AUDIT_LOGS.METADATA).like("10.0.1%"))
                    .groupBy(via).fetch();
        } else {
            db.select(JOB_LOG.LOG_LEVEL, count()).from(JOB_LOG).where(JOB_LOG.MESSAGE.likeIgnoreCase("%quota%"))
                    .groupBy(JOB_LOG.LOG_LEVEL).fetch();
        }
    }

    void refreshDashboard() {
        pools.dsl(DemoApp.REPORTING).query("REFRESH MATERIALIZED VIEW CONCURRENTLY {0}", MV_DASHBOARD_STATS).execute();
    }
}
