package io.pgdeck.catalog;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;

import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.Target;
import java.time.OffsetDateTime;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Collectors;
import org.jooq.Field;
import org.jooq.Record;
import org.jooq.Table;

/**
 * Statement statistics from pg_stat_statements, the heaviest statements first. Only reads:
 * resetting the view would break every other tool that reads it, so rates come from deltas
 * between reads ({@code io.pgdeck.sample.StatementDeltas}), and a reset is a user's action.
 *
 * <p>Columns follow the installed extension's version rather than the server's: a server
 * upgraded without {@code ALTER EXTENSION pg_stat_statements UPDATE} keeps the old view.
 */
public final class StatementsReader {

    /** Enough for every statement that matters on a busy server, few enough to read every second. */
    public static final int DEFAULT_LIMIT = 500;

    private static final Table<?> INFO = table(name("pg_stat_statements_info"));

    /** pg_stat_statements.max's default: texts for every entry a default server keeps. */
    private static final int MAX_TEXTS = 5_000;

    private final Target target;
    private final int limit;
    private final Texts texts = new Texts();

    public StatementsReader(Target target) {
        this(target, DEFAULT_LIMIT);
    }

    public StatementsReader(Target target, int limit) {
        this.target = target;
        this.limit = limit;
    }

    /**
     * The top entries by total execution time, with role and database names resolved. Counters
     * come from {@code pg_stat_statements(false)}: loading the query texts costs the server as
     * much as all the rest, so texts are read only for entries this reader has not seen yet.
     */
    public synchronized StatementsRead top() {
        Columns c = Columns.of(target.capabilities().extensionVersion(Capabilities.PG_STAT_STATEMENTS).orElse("1.8"));
        Table<?> top = target.db()
                .select(num("userid"), num("dbid"), num("queryid"), c.toplevel(), num("calls"), c.totalExec(),
                        c.maxExec(), c.plans(), c.totalPlan(), num("rows"), num("shared_blks_hit"),
                        num("shared_blks_read"), num("temp_blks_written"), c.blockRead(), c.statsSince())
                .from(table("{0}({1})", name("pg_stat_statements"), inline(false)).as("s"))
                // another role's entries come without queryid to a role lacking pg_read_all_stats:
                // kept, they would share one key and their counters would make up one statement's rates
                .where(field(name("s", "queryid")).isNotNull())
                .orderBy(c.totalExecColumn().desc())
                .limit(limit)
                .asTable("s");
        // names after the LIMIT: joined before it, pg_roles and pg_database doubled the cost
        List<Record> rows = target.db()
                .select(top.asterisk(), field(name("r", "rolname"), String.class).as("rolname"),
                        field(name("d", "datname"), String.class).as("datname"))
                .from(top)
                .leftJoin(table(name("pg_catalog", "pg_roles")).as("r"))
                .on(field(name("r", "oid")).eq(field(name("s", "userid"))))
                .leftJoin(table(name("pg_catalog", "pg_database")).as("d"))
                .on(field(name("d", "oid")).eq(field(name("s", "dbid"))))
                .orderBy(field(name("s", "total_exec_time")).desc())
                .fetch();
        List<StatementStats> statements = rows.stream().map(StatementsReader::toStats).toList();
        texts.fill(statements);
        statements = statements.stream().map(texts::withText).toList();
        Record info = target.db()
                .select(field("pg_catalog.clock_timestamp()", OffsetDateTime.class).as("read_at"),
                        field("pg_catalog.current_setting('pg_stat_statements.track_planning', true)", String.class)
                                .as("track_planning"),
                        c.deallocations(), c.statsReset(), hiddenEntries())
                .fetchOne();
        return new StatementsRead(statements, info.get("read_at", OffsetDateTime.class),
                info.get("dealloc", Long.class), info.get("stats_reset", OffsetDateTime.class),
                "on".equals(info.get("track_planning", String.class)), info.get("hidden", Long.class));
    }

    /** Entries of other roles this role may not see, counted; none to count for a role that sees them all. */
    private Field<Long> hiddenEntries() {
        Capabilities caps = target.capabilities();
        if (caps.superuser() || caps.readAllStats()) {
            return inline(0L).as("hidden");
        }
        return field(select(org.jooq.impl.DSL.count().cast(Long.class))
                .from(table("{0}({1})", name("pg_stat_statements"), inline(false)).as("h"))
                .where(field(name("h", "queryid")).isNull())).as("hidden");
    }

    /**
     * Normalized texts by entry, read once: an entry's text never changes while it exists.
     * Bounded by {@link #MAX_TEXTS}, past which texts of entries not in the latest read go.
     */
    private final class Texts {
        private final Map<StatementKey, String> byKey = new HashMap<>();

