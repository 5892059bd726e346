package io.pgdeck.sample;

import io.pgdeck.catalog.StatementStats;
import java.time.Instant;

/**
 * What one statement did between two reads (or a few merged into one bucket). Built so that no
 * figure is ever negative: after a reset or a re-creation the counters read are all the work
 * done since, which lies inside the interval.
 *
 * @param maxMillis the slowest call in the interval as far as the counters tell: the new
 *     max_exec_time when it changed, else the interval's mean (a lower bound)
 */
record StatementInterval(Instant from, Instant to, long calls, double execMillis, double maxMillis, long plans,
                         double planMillis, long rows, long blocksHit, long blocksRead, long tempBlocksWritten) {

    /** The work between {@code before} and {@code now}; {@code reset}: the counters restarted in between. */
    static StatementInterval between(StatementStats before, Instant from, StatementStats now, Instant to, boolean reset) {
        if (reset) {
            return new StatementInterval(from, to, now.calls(), now.totalExecMillis(), now.maxExecMillis(), now.plans(),
                    now.totalPlanMillis(), now.rows(), now.sharedBlocksHit(), now.sharedBlocksRead(),
                    now.tempBlocksWritten());
        }
        long calls = Math.max(0, now.calls() - before.calls());
        double exec = Math.max(0, now.totalExecMillis() - before.totalExecMillis());
        double max = now.maxExecMillis() != before.maxExecMillis() ? now.maxExecMillis()
                : calls > 0 ? exec / calls : Double.NaN;
        return new StatementInterval(from, to, calls, exec, max, Math.max(0, now.plans() - before.plans()),
                Math.max(0, now.totalPlanMillis() - before.totalPlanMillis()), Math.max(0, now.rows() - before.rows()),
                Math.max(0, now.sharedBlocksHit() - before.sharedBlocksHit()),
                Math.max(0, now.sharedBlocksRead() - before.sharedBlocksRead()),
                Math.max(0, now.tempBlocksWritten() - before.tempBlocksWritten()));
    }

    StatementInterval merge(StatementInterval next) {
        return new StatementInterval(from, next.to, calls + next.calls, execMillis + next.execMillis,
                maxOf(maxMillis, next.maxMillis), plans + next.plans, planMillis + next.planMillis, rows + next.rows,
                blocksHit + next.blocksHit, blocksRead + next.blocksRead, tempBlocksWritten + next.tempBlocksWritten);
    }

    /** The share of this interval after {@code start}, assuming the work was spread evenly over it. */
    double shareAfter(Instant start) {
        if (!from.isBefore(start)) {
            return 1;
        }
        long whole = to.toEpochMilli() - from.toEpochMilli();
        return whole <= 0 ? 0 : Math.max(0, to.toEpochMilli() - start.toEpochMilli()) / (double) whole;
    }

    static double maxOf(double a, double b) {
        return Double.isNaN(a) ? b : Double.isNaN(b) ? a : Math.max(a, b);
    }
}
