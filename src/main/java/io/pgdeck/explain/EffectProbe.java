package io.pgdeck.explain;

import com.fasterxml.jackson.core.JsonFactory;
import com.fasterxml.jackson.core.StreamReadConstraints;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;

/**
 * Asks the server what ANALYZE of a statement would do besides reading, before it runs: the plain
 * {@code EXPLAIN (VERBOSE, FORMAT JSON)} plan (which runs nothing) shows every ModifyTable and
 * LockRows node and, in its expressions, every function the executor will call, views and column
 * defaults already expanded. Names found there are resolved in pg_proc (any volatile overload
 * counts), the modified tables' triggers and cascading foreign keys in the catalog. What the plan
 * cannot show, a table that SELECT INTO or CREATE TABLE AS creates, comes from {@link WriteDetection}.
 */
final class EffectProbe {

    private static final ObjectMapper JSON = new ObjectMapper(JsonFactory.builder()
            .streamReadConstraints(StreamReadConstraints.builder().maxNestingDepth(20_000).build()).build());

    /**
     * Volatile functions that change nothing a rollback leaves behind: only as pg_catalog's own, or
     * pg_stat_statements' (the view a DBA explains most), which a user cannot pass a function off as.
     */
    private static final Set<String> HARMLESS = Set.of("random", "random_normal", "clock_timestamp", "timeofday",
            "gen_random_uuid", "uuidv4", "uuidv7", "pg_sleep", "pg_sleep_for", "pg_sleep_until", "pg_relation_size",
            "pg_total_relation_size", "pg_table_size", "pg_indexes_size", "pg_database_size", "pg_tablespace_size",
            "pg_lock_status", "pg_blocking_pids", "pg_is_in_recovery", "pg_current_wal_lsn", "pg_stat_statements",
            "pg_stat_statements_info");

    private static final String VOLATILE_FUNCTIONS = """
            SELECT n.nspname, p.proname, pg_catalog.pg_function_is_visible(p.oid), e.extname
            FROM pg_catalog.pg_proc p JOIN pg_catalog.pg_namespace n ON n.oid = p.pronamespace
            LEFT JOIN pg_catalog.pg_depend d ON d.classid = 'pg_catalog.pg_proc'::pg_catalog.regclass
                AND d.objid = p.oid AND d.deptype = 'e'
            LEFT JOIN pg_catalog.pg_extension e ON e.oid = d.refobjid
            WHERE p.provolatile = 'v' AND p.proname IN (SELECT pg_catalog.jsonb_array_elements_text(?::jsonb))""";

    /** Operators are functions too; a volatile one is rare enough to look for by its symbol. */
    private static final String VOLATILE_OPERATORS = """
            SELECT o.oprname, p.proname
            FROM pg_catalog.pg_operator o JOIN pg_catalog.pg_proc p ON p.oid = o.oprcode
            WHERE p.provolatile = 'v'""";

    /** The target, its partitions, and what fires or cascades when the operation's events happen there. */
    private static final String TARGET = """
            WITH target AS (
                SELECT c.oid FROM pg_catalog.pg_class c JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
                WHERE n.nspname = ? AND c.relname = ?),
            rels AS (SELECT oid FROM target UNION SELECT t.relid FROM target, pg_catalog.pg_partition_tree(target.oid) t)
            """;
    private static final String TRIGGERS = TARGET + """
            SELECT DISTINCT 'fires trigger ' || pg_catalog.quote_ident(t.tgname) || ' on '
                || pg_catalog.quote_ident(n.nspname) || '.' || pg_catalog.quote_ident(c.relname)
                || ' (' || pg_catalog.quote_ident(p.proname) || '())'
            FROM pg_catalog.pg_trigger t JOIN rels ON rels.oid = t.tgrelid
            JOIN pg_catalog.pg_class c ON c.oid = t.tgrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            JOIN pg_catalog.pg_proc p ON p.oid = t.tgfoid
            WHERE NOT t.tgisinternal AND t.tgenabled IN ('O', 'A') AND (t.tgtype & ?) <> 0
            ORDER BY 1""";
    private static final String CASCADES = TARGET + """
            SELECT DISTINCT 'changes rows of ' || pg_catalog.quote_ident(n.nspname) || '.'
                || pg_catalog.quote_ident(c.relname) || ' (foreign key ' || pg_catalog.quote_ident(k.conname) || ')'
            FROM pg_catalog.pg_constraint k JOIN rels ON rels.oid = k.confrelid
            JOIN pg_catalog.pg_class c ON c.oid = k.conrelid JOIN pg_catalog.pg_namespace n ON n.oid = c.relnamespace
            WHERE k.contype = 'f' AND (? AND k.confdeltype IN ('c', 'n', 'd') OR ? AND k.confupdtype IN ('c', 'n', 'd'))
            ORDER BY 1""";

    /** pg_trigger.tgtype's event bits. */
    private static final int INSERT = 4;
    private static final int DELETE = 8;
    private static final int UPDATE = 16;

    private EffectProbe() {}

    /** A table ModifyTable writes: its operation ("Insert", "Merge"...) and whether ON CONFLICT updates. */
    private record Target(String operation, String schema, String relation, boolean conflictUpdate) {

        int events() {
            return switch (operation) {
                case "Insert" -> INSERT | (conflictUpdate ? UPDATE : 0);
                case "Update" -> UPDATE;
                case "Delete" -> DELETE;
                default -> INSERT | UPDATE | DELETE; // Merge
            };
        }

