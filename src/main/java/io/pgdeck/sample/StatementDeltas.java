package io.pgdeck.sample;

import io.pgdeck.catalog.StatementKey;
import io.pgdeck.catalog.StatementStats;
import io.pgdeck.catalog.StatementsRead;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;

/**
 * Rates of statements over a window, from the deltas between reads of pg_stat_statements,
 * never by resetting it. Pure: it is handed reads, it reads nothing.
 *
 * <p>Bounded: per statement the work between reads is kept in buckets of {@link #BUCKET}
 * (only buckets in which the statement ran), for {@link #RETENTION}; at most {@link #MAX_TRACKED}
 * statements are tracked, the ones of the latest read first. Worst case about
 * 1,000 × 720 buckets of 96 bytes, 70 MB; a typical server's 500 statements, most idle, far less.
 *
 * <p>Resets: an entry whose calls or time went down, whose stats_since changed (PG17), or any
 * entry after pg_stat_statements_info.stats_reset moved (PG14+) was reset in between; what it
 * reads now is then the work since, inside the interval, so no rate is ever negative. A
 * statement seen for the first time only gives a baseline, unless stats_since says it was
 * created since the previous read. A statement that is missing from a read (evicted at
 * pg_stat_statements.max, or out of the top N) simply did nothing visible meanwhile.
 */
public final class StatementDeltas {

    public static final Duration RETENTION = Duration.ofMinutes(60);
    public static final Duration BUCKET = Duration.ofSeconds(5);
    public static final int MAX_TRACKED = 1_000;
    private static final int CHART_STEPS = 180;

    private final Map<StatementKey, Track> tracks = new HashMap<>();
    private StatementsRead latest;
    private Instant firstAt;
    private Instant latestAt;

    public synchronized void add(StatementsRead read) {
        Instant now = read.readAt().toInstant();
        boolean globalReset = latest != null && read.statsReset() != null
                && !read.statsReset().equals(latest.statsReset());
        for (StatementStats s : read.statements()) {
            Track track = tracks.get(s.key());
            if (track != null) {
                track.add(StatementInterval.between(track.last, track.lastAt, s, now, globalReset || wasReset(track.last, s)));
            } else {
                track = new Track();
                tracks.put(s.key(), track);
                if (latestAt != null && (globalReset || createdAfter(s.statsSince(), latestAt))) {
                    track.add(StatementInterval.between(s, latestAt, s, now, true));
                }
            }
            track.last = s;
            track.lastAt = now;
        }
        if (firstAt == null) {
            firstAt = now;
        }
        latest = read;
        latestAt = now;
        forgetOld(now);
    }

    private static boolean wasReset(StatementStats before, StatementStats now) {
        return now.calls() < before.calls() || now.totalExecMillis() < before.totalExecMillis()
                || (now.statsSince() != null && !now.statsSince().equals(before.statsSince()));
    }

    private static boolean createdAfter(OffsetDateTime statsSince, Instant at) {
        return statsSince != null && statsSince.toInstant().isAfter(at);
    }

    private void forgetOld(Instant now) {
        Instant horizon = now.minus(RETENTION);
        tracks.values().forEach(t -> t.forgetBefore(horizon));
        tracks.values().removeIf(t -> t.lastAt.isBefore(horizon) && t.intervals.isEmpty());
        if (tracks.size() > MAX_TRACKED) {
            List<StatementKey> gone = tracks.entrySet().stream()
                    .filter(e -> e.getValue().lastAt.isBefore(now))
                    .sorted(Comparator.comparing(e -> e.getValue().lastAt))
                    .limit(tracks.size() - MAX_TRACKED)
                    .map(Map.Entry::getKey)
                    .toList();
            gone.forEach(tracks::remove);
        }
    }

    /** Rates of every statement that ran in the window, or of the latest read since reset. */
    public synchronized List<StatementRates> rates(StatementWindow window) {
        return window.length() == null ? sinceReset() : rates(window.length());
    }

    /** Rates over the last {@code length} up to the latest read (less when fewer reads are kept). */
    public synchronized List<StatementRates> rates(Duration length) {
        if (latestAt == null) {
            return List.of();
        }
        Instant start = latestAt.minus(length);
        Instant covered = start.isBefore(firstAt) ? firstAt : start;
        double seconds = Duration.between(covered, latestAt).toMillis() / 1000.0;
        List<StatementRates> out = new ArrayList<>();
        for (Track t : tracks.values()) {
            if (t.lastAt.equals(latestAt) || t.ranAfter(start)) {
                out.add(t.ratesAfter(start, seconds));
            }
        }
        return out;
    }

