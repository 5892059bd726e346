package io.pgdeck;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/**
 * The package table of ARCHITECTURE.md and the rules under it, on production classes only. The
 * classes are imported once for all rules; their dependencies outside pgdeck are named by the
 * import and not resolved (src/test/resources/archunit.properties).
 */
@AnalyzeClasses(packages = "io.pgdeck", importOptions = ImportOption.DoNotIncludeTests.class)
class LayeringTest {

    private static final String[] TOOLKITS = {"javafx..", "org.controlsfx..", "org.jfree.chart.fx..",
            "atlantafx..", "org.kordamp.ikonli..", "org.fxmisc.."};

    /** The "may import" column, among pgdeck's own packages. */
    @ArchTest
    static final ArchRule packageTable = layeredArchitecture().consideringOnlyDependenciesInLayers()
            .layer("app").definedBy("io.pgdeck.app..")
            .layer("connect").definedBy("io.pgdeck.connect..")
            .layer("catalog").definedBy("io.pgdeck.catalog..")
            .layer("queue").definedBy("io.pgdeck.queue..")
            .layer("explain").definedBy("io.pgdeck.explain..")
            .layer("action").definedBy("io.pgdeck.action..")
            .layer("sample").definedBy("io.pgdeck.sample..")
            .layer("demo").definedBy("io.pgdeck.demo..")
            .layer("ui").definedBy("io.pgdeck.ui..")
            .layer("cli").definedBy("io.pgdeck.cli..")
            .layer("db").definedBy("io.pgdeck.db..")
            .whereLayer("connect").mayNotAccessAnyLayer()
            .whereLayer("catalog").mayOnlyAccessLayers("connect", "db")
            .whereLayer("queue").mayOnlyAccessLayers("connect", "catalog", "action", "db")
            .whereLayer("explain").mayOnlyAccessLayers("connect")
            .whereLayer("action").mayOnlyAccessLayers("connect", "catalog", "db")
            .whereLayer("sample").mayOnlyAccessLayers("catalog", "queue")
            .whereLayer("demo").mayOnlyAccessLayers("connect", "db")
            .whereLayer("ui").mayOnlyAccessLayers("connect", "catalog", "queue", "explain", "action", "sample", "demo")
            .whereLayer("cli").mayOnlyAccessLayers("connect", "catalog", "queue", "explain", "action", "sample", "demo")
            .whereLayer("db").mayNotAccessAnyLayer()
            .withOptionalLayers(true)
            .because("data flows one way, from the target to the screen: no arrow runs back up");

    @ArchTest
    static final ArchRule toolkitsOnlyInAppAndUi = noClasses()
            .that().resideOutsideOfPackages("io.pgdeck.app..", "io.pgdeck.ui..")
            .should().dependOnClassesThat().resideInAnyPackage(TOOLKITS)
            .because("the core runs headless: in the CLI, in tests, off the FX thread");

    @ArchTest
    static final ArchRule viewModelsHaveNoControls = noClasses()
            .that().haveSimpleNameEndingWith("ViewModel")
            .should().dependOnClassesThat().resideInAnyPackage("javafx.scene..", "org.controlsfx..",
                    "org.jfree.chart.fx..", "org.fxmisc..")
            .because("view models are plain objects with properties, testable without a toolkit");

    @ArchTest
    static final ArchRule onlyUiExecutorCallsRunLater = noClasses()
            .that().doNotHaveFullyQualifiedName("io.pgdeck.ui.UiExecutor")
            .should().callMethod("javafx.application.Platform", "runLater", "java.lang.Runnable")
            .because("one door to the FX thread keeps updates ordered and testable with a same-thread executor");

    @ArchTest
    static final ArchRule uiHoldsNoSql = noClasses()
            .that().resideInAPackage("io.pgdeck.ui..")
            .should().dependOnClassesThat().resideInAnyPackage("org.jooq..", "java.sql..", "javax.sql..")
            .because("only readers and actions hold SQL");

    @ArchTest
    static final ArchRule generatedClassesOnlyFromReadersAdaptersActionsAndDemo = classes()
            .that().resideInAPackage("io.pgdeck.db..")
            .should().onlyHaveDependentClassesThat().resideInAnyPackage("io.pgdeck.catalog..", "io.pgdeck.queue..",
                    "io.pgdeck.action..", "io.pgdeck.demo..", "io.pgdeck.db..")
            .because("jOOQ-generated classes are reached only from readers, adapters, actions and the demo")
            .allowEmptyShould(true);
}
