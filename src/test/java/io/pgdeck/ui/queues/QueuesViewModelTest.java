package io.pgdeck.ui.queues;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.queue.Count;
import io.pgdeck.queue.CustomMapping;
import io.pgdeck.queue.Job;
import io.pgdeck.queue.JobDetail;
import io.pgdeck.queue.JobError;
import io.pgdeck.queue.JobFilter;
import io.pgdeck.queue.JobOperation;
import io.pgdeck.queue.JobPage;
import io.pgdeck.queue.KindDepth;
import io.pgdeck.queue.QueueDepth;
import io.pgdeck.queue.QueueReading;
import io.pgdeck.queue.QueueRef;
import io.pgdeck.queue.QueueService;
import io.pgdeck.queue.QueueStatus;
import io.pgdeck.queue.QueueThroughput;
import io.pgdeck.queue.SharedState;
import io.pgdeck.sample.Sample;
import io.pgdeck.ui.ActionDoor;
import io.pgdeck.ui.DialogService;
import io.pgdeck.ui.TaskExecutor;
import io.pgdeck.ui.UiExecutor;
import java.time.Duration;
import java.time.Instant;
import java.time.OffsetDateTime;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import javafx.beans.property.SimpleBooleanProperty;
import io.pgdeck.testing.RecordingDialogs;
import org.junit.jupiter.api.Test;

/** The queues view model with a same-thread executor and a service of canned answers. */
class QueuesViewModelTest {

    private static final QueueRef DEFAULT = new QueueRef("River", "public", "default");
    private final List<JobFilter> asked = new ArrayList<>();
    private final List<ActionPlan> confirmed = new ArrayList<>();
    private final List<CustomMapping> saved = new ArrayList<>();
    private final List<JobFilter> eligibleAsked = new ArrayList<>();
    private final List<List<String>> deleted = new ArrayList<>();
    private boolean pausable;
    private final ActionDoor door = new ActionDoor(null, new RecordingDialogs(false, confirmed), UiExecutor.direct(), new SimpleBooleanProperty(false));
    private final QueuesViewModel model = new QueuesViewModel(UiExecutor.direct(), door, new CannedService(), TaskExecutor.sameThread(),
            () -> { }, saved::add);

    @Test
    void rowsHistoriesAndTheSelectedQueuesJobs() {
        model.onReading(reading(Instant.parse("2026-01-01T10:00:00Z"), 5));
        model.onReading(reading(Instant.parse("2026-01-01T10:00:05Z"), 7));
        assertThat(model.rows()).hasSize(1);
        QueueRow row = model.rows().get(0);
        assertThat(row.count(SharedState.WAITING)).isEqualTo(Count.exact(7));
        assertThat(row.count(SharedState.DONE).toString()).isEqualTo("≈ 9,000,000");
        assertThat(row.latency()).isEqualTo("2 min 0 s");
        assertThat(row.failureRate()).isEqualTo("20.00 %");
        assertThat(model.summaryProperty().get()).isEqualTo("1 queues in River (public)");
        assertThat(model.chartSubject()).isEqualTo(QueuesViewModel.ALL);
        assertThat(model.chartHistory().size()).isEqualTo(2);

        model.selectedProperty().set(row);
        assertThat(model.chartSubject()).isEqualTo("River (public) / default");
        assertThat(asked).extracting(JobFilter::queue).containsExactly("default");
        JobBrowserViewModel jobs = model.jobs();
        assertThat(jobs.jobs()).extracting(Job::id).containsExactly("42");
        assertThat(jobs.hasNextProperty().get()).isTrue();
        jobs.nextPage();
        assertThat(asked.get(1).after()).isEqualTo("cursor-1");

        jobs.select(jobs.jobs().get(0));
        assertThat(jobs.detailProperty().get()).contains("Job 42 · sync · discarded (dead)")
                .contains("2 recorded errors:").contains("attempt 2: boom again");

        jobs.stateProperty().set(SharedState.DEAD);
        jobs.retryMatching();
        assertThat(confirmed).extracting(ActionPlan::title)
                .containsExactly("Retry 2 of the 3 jobs matching (1 is not in a state a retry applies to)");
        assertThat(jobs.retry(List.of())).isFalse();
    }

