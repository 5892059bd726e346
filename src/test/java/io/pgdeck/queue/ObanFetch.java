package io.pgdeck.queue;

import java.util.ArrayList;
import java.util.List;

/**
 * What a node of a given Oban release takes next from a queue, written for pgdeck from that
 * release's fetch (named per constant) so a test can check what pgdeck's changes leave for Oban.
 * Each constant states how its release picks and marks jobs; {@link #statement} turns that into
 * one UPDATE. Oban binds the queue, the time and the node; here the time is
 * {@code timezone('UTC', now())}, the node a fixed name and the demand large enough for every job.
 */
enum ObanFetch {
    /**
     * Oban 0.2.0, lib/oban/query.ex fetch_available_jobs: available jobs of the queue that are
     * due, oldest scheduled_at then id first, row-locked skipping locked rows, each also taking
     * a shared advisory lock on its id; the update joins that subquery.
     */
    OBAN_0_2(Order.SCHEDULED, true, true, null, false),
    /**
     * Oban 0.12.0, lib/oban/query.ex fetch_available_jobs: every available job of the queue
     * (due or not), same order and row locks, no advisory lock; attempted_by becomes
     * [node, queue, nonce].
     */
    OBAN_0_12(Order.SCHEDULED, false, false, "ARRAY['node-t', %s, 'nonce']", false),
    /** Oban 1.0.0, lib/oban/query.ex fetch_available_jobs: as 0.12.0, lowest priority first. */
    OBAN_1_0(Order.PRIORITY, false, false, "ARRAY['node-t', %s, 'nonce']", false),
    /**
     * Oban 2.17.0 to 2.23.1, lib/oban/engines/basic.ex fetch_jobs: the pick in a CTE (Oban's
     * guard against the planner re-running the limited subquery), attempted_by [node, uuid], and
     * only jobs with attempts left are marked ({@code attempt < max_attempts}).
     */
    BASIC(Order.PRIORITY, false, false, "ARRAY['node-t', 'uuid']", true);

    private enum Order {
        SCHEDULED("scheduled_at, id"), PRIORITY("priority, scheduled_at, id");

        final String columns;

        Order(String columns) {
            this.columns = columns;
        }
    }

    private static final int DEMAND = 1000;

    private final Order order;
    private final boolean dueOnly;
    private final boolean advisoryLock;
    /** attempted_by as the release sets it (the queue as %s), or null before V03. */
    private final String attemptedBy;
    /** The Basic engine: a CTE for the pick and the attempts-left condition on the update. */
    private final boolean basic;

    ObanFetch(Order order, boolean dueOnly, boolean advisoryLock, String attemptedBy, boolean basic) {
        this.order = order;
        this.dueOnly = dueOnly;
        this.advisoryLock = advisoryLock;
        this.attemptedBy = attemptedBy;
        this.basic = basic;
    }

    /** The release's fetch as one statement returning the ids it marked executing. */
    String statement(String schema, String queue) {
        String jobs = "\"" + schema + "\".oban_jobs";
        String q = "'" + queue.replace("'", "''") + "'";
        String pick = "SELECT id" + (advisoryLock ? ", pg_try_advisory_lock_shared(id) AS advisory" : "")
                + " FROM " + jobs + " WHERE state = 'available' AND queue = " + q
                + (dueOnly ? " AND scheduled_at <= timezone('UTC', now())" : "")
                + " ORDER BY " + order.columns + " LIMIT " + DEMAND + " FOR UPDATE SKIP LOCKED";
        String mark = "UPDATE " + jobs + " AS j SET state = 'executing', attempt = j.attempt + 1,"
                + " attempted_at = timezone('UTC', now())"
                + (attemptedBy == null ? "" : ", attempted_by = " + attemptedBy.formatted(q));
        return basic
                ? "WITH picked AS (" + pick + ") " + mark + " FROM picked WHERE j.id = picked.id"
                        + " AND j.attempt < j.max_attempts RETURNING j.id"
                : mark + " FROM (" + pick + ") AS picked WHERE j.id = picked.id RETURNING j.id";
    }

    /** The ids a node of this release takes from the queue now, in id order. */
    List<Long> fetch(QueueFixture f, String schema, String queue) {
        String taken = (String) f.value("WITH taken AS (" + statement(schema, queue)
                + ") SELECT coalesce(string_agg(id::text, ',' ORDER BY id), '') FROM taken");
        List<Long> ids = new ArrayList<>();
        for (String id : taken.split(",")) {
            if (!id.isEmpty()) {
                ids.add(Long.parseLong(id));
            }
        }
        return ids;
    }
}
