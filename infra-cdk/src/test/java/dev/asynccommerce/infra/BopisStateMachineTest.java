package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;

/**
 * The real BOPIS state machine in the synthesized stack: statemachines/bopis-fulfillment.asl.json as
 * written, every placeholder substituted, logs and traces on, and a role of exactly its integrations.
 */
class BopisStateMachineTest {
    private static final Path DEFINITION = Artifacts.locate().stateMachinesDir().resolve("bopis-fulfillment.asl.json");

    /** The functions the definition's Task states call, and the alias each placeholder must stand for. */
    private static final Map<String, String> FUNCTIONS = Map.of(
            "OrderWorkflowFunction", "BopisOrderWorkflowLive",
            "PaymentCommandsFunction", "BopisPaymentCommandsLive",
            "InventoryReservationsFunction", "BopisInventoryReservationsLive",
            "FulfillmentTasksFunction", "BopisFulfillmentTasksLive",
            "NotificationsFunction", "BopisPickupReminderLive");

    private static String definition() throws IOException {
        return Files.readString(DEFINITION);
    }

    private static Set<String> matches(String text, String regex) {
        Set<String> found = new TreeSet<>();
        Matcher m = Pattern.compile(regex).matcher(text);
        while (m.find()) {
            found.add(m.group(1));
        }
        return found;
    }

    private static String machineId() {
        return Resources.logicalId("AWS::StepFunctions::StateMachine", "WorkflowsBopisFulfillment");
    }

    private static Map<String, Object> machine() {
        return props(ofType("AWS::StepFunctions::StateMachine").get(machineId()));
    }

    private static Map<String, Object> substitutions() {
        return map(machine().get("DefinitionSubstitutions"));
    }

    /** The role's statements other than log delivery and X-Ray, which accept only "*". */
    private static List<Map<String, Object>> integrationStatements() {
        String role = ofType("AWS::IAM::Role").keySet().stream()
                .filter(id -> Resources.refersTo(machine().get("RoleArn"), id))
                .findFirst()
                .orElseThrow();
        return Policies.statementsOf(role).stream()
                .filter(s -> !String.valueOf(s.get("Action")).matches("\\[?(logs|xray):.*"))
                .toList();
    }

    @Test
    void isAStandardMachineNamedAfterTheStackThatRunsTheDefinitionAsWritten() throws IOException {
        assertThat(ofType("AWS::StepFunctions::StateMachine")).hasSize(1);
        assertThat(machine())
                .containsEntry("StateMachineType", "STANDARD")
                .containsEntry("StateMachineName", "AsyncCommerce-bopis-fulfillment")
                .containsEntry("DefinitionString", definition());
    }

    @Test
    void everyPlaceholderOfTheDefinitionIsSubstituted() throws IOException {
        Set<String> placeholders = matches(definition(), "\\$\\{([A-Za-z0-9_]+)}");

        assertThat(placeholders).isNotEmpty().containsAll(FUNCTIONS.keySet());
        assertThat(substitutions()).containsKeys(placeholders.toArray(String[]::new));
        FUNCTIONS.forEach((placeholder, alias) -> assertThat(
                        String.valueOf(substitutions().get(placeholder)))
                .as(placeholder)
                .contains(Resources.logicalId("AWS::Lambda::Alias", alias)));
        assertThat(Resources.refersTo(substitutions().get("PaymentsQueueUrl"), "MessagingPaymentsQueue"))
                .isTrue();
        assertThat(substitutions())
                .containsEntry("PickingSlaSeconds", "7200")
                .containsEntry("PaymentRetryWindowSeconds", "86400")
                .containsEntry("PickupReminderLeadSeconds", "86400")
                // The first wait plus the reminder's lead is the three-day pickup window.
                .containsEntry("PickupFirstWaitSeconds", "172800");
    }

    @Test
    void logsEveryStepWithoutExecutionDataAndTraces() {
        Map<String, Object> logging = map(machine().get("LoggingConfiguration"));

        assertThat(logging).containsEntry("Level", "ALL").containsEntry("IncludeExecutionData", false);
        assertThat(String.valueOf(logging.get("Destinations"))).contains("WorkflowsBopisFulfillmentLogs");
        assertThat(map(machine().get("TracingConfiguration"))).containsEntry("Enabled", true);
    }

    @Test
    void theRoleMayInvokeExactlyTheNamedFunctionsAndSendToThePaymentsQueue() throws IOException {
        String definition = definition();
        List<String> granted = new ArrayList<>();
        for (Map<String, Object> s : integrationStatements()) {
            assertThat(s.get("Effect")).isEqualTo("Allow");
            assertThat(String.valueOf(s.get("Resource"))).doesNotContain("*");
            granted.add(s.get("Action") + " " + s.get("Resource"));
        }

        List<String> expected = new ArrayList<>();
        for (String placeholder : matches(definition, "\"FunctionName\"\\s*:\\s*\"\\$\\{([A-Za-z0-9_]+)}\"")) {
            expected.add("lambda:InvokeFunction " + substitutions().get(placeholder));
        }
        assertThat(expected).hasSize(FUNCTIONS.size());
        expected.add("sqs:SendMessage {Fn::GetAtt=[" + Resources.logicalId("AWS::SQS::Queue", "MessagingPaymentsQueue")
                + ", Arn]}");
        if (definition.contains("arn:aws:states:::events:putEvents")) {
            expected.add("events:PutEvents {Fn::GetAtt=[" + Resources.logicalId("AWS::Events::EventBus", "MessagingBus")
                    + ", Arn]}");
        }
        assertThat(granted).containsExactlyInAnyOrderElementsOf(expected);
    }
}
