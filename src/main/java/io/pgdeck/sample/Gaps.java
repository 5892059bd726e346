package io.pgdeck.sample;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Where a chart must break instead of drawing a straight line across missing samples (an outage,
 * a paused sampler). A gap is a step between two points more than {@link #FACTOR} times the
 * cadence around it, the larger of the steps just before and after: the cadence differs per
 * history (sizes every 30 refreshes, counters every one) and changes with the refresh interval,
 * so it is read from the points themselves. Two points without value mark each gap, just after
 * its start and just before its end, so lines stop and stacked areas drop to zero in between.
 */
public final class Gaps {

    static final double FACTOR = 2.5;
    private static final Duration EDGE = Duration.ofMillis(1);

    private Gaps() {}

    /** The points, oldest first, with the markers (null values) of every gap inserted. */
    public static <T> List<History.Point<T>> marked(List<History.Point<T>> points) {
        List<History.Point<T>> out = new ArrayList<>(points.size() + 4);
        for (int i = 0; i < points.size(); i++) {
            if (i > 0 && isGap(points, i)) {
                out.add(new History.Point<>(points.get(i - 1).at().plus(EDGE), null));
                out.add(new History.Point<>(points.get(i).at().minus(EDGE), null));
            }
            out.add(points.get(i));
        }
        return out;
    }

    /** Whether the step from point i-1 to point i is a gap. */
    private static <T> boolean isGap(List<History.Point<T>> points, int i) {
        long step = step(points, i);
        long before = i >= 2 ? step(points, i - 1) : 0;
        long after = i + 1 < points.size() ? step(points, i + 1) : 0;
        // the larger: where the cadence changes (a hidden tab reads every tenth refresh), the
        // step between the two cadences is no gap; an outage is longer than both
        long cadence = Math.max(before, after);
        return cadence > 0 && step > FACTOR * cadence;
    }

    private static <T> long step(List<History.Point<T>> points, int i) {
        return Duration.between(points.get(i - 1).at(), points.get(i).at()).toMillis();
    }
}
