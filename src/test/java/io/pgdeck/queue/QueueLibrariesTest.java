package io.pgdeck.queue;

import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClass;
import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/**
 * Adding a queue library is writing one adapter class and one line in {@link QueueLibraries}:
 * every adapter is registered there, nothing else names an adapter class, and nothing asks which
 * adapter it holds ({@code instanceof}); a library's quirks are answers of the
 * {@link QueueAdapter} interface. And the arrow between queue and action runs one way. The
 * classes are imported as {@code LayeringTest} imports them, so ArchUnit's cache imports them
 * once for both.
 */
@AnalyzeClasses(packages = "io.pgdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class QueueLibrariesTest {

    private static List<JavaClass> adapters(JavaClasses production) {
        return production.stream()
                .filter(c -> c.isAssignableTo(QueueAdapter.class) && !c.isInterface()
                        && !c.getModifiers().contains(JavaModifier.ABSTRACT) && !c.isAnonymousClass())
                .toList();
    }

    @ArchTest
    static void everyAdapterIsOneLineOfTheRegistry(JavaClasses production) {
        List<JavaClass> adapters = adapters(production);
        Set<String> registered = production.get(QueueLibraries.class).getDirectDependenciesFromSelf().stream()
                .map(d -> d.getTargetClass().getName()).collect(Collectors.toSet());
        assertThat(adapters).extracting(JavaClass::getSimpleName)
                .contains("RiverAdapter", "ObanAdapter", "PgBossAdapter", "SeedJobQueueAdapter", "PgmqAdapter");
        assertThat(adapters).allSatisfy(a -> assertThat(registered).as("registered in QueueLibraries").contains(a.getName()));
    }

    @ArchTest
    static void noClassButTheRegistryNamesAnAdapter(JavaClasses production) {
        for (JavaClass adapter : adapters(production)) {
            List<String> users = adapter.getDirectDependenciesToSelf().stream()
                    .map(d -> d.getOriginClass())
                    .filter(origin -> !origin.getName().startsWith(adapter.getName()))
                    .map(JavaClass::getName)
                    .distinct()
                    .toList();
            assertThat(users).as("classes naming " + adapter.getSimpleName())
                    .allMatch(name -> name.equals(QueueLibraries.class.getName()));
        }
    }

    @ArchTest
    static void nothingAsksWhichAdapterItHolds(JavaClasses production) {
        List<String> checks = production.stream()
                .flatMap(c -> c.getCodeUnits().stream())
                .flatMap(unit -> unit.getInstanceofChecks().stream())
                .filter(check -> check.getRawType().isAssignableTo(QueueAdapter.class))
                .map(check -> check.getSourceCodeLocation().toString())
                .toList();
        assertThat(checks).as("instanceof on a queue adapter").isEmpty();
    }

    /** queue builds each library's actions from action's primitives; action knows no queue. */
    @ArchTest
    static void actionsKnowNoQueue(JavaClasses production) {
        List<String> found = production.stream()
                .filter(c -> c.getPackageName().startsWith("io.pgdeck.action"))
                .flatMap(c -> c.getDirectDependenciesFromSelf().stream())
                .filter(d -> d.getTargetClass().getPackageName().startsWith("io.pgdeck.queue"))
                .map(d -> d.getDescription())
                .toList();
        assertThat(found).isEmpty();
    }
}
