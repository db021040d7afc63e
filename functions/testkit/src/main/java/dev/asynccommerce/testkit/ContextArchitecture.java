package dev.asynccommerce.testkit;

import static com.tngtech.archunit.base.DescribedPredicate.describe;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.equivalentTo;
import static com.tngtech.archunit.core.domain.JavaClass.Predicates.resideInAnyPackage;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.classes;
import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.domain.JavaClasses;
import com.tngtech.archunit.core.importer.ClassFileImporter;
import com.tngtech.archunit.core.importer.ImportOption;
import java.util.ArrayList;
import java.util.List;

/**
 * The dependency rules every bounded context keeps (STYLE.md): {@code handler → application →
 * domain}, {@code adapter → application/domain}, the domain on the JDK and the shared kernel only,
 * the application free of AWS and JSON libraries, one wiring class that nothing inside depends on.
 * Each context's {@code ArchitectureTest} runs these against its own production classes.
 */
public final class ContextArchitecture {
    private final String base;
    private final Class<?> wiring;
    private final JavaClasses classes;

    private ContextArchitecture(String base, Class<?> wiring) {
        this.base = base;
        this.wiring = wiring;
        this.classes = new ClassFileImporter()
                .withImportOption(ImportOption.Predefined.DO_NOT_INCLUDE_TESTS)
                .importPackages(base);
    }

    /** The context rooted at {@code basePackage}, composed by {@code wiring}. */
    public static ContextArchitecture of(String basePackage, Class<?> wiring) {
        return new ContextArchitecture(basePackage, wiring);
    }

    /** Guards the rules against passing vacuously: each named layer must have been imported. */
    public void hasLayers(String... subpackages) {
        List<String> missing = new ArrayList<>();
        for (String sub : subpackages) {
            if (!classes.containPackage(base + "." + sub)) {
                missing.add(sub);
            }
        }
        if (!missing.isEmpty()) {
            throw new AssertionError("no production classes found in " + base + " packages " + missing);
        }
    }

    public void domainUsesTheJdkAndTheSharedKernelOnly() {
        classes()
                .that()
                .resideInAPackage(base + ".domain..")
                .should()
                .onlyDependOnClassesThat()
                .resideInAnyPackage("java..", "dev.asynccommerce.kernel..", base + ".domain..")
                .check(classes);
    }

    /** Use cases see ports and the domain; events-schema is allowed, being the published language. */
    public void applicationKnowsNoAdapterHandlerAwsSdkOrJsonLibrary() {
        noClasses()
                .that()
                .resideInAPackage(base + ".application..")
                .should()
                .dependOnClassesThat()
                .resideInAnyPackage(
                        base + ".adapter..",
                        base + ".handler..",
                        "software.amazon..",
                        "com.amazonaws..",
                        "com.fasterxml.jackson..",
                        "dev.asynccommerce.platform..")
                .orShould()
                .dependOnClassesThat(equivalentTo(wiring))
                .check(classes);
    }

    /**
     * Handlers translate: the Lambda event types, platform's HTTP helpers, the use cases and the
     * wiring. {@code domainValues} also lets them read domain types the use cases hand back.
     */
    public void handlersUseTheApplicationAndPlatformHttpOnly(boolean domainValues) {
        List<String> allowed = new ArrayList<>(List.of(
                "java..",
                "dev.asynccommerce.kernel..",
                base + ".application..",
                base + ".handler..",
                "dev.asynccommerce.platform.http..",
                "com.amazonaws.services.lambda.runtime..",
                "com.fasterxml.jackson..",
                "org.apache.logging.log4j.."));
        if (domainValues) {
            allowed.add(base + ".domain..");
        }
        classes()
                .that()
                .resideInAPackage(base + ".handler..")
                .should()
                .onlyDependOnClassesThat(resideInAnyPackage(allowed.toArray(String[]::new))
                        .or(describe("the context's wiring", equivalentTo(wiring)::test)))
                .check(classes);
    }

    public void adaptersDoNotReachIntoHandlersOrTheWiring() {
        noClasses()
                .that()
                .resideInAPackage(base + ".adapter..")
                .should()
                .dependOnClassesThat()
                .resideInAPackage(base + ".handler..")
                .orShould()
                .dependOnClassesThat(equivalentTo(wiring))
                .check(classes);
    }
}
