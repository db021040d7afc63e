package dev.asynccommerce.infra;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.assertions.Template;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.FunctionAttributes;
import software.amazon.awscdk.services.sqs.Queue;

/** State machines deploy as written, with substitutions, logs, tracing and a role of exactly their integrations. */
class WorkflowsTest {
    private static final Path FIXTURE = Path.of("src/test/resources/statemachines/fixture-flow.asl.json");
    private static Map<String, Object> machine;
    private static List<Map<String, Object>> statements;

    private static Map<String, Workflows.Target> targets(Stack stack) {
        Map<String, Workflows.Target> targets = new LinkedHashMap<>();
        targets.put(
                "PaymentsQueueUrl",
                new Workflows.Target.Queue(
                        Queue.fromQueueArn(stack, "Payments", "arn:aws:sqs:eu-west-1:123456789012:payments")));
        targets.put("OrdersTableName", new Workflows.Target.Table(Table.fromTableName(stack, "Orders", "orders")));
        targets.put(
                "InventoryTableName", new Workflows.Target.Table(Table.fromTableName(stack, "Inventory", "inventory")));
        targets.put("EventBusName", new Workflows.Target.Bus(EventBus.fromEventBusName(stack, "Bus", "domain")));
        targets.put(
                "NotifyFunction",
                new Workflows.Target.Function(Function.fromFunctionAttributes(
                        stack,
                        "Notify",
                        FunctionAttributes.builder()
                                .functionArn("arn:aws:lambda:eu-west-1:123456789012:function:notify:live")
                                .sameEnvironment(true)
                                .build())));
        targets.put("PickupWindowSeconds", new Workflows.Target.Value("259200"));
        return targets;
    }

    @BeforeAll
    static void synthesize() {
        Stack stack = new Stack(new App(), "WorkflowsFixture");
        new Workflows(stack, "Workflows", List.of(FIXTURE), targets(stack));
        Template template = Template.fromStack(stack);
        machine = Resources.map(template.findResources("AWS::StepFunctions::StateMachine")
                .values()
                .iterator()
                .next());
        statements = new ArrayList<>();
        template.findResources("AWS::IAM::Policy")
                .values()
                .forEach(p -> Resources.list(
                                Resources.map(Resources.props(Resources.map(p)).get("PolicyDocument"))
                                        .get("Statement"))
                        .forEach(s -> statements.add(Resources.map(s))));
    }

    @Test
    void deploysTheDefinitionAsWrittenWithEverySubstitution() {
        Map<String, Object> props = Resources.props(machine);
        assertThat(props.get("StateMachineType")).isEqualTo("STANDARD");
        assertThat(String.valueOf(props.get("DefinitionString"))).contains("${PaymentsQueueUrl}", "${OrdersTableName}");
        assertThat(Resources.map(props.get("DefinitionSubstitutions")))
                .containsKeys(
                        "PaymentsQueueUrl", "OrdersTableName", "EventBusName", "NotifyFunction", "PickupWindowSeconds");
    }

    @Test
    void logsEverythingButExecutionDataAndTraces() {
        Map<String, Object> props = Resources.props(machine);
        Map<String, Object> logging = Resources.map(props.get("LoggingConfiguration"));
        assertThat(logging).containsEntry("Level", "ALL").containsEntry("IncludeExecutionData", false);
        assertThat(Resources.map(props.get("TracingConfiguration"))).containsEntry("Enabled", true);
    }

    @Test
    void theRoleAllowsExactlyTheIntegrationsOfItsTaskStatesOnTheResourcesTheyName() {
        List<String> actions = new ArrayList<>();
        for (Map<String, Object> s : statements) {
            Object action = s.get("Action");
            if (action instanceof List<?> many) {
                many.forEach(a -> actions.add(String.valueOf(a)));
            } else {
                actions.add(String.valueOf(action));
            }
        }
        assertThat(actions.stream().filter(a -> !a.startsWith("logs:") && !a.startsWith("xray:")))
                .containsExactlyInAnyOrder(
                        "sqs:SendMessage", "dynamodb:UpdateItem", "events:PutEvents", "lambda:InvokeFunction");
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("dynamodb:UpdateItem");
            assertThat(String.valueOf(s.get("Resource")))
                    .contains("table/orders")
                    .doesNotContain("inventory");
        });
        assertThat(statements).anySatisfy(s -> {
            assertThat(s.get("Action")).isEqualTo("sqs:SendMessage");
            assertThat(s.get("Resource")).isEqualTo("arn:aws:sqs:eu-west-1:123456789012:payments");
        });
    }

    @Test
    void aHandWrittenArnIsRefused() {
        Stack stack = new Stack(new App(), "Bad");
        assertThatThrownBy(() -> new Workflows(
                        stack,
                        "Workflows",
                        List.of(Path.of("src/test/resources/bad-statemachines/hard-coded-arn.asl.json")),
                        targets(stack)))
                .hasMessageContaining("state 'Send'")
                .hasMessageContaining("${Substitution}");
    }

    @Test
    void anUnknownSubstitutionOrIntegrationIsRefused() {
        assertThatThrownBy(
                        () -> AslIntegrations.of(
                                new com.fasterxml.jackson.databind.ObjectMapper()
                                        .readTree(
                                                "{\"States\":{\"Put\":{\"Type\":\"Task\",\"Resource\":\"arn:aws:states:::s3:putObject\",\"Parameters\":{}}}}")))
                .hasMessageContaining("state 'Put'")
                .hasMessageContaining("s3:putObject");
        Stack stack = new Stack(new App(), "Unknown");
        Map<String, Workflows.Target> withoutQueue = targets(stack);
        withoutQueue.remove("PaymentsQueueUrl");
        assertThatThrownBy(() -> new Workflows(stack, "Workflows", List.of(FIXTURE), withoutQueue))
                .hasMessageContaining("${PaymentsQueueUrl}");
    }
}
