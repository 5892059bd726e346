package io.pgdeck.explain;

import java.util.Comparator;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/** The rules pgdeck checks a plan against; each looks at one node at a time. */
public enum InsightRule {

    /** The planner's row count was off by 10×, 100×, 1000×: the root of most bad plans. */
    MISESTIMATE {
        /**
         * A node its parent stopped reading (under a Limit that got its rows, the inner side of
         * EXISTS...) returns fewer rows than the planner counted for a full run: only more rows
         * than expected is a misestimate there. Off by 1000× is critical only where it matters:
         * the node (with its children) takes a tenth of the time, or feeds a join that does.
         */
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            if (Double.isNaN(f.misestimate()) || f.misestimate() < 10 || shape.cutShort(node) && !f.underestimated()
                    // its estimate is the rows it writes; it returns rows only with RETURNING
                    || node.nodeType().equals("ModifyTable")) {
                return Optional.empty();
            }
            Severity severity = f.misestimate() >= 1000 ? Severity.CRITICAL
                    : f.misestimate() >= 100 ? Severity.WARNING : Severity.INFO;
            if (!matters(node, plan, shape)) {
                severity = Severity.INFO;
            }
            return insight(severity, node, String.format(Locale.ROOT, "Rows %s %s× on %s",
                            f.underestimated() ? "underestimated" : "overestimated", factor(f.misestimate()), node.label()),
                    String.format(Locale.ROOT, "The planner expected %s rows per loop and got %s. A plan built on a"
                                    + " wrong row count picks the wrong join method, join order or scan. Run ANALYZE on"
                                    + " the tables involved; if it persists, the columns are correlated (CREATE"
                                    + " STATISTICS) or need a higher statistics target (ALTER TABLE ... SET STATISTICS).",
                            count(node.estimate().rows()), count(node.timing().rows())));
        }

