package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.StatesError;
import java.nio.charset.StandardCharsets;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;

/**
 * {@code arn:aws:states:::lambda:invoke} (request-response and {@code .waitForTaskToken}) and the
 * bare function ARN form, over {@link LocalFunctions}. A function error surfaces under the
 * function's own {@code errorType} with Lambda's error object as the cause; Lambda's own failures
 * as {@code Lambda.<ExceptionName>}, as the developer guide's Lambda integration page describes.
 */
public final class LambdaIntegration implements ServiceIntegration {
    private final LocalFunctions functions;

    public LambdaIntegration(LocalFunctions functions) {
        this.functions = functions;
    }

    @Override
    public String service() {
        return "lambda";
    }

    @Override
    public boolean supports(String action, IntegrationPattern pattern) {
        return "invoke".equals(action) && pattern != IntegrationPattern.RUN_JOB;
    }

    @Override
    public CompletionStage<JsonNode> call(TaskCall call) {
        JsonNode p = call.parameters();
        String functionName = p.path("FunctionName").asText(null);
        if (functionName == null) {
            throw new StatesError("Lambda.InvalidParameterValueException", "FunctionName is required");
        }
        String qualifier = p.hasNonNull("Qualifier") ? p.get("Qualifier").asText() : null;
        boolean asynchronous = "Event".equals(p.path("InvocationType").asText("RequestResponse"));
        byte[] payload = payloadBytes(p.get("Payload"));
        LocalFunctions.Invocation invocation =
                invoke(functions, functionName, qualifier, payload, asynchronous, call.traceHeader());
        JsonNode result = asynchronous ? Json.text("") : parsePayload(invocation.payload());
        if (invocation.functionError() != null) {
            throw functionError(invocation);
        }
        ObjectNode out = Json.object();
        out.put("ExecutedVersion", invocation.executedVersion() == null ? "$LATEST" : invocation.executedVersion());
        out.set("Payload", result);
        String requestId = UUID.randomUUID().toString();
        out.set("SdkHttpMetadata", SdkMetadata.http(invocation.statusCode(), requestId));
        out.set("SdkResponseMetadata", SdkMetadata.response(requestId));
        out.put("StatusCode", invocation.statusCode());
        return CompletableFuture.completedFuture(out);
    }

    /** The bare-ARN form: the function's response payload is the task's result. */
    public static JsonNode invokeForPayload(LocalFunctions functions, String functionArn, JsonNode input) {
        return invokeForPayload(functions, functionArn, input, null);
    }

    /** The bare-ARN form within the execution's trace ({@code traceHeader} may be null). */
    public static JsonNode invokeForPayload(
            LocalFunctions functions, String functionArn, JsonNode input, String traceHeader) {
        LocalFunctions.Invocation invocation = invoke(
                functions, functionArn, null, Json.write(input).getBytes(StandardCharsets.UTF_8), false, traceHeader);
        if (invocation.functionError() != null) {
            throw functionError(invocation);
        }
        return parsePayload(invocation.payload());
    }

    private static LocalFunctions.Invocation invoke(
            LocalFunctions functions,
            String name,
            String qualifier,
            byte[] payload,
            boolean asynchronous,
            String traceHeader) {
        try {
            return functions.invoke(name, qualifier, payload, asynchronous, traceHeader);
        } catch (LocalFunctions.LambdaServiceException e) {
            throw new StatesError(
                    "Lambda." + e.exceptionName(),
                    e.getMessage() + " (Service: Lambda, Status Code: " + e.statusCode() + ", Request ID: "
                            + UUID.randomUUID() + ")");
        }
    }

    private static StatesError functionError(LocalFunctions.Invocation invocation) {
        String text =
                new String(invocation.payload() == null ? new byte[0] : invocation.payload(), StandardCharsets.UTF_8);
        String type = "Lambda.Unknown";
        try {
            JsonNode error = Json.parse(text);
            if (error.hasNonNull("errorType")) {
                type = error.get("errorType").asText();
            }
        } catch (IllegalArgumentException e) {
            // A non-JSON error payload keeps Lambda.Unknown, as AWS does for a crashed runtime.
        }
        return new StatesError(type, text);
    }

    private static byte[] payloadBytes(JsonNode payload) {
        if (payload == null || payload.isMissingNode()) {
            return "{}".getBytes(StandardCharsets.UTF_8);
        }
        return Json.write(payload).getBytes(StandardCharsets.UTF_8);
    }

    private static JsonNode parsePayload(byte[] payload) {
        if (payload == null || payload.length == 0) {
            return Json.object();
        }
        String text = new String(payload, StandardCharsets.UTF_8);
        try {
            return Json.parse(text);
        } catch (IllegalArgumentException e) {
            return Json.text(text);
        }
    }
}
