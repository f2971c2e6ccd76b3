package org.rscale.report;

import static com.tngtech.archunit.library.dependencies.SlicesRuleDefinition.slices;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/**
 * The packages of this module depend one way, as the modules do (ARCHITECTURE.md): no cycle between any two of
 * them, through any class of the main code.
 */
class PackageDependenciesTest {
    @Test
    void packagesAreFreeOfCycles() {
        JavaClasses main = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages("org.rscale.report");
        slices().matching("org.rscale.(**)").should().beFreeOfCycles().check(main);
    }
}