    private List<StatementRates> sinceReset() {
        if (latest == null) {
            return List.of();
        }
        return latest.statements().stream().map(s -> {
            OffsetDateTime since = s.statsSince() != null ? s.statsSince() : latest.statsReset();
            double seconds = since == null ? Double.NaN
                    : Duration.between(since.toInstant(), latestAt).toMillis() / 1000.0;
            return new StatementRates(s, seconds, s.calls(), s.totalExecMillis(), s.maxExecMillis(), s.rows(),
                    s.sharedBlocksHit(), s.sharedBlocksRead(), s.tempBlocksWritten(), s.plans(), s.totalPlanMillis());
        }).toList();
    }

    /**
     * Calls per second and mean time of one statement in steps over the window (the kept hour for
     * since reset): a step in which it did not run shows 0 calls and no mean.
     */
    public synchronized List<History.Point<StatementPoint>> series(StatementKey key, StatementWindow window) {
        Track track = tracks.get(key);
        if (track == null || latestAt == null) {
            return List.of();
        }
        Duration length = window.length() == null ? RETENTION : window.length();
        Instant start = latestAt.minus(length).isBefore(firstAt) ? firstAt : latestAt.minus(length);
        long stepMillis = Math.max(BUCKET.toMillis(), length.toMillis() / CHART_STEPS);
        // whole steps ending at the latest read: a sliver of a step would divide a bucket's calls
        // by a few milliseconds and draw a spike
        int steps = (int) (Duration.between(start, latestAt).toMillis() / stepMillis);
        Instant gridStart = latestAt.minusMillis(steps * stepMillis);
        double[] calls = new double[steps];
        double[] millis = new double[steps];
        long grid = gridStart.toEpochMilli();
        for (StatementInterval i : track.intervals) {
            long from = i.from().toEpochMilli();
            long to = i.to().toEpochMilli();
            if (to <= grid || steps == 0) {
                continue;
            }
            // spread over the steps it overlaps, as the window rates do at the window's start
            for (long at = Math.max(from, grid); at < to; ) {
                int step = (int) Math.min(steps - 1, (at - grid) / stepMillis);
                long end = Math.min(to, grid + (step + 1) * stepMillis);
                double share = to == from ? 1 : (double) (end - at) / (to - from);
                calls[step] += i.calls() * share;
                millis[step] += i.execMillis() * share;
                at = end > at ? end : to;
            }
        }
        List<History.Point<StatementPoint>> out = new ArrayList<>(steps);
        double seconds = stepMillis / 1000.0;
        for (int n = 0; n < steps; n++) {
            out.add(new History.Point<>(gridStart.plusMillis((n + 1) * stepMillis),
                    new StatementPoint(calls[n] / seconds, calls[n] > 0 ? millis[n] / calls[n] : Double.NaN)));
        }
        return out;
    }

    /** The latest read, or null before the first. */
    public synchronized StatementsRead latest() {
        return latest;
    }

    public synchronized int tracked() {
        return tracks.size();
    }

    /** How many buckets are kept in all, for tests of the bound. */
    synchronized int buckets() {
        return tracks.values().stream().mapToInt(t -> t.intervals.size()).sum();
    }

    private static final class Track {
        private final ArrayDeque<StatementInterval> intervals = new ArrayDeque<>();
        private StatementStats last;
        private Instant lastAt;

        void add(StatementInterval interval) {
            if (interval.calls() == 0) {
                return; // nothing ran: nothing to keep
            }
            StatementInterval previous = intervals.peekLast();
            if (previous != null && Duration.between(previous.from(), interval.to()).compareTo(BUCKET) <= 0) {
                intervals.pollLast();
                interval = previous.merge(interval);
            }
            intervals.addLast(interval);
        }

        void forgetBefore(Instant horizon) {
            Iterator<StatementInterval> it = intervals.iterator();
            while (it.hasNext() && !it.next().to().isAfter(horizon)) {
                it.remove();
            }
        }

        boolean ranAfter(Instant start) {
            StatementInterval newest = intervals.peekLast();
            return newest != null && newest.to().isAfter(start);
        }

        StatementRates ratesAfter(Instant start, double seconds) {
            double calls = 0, exec = 0, max = Double.NaN, plans = 0, plan = 0, rows = 0, hit = 0, read = 0, temp = 0;
            Iterator<StatementInterval> newestFirst = intervals.descendingIterator();
            while (newestFirst.hasNext()) {
                StatementInterval i = newestFirst.next();
                if (!i.to().isAfter(start)) {
                    break;
                }
                double share = i.shareAfter(start);
                calls += i.calls() * share;
                exec += i.execMillis() * share;
                plans += i.plans() * share;
                plan += i.planMillis() * share;
                rows += i.rows() * share;
                hit += i.blocksHit() * share;
                read += i.blocksRead() * share;
                temp += i.tempBlocksWritten() * share;
                max = StatementInterval.maxOf(max, i.maxMillis());
            }
            return new StatementRates(Objects.requireNonNull(last), seconds, calls, exec, max, rows, hit, read, temp,
                    plans, plan);
        }
    }
}
