package dev.driftguard;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.domain.JavaModifier;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.core.importer.Location;
import org.junit.jupiter.api.Test;

/**
 * The package rules of docs/architecture.md, on the classes the driver and the command line ship (the driver's
 * as the build shaded them, so a rule also sees what reached driftguard.jar). A new public type outside the API, a
 * package cycle or a driver class that reaches for command-line or report code fails here, before review.
 */
class ArchitectureTest {

    /** The public API of ../shared/design.md: what users may compile against. */
    private static final String[] API = {
        "dev.driftguard.DriftGuardDriver", "dev.driftguard.DriftGuardDataSource", "dev.driftguard.DriftGuard",
        "dev.driftguard.DriftGuardStatus", "dev.driftguard.cli.Main"
    };

    private static final JavaClasses SHIPPED = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .withImportOption(ArchitectureTest::shipped)
            .importPackages("dev.driftguard");

    private static boolean shipped(Location location) {
        return !location.contains("/dev/driftguard/shaded/") && !location.contains("/dev/driftguard/testsupport/")
                && !location.contains("-tests.jar") && !location.contains("/test-classes/");
    }

    /** Rules over classes that were not imported would pass on nothing. */
    @Test
    void theRulesSeeTheDriverAndTheCommandLineAsShipped() {
        for (String shipped : new String[] {"dev.driftguard.DriftGuardDriver", "dev.driftguard.internal.guard.Guard",
                "dev.driftguard.cli.Main", "dev.driftguard.internal.report.Report"}) {
            assertTrue(SHIPPED.contain(shipped), shipped);
        }
        assertFalse(SHIPPED.contain("dev.driftguard.internal.registry.LiveVersions"), "a test fixture");
    }

    @Test
    void theOnlyPublicTypesOutsideInternalAreTheApi() {
        classes().that().arePublic().and().areTopLevelClasses().and().resideOutsideOfPackage("dev.driftguard.internal..")
                .should().haveFullyQualifiedName(API[0]).orShould().haveFullyQualifiedName(API[1])
                .orShould().haveFullyQualifiedName(API[2]).orShould().haveFullyQualifiedName(API[3])
                .orShould().haveFullyQualifiedName(API[4])
                .check(SHIPPED);
    }

    @Test
    void nestedTypesOfTheApiAreNotPublic() {
        classes().that().areNestedClasses().and().resideOutsideOfPackage("dev.driftguard.internal..")
                .should().notHaveModifier(JavaModifier.PUBLIC)
                .check(SHIPPED);
    }

    @Test
    void internalPackagesHaveNoCycles() {
        slices().matching("dev.driftguard.internal.(*)..").should().beFreeOfCycles().check(SHIPPED);
    }

    /** The API wires the internals together; nothing inside reaches back up (that would close a cycle). */
    @Test
    void internalCodeDoesNotDependOnTheApi() {
        noClasses().that().resideInAPackage("dev.driftguard.internal..")
                .should().dependOnClassesThat().resideInAPackage("dev.driftguard")
                .check(SHIPPED);
    }

    /** driftguard.jar holds what a running application needs; the command line and the reports stay out of it. */
    @Test
    void driverCodeDoesNotDependOnCommandLineOrReports() {
        noClasses().that().resideOutsideOfPackages("dev.driftguard.cli..", "dev.driftguard.internal.report..")
                .should().dependOnClassesThat().resideInAnyPackage("dev.driftguard.cli..",
                        "dev.driftguard.internal.report..")
                .check(SHIPPED);
    }

    /** The layers of docs/architecture.md, bottom up: each may use only those below it. */
    @Test
    void packagesUseOnlyTheLayersBelowThem() {
        String[] layers = {"base", "config", "sql", "jdbc", "usage", "registry", "guard", "report"};
        for (int i = 0; i < layers.length; i++) {
            for (int above = i + 1; above < layers.length; above++) {
                noClasses().that().resideInAPackage("dev.driftguard.internal." + layers[i] + "..")
                        .should().dependOnClassesThat().resideInAPackage("dev.driftguard.internal." + layers[above] + "..")
                        .because(layers[i] + " lies below " + layers[above])
                        .check(SHIPPED);
            }
        }
    }
}
