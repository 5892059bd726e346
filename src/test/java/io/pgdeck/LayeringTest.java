package io.pgdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The rules of ARCHITECTURE.md that keep the house standing, on production classes only.
 * Packages that do not exist yet (ui, queue, db...) pass empty, and are held to the rules the
 * day they appear.
 */
@AnalyzeClasses(packages = "io.pgdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    @ArchTest
    static final ArchRule coreNeverTouchesJavaFx = noClasses()
            .that().resideInAnyPackage("io.pgdeck.catalog..", "io.pgdeck.queue..", "io.pgdeck.explain..",
                    "io.pgdeck.action..", "io.pgdeck.sample..", "io.pgdeck.connect..", "io.pgdeck.demo..",
                    "io.pgdeck.cli..")
            .should().dependOnClassesThat().resideInAPackage("javafx..")
            .because("the core runs headless: in the CLI, in tests, off the FX thread");

    @ArchTest
    static final ArchRule viewModelsHaveNoControls = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAPackage("javafx.scene..")
            .because("view models are plain objects with properties, testable without a toolkit")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule onlyUiExecutorCallsRunLater = noClasses()
            .that().doNotHaveFullyQualifiedName("io.pgdeck.ui.UiExecutor")
            .should().callMethod("javafx.application.Platform", "runLater", "java.lang.Runnable")
            .because("one door to the FX thread keeps updates ordered and testable with a same-thread executor");

    @ArchTest
    static final ArchRule uiHoldsNoSql = noClasses()
            .that().resideInAPackage("io.pgdeck.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..")
            .because("only readers and actions hold SQL")
            .allowEmptyShould(true);

    @ArchTest
    static final ArchRule generatedClassesOnlyFromReadersAdaptersAndActions = classes()
            .that().resideInAPackage("io.pgdeck.db..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.pgdeck.catalog..", "io.pgdeck.queue..",
                    "io.pgdeck.action..", "io.pgdeck.demo..", "io.pgdeck.db..")
            .because("jOOQ-generated classes are reached only from readers, adapters, actions and the demo")
            .allowEmptyShould(true);
}
