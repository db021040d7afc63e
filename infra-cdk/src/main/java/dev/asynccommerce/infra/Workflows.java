package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.ITable;
import software.amazon.awscdk.services.events.IEventBus;
import software.amazon.awscdk.services.iam.PolicyStatement;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.amazon.awscdk.services.stepfunctions.DefinitionBody;
import software.amazon.awscdk.services.stepfunctions.LogLevel;
import software.amazon.awscdk.services.stepfunctions.LogOptions;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.amazon.awscdk.services.stepfunctions.StateMachineType;
import software.constructs.Construct;

/**
 * Every {@code statemachines/*.asl.json} as a STANDARD state machine, deployed as written: ARNs and
 * names enter only through DefinitionSubstitutions, logging (ALL, without execution data, which may
 * be personal) and X-Ray tracing are on, and the role allows exactly the integrations the definition's
 * Task states use on exactly the resources they name.
 */
public final class Workflows extends Construct {
    private final Map<String, StateMachine> machines = new LinkedHashMap<>();

    /** What a {@code ${Name}} in ASL may stand for. */
    public sealed interface Target {
        String substitution();

        record Function(IFunction function) implements Target {
            public String substitution() {
                return function.getFunctionArn();
            }
        }

        record Queue(IQueue queue) implements Target {
            public String substitution() {
                return queue.getQueueUrl();
            }
        }

        record Bus(IEventBus bus) implements Target {
            public String substitution() {
                return bus.getEventBusName();
            }
        }

        record Table(ITable table) implements Target {
            public String substitution() {
                return table.getTableName();
            }
        }

        /** Plain values (a pickup window, a timeout) that grant nothing. */
        record Value(String value) implements Target {
            public String substitution() {
                return value;
            }
        }
    }

    public Workflows(Construct scope, String id, List<Path> definitions, Map<String, Target> targets) {
        super(scope, id);
        for (Path definition : definitions) {
            String name = definition.getFileName().toString().replace(".asl.json", "");
            machines.put(name, machine(name, definition, targets));
        }
    }

    private StateMachine machine(String name, Path definition, Map<String, Target> targets) {
        String id = camel(name);
        LogGroup logs = LogGroup.Builder.create(this, id + "Logs")
                .retention(RetentionDays.THREE_MONTHS)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Map<String, String> substitutions = new LinkedHashMap<>();
        targets.forEach((key, target) -> substitutions.put(key, target.substitution()));
        StateMachine machine = StateMachine.Builder.create(this, id)
                .stateMachineName(machineName(Stack.of(this), name))
                .definitionBody(DefinitionBody.fromString(read(definition)))
                .definitionSubstitutions(substitutions)
                .stateMachineType(StateMachineType.STANDARD)
                .tracingEnabled(true)
                .logs(LogOptions.builder()
                        .destination(logs)
                        .level(LogLevel.ALL)
                        .includeExecutionData(false)
                        .build())
                .build();
        grant(machine, definition, targets);
        NagSuppressions.addResourceSuppressions(
                machine,
                List.of(NagPackSuppression.builder()
                        .id("AwsSolutions-IAM5")
                        .reason("Log delivery (logs:CreateLogDelivery and the rest) and X-Ray PutTraceSegments have no"
                                + " resource-level permissions; they only accept \"*\"")
                        .appliesTo(List.of("Resource::*"))
                        .build()),
                true);
        return machine;
    }

    private void grant(StateMachine machine, Path definition, Map<String, Target> targets) {
        Set<String> granted = new HashSet<>();
        for (AslIntegrations.Use use : AslIntegrations.of(definition)) {
            Target target = targets.get(use.target());
            if (target == null) {
                throw new IllegalArgumentException(definition.getFileName() + ": state '" + use.state() + "' names ${"
                        + use.target() + "}, which the stack does not define");
            }
            if (!granted.add(use.kind() + "|" + use.target() + "|" + use.action())) {
                continue;
            }
            String arn = switch (target) {
                case Target.Function f
                when use.kind() == AslIntegrations.Kind.LAMBDA -> f.function().getFunctionArn();
                case Target.Queue q
                when use.kind() == AslIntegrations.Kind.SQS -> q.queue().getQueueArn();
                case Target.Bus b
                when use.kind() == AslIntegrations.Kind.EVENTS -> b.bus().getEventBusArn();
                case Target.Table t
                when use.kind() == AslIntegrations.Kind.DYNAMODB -> t.table().getTableArn();
                default ->
                    throw new IllegalArgumentException(definition.getFileName() + ": state '" + use.state() + "' uses "
                            + use.kind() + " on ${" + use.target() + "}, which is not a " + use.kind() + " resource");
            };
            // One action on one resource: the convenience grants would add reads the definition never makes.
            machine.addToRolePolicy(PolicyStatement.Builder.create()
                    .actions(List.of(use.action()))
                    .resources(List.of(arn))
                    .build());
        }
    }

    /** Inline in the template, so the template alone describes the machine (the local stack reads only it). */
    private static String read(Path definition) {
        try {
            return Files.readString(definition);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + definition, e);
        }
    }

    /**
     * The name of the machine of {@code statemachines/<definition>.asl.json} in {@code stack}: known
     * before the machine exists, so that the functions its tasks call may name it in their grants.
     */
    public static String machineName(Stack stack, String definition) {
        return stack.getStackName() + "-" + definition;
    }

    public Map<String, StateMachine> machines() {
        return Map.copyOf(machines);
    }

    private static String camel(String name) {
        StringBuilder out = new StringBuilder();
        for (String part : name.split("[^A-Za-z0-9]+")) {
            if (!part.isEmpty()) {
                out.append(Character.toUpperCase(part.charAt(0))).append(part.substring(1));
            }
        }
        return out.toString();
    }
}