        String phrase() {
            String verb = operation.toUpperCase(Locale.ROOT);
            String preposition = switch (operation) {
                case "Delete" -> " from ";
                case "Update" -> " of ";
                default -> " into ";
            };
            return verb + preposition + schema + "." + relation;
        }
    }

    /**
     * One overload; EXPLAIN leaves a function's schema out when the search path finds it.
     *
     * @param extension the extension the function belongs to, or null
     */
    private record VolatileFunction(String schema, String name, boolean visible, String extension) {

        boolean called(FunctionCall call) {
            return name.equals(call.name()) && (call.schema() == null ? visible : call.schema().equals(schema));
        }

        boolean harmless() {
            return HARMLESS.contains(name) && (schema.equals("pg_catalog") || "pg_stat_statements".equals(extension));
        }

        boolean advancesSequence() {
            return name.equals("nextval") && schema.equals("pg_catalog");
        }
    }

    /**
     * Runs in the caller's transaction (read-only, with its timeouts), the plan through {@code st}
     * so that cancelling it cancels the probe too.
     *
     * @param st    a statement of the caller's, without escape processing
     * @param probe the statement with the options VERBOSE, FORMAT JSON and no ANALYZE
     */
    static SideEffects of(Statement st, ExplainRequest probe) throws SQLException {
        Connection conn = st.getConnection();
        Set<String> writes = new LinkedHashSet<>(WriteDetection.of(SqlText.of(probe.statement().text())).reasons());
        List<Target> targets = new ArrayList<>();
        Set<String> expressions = new LinkedHashSet<>();
        try (ResultSet rs = st.executeQuery(probe.sql())) {
            rs.next();
            walk(JSON.readTree(rs.getString(1)), targets, writes, expressions);
        } catch (IOException e) {
            throw new IllegalStateException("the server's EXPLAIN JSON did not read", e);
        }
        for (Target t : targets) {
            writes.add(t.phrase());
            writes.addAll(strings(conn, TRIGGERS, t.schema(), t.relation(), t.events()));
            boolean deletes = (t.events() & DELETE) != 0;
            boolean updates = (t.events() & UPDATE) != 0;
            writes.addAll(strings(conn, CASCADES, t.schema(), t.relation(), deletes, updates));
        }
        Set<String> calls = new LinkedHashSet<>();
        Set<String> sequences = new LinkedHashSet<>();
        resolve(conn, FunctionCall.in(expressions), calls, sequences);
        operators(conn, expressions, calls);
        return new SideEffects(new ArrayList<>(writes), new ArrayList<>(calls), new ArrayList<>(sequences));
    }

    /** Every plan of the output (a rule adds plans of its own), every node, every text in it. */
    private static void walk(JsonNode json, List<Target> targets, Set<String> writes, Set<String> expressions) {
        if (json.isObject()) {
            String type = json.path("Node Type").asText("");
            if (type.equals("ModifyTable")) {
                targets.add(new Target(json.path("Operation").asText(""), json.path("Schema").asText(""),
                        json.path("Relation Name").asText(""), json.path("Conflict Resolution").asText("").equals("UPDATE")));
            } else if (type.equals("LockRows")) {
                writes.add("locks rows (FOR UPDATE/SHARE)");
            }
            json.forEach(child -> walk(child, targets, writes, expressions));
        } else if (json.isArray()) {
            json.forEach(child -> walk(child, targets, writes, expressions));
        } else if (json.isTextual() && json.asText().indexOf('(') >= 0) {
            expressions.add(json.asText());
        }
    }

    private static void resolve(Connection conn, List<FunctionCall> found, Set<String> calls, Set<String> sequences)
            throws SQLException {
        if (found.isEmpty()) {
            return;
        }
        List<String> names = found.stream().map(FunctionCall::name).distinct().toList();
        List<VolatileFunction> volatiles = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(VOLATILE_FUNCTIONS)) {
            ps.setString(1, JSON.writeValueAsString(names));
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    volatiles.add(new VolatileFunction(rs.getString(1), rs.getString(2), rs.getBoolean(3), rs.getString(4)));
                }
            }
        } catch (com.fasterxml.jackson.core.JsonProcessingException e) {
            throw new IllegalStateException(e);
        }
        for (FunctionCall call : found) {
            for (VolatileFunction v : volatiles) {
                if (!v.called(call)) {
                    continue;
                }
                if (v.advancesSequence()) {
                    sequences.add(call.sequence());
                } else if (!v.harmless()) {
                    calls.add(call.qualifiedName() + "()");
                }
            }
        }
    }

    /** EXPLAIN prints an operator between spaces, {@code (a === b)}, or qualified: {@code a OPERATOR(ops.===) b}. */
    private static void operators(Connection conn, Set<String> expressions, Set<String> calls) throws SQLException {
        try (Statement st = conn.createStatement(); ResultSet rs = st.executeQuery(VOLATILE_OPERATORS)) {
            while (rs.next()) {
                String spaced = " " + rs.getString(1) + " ";
                String qualified = "." + rs.getString(1) + ")";
                if (expressions.stream().anyMatch(e -> e.contains(spaced) || e.contains(qualified))) {
                    calls.add(rs.getString(2) + "() (operator " + rs.getString(1) + ")");
                }
            }
        }
    }

    private static List<String> strings(Connection conn, String sql, Object... parameters) throws SQLException {
        List<String> out = new ArrayList<>();
        try (PreparedStatement ps = conn.prepareStatement(sql)) {
            for (int i = 0; i < parameters.length; i++) {
                ps.setObject(i + 1, parameters[i]);
            }
            try (ResultSet rs = ps.executeQuery()) {
                while (rs.next()) {
                    out.add(rs.getString(1));
                }
            }
        }
        return out;
    }
}
