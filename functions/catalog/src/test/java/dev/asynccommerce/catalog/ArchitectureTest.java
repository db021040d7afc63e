package dev.asynccommerce.catalog;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;
import static org.assertj.core.api.Assertions.assertThat;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import org.junit.jupiter.api.Test;

/** The dependency directions of the context: handler → application → domain, adapter → both. */
class ArchitectureTest {
    private static final String BASE = "dev.asynccommerce.catalog";
    private static final JavaClasses CLASSES = new ClassFileImporter()
            .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
            .importPackages(BASE);

    @Test
    void importsTheWholeContext() {
        // Guards the rules below against passing vacuously on an empty import.
        assertThat(CLASSES.containPackage(BASE + ".domain")).isTrue();
        assertThat(CLASSES.containPackage(BASE + ".application")).isTrue();
        assertThat(CLASSES.containPackage(BASE + ".adapter.dynamodb")).isTrue();
        assertThat(CLASSES.containPackage(BASE + ".handler")).isTrue();
    }

    @Test
    void domainUsesTheJdkAndTheSharedKernelOnly() {
        classes()
                .that()
                .resideInAPackage(BASE + ".domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.asynccommerce.kernel..", BASE + ".domain..")
                .check(CLASSES);
    }

    @Test
    void applicationKnowsNoAdapterHandlerAwsSdkOrJackson() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        BASE + ".adapter..",
                        BASE + ".handler..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "com.fasterxml.jackson..",
                        "dev.asynccommerce.platform..")
                .orShould()
                .dependOnClassesThat(equivalentTo(CatalogWiring.class))
                .check(CLASSES);
    }

    @Test
    void handlersUseTheApplicationAndPlatformHttpOnly() {
        classes()
                .that()
                .resideInAPackage(BASE + ".handler..")
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage(
                                "java..",
                                "dev.asynccommerce.kernel..",
                                BASE + ".application..",
                                BASE + ".handler..",
                                "dev.asynccommerce.platform.http..",
                                "com.amazonaws.services.lambda.runtime..",
                                "org.apache.logging.log4j..")
                        .or(describe("the context's wiring", equivalentTo(CatalogWiring.class)::test)))
                .check(CLASSES);
    }

    @Test
    void adaptersDoNotReachIntoHandlersOrTheWiring() {
        noClasses()
                .that()
                .resideInAPackage(BASE + ".adapter..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(BASE + ".handler..")
                .orShould()
                .dependOnClassesThat(equivalentTo(CatalogWiring.class))
                .check(CLASSES);
    }
}