    @Test
    void theDetailsButtonsFollowWhatTheLibraryOffersAndTheJobsState() {
        model.onReading(reading(Instant.parse("2026-01-01T10:00:00Z"), 5));
        model.selectedProperty().set(model.rows().get(0));
        JobBrowserViewModel jobs = model.jobs();
        assertThat(jobs.shownProperty().get()).isNull();
        assertThat(jobs.retryShown()).as("no job shown").isFalse();

        jobs.select(jobs.jobs().get(0));

        assertThat(jobs.shownProperty().get().id()).isEqualTo("42");
        assertThat(jobs.appliesProperty(JobOperation.RETRY).get()).as("eligible() moves dead jobs here").isTrue();
        assertThat(jobs.appliesProperty(JobOperation.CANCEL).get()).as("the library has no cancel").isFalse();
        assertThat(jobs.appliesProperty(JobOperation.DELETE).get()).as("a dead job is not running").isTrue();
        assertThat(eligibleAsked).singleElement().satisfies(f -> {
            assertThat(f.state()).isEqualTo(SharedState.DEAD);
            assertThat(f.libraryState()).isEqualTo("discarded");
            assertThat(f.queue()).isEqualTo("default");
        });
        assertThat(jobs.cancelShown()).isFalse();
        assertThat(jobs.deleteShown()).isTrue();
        assertThat(confirmed).extracting(ActionPlan::title).containsExactly("delete [42]");
    }

    @Test
    void selectedJobsAreCountedByStateAndOnlyThoseAnOperationMovesAreSent() {
        model.onReading(reading(Instant.parse("2026-01-01T10:00:00Z"), 5));
        model.selectedProperty().set(model.rows().get(0));
        Job dead = model.jobs().jobs().get(0);
        Job running = new Job("43", DEFAULT, "sync", "running", SharedState.RUNNING, 1, 1, 2, null, null, null, null,
                "{}", null, "host-a");

        assertThat(model.jobs().delete(List.of(dead, running))).isTrue();
        assertThat(model.jobs().cancel(List.of(dead))).as("the library has no cancel").isFalse();

        assertThat(confirmed).extracting(ActionPlan::title)
                .containsExactly("Delete 1 of the 2 jobs selected (1 is not in a state a delete applies to)");
        assertThat(confirmed.get(0).sql()).isEqualTo("SELECT 1;");
        assertThat(deleted).last().isEqualTo(List.of("42"));
        assertThat(model.jobs().messageProperty().get()).isEqualTo("This library cannot cancel jobs pgdeck can reach.");
    }

    @Test
    void kindsPauseAndThePurgeOfTheSelectedQueue() {
        model.onReading(reading(Instant.parse("2026-01-01T10:00:00Z"), 5));
        assertThat(model.kinds()).isEmpty();
        assertThat(model.purge()).isEmpty();

        model.selectedProperty().set(model.rows().get(0));

        assertThat(model.kinds()).extracting(KindDepth::kind).containsExactly("sync");
        assertThat(model.kinds().get(0).count(SharedState.WAITING)).isEqualTo(Count.exact(7));
        assertThat(model.pausableProperty().get()).as("the canned library has no pause").isFalse();
        PurgeViewModel purge = model.purge().orElseThrow();
        purge.count();
        assertThat(purge.messageProperty().get()).isEqualTo("4 jobs will be deleted, in batches.");
        purge.ageProperty().set(12);
        purge.unitProperty().set(java.time.temporal.ChronoUnit.HOURS);
        purge.deadOnlyProperty().set(false);
        assertThat(eligibleAsked).last().satisfies(f -> {
            assertThat(f.olderThan()).isEqualTo(Duration.ofHours(12));
            assertThat(f.state()).as("dead, done and cancelled").isNull();
            assertThat(f.queue()).isEqualTo("default");
        });
        assertThat(purge.purge()).isFalse(); // the recording dialog declines
        assertThat(confirmed).extracting(ActionPlan::title).containsExactly("purge 4");
    }

    @Test
    void pauseAndResumeFollowThePausedStateWhereTheLibraryCanPause() {
        pausable = true;
        model.onReading(reading(Instant.parse("2026-01-01T10:00:00Z"), 5, false));
        model.selectedProperty().set(model.rows().get(0));
        assertThat(model.pausableProperty().get()).isTrue();
        assertThat(model.pausedProperty().get()).isFalse();

        model.onReading(reading(Instant.parse("2026-01-01T10:00:05Z"), 5, true));

        assertThat(model.pausedProperty().get()).as("the reading says the queue is paused now").isTrue();
        assertThat(model.resume()).isFalse(); // the recording dialog declines
        assertThat(confirmed).extracting(ActionPlan::title).containsExactly("resume default");
    }

