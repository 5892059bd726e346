package io.pgdeck.catalog;

import static io.pgdeck.db.pgcatalog.default_schema.tables.PgStatStatements.PG_STAT_STATEMENTS;
import static io.pgdeck.db.pgcatalog.default_schema.tables.PgStatStatementsInfo.PG_STAT_STATEMENTS_INFO;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgDatabase.PG_DATABASE;
import static io.pgdeck.db.pgcatalog.pg_catalog.tables.PgRoles.PG_ROLES;
import static org.jooq.impl.DSL.condition;
import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;
import static org.jooq.impl.DSL.name;
import static org.jooq.impl.DSL.select;
import static org.jooq.impl.DSL.table;
import static org.jooq.impl.DSL.val;
import static org.jooq.impl.DSL.when;

import io.pgdeck.connect.Capabilities;
import io.pgdeck.connect.Target;
import io.pgdeck.db.pgcatalog.default_schema.tables.PgStatStatements;
import java.time.OffsetDateTime;
import java.util.ArrayList;
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

    /**
     * The view's columns, read from the function behind it: pg_stat_statements(false) leaves the
     * query texts out, which cost the server as much as all the rest.
     */
    private static final PgStatStatements S = PG_STAT_STATEMENTS.as("s");

    /** pg_stat_statements.max's default: texts for every entry a default server keeps. */
    private static final int MAX_TEXTS = 5_000;

    private final Target target;
    private final int limit;
    private final Texts texts = new Texts();
    /** The previous read's entries: what the server compares with, and what stands for an entry that did not change. */
    private final Map<StatementKey, StatementStats> last = new HashMap<>();

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
     * much as all the rest, so texts are read only for entries this reader has not seen yet. Of
     * the top entries the server sends whole only those that ran since the previous read (the
     * reader hands it the calls and time it holds); the others are their key alone, and the
     * reader's copy stands for them: turning 500 rows of figures into text was a third of a read.
     */
    public synchronized StatementsRead top() {
        Columns c = Columns.of(target.capabilities().extensionVersion(Capabilities.PG_STAT_STATEMENTS).orElse("1.8"));
        Table<?> held = held();
        Field<Boolean> changed = field(name("k", "calls")).isNull()
                .or(field(name("k", "calls"), Long.class).ne(S.CALLS))
                .or(field(name("k", "total"), Double.class).ne(c.totalExecColumn())).as("changed");
        Table<?> top = target.db()
                .select(S.USERID, S.DBID, S.QUERYID, c.toplevel(), changed, S.CALLS, c.totalExec(),
                        c.maxExec(), c.plans(), c.totalPlan(), S.ROWS, S.SHARED_BLKS_HIT,
                        S.SHARED_BLKS_READ, S.TEMP_BLKS_WRITTEN, c.blockRead(), c.statsSince())
                .from(statements(false))
                .leftJoin(held).on(field(name("k", "queryid"), Long.class).eq(S.QUERYID)
                        .and(field(name("k", "userid"), Long.class).eq(S.USERID.cast(Long.class)))
                        .and(field(name("k", "dbid"), Long.class).eq(S.DBID.cast(Long.class)))
                        .and(field(name("k", "toplevel"), Boolean.class).eq(c.toplevelColumn())))
                // another role's entries come without queryid to a role lacking pg_read_all_stats:
                // kept, they would share one key and their counters would make up one statement's rates
                .where(S.QUERYID.isNotNull())
                .orderBy(c.totalExecColumn().desc())
                .limit(limit)
                .asTable("s");
        // names after the LIMIT: joined before it, pg_roles and pg_database doubled the cost
        var r = PG_ROLES.as("r");
        var d = PG_DATABASE.as("d");
        Field<Boolean> isChanged = top.field("changed", Boolean.class);
        List<Field<?>> fields = new ArrayList<>(List.of(top.field(S.USERID), top.field(S.DBID), top.field(S.QUERYID),
                top.field("toplevel"), isChanged));
        for (Field<?> figure : top.fields()) {
            if (!fields.contains(figure) && !figure.getName().equals("changed")) {
                fields.add(when(isChanged, figure).as(figure.getName()));
            }
        }
        fields.add(r.ROLNAME);
        fields.add(d.DATNAME);
        List<Record> rows = target.db()
                .select(fields)
                .from(top)
                .leftJoin(r).on(condition(isChanged).and(r.OID.eq(top.field(S.USERID))))
                .leftJoin(d).on(condition(isChanged).and(d.OID.eq(top.field(S.DBID))))
                .orderBy(top.field(S.TOTAL_EXEC_TIME).desc())
                .fetch();
        List<StatementStats> statements = rows.stream().map(this::toStats).toList();
        texts.fill(statements);
        statements = statements.stream().map(texts::withText).toList();
        last.clear();
        statements.forEach(s -> last.put(s.key(), s));
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

    /** The entries of the previous read with their calls and time, as a table "k" for the server to compare. */
    private Table<?> held() {
        List<StatementStats> held = List.copyOf(last.values());
        return table("rows from (pg_catalog.unnest({0}), pg_catalog.unnest({1}), pg_catalog.unnest({2}),"
                        + " pg_catalog.unnest({3}), pg_catalog.unnest({4}), pg_catalog.unnest({5}))",
                val(held.stream().map(s -> s.key().queryId()).toArray(Long[]::new)),
                val(held.stream().map(s -> s.key().userId()).toArray(Long[]::new)),
                val(held.stream().map(s -> s.key().databaseId()).toArray(Long[]::new)),
                val(held.stream().map(s -> s.key().toplevel()).toArray(Boolean[]::new)),
                val(held.stream().map(StatementStats::calls).toArray(Long[]::new)),
                val(held.stream().map(StatementStats::totalExecMillis).toArray(Double[]::new)))
                .as("k", "queryid", "userid", "dbid", "toplevel", "calls", "total");
    }

    /** Entries of other roles this role may not see, counted; none to count for a role that sees them all. */
    private Field<Long> hiddenEntries() {
        Capabilities caps = target.capabilities();
        if (caps.superuser() || caps.readAllStats()) {
            return inline(0L).as("hidden");
        }
        PgStatStatements h = PG_STAT_STATEMENTS.as("h");
        return field(select(org.jooq.impl.DSL.count().cast(Long.class))
                .from(statements(false, h.getName()))
                .where(h.QUERYID.isNull())).as("hidden");
    }

    /** pg_stat_statements(showtext) under the alias "s", so that {@link #S}'s columns name it. */
    private static Table<?> statements(boolean showText) {
        return statements(showText, S.getName());
    }

    private static Table<?> statements(boolean showText, String alias) {
        return table("{0}({1})", PG_STAT_STATEMENTS.getUnqualifiedName(), inline(showText)).as(alias);
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
                    .select(S.USERID, S.DBID, S.QUERYID, c.toplevel(), S.QUERY)
                    .from(statements(true))
                    // one array, not an IN list: a list's length is part of its queryid, so each new
                    // count of missing texts made one more entry, itself new and missing a text next
                    // read; unnested, so the server hashes it (= ANY of a parameter compares each row
                    // with every element: 0.7 s for 500 texts among 5,000 entries)
                    .where(S.QUERYID.in(select(field("pg_catalog.unnest({0})", Long.class,
                            val(missing.toArray(Long[]::new))))))
                    .forEach(r -> byKey.put(new StatementKey(r.get(S.USERID), r.get(S.DBID),
                            zeroIfNull(r.get(S.QUERYID)), r.get("toplevel", Boolean.class)), r.get(S.QUERY)));
        }

        StatementStats withText(StatementStats s) {
            return s.query() != null ? s : s.withQuery(byKey.get(s.key()));
        }
    }

    /** A row of the read: whole when it changed, else the held copy of the same entry. */
    private StatementStats toStats(Record r) {
        StatementKey key = new StatementKey(r.get("userid", Long.class), r.get("dbid", Long.class),
                zeroIfNull(r.get("queryid", Long.class)), r.get("toplevel", Boolean.class));
        if (!r.get("changed", Boolean.class)) {
            return last.get(key);
        }
        return new StatementStats(key,
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

    /**
     * Columns the generated view lacks: gone by the newest version (blk_read_time, split in 1.11)
     * or older than any supported server creates (total_time, max_time, before 1.8).
     */
    private static Field<Double> notGenerated(String column) {
        return field(name(S.getName(), column), Double.class);
    }

    /**
     * The one place for version switches, by extension version: total_time/max_time became
     * total_exec_time/max_exec_time with planning counters in 1.8 (PG13); toplevel and
     * pg_stat_statements_info came in 1.9 (PG14); blk_read_time split into shared_ and local_
     * in 1.11 (PG17), which also added stats_since.
     */
    private record Columns(Field<Double> totalExecColumn, Field<Double> totalExec, Field<Double> maxExec,
                           Field<Long> plans, Field<Double> totalPlan, Field<Boolean> toplevelColumn,
                           Field<Boolean> toplevel,
                           Field<Double> blockRead, Field<OffsetDateTime> statsSince,
                           Field<Long> deallocations, Field<OffsetDateTime> statsReset) {

        static Columns of(String extensionVersion) {
            boolean execAndPlan = atLeast(extensionVersion, 1, 8);
            boolean info = atLeast(extensionVersion, 1, 9);
            boolean splitIo = atLeast(extensionVersion, 1, 11);
            Field<Double> total = execAndPlan ? S.TOTAL_EXEC_TIME : notGenerated("total_time");
            var i = PG_STAT_STATEMENTS_INFO;
            return new Columns(total,
                    total.as("total_exec_time"),
                    (execAndPlan ? S.MAX_EXEC_TIME : notGenerated("max_time")).as("max_exec_time"),
                    execAndPlan ? S.PLANS : inline(0L).as("plans"),
                    execAndPlan ? S.TOTAL_PLAN_TIME : inline(0.0).as("total_plan_time"),
                    info ? S.TOPLEVEL : inline(true),
                    info ? S.TOPLEVEL : inline(true).as("toplevel"),
                    splitIo ? S.SHARED_BLK_READ_TIME.plus(S.LOCAL_BLK_READ_TIME).as("blk_read_time")
                            : notGenerated("blk_read_time").as("blk_read_time"),
                    splitIo ? S.STATS_SINCE : inline(null, OffsetDateTime.class).as("stats_since"),
                    info ? field(select(i.DEALLOC).from(i)).as("dealloc") : inline(null, Long.class).as("dealloc"),
                    info ? field(select(i.STATS_RESET).from(i)).as("stats_reset")
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
