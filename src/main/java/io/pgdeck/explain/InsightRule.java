package io.pgdeck.explain;

import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** The rules pgdeck checks a plan against; each looks at one node at a time. */
public enum InsightRule {

    /** The planner's row count was off by 10×, 100×, 1000×: the root of most bad plans. */
    MISESTIMATE {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            if (Double.isNaN(f.misestimate()) || f.misestimate() < 10) {
                return Optional.empty();
            }
            Severity severity = f.misestimate() >= 1000 ? Severity.CRITICAL
                    : f.misestimate() >= 100 ? Severity.WARNING : Severity.INFO;
            return insight(severity, node, String.format(Locale.ROOT, "Rows %s %s× on %s",
                            f.underestimated() ? "underestimated" : "overestimated", factor(f.misestimate()), node.label()),
                    String.format(Locale.ROOT, "The planner expected %s rows per loop and got %s. A plan built on a"
                                    + " wrong row count picks the wrong join method, join order or scan. Run ANALYZE on"
                                    + " the tables involved; if it persists, the columns are correlated (CREATE"
                                    + " STATISTICS) or need a higher statistics target (ALTER TABLE ... SET STATISTICS).",
                            count(node.estimate().rows()), count(node.timing().rows())));
        }
    },

    /** One node takes 10%, 40%, 90% of the plan's time by itself. */
    SLOW_NODE {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            if (f.share() <= 0.10 || plan.nodes().size() < 2 || plan.totalMs() < MIN_TOTAL_MS) {
                return Optional.empty();
            }
            Severity severity = f.share() > 0.90 ? Severity.CRITICAL : f.share() > 0.40 ? Severity.WARNING : Severity.INFO;
            return insight(severity, node, String.format(Locale.ROOT, "%s takes %.0f%% of the time (%s ms)",
                            node.label(), f.share() * 100, ms(f.exclusiveMs())),
                    "This node's own work, without its children, is where the query spends its time: start here."
                            + " Look at what it reads (rows, buffers) and whether an index or a better estimate"
                            + " would let it read less.");
        }
    },

    /** A filter throws away most of what the node read: the node reads far more than it needs. */
    FILTER_WASTE {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            double removed = node.number("Rows Removed by Filter") * loops(node);
            if (f.rowsRead() < MIN_ROWS_READ || removed <= 0) {
                return Optional.empty();
            }
            double ratio = removed / f.rowsRead();
            if (ratio <= 0.5) {
                return Optional.empty();
            }
            return insight(ratio > 0.9 ? Severity.WARNING : Severity.INFO, node,
                    String.format(Locale.ROOT, "Filter removes %.0f%% of the rows %s reads", ratio * 100, node.label()),
                    String.format(Locale.ROOT, "%s of %s rows read were thrown away by the filter %s. Reading rows"
                                    + " to discard them costs I/O and CPU: an index (or a partial index) matching the"
                                    + " filter lets PostgreSQL read only the rows it keeps.",
                            count(removed), count(f.rowsRead()), node.text("Filter")));
        }
    },

    /** An index-only scan that went to the heap anyway: the visibility map is behind. */
    HEAP_FETCHES {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            double fetches = node.number("Heap Fetches");
            if (!node.nodeType().equals("Index Only Scan") || fetches <= 0) {
                return Optional.empty();
            }
            double returned = node.analyzed() ? node.timing().rows() * loops(node) : 0;
            Severity severity = returned > 0 && fetches > returned * 0.1 ? Severity.WARNING : Severity.INFO;
            return insight(severity, node, String.format(Locale.ROOT, "%s heap fetches in %s", count(fetches), node.label()),
                    "An index-only scan reads the table too for every page the visibility map does not mark all-visible:"
                            + " the map is stale. VACUUM " + (node.relation() != null ? node.relation() : "the table")
                            + " to bring it up to date (and check that autovacuum keeps up with the table's writes).");
        }
    },

    /** A sort, hash or hash aggregate did not fit in work_mem and spilled to disk. */
    SPILL {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            String what;
            double kb;
            if ("Disk".equals(node.text("Sort Space Type")) || String.valueOf(node.text("Sort Method")).startsWith("external")) {
                what = "Sort spilled to disk (" + node.text("Sort Method") + ")";
                kb = node.number("Sort Space Used");
            } else if (node.number("Hash Batches") > 1) {
                what = String.format(Locale.ROOT, "Hash used %s batches (planned %s)", count(node.number("Hash Batches")),
                        count(node.number("Original Hash Batches")));
                kb = node.number("Peak Memory Usage") * node.number("Hash Batches");
            } else if (node.number("HashAgg Batches") > 1 || node.number("Disk Usage") > 0) {
                what = "Hash aggregate spilled to disk";
                kb = node.number("Disk Usage") + node.number("Peak Memory Usage");
            } else {
                return Optional.empty();
            }
            String size = kb > 0 ? String.format(Locale.ROOT, " about %s MB", count(Math.ceil(kb / 1024 * 1.5))) : " more";
            return insight(Severity.WARNING, node, what + " in " + node.label(),
                    "The operation did not fit in work_mem and wrote temporary files, which is much slower than"
                            + " memory. Give this query more work_mem (SET work_mem to" + size
                            + " in its session or transaction), or make it sort or hash fewer rows.");
        }
    },

    /** Fewer parallel workers started than the planner counted on. */
    WORKERS_SHORT {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            if (!node.has("Workers Launched") || node.number("Workers Launched") >= node.number("Workers Planned")) {
                return Optional.empty();
            }
            return insight(Severity.WARNING, node, String.format(Locale.ROOT, "%s launched %s of %s planned workers",
                            node.label(), count(node.number("Workers Launched")), count(node.number("Workers Planned"))),
                    "The plan counted on more parallel workers than were free when it ran, so it ran slower than"
                            + " planned. The pool is exhausted: raise max_parallel_workers (and max_worker_processes),"
                            + " or run fewer parallel queries at once.");
        }
    },

    /** A sequential scan of a large table that keeps few rows: an index would read only those. */
    SEQ_SCAN_NEEDS_INDEX {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            if (!node.nodeType().equals("Seq Scan") || node.text("Filter") == null || !node.analyzed()
                    || f.rowsRead() < LARGE_TABLE_ROWS) {
                return Optional.empty();
            }
            double kept = node.timing().rows() * loops(node);
            if (kept > f.rowsRead() * SELECTIVE) {
                return Optional.empty();
            }
            List<String> columns = FilterColumns.of(node.text("Filter"));
            String table = node.schema() != null ? node.schema() + "." + node.relation() : node.relation();
            String suggestion = columns.isEmpty()
                    ? "an index on the columns of its filter " + node.text("Filter")
                    : "an index on " + String.join(", ", columns) + ": CREATE INDEX CONCURRENTLY ON " + table + " ("
                            + String.join(", ", columns) + ")";
            return insight(Severity.WARNING, node, String.format(Locale.ROOT,
                            "Sequential scan of %s keeps %s of %s rows", table, count(kept), count(f.rowsRead())),
                    "The whole table is read to keep a few rows. Consider " + suggestion
                            + "; put the column compared with = first.");
        }
    },

    /** Triggers take most of a statement's time: shown on the root, as they run in no node. */
    TRIGGER_TIME {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            double all = plan.triggers().stream().mapToDouble(TriggerTime::ms).sum();
            if (node.id() != 0 || plan.totalMs() < MIN_TOTAL_MS || all < plan.totalMs() * DOMINANT) {
                return Optional.empty();
            }
            TriggerTime slowest = plan.triggers().stream().max(java.util.Comparator.comparingDouble(TriggerTime::ms))
                    .orElseThrow();
            String what = slowest.constraint() != null
                    ? "Trigger of foreign key " + slowest.constraint() + " on " + slowest.relation()
                    : "Trigger " + slowest.name() + " on " + slowest.relation();
            return insight(slowest.ms() >= plan.totalMs() * 0.9 ? Severity.CRITICAL : Severity.WARNING, node,
                    String.format(Locale.ROOT, "%s takes %s of %s ms (%s calls)", what, ms(slowest.ms()),
                            ms(plan.totalMs()), count(slowest.calls())),
                    TriggerAdvice.of(slowest, plan.foreignKey(String.valueOf(slowest.constraint()))));
        }
    },

    /** Planning costs as much as running: typical of many partitions that survive until run time. */
    PLANNING_TIME {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            Double planning = plan.plan().planningMs();
            if (node.id() != 0 || planning == null || planning < MIN_TOTAL_MS
                    || planning < (planning + plan.totalMs()) * LARGE_PART) {
                return Optional.empty();
            }
            long scans = plan.nodes().stream().filter(n -> n.relation() != null).count();
            return insight(Severity.WARNING, node, String.format(Locale.ROOT, "Planning takes %s of %s ms",
                            ms(planning), ms(planning + plan.totalMs())),
                    String.format(Locale.ROOT, "The planner spent longer choosing the plan than a large part of"
                                    + " running it, on every execution. The plan scans %d relations: with a"
                                    + " partitioned table, a condition on the partition key with constants (not"
                                    + " values known only at run time) lets the planner drop partitions before"
                                    + " planning them, and fewer, larger partitions plan faster. A prepared"
                                    + " statement that reuses a generic plan (plan_cache_mode) plans once.", scans));
        }
    },

    /** JIT compilation costs more than it saves: the query was short but its estimated cost was high. */
    JIT_TIME {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            JitTime jit = plan.plan().jit();
            if (node.id() != 0 || jit == null || jit.totalMs() < MIN_TOTAL_MS
                    || jit.totalMs() < plan.totalMs() * LARGE_PART) {
                return Optional.empty();
            }
            return insight(Severity.WARNING, node, String.format(Locale.ROOT, "JIT compilation takes %s of %s ms",
                            ms(jit.totalMs()), ms(plan.totalMs())),
                    String.format(Locale.ROOT, "The plan's estimated cost passed jit_above_cost, so PostgreSQL"
                                    + " compiled %d functions (generation %s ms, inlining %s ms, optimization %s ms,"
                                    + " emission %s ms) before it could save anything per row. Raise jit_above_cost,"
                                    + " or jit_inline_above_cost and jit_optimize_above_cost for the costly phases,"
                                    + " for this query or its role (or SET jit = off); a row estimate far too high"
                                    + " also inflates the cost that triggers JIT.", jit.functions(),
                            ms(jit.generationMs()), ms(jit.inliningMs()), ms(jit.optimizationMs()),
                            ms(jit.emissionMs())));
        }
    },

    /** Execution Time far above what the nodes account for, and neither triggers nor JIT explain it. */
    TIME_OUTSIDE_NODES {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan) {
            double triggers = plan.triggers().stream().mapToDouble(TriggerTime::ms).sum();
            double jit = plan.plan().jit() == null ? 0 : plan.plan().jit().totalMs();
            double unexplained = plan.outsideNodesMs() - triggers - jit;
            if (node.id() != 0 || unexplained < MIN_TOTAL_MS || unexplained < plan.totalMs() * DOMINANT) {
                return Optional.empty();
            }
            return insight(Severity.WARNING, node, String.format(Locale.ROOT,
                            "%s of the %s ms execution is in no plan node", ms(unexplained), ms(plan.totalMs())),
                    "The executor spent this outside the plan: writing the rows into the new table of a"
                            + " CREATE TABLE AS or SELECT INTO (the destination is no plan node: an UNLOGGED"
                            + " table or fewer rows and columns write less), or starting and finishing the"
                            + " statement (opening and locking many relations or partitions: prune them at plan"
                            + " time).");
        }
    };

    /** Above this share of the time, time outside the nodes is the story. */
    static final double DOMINANT = 0.5;
    /** Above this share, planning or JIT is worth an insight of its own. */
    static final double LARGE_PART = 0.3;

    /** Below this, where a query's time goes is not worth an insight: some node always has most of it. */
    static final double MIN_TOTAL_MS = 10;
    /** Below this many rows read, a wasteful filter costs too little to mention. */
    static final double MIN_ROWS_READ = 1_000;
    static final double LARGE_TABLE_ROWS = 10_000;
    /** A filter that keeps at most this share of the rows is selective enough for an index. */
    static final double SELECTIVE = 0.1;

    abstract Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan);

    Optional<Insight> insight(Severity severity, PlanNode node, String title, String explanation) {
        return Optional.of(new Insight(this, severity, node.id(), title, explanation));
    }

    private static double loops(PlanNode node) {
        return node.analyzed() ? node.timing().loops() : 1;
    }

    static String count(double n) {
        return String.format(Locale.ROOT, "%,.0f", n);
    }

    static String factor(double f) {
        return f >= 100 ? count(f) : String.format(Locale.ROOT, "%.0f", f);
    }

    static String ms(double ms) {
        return String.format(Locale.ROOT, ms >= 100 ? "%.0f" : "%.2f", ms);
    }
}
