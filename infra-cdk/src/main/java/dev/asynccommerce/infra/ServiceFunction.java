package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.NagPackSuppression;
import io.github.cdklabs.cdknag.NagSuppressions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Annotations;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.RemovalPolicy;
import software.amazon.awscdk.services.lambda.Alias;
import software.amazon.awscdk.services.lambda.Architecture;
import software.amazon.awscdk.services.lambda.Code;
import software.amazon.awscdk.services.lambda.EventInvokeConfigOptions;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.lambda.IFunction;
import software.amazon.awscdk.services.lambda.Runtime;
import software.amazon.awscdk.services.lambda.SnapStartConf;
import software.amazon.awscdk.services.lambda.Tracing;
import software.amazon.awscdk.services.lambda.destinations.SqsDestination;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.logs.RetentionDays;
import software.amazon.awscdk.services.sqs.IQueue;
import software.constructs.Construct;

/**
 * One Lambda function per handler, all alike: Java 25 on arm64, SnapStart on a published version
 * behind the {@code live} alias (callers always invoke the alias), X-Ray active tracing, its own log
 * group with a retention, the shaded jar of its context as the asset, and Powertools-style settings in
 * the environment.
 */
public final class ServiceFunction extends Construct {
    /** Namespace of the domain metrics the functions emit (EMF) and the dashboard reads. */
    public static final String METRICS_NAMESPACE = "AsyncCommerce";

    /**
     * Retries Lambda makes when an asynchronous invocation returns a function error: 2, the most it
     * allows, one and then two minutes later. The consumers are idempotent (an inbox claim, a natural
     * no-op, or an execution named after its order), so a retry repeats only work that did not finish.
     * https://docs.aws.amazon.com/lambda/latest/dg/invocation-async-error-handling.html
     */
    public static final int ASYNC_RETRY_ATTEMPTS = 2;

    /**
     * How long Lambda keeps an accepted asynchronous event (throttled, or between retries) before
     * giving it to the on-failure destination: one hour instead of the default six. The retries above
     * fit in three minutes; an event still not handled after an hour is a stuck consumer, which the
     * failure queue's alarm reports while the workflow or customer it concerns can still be helped.
     */
    public static final Duration ASYNC_MAX_EVENT_AGE = Duration.hours(1);

    private final Function function;
    private final Alias live;

    /**
     * What differs between functions.
     *
     * @param module the context module whose shaded jar holds the handler
     * @param handler the handler class; Lambda calls its {@code handleRequest}
     */
    public record Spec(
            String module,
            String handler,
            int memoryMb,
            Duration timeout,
            String description,
            Map<String, String> environment) {}

    public ServiceFunction(Construct scope, String id, Artifacts artifacts, Spec spec) {
        super(scope, id);
        LogGroup logs = LogGroup.Builder.create(this, "Logs")
                .retention(RetentionDays.ONE_MONTH)
                .removalPolicy(RemovalPolicy.DESTROY)
                .build();
        Map<String, String> environment = new HashMap<>(spec.environment());
        environment.put("POWERTOOLS_SERVICE_NAME", spec.module());
        environment.put("POWERTOOLS_METRICS_NAMESPACE", METRICS_NAMESPACE);
        environment.put("POWERTOOLS_LOG_LEVEL", "INFO");
        environment.put("LOG_LEVEL", "INFO");
        // Tiered compilation stopped at C1 starts faster, which is what short Lambda requests feel.
        environment.put("JAVA_TOOL_OPTIONS", "-XX:+TieredCompilation -XX:TieredStopAtLevel=1");
        this.function = Function.Builder.create(this, "Function")
                .runtime(Runtime.JAVA_25)
                .architecture(Architecture.ARM_64)
                .handler(spec.handler() + "::handleRequest")
                .code(Code.fromAsset(artifacts.lambdaJar(spec.module())))
                .memorySize(spec.memoryMb())
                .timeout(spec.timeout())
                .description(spec.description())
                .tracing(Tracing.ACTIVE)
                .snapStart(SnapStartConf.ON_PUBLISHED_VERSIONS)
                .logGroup(logs)
                .environment(environment)
                .build();
        NagSuppressions.addResourceSuppressions(
                function,
                List.of(
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM4")
                                .reason("AWSLambdaBasicExecutionRole only lets the function write its own CloudWatch"
                                        + " Logs; AWS keeps it current as Lambda's logging changes")
                                .appliesTo(
                                        List.of(
                                                "Policy::arn:<AWS::Partition>:iam::aws:policy/service-role/AWSLambdaBasicExecutionRole"))
                                .build(),
                        NagPackSuppression.builder()
                                .id("AwsSolutions-IAM5")
                                .reason("X-Ray PutTraceSegments/PutTelemetryRecords and DynamoDB ListStreams have no"
                                        + " resource-level permissions; they only accept \"*\"")
                                .appliesTo(List.of("Resource::*"))
                                .build()),
                true);
        // Every function is published (currentVersion) and called only through the live alias.
        Annotations.of(function)
                .acknowledgeWarning(
                        "@aws-cdk/aws-lambda:snapStartRequirePublish",
                        "published behind the live alias, which callers use");
        this.live = Alias.Builder.create(this, "Live")
                .aliasName("live")
                .version(function.getCurrentVersion())
                .build();
    }

    /**
     * Asynchronous invocations of the live alias (EventBridge rules) that fail every attempt, or age
     * out, are sent to {@code failures} as invocation records, instead of being dropped. Also grants
     * the function's role sqs:SendMessage on that queue. Call it once per function.
     */
    public void sendAsyncFailuresTo(IQueue failures) {
        live.configureAsyncInvoke(EventInvokeConfigOptions.builder()
                .onFailure(new SqsDestination(failures))
                .retryAttempts(ASYNC_RETRY_ATTEMPTS)
                .maxEventAge(ASYNC_MAX_EVENT_AGE)
                .build());
    }

    /** The function itself, for grants and metrics. */
    public Function function() {
        return function;
    }

    /** The alias every caller (API, event source, state machine) invokes. */
    public IFunction live() {
        return live;
    }

    public Duration timeout() {
        return function.getTimeout();
    }
}
