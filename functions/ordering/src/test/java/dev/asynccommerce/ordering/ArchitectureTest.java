package dev.asynccommerce.ordering;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static com.tngtech.archunit.library.Architectures.layeredArchitecture;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

/** The ordering context keeps its dependency directions: handler → application → domain. */
@AnalyzeClasses(packages = "dev.asynccommerce.ordering", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule layers = layeredArchitecture()
            .consideringOnlyDependenciesInLayers()
            .layer("Handler")
            .definedBy("..ordering.handler..")
            .layer("Application")
            .definedBy("..ordering.application..")
            .layer("Domain")
            .definedBy("..ordering.domain..")
            .layer("Adapter")
            .definedBy("..ordering.adapter..")
            .layer("Wiring")
            .definedBy("dev.asynccommerce.ordering")
            .whereLayer("Handler")
            .mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Application")
            .mayOnlyBeAccessedByLayers("Handler", "Adapter", "Wiring")
            .whereLayer("Adapter")
            .mayOnlyBeAccessedByLayers("Wiring")
            .whereLayer("Domain")
            .mayOnlyBeAccessedByLayers("Application", "Adapter", "Handler", "Wiring");

    @ArchTest
    static final ArchRule domainUsesOnlyTheJdkAndTheSharedKernel = classes()
            .that()
            .resideInAPackage("..ordering.domain..")
            .should()
            .onlyDependOnClassesThat()
            .resideInAnyPackage("java..", "dev.asynccommerce.kernel..", "dev.asynccommerce.ordering.domain..");

    @ArchTest
    static final ArchRule applicationKnowsNoAwsNorJsonLibrary = noClasses()
            .that()
            .resideInAPackage("..ordering.application..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage(
                    "software.amazon..",
                    "com.amazonaws..",
                    "com.fasterxml..",
                    "..ordering.adapter..",
                    "..ordering.handler..");

    @ArchTest
    static final ArchRule handlersDoNotTouchAdaptersOrAws = noClasses()
            .that()
            .resideInAPackage("..ordering.handler..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..ordering.adapter..", "software.amazon.awssdk..");
}
