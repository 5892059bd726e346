package io.pgdeck.connect;

import static org.jooq.impl.DSL.field;
import static org.jooq.impl.DSL.inline;

import org.jooq.Field;

/**
 * What a role without the owner's rights may read of a relation, asked of the server rather
 * than found out by a failing query, and the one sentence that says what is hidden and which
 * grant shows it. A {@code pg_monitor} role reads every statistic but not a single row: row
 * counts then come from the statistics, column statistics (pg_stats) stay hidden.
 */
public final class Privileges {

    private Privileges() {}

    /** Whether the connected role may SELECT the relation: checked per row in the catalog query, cheap. */
    public static Field<Boolean> canSelect(Field<Long> relationOid) {
        return field("pg_catalog.has_table_privilege({0}, {1})", Boolean.class, relationOid, inline("SELECT"));
    }

    /** "hidden: needs SELECT on public.job_queue". */
    public static String needsSelect(String relation) {
        return "hidden: needs SELECT on " + relation;
    }

    /** "hidden: needs USAGE on schema s and SELECT on its tables": without USAGE not even SELECT helps. */
    public static String needsSchemaUsage(String schema) {
        return "hidden: needs USAGE on schema " + schema + " and SELECT on its tables";
    }

    /** Why a bloat estimate is missing: pg_stats shows column statistics only to who may read the columns. */
    public static String bloatHidden(String relation) {
        return "hidden by privileges: its column statistics need SELECT on " + relation;
    }

    /** pgstattuple's functions are granted to pg_stat_scan_tables (part of pg_monitor), not to a table's owner. */
    public static String measureNeedsScanTables() {
        return "Exact bloat needs EXECUTE on pgstattuple: GRANT pg_stat_scan_tables (or pg_monitor) to this role.";
    }

    /** Other roles' pg_stat_statements entries come without query and queryid: counted, never summed into one. */
    public static String statementsHidden(long count) {
        return count + (count == 1 ? " statement" : " statements") + " of other roles hidden:"
                + " GRANT pg_read_all_stats (or pg_monitor) to this role to see them.";
    }

    /** pg_stat_activity lists every backend, but another role's state, query and wait only to pg_read_all_stats. */
    public static String activityHidden(long sessions) {
        return "Covers only what this role sees: " + sessions + (sessions == 1 ? " session" : " sessions")
                + " of other roles counted without state, query or wait: GRANT pg_monitor to this role to see them.";
    }
}
