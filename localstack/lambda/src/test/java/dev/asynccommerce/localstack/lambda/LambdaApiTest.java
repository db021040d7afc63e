package dev.asynccommerce.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.lambda.LambdaApi.ApiResponse;
import dev.asynccommerce.localstack.spi.ManualTimers;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The Invoke API's validation and errors, and function addressing: everything decided before a process
 * would start, so no function runs here.
 */
class LambdaApiTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String ARN = "arn:aws:lambda:us-east-1:000000000000:function:orders";

    @TempDir
    Path work;

    private final ManualTimers timers = new ManualTimers(Instant.parse("2026-11-21T10:00:00Z"));
    private LambdaService lambda;
    private LambdaApi api;

    @BeforeEach
    void setUp() {
        lambda = LambdaService.builder().workDirectory(work).timers(timers).build();
        lambda.createFunction(FunctionDefinition.of("orders", "x.Handler::handle", work, Map.of("A", "1")));
        lambda.publishVersion("orders");
        lambda.createAlias("orders", "live", "1");
        api = new LambdaApi(lambda);
    }

    @AfterEach
    void tearDown() {
        lambda.close();
    }

    @Test
    void everyWayOfNamingAFunctionResolves() {
        assertThat(lambda.resolve("orders", null).invokedArn()).isEqualTo(ARN);
        assertThat(lambda.resolve(ARN, null).version()).isEqualTo("$LATEST");
        assertThat(lambda.resolve("000000000000:function:orders", null).invokedArn())
                .isEqualTo(ARN);
        assertThat(lambda.resolve("orders:1", null).version()).isEqualTo("1");
        assertThat(lambda.resolve(ARN + ":live", null).invokedArn()).isEqualTo(ARN + ":live");
        assertThat(lambda.resolve(ARN + ":live", null).version()).isEqualTo("1");
        assertThat(lambda.resolve("orders", "live").invokedArn()).isEqualTo(ARN + ":live");
        assertThat(lambda.resolve("orders", "$LATEST").invokedArn()).isEqualTo(ARN + ":$LATEST");
    }

    @Test
    void anArnOfAnotherRegionOrAccountIsNotFound() {
        assertThatThrownBy(() -> lambda.resolve("arn:aws:lambda:eu-west-1:000000000000:function:orders", null))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("ResourceNotFoundException");
                    assertThat(e.getMessage())
                            .isEqualTo("Function not found: arn:aws:lambda:eu-west-1:000000000000:function:orders");
                });
        assertThatThrownBy(() -> lambda.resolve("111111111111:function:orders", null))
                .isInstanceOfSatisfying(
                        LambdaException.class, e -> assertThat(e.errorType()).isEqualTo("ResourceNotFoundException"));
    }

    @Test
    void aQualifierThatContradictsTheNameIsRefused() throws IOException {
        ApiResponse response = invoke(ARN + ":live", Map.of("Qualifier", "1"), Map.of(), "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "InvalidParameterValueException");
        assertThat(body(response).get("message").asText())
                .isEqualTo("The derived qualifier from the function name does not match the specified qualifier.");
    }

    @Test
    void aPercentEncodedArnInThePathIsDecoded() {
        String path = "/2015-03-31/functions/" + ARN.replace(":", "%3A") + "/invocations";

        ApiResponse response =
                api.handle("POST", path, Map.of(), Map.of("X-Amz-Invocation-Type", "DryRun"), bytes("{}"));

        assertThat(response.status()).isEqualTo(204);
        assertThat(response.headers()).containsKey("x-amzn-RequestId");
        assertThat(lambda.processes()).isEmpty();
    }

    @Test
    void anUnknownInvocationTypeIsAValidationError() throws IOException {
        ApiResponse response = invoke("orders", Map.of(), Map.of("x-amz-invocation-type", "Later"), "{}");

        assertThat(response.status()).isEqualTo(400);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "ValidationException");
        assertThat(body(response).get("Type").asText()).isEqualTo("User");
    }

    @Test
    void anEventPayloadOverTheAsynchronousLimitIsTooLarge() {
        String big = "{\"a\":\"" + "x".repeat(LambdaService.MAX_ASYNC_PAYLOAD) + "\"}";

        ApiResponse response = invoke("orders", Map.of(), Map.of("X-Amz-Invocation-Type", "Event"), big);

        assertThat(response.status()).isEqualTo(413);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "RequestTooLargeException");
    }

    @Test
    void anUnknownRouteIsNotServed() {
        ApiResponse response = api.handle("DELETE", "/2015-03-31/functions/orders", Map.of(), Map.of(), new byte[0]);

        assertThat(response.status()).isEqualTo(404);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "UnknownOperationException");
    }

    @Test
    void aFunctionMayNotSetReservedVariablesOrExistTwice() {
        assertThatThrownBy(() -> lambda.createFunction(
                        FunctionDefinition.of("bad", "x.H::h", work, Map.of("AWS_REGION", "eu-west-1", "TZ", "x"))))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("InvalidParameterValueException");
                    assertThat(e.getMessage()).endsWith("Reserved keys used in this request: AWS_REGION, TZ");
                });
        assertThatThrownBy(() -> lambda.createFunction(FunctionDefinition.of("orders", "x.H::h", work, Map.of())))
                .isInstanceOfSatisfying(LambdaException.class, e -> {
                    assertThat(e.errorType()).isEqualTo("ResourceConflictException");
                    assertThat(e.status()).isEqualTo(409);
                });
    }

    @Test
    void aReservedConcurrencyOfZeroThrottlesEveryInvoke() throws IOException {
        lambda.createFunction(
                FunctionDefinition.of("off", "x.H::h", work, Map.of()).withReservedConcurrency(0));

        ApiResponse response = invoke("off", Map.of(), Map.of(), "{}");

        assertThat(response.status()).isEqualTo(429);
        assertThat(response.headers()).containsEntry("x-amzn-ErrorType", "TooManyRequestsException");
        assertThat(body(response).get("Reason").asText())
                .isEqualTo("ReservedFunctionConcurrentInvocationLimitExceeded");
        assertThat(lambda.processes()).isEmpty();
    }

    @Test
    void aThrottledEventGoesBackToTheQueueWithGrowingBackoff() {
        lambda.createFunction(
                FunctionDefinition.of("off", "x.H::h", work, Map.of()).withReservedConcurrency(0));

        ApiResponse accepted = invoke("off", Map.of(), Map.of("X-Amz-Invocation-Type", "Event"), "{}");

        assertThat(accepted.status()).isEqualTo(202);
        assertThat(lambda.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(timers.nextDue()).isEqualTo(timers.now().plusSeconds(1));
        timers.advance(Duration.ofSeconds(1));
        assertThat(lambda.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(timers.nextDue()).isEqualTo(timers.now().plusSeconds(2));
        timers.advance(Duration.ofSeconds(2));
        assertThat(lambda.awaitIdle(Duration.ofSeconds(10))).isTrue();
        assertThat(timers.nextDue()).isEqualTo(timers.now().plusSeconds(4));
        assertThat(timers.pending()).isEqualTo(1);
    }

    private ApiResponse invoke(String name, Map<String, String> query, Map<String, String> headers, String body) {
        return api.handle("POST", "/2015-03-31/functions/" + name + "/invocations", query, headers, bytes(body));
    }

    private static JsonNode body(ApiResponse response) throws IOException {
        return JSON.readTree(response.body());
    }

    private static byte[] bytes(String s) {
        return s.getBytes(StandardCharsets.UTF_8);
    }
}
