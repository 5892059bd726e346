package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import io.pgdeck.catalog.Topic;
import io.pgdeck.testing.LiveFeed;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Collectors;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

class SamplerTest {

    private static final Duration WAIT = Duration.ofSeconds(10);

    private final List<Sampler> samplers = new ArrayList<>();

    @AfterEach
    void closeSamplers() {
        samplers.forEach(Sampler::close);
    }

    private Sampler sampler(Duration interval) {
        Sampler sampler = new Sampler(interval);
        samplers.add(sampler);
        return sampler;
    }

    @Test
    void tasksRunOnTheirCadence() {
        Sampler sampler = sampler(Duration.ofMillis(20));
        AtomicInteger fastReads = new AtomicInteger();
        AtomicInteger slowReads = new AtomicInteger();
        List<Sample<Integer>> fastSamples = Collections.synchronizedList(new ArrayList<>());
        Sampler.Feed<Integer> fast = LiveFeed.every(sampler, 1, "fast", fastReads::incrementAndGet, fastSamples::add);
        Sampler.Feed<Integer> slow = LiveFeed.every(sampler, 3, "slow", slowReads::incrementAndGet, s -> {});
        sampler.start();

        await("15 fast reads").atMost(WAIT).until(() -> fastReads.get() >= 15);
        sampler.pause();
        // Every tick runs (or skips) the fast task; ticks 0, 3, 6... the slow one.
        await().atMost(WAIT).untilAsserted(() -> {
            long ticks = fastReads.get() + fast.skipped();
            assertThat(slowReads.get() + slow.skipped()).isEqualTo((ticks + 2) / 3);
        });
        Sample<Integer> first = fastSamples.get(0);
        assertThat(first.ok()).isTrue();
        assertThat(first.value()).isEqualTo(1);
        assertThat(first.readAt()).isNotNull();
        assertThat(first.took()).isGreaterThanOrEqualTo(Duration.ZERO);
    }

    @Test
    void aTaskStillRunningWhenDueIsSkippedNotQueued() throws Exception {
        Sampler sampler = sampler(Duration.ofMillis(10));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger inside = new AtomicInteger();
        AtomicInteger mostInside = new AtomicInteger();
        Sampler.Feed<Integer> task = LiveFeed.every(sampler, 1, "stuck", () -> {
            mostInside.accumulateAndGet(inside.incrementAndGet(), Math::max);
            try {
                release.await();
                return reads.incrementAndGet();
            } finally {
                inside.decrementAndGet();
            }
        }, s -> {});
        sampler.start();

        await("ten refreshes skipped").atMost(WAIT).until(() -> task.skipped() >= 10);
        sampler.pause();
        release.countDown();

        await("the stuck read finished").atMost(WAIT).until(() -> reads.get() == 1);
        await("nothing queued runs after the stuck read").during(Duration.ofMillis(300)).atMost(Duration.ofMillis(1300)).until(() -> reads.get() == 1);
        assertThat(mostInside.get()).isEqualTo(1);
    }

    @Test
    void samplesOfOneTaskReachTheSinkOneAtATimeInOrder() {
        Sampler sampler = sampler(Duration.ofMillis(10));
        CountDownLatch release = new CountDownLatch(1);
        AtomicInteger reads = new AtomicInteger();
        AtomicInteger inSink = new AtomicInteger();
        AtomicInteger mostInSink = new AtomicInteger();
        List<Integer> delivered = Collections.synchronizedList(new ArrayList<>());
        Sampler.Feed<Integer> task = LiveFeed.every(sampler, 1, "counter", reads::incrementAndGet, s -> {
            mostInSink.accumulateAndGet(inSink.incrementAndGet(), Math::max);
            try {
                release.await();
            } catch (InterruptedException e) {
                Thread.currentThread().interrupt();
            }
            delivered.add(s.value());
            inSink.decrementAndGet();
        });
        sampler.start();

        // A slow sink (a busy UI) counts as the task still running.
        await("refreshes skipped while the sink is busy").atMost(WAIT).until(() -> task.skipped() >= 5);
        assertThat(reads.get()).isEqualTo(1);
        release.countDown();
        await("more samples").atMost(WAIT).until(() -> delivered.size() >= 5);
        sampler.pause();
        assertThat(mostInSink.get()).isEqualTo(1);
        synchronized (delivered) {
            assertThat(delivered).isSorted().doesNotHaveDuplicates();
        }
    }

