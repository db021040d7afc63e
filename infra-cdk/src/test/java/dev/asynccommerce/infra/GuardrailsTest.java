package dev.asynccommerce.infra;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;
import java.util.function.Consumer;
import org.junit.jupiter.api.Test;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.dynamodb.Attribute;
import software.amazon.awscdk.services.dynamodb.AttributeType;
import software.amazon.awscdk.services.dynamodb.StreamViewType;
import software.amazon.awscdk.services.dynamodb.Table;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.LambdaFunction;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.iam.ServicePrincipal;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Permission;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.StartingPosition;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.lambda.eventsources.DynamoEventSource;
import software.amazon.awscdk.services.lambda.eventsources.SqsDlq;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;

/** The aspect fails synthesis for each rule it keeps, and lets a compliant stack through. */
class GuardrailsTest {

    private static void synthesize(Consumer<Stack> build) {
        App app = new App();
        Stack stack = new Stack(app, "Probe");
        build.accept(stack);
        Aspects.of(stack).add(new Guardrails());
        app.synth();
    }

    private static Function tracedFunction(Stack stack, String id) {
        return Function.Builder.create(stack, id)
                .runtime(Runtime.NODEJS_22_X)
                .handler("index.handler")
                .code(Code.fromInline("exports.handler = async () => ({})"))
                .tracing(Tracing.ACTIVE)
                .logGroup(LogGroup.Builder.create(stack, id + "Logs")
                        .retention(RetentionDays.ONE_WEEK)
                        .build())
                .build();
    }

