package io.pgdeck.catalog;

import java.time.YearMonth;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.List;

/**
 * Partition sets planted for reader and action tests, around the current month (UTC):
 * {@code events} monthly from three months back to this one with last month missing and
 * nothing ahead, its DEFAULT partition holding rows of the missing month; a hash set; a list
 * set; a set ranged by year and listed by region below; and one with hostile names.
 */
public final class PartitionFixtures {

    public static final String HOSTILE_SCHEMA = "Odd \"Schema\" ü";
    public static final String HOSTILE_TABLE = "Événements \"quoted\" Table With Spaces and a long name";

    private PartitionFixtures() {}

    public static YearMonth month(int offset) {
        return YearMonth.now(ZoneOffset.UTC).plusMonths(offset);
    }

    public static String start(int offset) {
        return month(offset).atDay(1) + " 00:00:00+00";
    }

    public static String suffix(int offset) {
        return String.format("%04d_%02d", month(offset).getYear(), month(offset).getMonthValue());
    }

    public static String[] schema() {
        List<String> sql = new ArrayList<>();
        sql.add("CREATE TABLE events (id bigint GENERATED ALWAYS AS IDENTITY, kind text NOT NULL,"
                + " created_at timestamptz NOT NULL, PRIMARY KEY (id, created_at)) PARTITION BY RANGE (created_at)");
        for (int m : new int[] {-3, -2, 0}) {
            sql.add("CREATE TABLE events_" + suffix(m) + " PARTITION OF events FOR VALUES FROM ('" + start(m)
                    + "') TO ('" + start(m + 1) + "')");
        }
        sql.add("CREATE TABLE events_default PARTITION OF events DEFAULT");
        sql.add("INSERT INTO events (kind, created_at) SELECT 'gap', timestamptz '" + start(-1) + "' + i * interval '1 hour'"
                + " FROM generate_series(0, 11) i");
        sql.add("INSERT INTO events (kind, created_at) SELECT 'now', timestamptz '" + start(0) + "' + i * interval '1 hour'"
                + " FROM generate_series(0, 99) i");

        sql.add("CREATE TABLE sessions (user_id bigint NOT NULL, token text) PARTITION BY HASH (user_id)");
        for (int r = 0; r < 4; r++) {
            sql.add("CREATE TABLE sessions_p" + r + " PARTITION OF sessions FOR VALUES WITH (MODULUS 4, REMAINDER " + r + ")");
        }
        sql.add("CREATE TABLE customers (region text NOT NULL, name text) PARTITION BY LIST (region)");
        sql.add("CREATE TABLE customers_eu PARTITION OF customers FOR VALUES IN ('de', 'fr', 'it''s')");
        sql.add("CREATE TABLE customers_us PARTITION OF customers FOR VALUES IN ('us')");
        sql.add("CREATE TABLE customers_other PARTITION OF customers DEFAULT");
        sql.add("INSERT INTO customers VALUES ('br', 'x')");

        sql.add("CREATE TABLE orders (placed date NOT NULL, region text NOT NULL) PARTITION BY RANGE (placed)");
        sql.add("CREATE TABLE orders_2025 PARTITION OF orders FOR VALUES FROM ('2025-01-01') TO ('2026-01-01')"
                + " PARTITION BY LIST (region)");
        sql.add("CREATE TABLE orders_2025_eu PARTITION OF orders_2025 FOR VALUES IN ('eu')");
        sql.add("CREATE TABLE orders_2025_us PARTITION OF orders_2025 FOR VALUES IN ('us')");
        sql.add("CREATE TABLE orders_2026 PARTITION OF orders FOR VALUES FROM ('2026-01-01') TO ('2027-01-01')");

        String schema = quote(HOSTILE_SCHEMA);
        String table = schema + "." + quote(HOSTILE_TABLE);
        sql.add("CREATE SCHEMA " + schema);
        sql.add("CREATE TABLE " + table + " (\"Created At\" timestamptz NOT NULL, \"Wert\" int)"
                + " PARTITION BY RANGE (\"Created At\")");
        for (int m : new int[] {-1, 0}) {
            sql.add("CREATE TABLE " + schema + "." + quote(hostilePartition(m)) + " PARTITION OF " + table
                    + " FOR VALUES FROM ('" + start(m) + "') TO ('" + start(m + 1) + "')");
        }
        return sql.toArray(String[]::new);
    }

    /** 63 bytes exactly: the longest name PostgreSQL keeps whole. */
    public static String hostilePartition(int offset) {
        String head = "Ünïcødé \"P\" ";
        String name = head + "x".repeat(63 - head.getBytes(java.nio.charset.StandardCharsets.UTF_8).length - 7) + suffix(offset);
        return name;
    }

    static String quote(String identifier) {
        return "\"" + identifier.replace("\"", "\"\"") + "\"";
    }
}