    @Test
    void aReaderThatThrowsGivesAFailedSampleAndTheScheduleGoesOn() {
        Sampler sampler = sampler(Duration.ofMillis(10));
        AtomicInteger calls = new AtomicInteger();
        List<Sample<Integer>> samples = Collections.synchronizedList(new ArrayList<>());
        LiveFeed.every(sampler, 1, "flaky", () -> {
            int n = calls.incrementAndGet();
            if (n % 2 == 1) {
                throw new SQLException("server away " + n, "08006");
            }
            return n;
        }, samples::add);
        sampler.start();

        await("six samples").atMost(WAIT).until(() -> samples.size() >= 6);
        sampler.pause();
        Sample<Integer> failed = samples.get(0);
        assertThat(failed.ok()).isFalse();
        assertThat(failed.error()).isInstanceOf(SQLException.class).hasMessage("server away 1");
        assertThat(failed.value()).isNull();
        assertThat(failed.valueIfOk()).isEmpty();
        assertThat(failed.readAt()).isNotNull();
        Sample<Integer> good = samples.get(1);
        assertThat(good.ok()).isTrue();
        assertThat(good.value()).isEqualTo(2);
    }

    @Test
    void aSinkThatThrowsDoesNotStopTheSchedule() {
        Sampler sampler = sampler(Duration.ofMillis(10));
        AtomicInteger sinkCalls = new AtomicInteger();
        LiveFeed.every(sampler, 1, "counter", () -> 1, s -> {
            sinkCalls.incrementAndGet();
            throw new IllegalStateException("view model bug");
        });
        sampler.start();
        await("the sink is called again and again").atMost(WAIT).until(() -> sinkCalls.get() >= 5);
    }

    @Test
    void pauseStopsTheScheduleAndResumeRestartsIt() {
        Sampler sampler = sampler(Duration.ofMillis(10));
        AtomicInteger reads = new AtomicInteger();
        LiveFeed.every(sampler, 1, "counter", reads::incrementAndGet, s -> {});
        sampler.start();
        await("three reads").atMost(WAIT).until(() -> reads.get() >= 3);

        sampler.pause();
        assertThat(sampler.paused()).isTrue();
        int atPause = reads.get();
        // At most the read already handed out when pause() was called.
        await("no reads while paused").during(Duration.ofMillis(300)).atMost(Duration.ofMillis(1300)).until(() -> reads.get() <= atPause + 1);

        sampler.resume();
        assertThat(sampler.paused()).isFalse();
        await("reads again after resume").atMost(WAIT).until(() -> reads.get() >= atPause + 5);
    }

    @Test
    void refreshNowRunsEveryTaskWhateverItsCadenceEvenWhenPaused() {
        Sampler sampler = sampler(Duration.ofHours(1));
        AtomicInteger live = new AtomicInteger();
        AtomicInteger sizes = new AtomicInteger();
        LiveFeed.every(sampler, 1, "live", live::incrementAndGet, s -> {});
        LiveFeed.every(sampler, 60, "sizes", sizes::incrementAndGet, s -> {});
        sampler.start();
        await("the first tick runs both").atMost(WAIT).until(() -> live.get() == 1 && sizes.get() == 1);

        sampler.refreshNow();
        await("both run again").atMost(WAIT).until(() -> live.get() == 2 && sizes.get() == 2);

        sampler.pause();
        sampler.refreshNow();
        await("the refresh button works while paused").atMost(WAIT).until(() -> live.get() == 3 && sizes.get() == 3);
    }