    private static Queue withDlq(Stack stack, String id) {
        DeadLetters deadLetters = new DeadLetters();
        return Queue.Builder.create(stack, id)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(deadLetters.create(stack, id + "Dlq", false))
                        .maxReceiveCount(3)
                        .build())
                .build();
    }

    @Test
    void aQueueWithoutADeadLetterQueueFailsSynthesis() {
        assertThatThrownBy(() -> synthesize(stack -> new Queue(stack, "Orphan")))
                .hasMessageContaining("queue Probe/Orphan/Resource has no dead-letter queue");
    }

    @Test
    void aFunctionWithoutTracingOrLogRetentionFailsSynthesis() {
        assertThatThrownBy(() -> synthesize(stack -> Function.Builder.create(stack, "Untraced")
                        .runtime(Runtime.NODEJS_22_X)
                        .handler("index.handler")
                        .code(Code.fromInline("exports.handler = async () => ({})"))
                        .build()))
                .hasMessageContaining("Probe/Untraced does not have active X-Ray tracing")
                .hasMessageContaining("Probe/Untraced has no log group with a retention");
    }

    @Test
    void aRuleTargetWithoutADeadLetterQueueFailsSynthesis() {
        assertThatThrownBy(() -> synthesize(stack -> Rule.Builder.create(stack, "Rule")
                        .eventBus(new EventBus(stack, "Bus"))
                        .eventPattern(
                                EventPattern.builder().source(List.of("x")).build())
                        .targets(List.of(new SqsQueue(withDlq(stack, "Target"))))
                        .build()))
                .hasMessageContaining("rule Probe/Rule/Resource target")
                .hasMessageContaining("has no dead-letter queue");
    }

    @Test
    void aStreamMappingWithoutAFailureDestinationFailsSynthesis() {
        assertThatThrownBy(() -> synthesize(stack -> tracedFunction(stack, "Consumer")
                        .addEventSource(DynamoEventSource.Builder.create(streamingTable(stack))
                                .startingPosition(StartingPosition.TRIM_HORIZON)
                                .build())))
                .hasMessageContaining("has no on-failure destination");
    }

    private static Alias liveAlias(Function function) {
        return Alias.Builder.create(function, "Live")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
    }

    /** A rule on a new bus, its target with a dead-letter queue, invoking {@code function}. */
    private static void ruleInvoking(Stack stack, IFunction function) {
        Rule.Builder.create(stack, "Rule")
                .eventBus(new EventBus(stack, "Bus"))
                .eventPattern(EventPattern.builder().source(List.of("x")).build())
                .targets(List.of(LambdaFunction.Builder.create(function)
                        .deadLetterQueue(new DeadLetters().create(stack, "RuleDlq", false))
                        .build()))
                .build();
    }

    private static void failuresTo(IFunction function, Stack stack) {
        function.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .onFailure(new SqsDestination(new DeadLetters().create(stack, "AsyncFailures", false)))
                .retryAttempts(2)
                .build());
    }

    @Test
    void aFunctionARuleInvokesWithoutAnOnFailureDestinationFailsSynthesis() {
        assertThatThrownBy(() -> synthesize(stack -> ruleInvoking(stack, liveAlias(tracedFunction(stack, "Consumer")))))
                .hasMessageContaining("rule Probe/Rule/Resource target")
                .hasMessageContaining("invokes Probe/Consumer/Live (live) asynchronously")
                .hasMessageContaining("has no on-failure destination");
    }

    @Test
    void aDestinationForAnotherQualifierThanTheOneInvokedDoesNotCount() {
        assertThatThrownBy(() -> synthesize(stack -> {
                    Function function = tracedFunction(stack, "Consumer");
                    failuresTo(function, stack); // $LATEST, while the rule invokes the alias
                    ruleInvoking(stack, liveAlias(function));
                }))
                .hasMessageContaining("invokes Probe/Consumer/Live (live) asynchronously");
    }

    @Test
    void aFunctionThatAnAsyncOnlyServiceMayInvokeNeedsAnOnFailureDestinationToo() {
        assertThatThrownBy(() -> synthesize(stack -> tracedFunction(stack, "Uploads")
                        .addPermission(
                                "S3Invokes",
                                Permission.builder()
                                        .principal(new ServicePrincipal("s3.amazonaws.com"))
                                        .build())))
                .hasMessageContaining("lets s3.amazonaws.com invoke Probe/Uploads ($LATEST) asynchronously")
                .hasMessageContaining("has no on-failure destination");
    }

    @Test
    void aFunctionWithADestinationOnTheInvokedAliasOrADeadLetterQueueSynthesizes() {
        assertThatCode(() -> synthesize(stack -> {
                    Alias live = liveAlias(tracedFunction(stack, "Consumer"));
                    failuresTo(live, stack);
                    ruleInvoking(stack, live);
                    Function.Builder.create(stack, "Uploads")
                            .runtime(Runtime.NODEJS_22_X)
                            .handler("index.handler")
                            .code(Code.fromInline("exports.handler = async () => ({})"))
                            .tracing(Tracing.ACTIVE)
                            .logGroup(LogGroup.Builder.create(stack, "UploadsLogs")
                                    .retention(RetentionDays.ONE_WEEK)
                                    .build())
                            .deadLetterQueue(new DeadLetters().create(stack, "UploadsDlq", false))
                            .build()
                            .addPermission(
                                    "S3Invokes",
                                    Permission.builder()
                                            .principal(new ServicePrincipal("s3.amazonaws.com"))
                                            .build());
                }))
                .doesNotThrowAnyException();
    }

    @Test
    void aStackThatKeepsEveryRuleSynthesizes() {
        assertThatCode(() -> synthesize(stack -> {
                    Queue target = withDlq(stack, "Target");
                    Rule.Builder.create(stack, "Rule")
                            .eventBus(new EventBus(stack, "Bus"))
                            .eventPattern(
                                    EventPattern.builder().source(List.of("x")).build())
                            .targets(List.of(SqsQueue.Builder.create(target)
                                    .deadLetterQueue(new DeadLetters().create(stack, "RuleDlq", false))
                                    .maxEventAge(Duration.hours(1))
                                    .build()))
                            .build();
                    tracedFunction(stack, "Consumer")
                            .addEventSource(DynamoEventSource.Builder.create(streamingTable(stack))
                                    .startingPosition(StartingPosition.TRIM_HORIZON)
                                    .onFailure(new SqsDlq(new DeadLetters().create(stack, "StreamFailures", false)))
                                    .build());
                }))
                .doesNotThrowAnyException();
    }

    private static Table streamingTable(Stack stack) {
        return Table.Builder.create(stack, "Table")
                .partitionKey(Attribute.builder()
                        .name("pk")
                        .type(AttributeType.STRING)
                        .build())
                .stream(StreamViewType.NEW_AND_OLD_IMAGES)
                .build();
    }
}
