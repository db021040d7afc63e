package dev.asynccommerce.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.sun.net.httpserver.HttpExchange;
import com.sun.net.httpserver.HttpServer;
import dev.asynccommerce.localstack.lambda.handlers.ColdStartHandler;
import dev.asynccommerce.localstack.lambda.handlers.EchoHandler;
import dev.asynccommerce.localstack.lambda.handlers.EnvironmentHandler;
import dev.asynccommerce.localstack.lambda.handlers.FailingHandler;
import dev.asynccommerce.localstack.lambda.handlers.SleepingHandler;
import dev.asynccommerce.localstack.spi.ManualTimers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.net.URISyntaxException;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Base64;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.function.BooleanSupplier;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.lambda.LambdaClient;
import software.amazon.awssdk.services.lambda.model.GetFunctionResponse;
import software.amazon.awssdk.services.lambda.model.InvalidRequestContentException;
import software.amazon.awssdk.services.lambda.model.InvocationType;
import software.amazon.awssdk.services.lambda.model.InvokeRequest;
import software.amazon.awssdk.services.lambda.model.InvokeResponse;
import software.amazon.awssdk.services.lambda.model.LogType;
import software.amazon.awssdk.services.lambda.model.ResourceNotFoundException;
import software.amazon.awssdk.services.lambda.model.ThrottleReason;
import software.amazon.awssdk.services.lambda.model.TooManyRequestsException;

/**
 * The local Lambda end to end: functions from this module's test classes run in child JVMs through
 * AWS's runtime interface client, driven by the unmodified SDK {@link LambdaClient} through {@link
 * LambdaApi} on a JDK HTTP server. Functions are shared across tests (a cold start costs about a
 * second); each test uses its own function where process state matters.
 */
class LambdaInvokeIT {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Path CODE = testClasses();
    private static final Duration WAIT = Duration.ofSeconds(30);

    @TempDir
    static Path work;

    static ManualTimers timers;
    static LambdaService lambda;
    static HttpServer server;
    static LambdaClient client;
    static final java.util.List<String> failureRecords = new java.util.concurrent.CopyOnWriteArrayList<>();