    @Test
    void removedTasksStopRunning() {
        Sampler sampler = sampler(Duration.ofMillis(10));
        AtomicInteger reads = new AtomicInteger();
        Sampler.Feed<Integer> task = LiveFeed.every(sampler, 1, "counter", reads::incrementAndGet, s -> {});
        sampler.start();
        await("three reads").atMost(WAIT).until(() -> reads.get() >= 3);
        task.remove();
        int atRemove = reads.get();
        await("no reads after remove").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(1200)).until(() -> reads.get() <= atRemove + 1);
    }

    @Test
    void closeStopsItsThreadsAndDeliversNothingAfterwards() {
        Set<Thread> before = samplerThreads();
        Sampler sampler = new Sampler(Duration.ofMillis(10));
        AtomicInteger quickReads = new AtomicInteger();
        List<Sample<Integer>> stuckSamples = Collections.synchronizedList(new ArrayList<>());
        CountDownLatch never = new CountDownLatch(1);
        LiveFeed.every(sampler, 1, "stuck", () -> {
            never.await();
            return 0;
        }, stuckSamples::add);
        LiveFeed.every(sampler, 1, "quick", quickReads::incrementAndGet, s -> {});
        sampler.start();
        await("the quick task runs beside the stuck one").atMost(WAIT).until(() -> quickReads.get() >= 3);
        Set<Thread> mine = samplerThreads();
        mine.removeAll(before);
        assertThat(mine).hasSize(3);

        sampler.close();

        await("the sampler's threads end").atMost(WAIT).until(() -> mine.stream().noneMatch(Thread::isAlive));
        int readsAtClose = quickReads.get();
        await("nothing runs after close").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(1200)).until(() -> quickReads.get() == readsAtClose);
        // The interrupted read is not reported: after close nobody is listening.
        assertThat(stuckSamples).isEmpty();
    }

    private static Set<Thread> samplerThreads() {
        return Thread.getAllStackTraces().keySet().stream()
                .filter(t -> t.getName().startsWith("pgdeck-sampler"))
                .collect(Collectors.toCollection(HashSet::new));
    }

    /** Feeds: shared by name, run while someone looks, read again after an action only for its topics. */
    @Nested
    class Feeds {

        @Test
        void twoScreensAskingForTheSameFeedShareOneRead() {
            Sampler sampler = sampler(Duration.ofHours(1));
            AtomicInteger reads = new AtomicInteger();
            List<Integer> first = Collections.synchronizedList(new ArrayList<>());
            List<Integer> second = Collections.synchronizedList(new ArrayList<>());
            Sampler.Feed<Integer> a = sampler.feed("activity", 1, Set.of(Topic.BACKENDS), reads::incrementAndGet);
            Sampler.Feed<Integer> b = sampler.feed("activity", 1, Set.of(Topic.BACKENDS), () -> -1);
            assertThat(b).isSameAs(a);
            a.subscribeLive(s -> first.add(s.value()));
            b.subscribe(s -> second.add(s.value()));
            sampler.start();

            await("both subscribers have the first read").atMost(WAIT).until(() -> first.size() == 1 && second.size() == 1);
            assertThat(reads.get()).isEqualTo(1);
            assertThat(second).containsExactly(1);
        }

        @Test
        void aFeedOfAHiddenScreenDoesNotRunAndCatchesUpWhenTheScreenIsShown() {
            Sampler sampler = sampler(Duration.ofMillis(10));
            AtomicInteger reads = new AtomicInteger();
            Sampler.Subscription screen = sampler.feed("bloat estimates", 1, Set.of(Topic.TABLES), reads::incrementAndGet)
                    .subscribe(s -> { });
            sampler.start();
            await("no read while no screen shows it").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(200).plusSeconds(1)).until(() -> reads.get() == 0);

            screen.visible(true);
            await("reads at the refresh rate while shown").atMost(WAIT).until(() -> reads.get() >= 5);

            screen.visible(false);
            int atHide = reads.get();
            await("no reads once hidden again").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(200).plusSeconds(1)).until(() -> reads.get() <= atHide + 1);
        }

        @Test
        void aShownScreenReadsAtOnceWhatItMissedWhileHidden() {
            Sampler sampler = sampler(Duration.ofHours(1));
            AtomicInteger reads = new AtomicInteger();
            Sampler.Subscription screen = sampler.feed("partitions", 300, Set.of(Topic.PARTITIONS), reads::incrementAndGet)
                    .subscribe(s -> { });
            sampler.start();
            screen.visible(true);
            await("the first visit reads").atMost(WAIT).until(() -> reads.get() == 1);
            screen.visible(false);
            screen.visible(true);
            await("nothing missed, nothing read").during(Duration.ofMillis(100)).atMost(Duration.ofMillis(100).plusSeconds(1)).until(() -> reads.get() == 1);

            screen.visible(false);
            sampler.refresh(Set.of(Topic.PARTITIONS));
            await("an action while hidden reads nothing yet").during(Duration.ofMillis(100)).atMost(Duration.ofMillis(100).plusSeconds(1)).until(() -> reads.get() == 1);
            screen.visible(true);
            await("shown again, it reads what the action changed").atMost(WAIT).until(() -> reads.get() == 2);
        }

        @Test
        void afterAnActionOnlyTheFeedsOfItsTopicsReadAgain() {
            Sampler sampler = sampler(Duration.ofHours(1));
            AtomicInteger backends = new AtomicInteger();
            AtomicInteger tables = new AtomicInteger();
            sampler.feed("activity", 1, Set.of(Topic.BACKENDS), backends::incrementAndGet).subscribeLive(s -> { });
            sampler.feed("bloat estimates", 300, Set.of(Topic.TABLES), tables::incrementAndGet).subscribeLive(s -> { });
            sampler.start();
            await("the first tick reads both").atMost(WAIT).until(() -> backends.get() == 1 && tables.get() == 1);

            sampler.refresh(Set.of(Topic.BACKENDS));

            await("the backends are read again").atMost(WAIT).until(() -> backends.get() == 2);
            await("the catalog-wide read is not").during(Duration.ofMillis(100)).atMost(Duration.ofMillis(100).plusSeconds(1)).until(() -> tables.get() == 1);
        }

        @Test
        void aHiddenSessionRunsOnlyItsLiveFeedsAndSlowly() {
            Sampler sampler = sampler(Duration.ofMillis(10));
            AtomicInteger live = new AtomicInteger();
            AtomicInteger screen = new AtomicInteger();
            sampler.feed("database stats", 1, Set.of(), live::incrementAndGet).subscribeLive(s -> { });
            sampler.feed("pool", 1, Set.of(), screen::incrementAndGet).subscribe(s -> { }).visible(true);
            sampler.start();
            await("both run while shown").atMost(WAIT).until(() -> live.get() >= 3 && screen.get() >= 3);

            sampler.setShown(false);
            int liveAtHide = live.get();
            int screenAtHide = screen.get();
            long t0 = System.nanoTime();
            await("the screen's feed stops").during(Duration.ofMillis(500)).atMost(Duration.ofMillis(500).plusSeconds(1)).until(() -> screen.get() <= screenAtHide + 1);
            long ticks = Duration.ofNanos(System.nanoTime() - t0).toMillis() / 10;
            assertThat(live.get() - liveAtHide).as("live reads while hidden")
                    .isPositive().isLessThanOrEqualTo((int) (ticks / Sampler.HIDDEN_EVERY) + 2);

            sampler.setShown(true);
            await("shown again, the screen's feed runs").atMost(WAIT).until(() -> screen.get() >= screenAtHide + 3);
        }

        @Test
        void theFirstTickComesAfterTheOffset() {
            Sampler sampler = sampler(Duration.ofHours(1));
            AtomicInteger reads = new AtomicInteger();
            LiveFeed.every(sampler, 1, "activity", reads::incrementAndGet, s -> { });
            sampler.start(Duration.ofMillis(400));
            await("nothing before the offset").during(Duration.ofMillis(200)).atMost(Duration.ofMillis(200).plusSeconds(1)).until(() -> reads.get() == 0);
            await("the first tick after it").atMost(WAIT).until(() -> reads.get() == 1);
        }
    }
}