    @Test
    void aMappingWithAProblemIsNotSaved() {
        CustomMapping broken = new CustomMapping(null, "app", "jobs", "id", "status", List.of("new"), null, null, null,
                null, null, null, null, null, null, null, null, null, null, "created_at", null, null, null);
        assertThat(model.saveMapping(broken)).contains("Give the mapping a name.");
        assertThat(saved).isEmpty();
        assertThat(model.saveMapping(CustomMapping.PAREL)).isEmpty();
        assertThat(saved).containsExactly(CustomMapping.PAREL);
    }

    private static Sample<QueueReading> reading(Instant at, long waiting) {
        return reading(at, waiting, false);
    }

    private static Sample<QueueReading> reading(Instant at, long waiting, boolean paused) {
        Map<SharedState, Count> byState = new EnumMap<>(SharedState.class);
        for (SharedState s : SharedState.values()) {
            byState.put(s, Count.ZERO);
        }
        byState.put(SharedState.WAITING, Count.exact(waiting));
        byState.put(SharedState.DONE, Count.estimate(9_000_000));
        QueueDepth depth = new QueueDepth(DEFAULT, byState, Map.of("available", Count.exact(waiting)), Duration.ofMinutes(2),
                0L, 0L, paused, OffsetDateTime.now());
        QueueThroughput t = new QueueThroughput(DEFAULT, Duration.ofMinutes(5), 40L, 10L);
        return Sample.of(new QueueReading(List.of("River (public)"), List.of(new QueueStatus("River:public", depth, t)),
                List.of()), at, Duration.ofMillis(3));
    }

    private final class CannedService implements QueueService {
        private final Job job = new Job("42", DEFAULT, "sync", "discarded", SharedState.DEAD, 1, 2, 2,
                OffsetDateTime.parse("2026-01-01T09:00:00Z"), OffsetDateTime.parse("2026-01-01T09:00:00Z"), null, null,
                "{\"user\": 1}", "boom again", "host-a");

        @Override
        public JobPage jobs(String adapterKey, JobFilter filter) {
            asked.add(filter);
            return new JobPage(List.of(job), "cursor-1");
        }

        @Override
        public Optional<JobDetail> job(String adapterKey, String id) {
            return Optional.of(new JobDetail(job, List.of(new JobError(1, null, "boom", null),
                    new JobError(2, null, "boom again", "main.go:1")), null));
        }

        @Override
        public Count count(String adapterKey, JobFilter filter) {
            return Count.exact(3);
        }

        @Override
        public Optional<Action> retry(String adapterKey, List<String> ids) {
            return Optional.of(() -> ActionPlan.single("retry " + ids, "SELECT 1", "none", "none"));
        }

        @Override
        public Optional<Action> retryMatching(String adapterKey, JobFilter filter, long matching) {
            return Optional.of(() -> ActionPlan.single("retry " + matching + " matching", "SELECT 1", "none", "none"));
        }

        @Override
        public Optional<Action> cancel(String adapterKey, List<String> ids) {
            return Optional.empty();
        }

        @Override
        public Optional<Action> delete(String adapterKey, List<String> ids) {
            deleted.add(ids);
            return Optional.of(() -> ActionPlan.single("delete " + ids, "SELECT 1", "none", "none"));
        }

        @Override
        public Optional<Action> makeVisibleNow(String adapterKey, List<String> ids) {
            return Optional.empty();
        }

        @Override
        public Optional<Action> deleteMatching(String adapterKey, JobFilter filter, long matching) {
            return Optional.of(() -> ActionPlan.single("purge " + matching, "SELECT 1", "none", "none"));
        }

        @Override
        public Count eligible(String adapterKey, JobOperation operation, JobFilter filter) {
            eligibleAsked.add(filter);
            return Count.exact(operation == JobOperation.RETRY ? 2 : operation == JobOperation.DELETE ? 4 : 0);
        }

        @Override
        public List<KindDepth> kinds(String adapterKey, String queue) {
            return List.of(new KindDepth("sync", Map.of(SharedState.WAITING, Count.exact(7)), 1L));
        }

        @Override
        public Optional<Action> pause(String adapterKey, String queue) {
            return pausable ? Optional.of(() -> ActionPlan.single("pause " + queue, "SELECT 1", "none", "none"))
                    : Optional.empty();
        }

        @Override
        public Optional<Action> resume(String adapterKey, String queue) {
            return pausable ? Optional.of(() -> ActionPlan.single("resume " + queue, "SELECT 1", "none", "none"))
                    : Optional.empty();
        }

        @Override
        public List<String> libraryStates(String adapterKey) {
            return List.of("available", "discarded");
        }
    }
}