        void fill(List<StatementStats> statements) {
            Set<Long> missing = statements.stream().filter(s -> !byKey.containsKey(s.key()))
                    .map(s -> s.key().queryId()).collect(Collectors.toSet());
            if (missing.isEmpty()) {
                return;
            }
            if (byKey.size() + missing.size() > MAX_TEXTS) {
                Set<StatementKey> current = statements.stream().map(StatementStats::key).collect(Collectors.toSet());
                byKey.keySet().retainAll(current);
            }
            Columns c = Columns.of(target.capabilities().extensionVersion(Capabilities.PG_STAT_STATEMENTS).orElse("1.8"));
            target.db()
                    .select(num("userid"), num("dbid"), num("queryid"), c.toplevel(),
                            field(name("s", "query"), String.class).as("query"))
                    .from(table("{0}({1})", name("pg_stat_statements"), inline(true)).as("s"))
                    .where(field(name("s", "queryid"), Long.class).in(missing))
                    .forEach(r -> byKey.put(new StatementKey(r.get("userid", Long.class), r.get("dbid", Long.class),
                            zeroIfNull(r.get("queryid", Long.class)), r.get("toplevel", Boolean.class)),
                            r.get("query", String.class)));
        }

        StatementStats withText(StatementStats s) {
            String text = byKey.get(s.key());
            return new StatementStats(s.key(), s.user(), s.database(), text, s.calls(), s.totalExecMillis(),
                    s.maxExecMillis(), s.plans(), s.totalPlanMillis(), s.rows(), s.sharedBlocksHit(),
                    s.sharedBlocksRead(), s.tempBlocksWritten(), s.blockReadMillis(), s.statsSince());
        }
    }

    private static StatementStats toStats(Record r) {
        return new StatementStats(
                new StatementKey(r.get("userid", Long.class), r.get("dbid", Long.class),
                        zeroIfNull(r.get("queryid", Long.class)), r.get("toplevel", Boolean.class)),
                r.get("rolname", String.class), r.get("datname", String.class), null,
                r.get("calls", Long.class), r.get("total_exec_time", Double.class), r.get("max_exec_time", Double.class),
                r.get("plans", Long.class), r.get("total_plan_time", Double.class), r.get("rows", Long.class),
                r.get("shared_blks_hit", Long.class), r.get("shared_blks_read", Long.class),
                r.get("temp_blks_written", Long.class), r.get("blk_read_time", Double.class),
                r.get("stats_since", OffsetDateTime.class));
    }

    private static long zeroIfNull(Long value) {
        return value == null ? 0 : value;
    }

    private static Field<Long> num(String column) {
        return field(name("s", column), Long.class).as(column);
    }

    private static Field<Double> millis(String column) {
        return field(name("s", column), Double.class);
    }

    /**
     * The one place for version switches, by extension version: total_time/max_time became
     * total_exec_time/max_exec_time with planning counters in 1.8 (PG13); toplevel and
     * pg_stat_statements_info came in 1.9 (PG14); blk_read_time split into shared_ and local_
     * in 1.11 (PG17), which also added stats_since.
     */
    private record Columns(Field<Double> totalExecColumn, Field<Double> totalExec, Field<Double> maxExec,
                           Field<Long> plans, Field<Double> totalPlan, Field<Boolean> toplevel,
                           Field<Double> blockRead, Field<OffsetDateTime> statsSince,
                           Field<Long> deallocations, Field<OffsetDateTime> statsReset) {

        static Columns of(String extensionVersion) {
            boolean execAndPlan = atLeast(extensionVersion, 1, 8);
            boolean info = atLeast(extensionVersion, 1, 9);
            boolean splitIo = atLeast(extensionVersion, 1, 11);
            Field<Double> total = millis(execAndPlan ? "total_exec_time" : "total_time");
            return new Columns(total,
                    total.as("total_exec_time"),
                    millis(execAndPlan ? "max_exec_time" : "max_time").as("max_exec_time"),
                    execAndPlan ? num("plans") : inline(0L).as("plans"),
                    execAndPlan ? millis("total_plan_time").as("total_plan_time") : inline(0.0).as("total_plan_time"),
                    info ? field(name("s", "toplevel"), Boolean.class).as("toplevel") : inline(true).as("toplevel"),
                    splitIo ? millis("shared_blk_read_time").plus(millis("local_blk_read_time")).as("blk_read_time")
                            : millis("blk_read_time").as("blk_read_time"),
                    splitIo ? field(name("s", "stats_since"), OffsetDateTime.class).as("stats_since")
                            : inline(null, OffsetDateTime.class).as("stats_since"),
                    info ? field(select(field(name("dealloc"), Long.class)).from(INFO)).as("dealloc")
                            : inline(null, Long.class).as("dealloc"),
                    info ? field(select(field(name("stats_reset"), OffsetDateTime.class)).from(INFO)).as("stats_reset")
                            : inline(null, OffsetDateTime.class).as("stats_reset"));
        }

        private static boolean atLeast(String version, int major, int minor) {
            String[] parts = version.split("\\.");
            int ma = Integer.parseInt(parts[0].trim());
            int mi = parts.length > 1 ? Integer.parseInt(parts[1].replaceAll("\\D.*", "")) : 0;
            return ma > major || (ma == major && mi >= minor);
        }
    }
}
