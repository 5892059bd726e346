package io.pgdeck.sample;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.catalog.Topic;
import io.pgdeck.testing.Eventually;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Set;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Feeds: shared by name, run while someone looks, read again after an action only for its topics. */
class SamplerFeedsTest {

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

        Eventually.until(WAIT, "both subscribers have the first read", () -> first.size() == 1 && second.size() == 1);
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
        Eventually.holdsFor(Duration.ofMillis(200), "no read while no screen shows it", () -> reads.get() == 0);

        screen.visible(true);
        Eventually.until(WAIT, "reads at the refresh rate while shown", () -> reads.get() >= 5);

        screen.visible(false);
        int atHide = reads.get();
        Eventually.holdsFor(Duration.ofMillis(200), "no reads once hidden again", () -> reads.get() <= atHide + 1);
    }

    @Test
    void aShownScreenReadsAtOnceWhatItMissedWhileHidden() {
        Sampler sampler = sampler(Duration.ofHours(1));
        AtomicInteger reads = new AtomicInteger();
        Sampler.Subscription screen = sampler.feed("partitions", 300, Set.of(Topic.PARTITIONS), reads::incrementAndGet)
                .subscribe(s -> { });
        sampler.start();
        screen.visible(true);
        Eventually.until(WAIT, "the first visit reads", () -> reads.get() == 1);
        screen.visible(false);
        screen.visible(true);
        Eventually.holdsFor(Duration.ofMillis(100), "nothing missed, nothing read", () -> reads.get() == 1);

        screen.visible(false);
        sampler.refresh(Set.of(Topic.PARTITIONS));
        Eventually.holdsFor(Duration.ofMillis(100), "an action while hidden reads nothing yet", () -> reads.get() == 1);
        screen.visible(true);
        Eventually.until(WAIT, "shown again, it reads what the action changed", () -> reads.get() == 2);
    }

    @Test
    void afterAnActionOnlyTheFeedsOfItsTopicsReadAgain() {
        Sampler sampler = sampler(Duration.ofHours(1));
        AtomicInteger backends = new AtomicInteger();
        AtomicInteger tables = new AtomicInteger();
        sampler.feed("activity", 1, Set.of(Topic.BACKENDS), backends::incrementAndGet).subscribeLive(s -> { });
        sampler.feed("bloat estimates", 300, Set.of(Topic.TABLES), tables::incrementAndGet).subscribeLive(s -> { });
        sampler.start();
        Eventually.until(WAIT, "the first tick reads both", () -> backends.get() == 1 && tables.get() == 1);

        sampler.refresh(Set.of(Topic.BACKENDS));

        Eventually.until(WAIT, "the backends are read again", () -> backends.get() == 2);
        Eventually.holdsFor(Duration.ofMillis(100), "the catalog-wide read is not", () -> tables.get() == 1);
    }

    @Test
    void aHiddenSessionRunsOnlyItsLiveFeedsAndSlowly() {
        Sampler sampler = sampler(Duration.ofMillis(10));
        AtomicInteger live = new AtomicInteger();
        AtomicInteger screen = new AtomicInteger();
        sampler.feed("database stats", 1, Set.of(), live::incrementAndGet).subscribeLive(s -> { });
        sampler.feed("pool", 1, Set.of(), screen::incrementAndGet).subscribe(s -> { }).visible(true);
        sampler.start();
        Eventually.until(WAIT, "both run while shown", () -> live.get() >= 3 && screen.get() >= 3);

        sampler.setShown(false);
        int liveAtHide = live.get();
        int screenAtHide = screen.get();
        long t0 = System.nanoTime();
        Eventually.holdsFor(Duration.ofMillis(500), "the screen's feed stops", () -> screen.get() <= screenAtHide + 1);
        long ticks = Duration.ofNanos(System.nanoTime() - t0).toMillis() / 10;
        assertThat(live.get() - liveAtHide).as("live reads while hidden")
                .isPositive().isLessThanOrEqualTo((int) (ticks / Sampler.HIDDEN_EVERY) + 2);

        sampler.setShown(true);
        Eventually.until(WAIT, "shown again, the screen's feed runs", () -> screen.get() >= screenAtHide + 3);
    }

    @Test
    void theFirstTickComesAfterTheOffset() {
        Sampler sampler = sampler(Duration.ofHours(1));
        AtomicInteger reads = new AtomicInteger();
        sampler.everyTick("activity", reads::incrementAndGet, s -> { });
        sampler.start(Duration.ofMillis(400));
        Eventually.holdsFor(Duration.ofMillis(200), "nothing before the offset", () -> reads.get() == 0);
        Eventually.until(WAIT, "the first tick after it", () -> reads.get() == 1);
    }
}
