package dev.asynccommerce.relay;

import static com.tngtech.archunit.lang.syntax.ArchRuleDefinition.noClasses;

import com.tngtech.archunit.core.importer.ImportOption;
import com.tngtech.archunit.junit.AnalyzeClasses;
import com.tngtech.archunit.junit.ArchTest;
import com.tngtech.archunit.lang.ArchRule;

@AnalyzeClasses(packages = "dev.asynccommerce.relay", importOptions = ImportOption.DoNotIncludeTests.class)
class ArchitectureTest {

    @ArchTest
    static final ArchRule applicationKnowsNoAdapterHandlerOrWiring = noClasses()
            .that()
            .resideInAPackage("..relay.application..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..relay.adapter..", "..relay.handler..")
            .orShould()
            .dependOnClassesThat()
            .haveFullyQualifiedName(OutboxRelayWiring.class.getName());

    @ArchTest
    static final ArchRule applicationKnowsNoAwsSdkLambdaOrJackson = noClasses()
            .that()
            .resideInAPackage("..relay.application..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("software.amazon..", "com.amazonaws..", "com.fasterxml.jackson..");

    @ArchTest
    static final ArchRule adaptersDoNotReachIntoHandlers = noClasses()
            .that()
            .resideInAPackage("..relay.adapter..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..relay.handler..");

    @ArchTest
    static final ArchRule adaptersStayApart = noClasses()
            .that()
            .resideInAPackage("..relay.adapter.stream..")
            .should()
            .dependOnClassesThat()
            .resideInAPackage("..relay.adapter.eventbridge..");

    @ArchTest
    static final ArchRule handlerTalksToTheBusOnlyThroughTheApplication = noClasses()
            .that()
            .resideInAPackage("..relay.handler..")
            .should()
            .dependOnClassesThat()
            .resideInAnyPackage("..relay.adapter.eventbridge..", "software.amazon.awssdk..");
}
