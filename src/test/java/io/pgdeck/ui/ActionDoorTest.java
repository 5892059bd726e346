package io.pgdeck.ui;

import static org.assertj.core.api.Assertions.assertThat;

import io.pgdeck.action.Action;
import io.pgdeck.action.ActionPlan;
import io.pgdeck.action.ActionResult;
import io.pgdeck.action.ActionRunner;
import io.pgdeck.action.ActionSettings;
import io.pgdeck.action.AuditLog;
import io.pgdeck.catalog.Topic;
import io.pgdeck.testing.ClassDatabases;
import io.pgdeck.testing.RecordingDialogs;
import io.pgdeck.testing.TestPostgres;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import javafx.beans.property.SimpleBooleanProperty;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The window's door runs the very plan it showed, and the runner alone decides what is refused. */
class ActionDoorTest {

    private static final ClassDatabases DB = new ClassDatabases();

    @TempDir
    Path tmp;

    private final List<ActionPlan> asked = new ArrayList<>();
    private final SimpleBooleanProperty readOnly = new SimpleBooleanProperty();

    @AfterAll
    static void closeAll() {
        DB.close();
    }

    @Test
    void theConfirmedPlanIsTheVeryPlanRunAndAudited() throws Exception {
        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        ActionDoor door = door(audit, true);
        CountingAction action = new CountingAction();
        CompletableFuture<ActionResult> done = new CompletableFuture<>();

        assertThat(door.submit(action, done::complete)).isTrue();
        ActionResult result = done.get(30, TimeUnit.SECONDS);

        assertThat(action.plans.get()).as("described once, never again by the runner").isEqualTo(1);
        assertThat(asked).singleElement().isSameAs(result.planned().plan());
        assertThat(result.returned()).containsExactly("plan 1");
        assertThat(result.touched()).containsExactly(Topic.STATEMENTS);
        assertThat(audit.read()).singleElement().satisfies(entry -> {
            assertThat(entry.title()).isEqualTo("plan 1");
            assertThat(entry.sql()).isEqualTo(asked.get(0).sql());
        });
    }

    @Test
    void readOnlyModeIsRefusedByTheRunnerBeforeAnyDialog() {
        AuditLog audit = new AuditLog(tmp.resolve("audit.log"));
        ActionDoor door = door(audit, true);
        readOnly.set(true);

        assertThat(door.submit(new CountingAction(), r -> { })).isFalse();

        assertThat(asked).isEmpty();
        assertThat(door.messageProperty().get()).isEqualTo(ActionRunner.READ_ONLY);
        assertThat(door.writesAllowedProperty().get()).isFalse();
        assertThat(Files.exists(audit.file())).isFalse();
    }

    private ActionDoor door(AuditLog audit, boolean confirm) {
        ActionRunner runner = new ActionRunner(DB.target(TestPostgres.NEWEST), audit, readOnly::get,
                ActionSettings.defaults());
        return new ActionDoor(runner, new RecordingDialogs(confirm, asked), UiExecutor.direct(), readOnly);
    }

    /** Describes itself anew at every call, so a second description would show in the title and the SQL. */
    private static final class CountingAction implements Action {
        final AtomicInteger plans = new AtomicInteger();

        @Override
        public ActionPlan plan() {
            String title = "plan " + plans.incrementAndGet();
            return ActionPlan.single(title, "SELECT '" + title + "'", "none", "none");
        }

        @Override
        public Set<Topic> touches() {
            return EnumSet.of(Topic.STATEMENTS);
        }
    }
}