        private boolean matters(PlanNode node, PlanAnalysis plan, PlanShape shape) {
            PlanNode parent = shape.parent(node);
            if (parent != null && parent.nodeType().equals("Hash")) {
                parent = shape.parent(parent);
            }
            boolean feedsJoin = parent != null && JOINS.contains(parent.nodeType());
            return inclusiveShare(node, plan) >= MATTERS || feedsJoin && inclusiveShare(parent, plan) >= MATTERS;
        }
    },

    /** One node takes 10%, 40%, 90% of the plan's time by itself. */
    SLOW_NODE {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            double removed = node.number("Rows Removed by Filter") * loops(node);
            if (f.rowsRead() < MIN_ROWS_READ || removed <= 0) {
                return Optional.empty();
            }
            double ratio = removed / f.rowsRead();
            if (ratio <= 0.5) {
                return Optional.empty();
            }
            // an index that serves part of the condition: one on all of it, equality first, reads only the rows kept
            String indexed = node.has("Index Cond") ? node.text("Index Cond") : node.text("Recheck Cond");
            String advice = indexed == null || node.relation() == null ? "an index (or a partial index) matching the"
                    + " filter lets PostgreSQL read only the rows it keeps."
                    : IndexAdvice.of(table(node), indexed + " AND " + node.text("Filter"), null)
                            .map(a -> "the index it uses serves only " + indexed + "; consider " + a.sentence(true) + ".")
                            .orElse("an index matching the filter too lets PostgreSQL read only the rows it keeps.");
            return insight(ratio > 0.9 ? Severity.WARNING : Severity.INFO, node,
                    String.format(Locale.ROOT, "Filter removes %.0f%% of the rows %s reads", ratio * 100, node.label()),
                    String.format(Locale.ROOT, "%s of %s rows read were thrown away by the filter %s. Reading rows"
                                    + " to discard them costs I/O and CPU: %s",
                            count(removed), count(f.rowsRead()), node.text("Filter"), advice));
        }
    },

    /** A join throws away most of the row pairs it tried: its condition is not one the join can look up. */
    JOIN_FILTER_WASTE {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            double removed = node.number("Rows Removed by Join Filter") * loops(node);
            double kept = node.analyzed() ? node.timing().rows() * loops(node) : 0;
            if (removed < MIN_ROWS_READ || removed <= (removed + kept) * 0.9) {
                return Optional.empty();
            }
            String advice = " PostgreSQL cannot hash, merge or look up by this condition, so it tries the pairs and"
                    + " discards them.";
            PlanNode larger = node.nodeType().equals("Nested Loop") ? largerScan(node) : null;
            if (larger != null) {
                advice += IndexAdvice.of(table(larger), node.text("Join Filter"), aliasOf(larger))
                        .map(a -> " Consider " + a.sentence(true) + ", so that the join can look up each row's"
                                + " matches in " + larger.relation() + " instead.")
                        .orElse("");
            }
            return insight(removed > kept * 100 ? Severity.WARNING : Severity.INFO, node,
                    String.format(Locale.ROOT, "%s discards %s row pairs to keep %s", node.label(), count(removed), count(kept)),
                    "The join filter " + node.text("Join Filter") + " is checked on every pair of rows." + advice);
        }
    },

    /** The heap rows an index pointed at mostly failed the recheck: the index is too coarse for this condition. */
    RECHECK_WASTE {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            double removed = node.number("Rows Removed by Index Recheck") * loops(node);
            double kept = node.analyzed() ? node.timing().rows() * loops(node) : 0;
            double lossy = node.number("Lossy Heap Blocks");
            if (removed < MIN_ROWS_READ || removed <= (removed + kept) * 0.5 || lossy > 0 && node.number("Exact Heap Blocks") > 0) {
                return Optional.empty();
            }
            String advice = node.relation() == null ? "" : IndexAdvice.of(table(node), node.text("Recheck Cond"), null)
                    .filter(a -> !a.trigram())
                    .map(a -> " A btree reads only the matching rows: " + a.ddl(true) + ".").orElse("");
            if (lossy > 0) {
                advice += " (Every block was lossy, as a BRIN's always are; from any other index that means the bitmap"
                        + " outgrew work_mem: SET work_mem to " + WorkMemAdvice.setting(WorkMemAdvice.bitmapKb(lossy)) + ".)";
            }
            return insight(removed > kept * 10 ? Severity.WARNING : Severity.INFO, node,
                    String.format(Locale.ROOT, "Index recheck removes %s of %s rows in %s", count(removed),
                            count(removed + kept), node.label()),
                    "The index gives candidates, not answers (a BRIN block range, a trigram or full-text match), and"
                            + " most of the rows it pointed at failed " + node.text("Recheck Cond") + "." + advice);
        }
    },

    /**
     * A bitmap outgrew work_mem and kept whole pages instead of rows: every row on them is rechecked.
     * Only such a bitmap mixes exact and lossy pages; a BRIN's is lossy throughout (RECHECK_WASTE).
     */
    LOSSY_BITMAP {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            double lossy = node.number("Lossy Heap Blocks");
            if (lossy <= 0 || node.number("Exact Heap Blocks") <= 0) {
                return Optional.empty();
            }
            double pages = lossy + node.number("Exact Heap Blocks");
            String setting = WorkMemAdvice.setting(WorkMemAdvice.bitmapKb(pages));
            return insight(lossy > node.number("Exact Heap Blocks") ? Severity.WARNING : Severity.INFO, node,
                    String.format(Locale.ROOT, "%s of %s heap blocks lossy in %s", count(lossy), count(pages), node.label()),
                    String.format(Locale.ROOT, "The bitmap of matching rows did not fit in work_mem, so it kept whole"
                                    + " pages and rechecked every row on them (%s rows removed by the recheck). SET"
                                    + " work_mem to %s for this query keeps the bitmap exact.",
                            count(node.number("Rows Removed by Index Recheck") * loops(node)), setting));
        }
    },

    /** A Memoize that mostly misses, because its keys do not repeat or its cache evicts them, only adds work. */
    MEMOIZE_MISSES {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            double hits = node.number("Cache Hits");
            double misses = node.number("Cache Misses");
            double evictions = node.number("Cache Evictions");
            if (!node.nodeType().equals("Memoize") || misses < MIN_ROWS_READ / 10 || misses <= hits) {
                return Optional.empty();
            }
            String title = String.format(Locale.ROOT, "%s missed %s of %s lookups", node.label(), count(misses),
                    count(hits + misses));
            if (evictions > 0) {
                String setting = WorkMemAdvice.setting(WorkMemAdvice.memoizeKb(node.number("Peak Memory Usage"), misses,
                        evictions));
                return insight(Severity.WARNING, node, title + String.format(Locale.ROOT, ", evicting %s", count(evictions)),
                        "Its cache outgrew work_mem (times hash_mem_multiplier) and threw entries away that were asked"
                                + " for again. SET work_mem to " + setting + " for this query so the cache holds every key.");
            }
            return insight(Severity.INFO, node, title,
                    "The keys repeat less than the planner thought (its n_distinct for " + node.text("Cache Key")
                            + " is off), so the cache is filled and hardly read. ANALYZE the outer table; to compare,"
                            + " run the query with SET enable_memoize = off.");
        }
    },

    /** An index-only scan that went to the heap anyway: the visibility map is behind. */
    HEAP_FETCHES {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            String what;
            double kb;
            if ("Disk".equals(node.text("Sort Space Type")) || String.valueOf(node.text("Sort Method")).startsWith("external")) {
                what = "Sort spilled to disk (" + node.text("Sort Method") + ")";
                kb = WorkMemAdvice.sortKb(node.number("Sort Space Used"), rowsIn(node));
            } else if (node.number("Hash Batches") > 1) {
                what = String.format(Locale.ROOT, "Hash used %s batches (planned %s)", count(node.number("Hash Batches")),
                        count(node.number("Original Hash Batches")));
                kb = WorkMemAdvice.hashKb(node.number("Peak Memory Usage"), node.number("Hash Batches"));
            } else if (node.number("HashAgg Batches") > 1 || node.number("Disk Usage") > 0) {
                what = "Hash aggregate spilled to disk";
                // the groups it returned, or the planner's count of them when a Limit stopped it early
                double groups = shape.cutShort(node) ? Math.max(node.timing().rows(), node.estimate().rows())
                        : node.timing().rows();
                kb = WorkMemAdvice.hashAggKb(groups, node.estimate().width());
            } else {
                return Optional.empty();
            }
            String size = kb > 0 ? " " + WorkMemAdvice.setting(kb) : " more";
            return insight(Severity.WARNING, node, what + " in " + node.label(),
                    "The operation did not fit in work_mem and wrote temporary files, which is much slower than"
                            + " memory. Give this query more work_mem (SET work_mem to" + size
                            + " in its session or transaction), or make it sort or hash fewer rows.");
        }
    },

    /** Fewer parallel workers started than the planner counted on. */
    WORKERS_SHORT {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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
        /** One index on the partitioned table serves every partition; CONCURRENTLY is refused there. */
        @Override
        Insight overPartitions(PlanShape.Partitions group, List<Insight> found, PlanAnalysis plan) {
            double kept = 0;
            double read = 0;
            for (Insight i : found) {
                PlanNode scan = plan.nodes().get(i.nodeId());
                kept += scan.timing().rows() * loops(scan);
                read += plan.figures(scan).rowsRead();
            }
            String table = SqlNames.qualified(group.schema(), group.table());
            String suggestion = IndexAdvice.of(table, plan.nodes().get(found.get(0).nodeId()).text("Filter"), null)
                    .map(a -> a.sentence(false) + " (a partitioned table refuses CONCURRENTLY: to keep writes going,"
                            + " create it ON ONLY " + table + ", then CONCURRENTLY on each partition, and attach those)")
                    .orElse("an index on the columns of the filter");
            return new Insight(this, Severity.WARNING, group.append().id(), String.format(Locale.ROOT,
                    "Sequential scans of %d partitions of %s keep %s of %s rows", found.size(), table, count(kept),
                    count(read)), "Every partition is read whole to keep a few rows. Consider " + suggestion + ".");
        }

        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
            if (!node.nodeType().equals("Seq Scan") || node.text("Filter") == null || !node.analyzed()
                    || f.rowsRead() < LARGE_TABLE_ROWS) {
                return Optional.empty();
            }
            double kept = node.timing().rows() * loops(node);
            if (kept > f.rowsRead() * SELECTIVE) {
                return Optional.empty();
            }
            String table = table(node);
            String suggestion = IndexAdvice.of(table, node.text("Filter"), null).map(a -> a.sentence(true))
                    .orElse("an index on the columns of its filter " + node.text("Filter"));
            return insight(Severity.WARNING, node, String.format(Locale.ROOT,
                            "Sequential scan of %s keeps %s of %s rows", table, count(kept), count(f.rowsRead())),
                    "The whole table is read to keep a few rows. Consider " + suggestion + ".");
        }
    },

    /** Triggers take most of a statement's time: shown on the root, as they run in no node. */
    TRIGGER_TIME {
        @Override
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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
        Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape) {
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

    /** @param shape where the node sits (parents, early stops, partitions), worked out once per plan */
    abstract Optional<Insight> check(PlanNode node, NodeFigures f, PlanAnalysis plan, PlanShape shape);

    /**
     * The same finding on many partitions of one table, told once on the Append above them: the
     * slowest one's, counted.
     */
    Insight overPartitions(PlanShape.Partitions group, List<Insight> found, PlanAnalysis plan) {
        Insight worst = found.stream().max(Comparator.comparingDouble(
                (Insight i) -> plan.figures(i.nodeId()).exclusiveMs())).orElseThrow();
        Severity severity = found.stream().map(Insight::severity).max(Severity::compareTo).orElseThrow();
        return new Insight(this, severity, group.append().id(), String.format(Locale.ROOT, "%d partitions of %s: %s",
                found.size(), group.table(), worst.title()), worst.explanation() + String.format(Locale.ROOT,
                " The same holds on %d partitions of %s under %s; the figures are the slowest one's.",
                found.size(), group.table(), group.append().label()));
    }

    /** The rows a node read per loop: its child's, whatever the node returned (a Limit may stop a sort's output). */
    private static double rowsIn(PlanNode node) {
        PlanNode from = node.children().isEmpty() ? node : node.children().get(0);
        return from.analyzed() ? from.timing().rows() * from.timing().loops() / Math.max(1, loops(node)) : 0;
    }

    private static final Set<String> JOINS = Set.of("Nested Loop", "Hash Join", "Merge Join");
    /** A node with its children taking this share of the time matters to the plan. */
    private static final double MATTERS = 0.1;

    private static double inclusiveShare(PlanNode node, PlanAnalysis plan) {
        return plan.totalMs() > 0 ? plan.figures(node).inclusiveMs() / plan.totalMs() : 0;
    }

    /** The table a scan reads, quoted as needed, with its schema when EXPLAIN gave it. */
    private static String table(PlanNode scan) {
        return SqlNames.qualified(scan.schema(), scan.relation());
    }

    private static String aliasOf(PlanNode scan) {
        return scan.alias() != null ? scan.alias() : scan.relation();
    }

    /**
     * Of the tables a nested loop joins, the one the planner expects more rows from: an index on it
     * lets the join look rows up from the other side, whichever side it reads now.
     */
    private static PlanNode largerScan(PlanNode join) {
        PlanNode larger = null;
        for (PlanNode side : join.children()) {
            PlanNode scan = side;
            while (scan.relation() == null && scan.children().size() == 1) {
                scan = scan.children().get(0);
            }
            if (scan.relation() != null && (larger == null || scan.estimate().rows() > larger.estimate().rows())) {
                larger = scan;
            }
        }
        return larger;
    }

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
