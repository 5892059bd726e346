package io.pgdeck.ui;

import static org.awaitility.Awaitility.await;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

class BackgroundTaskTest {

    @Test
    void theResultReachesOnSuccessOnTheSameThreadInTests() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.wrap(() -> "plan").onSuccess(seen::add).onFailure(e -> seen.add("failed")).executeWith(TaskExecutor.sameThread());
        assertThat(seen).containsExactly("plan");
    }

    @Test
    void aFailureReachesOnFailureAndNotOnSuccess() {
        List<String> seen = new ArrayList<>();
        BackgroundTask.run(() -> {
            throw new java.io.IOException("disk full");
        }).onSuccess(done -> seen.add("done")).onFailure(e -> seen.add(e.getMessage())).executeWith(TaskExecutor.sameThread());
        assertThat(seen).containsExactly("disk full");
    }

    @Test
    void theWorkRunsOffTheCallingThreadAndItsOutcomeThroughTheUiExecutor() {
        List<String> uiThread = new CopyOnWriteArrayList<>();
        List<String> workThread = new CopyOnWriteArrayList<>();
        UiExecutor ui = task -> {
            uiThread.add("ui");
            task.run();
        };
        try (TaskExecutor tasks = TaskExecutor.background(ui)) {
            BackgroundTask.wrap(() -> {
                workThread.add(Thread.currentThread().getName());
                return 42;
            }).onSuccess(n -> uiThread.add("got " + n)).executeWith(tasks);
            await("the result is published").atMost(Duration.ofSeconds(10)).until(() -> uiThread.size() == 2);
        }
        assertThat(workThread).singleElement().asString().startsWith("pgdeck-task-");
        assertThat(uiThread).containsExactly("ui", "got 42");
    }

    @Test
    void workAskedForAfterTheSessionClosedIsDroppedNotThrownAtTheJavaFxThread() {
        List<String> seen = new CopyOnWriteArrayList<>();
        TaskExecutor tasks = TaskExecutor.background(UiExecutor.direct());
        tasks.close();
        BackgroundTask.wrap(() -> "late").onSuccess(seen::add).executeWith(tasks);
        tasks.execute(() -> seen.add("late work"));
        assertThat(seen).isEmpty();
    }
}