    @BeforeAll
    static void start() throws IOException {
        timers = new ManualTimers(Instant.parse("2026-11-21T10:00:00Z"));
        lambda = LambdaService.builder()
                .workDirectory(work)
                .timers(timers)
                .asyncFailureDestinations((arn, record) -> failureRecords.add(arn + " " + record))
                .build();
        lambda.createFunction(function("echo", EchoHandler.class, Map.of()));
        lambda.createFunction(function("failing", FailingHandler.class, Map.of()));
        lambda.createFunction(function("greeter-en", EnvironmentHandler.class, Map.of("GREETING", "hello"))
                .withMemoryMb(256));
        lambda.createFunction(function("greeter-fr", EnvironmentHandler.class, Map.of("GREETING", "bonjour")));
        lambda.createFunction(function("counter", ColdStartHandler.class, Map.of()));
        lambda.createFunction(function("sleeper", SleepingHandler.class, Map.of())
                .withTimeout(Duration.ofSeconds(2))
                .withReservedConcurrency(1));
        lambda.createFunction(function("dry", EchoHandler.class, Map.of()));
        lambda.createFunction(function("async-echo", EchoHandler.class, Map.of()));
        lambda.createFunction(function("async-failing", FailingHandler.class, Map.of()));
        lambda.createFunction(function("async-destined", FailingHandler.class, Map.of()));
        lambda.createAlias("async-destined", "live", lambda.publishVersion("async-destined"));
        lambda.createFunction(function("async-aging", FailingHandler.class, Map.of()));

        LambdaApi api = new LambdaApi(lambda);
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor()); // concurrent invokes must not queue
        server.createContext("/", exchange -> serve(api, exchange));
        server.start();
        client = LambdaClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("test", "test")))
                .httpClient(UrlConnectionHttpClient.builder()
                        .socketTimeout(Duration.ofSeconds(60))
                        .build())
                .overrideConfiguration(o -> o.retryStrategy(r -> r.maxAttempts(1))) // see throttles as they are
                .build();
    }

    @AfterAll
    static void stop() {
        if (client != null) {
            client.close();
        }
        if (server != null) {
            server.stop(0);
        }
        if (lambda != null) {
            lambda.close();
        }
    }

    private static FunctionDefinition function(String name, Class<?> handler, Map<String, String> environment) {
        return FunctionDefinition.of(name, handler.getName() + "::handleRequest", CODE, environment)
                .withTimeout(Duration.ofSeconds(20));
    }

    // ------------------------------------------------------------------ synchronous invoke

    @Test
    void aSynchronousInvokeReturnsTheFunctionsResponse() throws Exception {
        InvokeResponse response = invoke("echo", "{\"order\":\"o-1\",\"lines\":[1,2]}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isNull();
        assertThat(response.executedVersion()).isEqualTo("$LATEST");
        assertThat(json(response)).isEqualTo(JSON.readTree("{\"order\":\"o-1\",\"lines\":[1,2]}"));
    }

    @Test
    void aFunctionThatThrowsIsAnUnhandledFunctionErrorWithItsErrorDocument() throws Exception {
        InvokeResponse response = invoke("failing", "{\"reason\":\"out of stock\"}");

        assertThat(response.statusCode()).isEqualTo(200);
        assertThat(response.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(response);
        assertThat(error.get("errorType").asText()).isEqualTo("java.lang.IllegalStateException");
        assertThat(error.get("errorMessage").asText()).isEqualTo("refused: out of stock");
        assertThat(error.get("stackTrace").isArray()).isTrue();
    }

    @Test
    void aFunctionPastItsTimeoutGetsLambdasTimeoutErrorAndItsProcessIsReplaced() throws Exception {
        long before = JSON.readTree(
                        invoke("sleeper", "{\"sleepMs\":0}").payload().asByteArray())
                .get("pid")
                .asLong();

        InvokeResponse timedOut = invoke("sleeper", "{\"sleepMs\":60000}");

        assertThat(timedOut.functionError()).isEqualTo("Unhandled");
        JsonNode error = json(timedOut);
        assertThat(error.get("errorType").asText()).isEqualTo("Sandbox.Timedout");
        assertThat(error.get("errorMessage").asText())
                .matches("RequestId: [0-9a-f-]{36} Error: Task timed out after 2\\.00 seconds");
        assertThat(ProcessHandle.of(before).map(ProcessHandle::isAlive).orElse(false))
                .isFalse();
        long after = JSON.readTree(
                        invoke("sleeper", "{\"sleepMs\":0}").payload().asByteArray())
                .get("pid")
                .asLong();
        assertThat(after).isNotEqualTo(before);
    }

    @Test
    void eachFunctionSeesItsOwnEnvironmentAndExactlyLambdasReservedVariables() throws Exception {
        InvokeResponse enResponse = invoke("greeter-en", "{}");
        JsonNode en = json(enResponse);
        JsonNode fr = json(invoke("greeter-fr", "{}"));
        assertThat(en.get("awsRequestId").asText())
                .as("the Context's request id is the one the Invoke API answered")
                .isEqualTo(enResponse.responseMetadata().requestId());

        assertThat(en.get("greeting").asText()).isEqualTo("hello");
        assertThat(fr.get("greeting").asText()).isEqualTo("bonjour");
        Set<String> keys = Set.copyOf(JSON.convertValue(
                        en.get("environment"),
                        new com.fasterxml.jackson.core.type.TypeReference<Map<String, String>>() {})
                .keySet());
        assertThat(keys)
                .containsExactlyInAnyOrder(
                        "GREETING",
                        "AWS_LAMBDA_RUNTIME_API",
                        "_HANDLER",
                        "AWS_EXECUTION_ENV",
                        "AWS_LAMBDA_FUNCTION_NAME",
                        "AWS_LAMBDA_FUNCTION_VERSION",
                        "AWS_LAMBDA_FUNCTION_MEMORY_SIZE",
                        "AWS_LAMBDA_INITIALIZATION_TYPE",
                        "AWS_LAMBDA_LOG_GROUP_NAME",
                        "AWS_LAMBDA_LOG_STREAM_NAME",
                        "AWS_REGION",
                        "AWS_DEFAULT_REGION",
                        "AWS_ACCESS_KEY_ID",
                        "AWS_SECRET_ACCESS_KEY",
                        "AWS_SESSION_TOKEN",
                        "LAMBDA_TASK_ROOT",
                        "LAMBDA_RUNTIME_DIR",
                        "TZ",
                        "LANG",
                        "PATH",
                        "AWS_XRAY_CONTEXT_MISSING",
                        "AWS_XRAY_DAEMON_ADDRESS",
                        "_AWS_XRAY_DAEMON_ADDRESS",
                        "_AWS_XRAY_DAEMON_PORT");
        JsonNode env = en.get("environment");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_NAME").asText()).isEqualTo("greeter-en");
        assertThat(env.get("AWS_LAMBDA_FUNCTION_MEMORY_SIZE").asText()).isEqualTo("256");
        assertThat(env.get("_HANDLER").asText()).isEqualTo(EnvironmentHandler.class.getName() + "::handleRequest");
        assertThat(env.get("TZ").asText()).isEqualTo(":UTC");
        assertThat(env.get("AWS_REGION").asText()).isEqualTo("us-east-1");
        assertThat(env.get("AWS_LAMBDA_LOG_STREAM_NAME").asText()).matches("2026/11/21/\\[\\$LATEST][0-9a-f]{32}");
        assertThat(en.get("functionName").asText()).isEqualTo("greeter-en");
        assertThat(en.get("memoryLimitInMB").asInt()).isEqualTo(256);
        assertThat(en.get("maxHeapMb").asLong()).isBetween(200L, 256L); // -Xmx256m
        assertThat(en.get("invokedFunctionArn").asText())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:greeter-en");
        assertThat(en.get("logGroupName").asText()).isEqualTo("/aws/lambda/greeter-en");
        assertThat(en.get("remainingTimeInMillis").asLong()).isBetween(1L, 20_000L);
    }

    @Test
    void theClientContextReachesTheFunctionsContext() throws Exception {
        String clientContext = Base64.getEncoder()
                .encodeToString("{\"custom\":{\"channel\":\"pos\"}}".getBytes(StandardCharsets.UTF_8));

        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName("greeter-fr")
                .clientContext(clientContext)
                .payload(SdkBytes.fromUtf8String("{}"))
                .build());

        assertThat(json(response).get("clientContextCustom")).isEqualTo(JSON.readTree("{\"channel\":\"pos\"}"));
    }

    @Test
    void aWarmEnvironmentServesSequentialInvocationsInOneProcess() throws Exception {
        JsonNode first = json(invoke("counter", "{}"));
        JsonNode second = json(invoke("counter", "{}"));
        JsonNode third = json(invoke("counter", "{}"));

        assertThat(List.of(first, second, third))
                .extracting(n -> n.get("instance").asText())
                .containsOnly(first.get("instance").asText());
        assertThat(third.get("coldStarts").asInt()).isEqualTo(1);
        assertThat(third.get("invocation").asInt())
                .isEqualTo(first.get("invocation").asInt() + 2);
        assertThat(lambda.processes("counter"))
                .extracting(ProcessHandle::pid)
                .containsExactly(third.get("pid").asLong());
    }

    @Test
    void anInvokeBeyondReservedConcurrencyIsThrottled() throws Exception {
        CompletableFuture<InvokeResponse> running =
                CompletableFuture.supplyAsync(() -> invoke("sleeper", "{\"sleepMs\":1000}"));
        awaitTrue(() -> lambda.concurrentExecutions("sleeper") == 1);

        assertThatThrownBy(() -> invoke("sleeper", "{\"sleepMs\":0}"))
                .isInstanceOfSatisfying(TooManyRequestsException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(429);
                    assertThat(e.reason())
                            .isEqualTo(ThrottleReason.RESERVED_FUNCTION_CONCURRENT_INVOCATION_LIMIT_EXCEEDED);
                    assertThat(e.awsErrorDetails().errorMessage()).isEqualTo("Rate Exceeded.");
                });
        InvokeResponse first = running.get();
        assertThat(first.functionError()).isNull();
        assertThat(json(first).get("slept").asLong()).isEqualTo(1000L);
        assertThat(invoke("sleeper", "{\"sleepMs\":0}").functionError()).isNull(); // free again
    }

    // ------------------------------------------------------------------ versions, aliases, ARNs

    @Test
    void versionsAndAliasesAreInvokedByNameQualifierAndArn() throws Exception {
        lambda.createFunction(function("versioned", EnvironmentHandler.class, Map.of("GREETING", "v1")));
        String version = lambda.publishVersion("versioned");
        String aliasArn = lambda.createAlias("versioned", "live", version);
        String arn = lambda.functionArn("versioned");

        InvokeResponse byAliasArn = invoke(aliasArn, "{}");
        InvokeResponse byNameAndQualifier = client.invoke(InvokeRequest.builder()
                .functionName("versioned")
                .qualifier("live")
                .payload(SdkBytes.fromUtf8String("{}"))
                .build());
        InvokeResponse byQualifiedArn = invoke(arn + ":" + version, "{}");
        InvokeResponse byArn = invoke(arn, "{}");

        assertThat(version).isEqualTo("1");
        assertThat(byAliasArn.executedVersion()).isEqualTo("1");
        assertThat(json(byAliasArn).get("invokedFunctionArn").asText()).isEqualTo(arn + ":live");
        assertThat(json(byAliasArn).get("functionVersion").asText()).isEqualTo("1");
        assertThat(byNameAndQualifier.executedVersion()).isEqualTo("1");
        assertThat(json(byQualifiedArn).get("invokedFunctionArn").asText()).isEqualTo(arn + ":1");
        assertThat(byArn.executedVersion()).isEqualTo("$LATEST");
        assertThat(json(byArn).get("functionVersion").asText()).isEqualTo("$LATEST");
        assertThatThrownBy(() -> invoke("versioned:nope", "{}"))
                .isInstanceOfSatisfying(
                        ResourceNotFoundException.class,
                        e -> assertThat(e.awsErrorDetails().errorMessage())
                                .isEqualTo("Function not found: " + arn + ":nope"));
    }

    // ------------------------------------------------------------------ API edges

    @Test
    void anUnknownFunctionIsResourceNotFound() {
        assertThatThrownBy(() -> invoke("no-such-function", "{}"))
                .isInstanceOfSatisfying(ResourceNotFoundException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(404);
                    assertThat(e.awsErrorDetails().errorMessage())
                            .isEqualTo(
                                    "Function not found: arn:aws:lambda:us-east-1:000000000000:function:no-such-function");
                });
    }

    @Test
    void aPayloadThatIsNotJsonIsInvalidRequestContent() {
        assertThatThrownBy(() -> invoke("echo", "not json"))
                .isInstanceOfSatisfying(InvalidRequestContentException.class, e -> {
                    assertThat(e.statusCode()).isEqualTo(400);
                    assertThat(e.awsErrorDetails().errorMessage()).startsWith("Could not parse request body into json");
                });
    }

    @Test
    void aDryRunValidatesAndRunsNothing() {
        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName("dry")
                .invocationType(InvocationType.DRY_RUN)
                .payload(SdkBytes.fromUtf8String("{}"))
                .build());

        assertThat(response.statusCode()).isEqualTo(204);
        assertThat(lambda.processes("dry")).isEmpty();
    }

    @Test
    void logTypeTailReturnsTheInvocationsLog() throws Exception {
        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName("echo")
                .logType(LogType.TAIL)
                .payload(SdkBytes.fromUtf8String("{\"tail\":\"me\"}"))
                .build());

        String log = new String(Base64.getDecoder().decode(response.logResult()), StandardCharsets.UTF_8);
        String requestId = response.responseMetadata().requestId();
        assertThat(log)
                .contains("START RequestId: " + requestId + " Version: $LATEST")
                .contains("echo {tail=me}")
                .contains("END RequestId: " + requestId)
                .containsPattern("REPORT RequestId: " + requestId + "\tDuration: [0-9.]+ ms");
        assertThat(log.indexOf("START")).isLessThan(log.indexOf("echo {tail=me}"));
        assertThat(log.indexOf("echo {tail=me}")).isLessThan(log.indexOf("END RequestId"));
        assertThat(Files.readString(lambda.logFile("echo"))).contains(log);
    }

    @Test
    void getFunctionDescribesTheFunction() {
        GetFunctionResponse response = client.getFunction(b -> b.functionName("greeter-fr"));

        assertThat(response.configuration().functionName()).isEqualTo("greeter-fr");
        assertThat(response.configuration().functionArn())
                .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:greeter-fr");
        assertThat(response.configuration().handler())
                .isEqualTo(EnvironmentHandler.class.getName() + "::handleRequest");
        assertThat(response.configuration().timeout()).isEqualTo(20);
        assertThat(response.configuration().environment().variables()).containsEntry("GREETING", "bonjour");
    }

    // ------------------------------------------------------------------ asynchronous invoke

    @Test
    void anEventInvokeRunsTheFunctionLater() throws Exception {
        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName("async-echo")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"async\":true}"))
                .build());
        String requestId = response.responseMetadata().requestId();

        assertThat(response.statusCode()).isEqualTo(202);
        awaitTrue(() -> count(lambda.logFile("async-echo"), "END RequestId: " + requestId) == 1);
        assertThat(Files.readString(lambda.logFile("async-echo"))).contains("echo {async=true}");
        assertThat(lambda.awaitIdle(WAIT)).isTrue();
        assertThat(timers.pending()).isZero(); // succeeded: nothing to retry
    }

    @Test
    void aFailedEventInvokeIsRetriedTwiceOneAndTwoMinutesLater() throws Exception {
        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName("async-failing")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"reason\":\"always\"}"))
                .build());
        String requestId = response.responseMetadata().requestId();
        Path log = lambda.logFile("async-failing");
        String attempt = "failing " + requestId;

        awaitTrue(() -> count(log, attempt) == 1 && lambda.awaitIdle(Duration.ZERO));
        assertThat(timers.pending()).isEqualTo(1);

        timers.advance(Duration.ofSeconds(59));
        assertThat(timers.pending()).isEqualTo(1);
        assertThat(count(log, attempt)).isEqualTo(1);

        timers.advance(Duration.ofSeconds(1));
        awaitTrue(() -> count(log, attempt) == 2 && lambda.awaitIdle(Duration.ZERO));
        assertThat(timers.nextDue()).isEqualTo(timers.now().plus(Duration.ofMinutes(2)));

        timers.advance(Duration.ofMinutes(2));
        awaitTrue(() -> count(log, attempt) == 3 && lambda.awaitIdle(Duration.ZERO));
        assertThat(timers.pending()).isZero(); // two retries, then discarded

        timers.advance(Duration.ofMinutes(10));
        assertThat(count(log, attempt)).isEqualTo(3);
    }

    @Test
    void anAliasWhoseRetriesAreSpentSendsItsInvocationRecordToItsOnFailureQueue() throws Exception {
        String queue = "arn:aws:sqs:us-east-1:000000000000:async-destined-failures";
        lambda.putEventInvokeConfig("async-destined", "live", new AsyncInvokeConfig(1, Duration.ofHours(1), queue));
        InvokeResponse response = client.invoke(InvokeRequest.builder()
                .functionName("async-destined")
                .qualifier("live")
                .invocationType(InvocationType.EVENT)
                .payload(SdkBytes.fromUtf8String("{\"reason\":\"always\"}"))
                .build());
        String requestId = response.responseMetadata().requestId();
        Path log = lambda.logFile("async-destined");
        String attempt = "failing " + requestId;
        awaitTrue(() -> count(log, attempt) == 1 && lambda.awaitIdle(Duration.ZERO));
        assertThat(recordsFor(requestId)).as("one retry is left").isEmpty();

        timers.advance(Duration.ofMinutes(1));
        awaitTrue(() -> count(log, attempt) == 2 && lambda.awaitIdle(Duration.ZERO));

        assertThat(recordsFor(requestId)).singleElement().satisfies(sent -> {
            assertThat(sent).startsWith(queue + " ");
            JsonNode record = JSON.readTree(sent.substring(queue.length() + 1));
            assertThat(record.path("version").asText()).isEqualTo("1.0");
            assertThat(record.at("/requestContext/requestId").asText()).isEqualTo(requestId);
            assertThat(record.at("/requestContext/functionArn").asText())
                    .isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:async-destined:live");
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("RetriesExhausted");
            assertThat(record.at("/requestContext/approximateInvokeCount").asInt())
                    .isEqualTo(2);
            assertThat(record.path("requestPayload").toString()).isEqualTo("{\"reason\":\"always\"}");
            assertThat(record.at("/responseContext/statusCode").asInt()).isEqualTo(200);
            assertThat(record.at("/responseContext/executedVersion").asText()).isEqualTo("1");
            assertThat(record.at("/responseContext/functionError").asText()).isEqualTo("Unhandled");
            assertThat(record.at("/responsePayload/errorMessage").asText()).isNotEmpty();
        });
        assertThat(timers.pending()).isZero();
    }

    @Test
    void anEventThatWouldOutliveItsMaximumAgeIsGivenUpAsTooOld() throws Exception {
        String queue = "arn:aws:sqs:us-east-1:000000000000:async-aging-failures";
        lambda.putEventInvokeConfig("async-aging", null, new AsyncInvokeConfig(2, Duration.ofSeconds(90), queue));
        String requestId = client.invoke(InvokeRequest.builder()
                        .functionName("async-aging")
                        .invocationType(InvocationType.EVENT)
                        .payload(SdkBytes.fromUtf8String("{\"reason\":\"always\"}"))
                        .build())
                .responseMetadata()
                .requestId();
        Path log = lambda.logFile("async-aging");
        String attempt = "failing " + requestId;
        awaitTrue(() -> count(log, attempt) == 1 && lambda.awaitIdle(Duration.ZERO));

        // The first retry (at 60 s) is within 90 s; the second would be at 180 s, past it.
        timers.advance(Duration.ofMinutes(1));
        awaitTrue(() -> count(log, attempt) == 2 && lambda.awaitIdle(Duration.ZERO));

        assertThat(recordsFor(requestId)).singleElement().satisfies(sent -> {
            JsonNode record = JSON.readTree(sent.substring(queue.length() + 1));
            assertThat(record.at("/requestContext/condition").asText()).isEqualTo("EventAgeExceeded");
            assertThat(record.at("/requestContext/functionArn").asText()).endsWith(":function:async-aging:$LATEST");
            assertThat(record.at("/requestContext/approximateInvokeCount").asInt())
                    .isEqualTo(2);
        });
        assertThat(timers.pending()).isZero();
    }

    @Test
    void anAsyncConfigOutsideLambdasLimitsIsRefused() {
        assertThatThrownBy(() -> new AsyncInvokeConfig(3, Duration.ofHours(1), null))
                .isInstanceOf(LambdaException.class)
                .hasMessageContaining("MaximumRetryAttempts");
        assertThatThrownBy(() -> new AsyncInvokeConfig(0, Duration.ofSeconds(59), null))
                .hasMessageContaining("MaximumEventAgeInSeconds");
        assertThatThrownBy(() -> new AsyncInvokeConfig(0, Duration.ofHours(7), null))
                .hasMessageContaining("MaximumEventAgeInSeconds");
        assertThatThrownBy(() -> lambda.putEventInvokeConfig("async-destined", "nope", AsyncInvokeConfig.DEFAULT))
                .isInstanceOf(LambdaException.class);
    }

    private static java.util.List<String> recordsFor(String requestId) {
        return failureRecords.stream().filter(r -> r.contains(requestId)).toList();
    }

    // ------------------------------------------------------------------ helpers

    private static InvokeResponse invoke(String function, String payload) {
        return client.invoke(InvokeRequest.builder()
                .functionName(function)
                .payload(SdkBytes.fromUtf8String(payload))
                .build());
    }

    private static JsonNode json(InvokeResponse response) throws IOException {
        return JSON.readTree(response.payload().asByteArray());
    }

    /** How often {@code text} stands in {@code file} (a function's log). */
    static int count(Path file, String text) {
        try {
            Matcher m = Pattern.compile(Pattern.quote(text)).matcher(Files.readString(file));
            int n = 0;
            while (m.find()) {
                n++;
            }
            return n;
        } catch (IOException e) {
            throw new IllegalStateException(e);
        }
    }

    /** Polls until the condition holds (no sleeping in tests: this parks briefly between polls). */
    static void awaitTrue(BooleanSupplier condition) {
        long deadline = System.nanoTime() + WAIT.toNanos();
        while (!condition.getAsBoolean()) {
            if (System.nanoTime() > deadline) {
                throw new AssertionError("condition not met within " + WAIT);
            }
            java.util.concurrent.locks.LockSupport.parkNanos(
                    Duration.ofMillis(20).toNanos());
        }
    }

    private static void serve(LambdaApi api, HttpExchange exchange) throws IOException {
        try (exchange) {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            Map<String, String> headers = new HashMap<>();
            exchange.getRequestHeaders().forEach((k, v) -> headers.put(k, v.getFirst()));
            Map<String, String> query = new HashMap<>();
            String rawQuery = exchange.getRequestURI().getRawQuery();
            if (rawQuery != null) {
                for (String pair : rawQuery.split("&")) {
                    int eq = pair.indexOf('=');
                    query.put(
                            URLDecoder.decode(eq < 0 ? pair : pair.substring(0, eq), StandardCharsets.UTF_8),
                            eq < 0 ? "" : URLDecoder.decode(pair.substring(eq + 1), StandardCharsets.UTF_8));
                }
            }
            LambdaApi.ApiResponse response = api.handle(
                    exchange.getRequestMethod(), exchange.getRequestURI().getRawPath(), query, headers, body);
            response.headers().forEach((k, v) -> exchange.getResponseHeaders().set(k, v));
            exchange.sendResponseHeaders(response.status(), response.body().length == 0 ? -1 : response.body().length);
            if (response.body().length > 0) {
                try (OutputStream out = exchange.getResponseBody()) {
                    out.write(response.body());
                }
            }
        }
    }

    /** Where the test handlers are compiled: the code of every test function. */
    static Path testClasses() {
        try {
            return Path.of(LambdaInvokeIT.class
                    .getProtectionDomain()
                    .getCodeSource()
                    .getLocation()
                    .toURI());
        } catch (URISyntaxException e) {
            throw new IllegalStateException(e);
        }
    }
}
