package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.eventbridge.delivery.DeliveryException;
import dev.asynccommerce.localstack.eventbridge.delivery.LambdaTargets;
import dev.asynccommerce.localstack.lambda.InvocationResult;
import dev.asynccommerce.localstack.lambda.InvocationType;
import dev.asynccommerce.localstack.lambda.LambdaException;
import dev.asynccommerce.localstack.lambda.LambdaService;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.stepfunctions.integration.LocalFunctions;
import java.nio.charset.StandardCharsets;

/**
 * The stack's Lambda service as each caller sees it: Step Functions' {@code lambda:invoke}, EventBridge's
 * Lambda targets (asynchronous, as EventBridge invokes) and the API gateway's integrations (synchronous).
 * Lambda's own errors reach each caller under the names AWS gives them there.
 */
final class LambdaFunctions implements LocalFunctions {
    private final LambdaService lambda;

    LambdaFunctions(LambdaService lambda) {
        this.lambda = lambda;
    }

    @Override
    public Invocation invoke(String functionName, String qualifier, byte[] payload, boolean asynchronous) {
        return invoke(functionName, qualifier, payload, asynchronous, null);
    }

    @Override
    public Invocation invoke(
            String functionName, String qualifier, byte[] payload, boolean asynchronous, String traceHeader) {
        try {
            InvocationResult result = lambda.invoke(
                    functionName,
                    qualifier,
                    payload,
                    asynchronous ? InvocationType.Event : InvocationType.RequestResponse,
                    null,
                    TraceContext.continuing(traceHeader));
            return new Invocation(
                    result.statusCode(), result.payload(), result.functionError(), result.executedVersion());
        } catch (LambdaException e) {
            throw new LambdaServiceException(e.errorType(), e.status(), e.getMessage());
        }
    }

    static LambdaTargets eventTargets(LambdaService lambda) {
        return new LambdaTargets() {
            @Override
            public void invokeAsync(String functionArn, String payload) {
                invokeAsync(functionArn, payload, null);
            }

            /** EventBridge invokes asynchronously, continuing the event's trace. */
            @Override
            public void invokeAsync(String functionArn, String payload, String traceHeader) {
                try {
                    lambda.invokeAsync(
                            functionArn,
                            payload.getBytes(StandardCharsets.UTF_8),
                            TraceContext.continuing(traceHeader));
                } catch (LambdaException e) {
                    if (e.status() == 404) {
                        throw DeliveryException.permanent("NO_RESOURCE", e.getMessage());
                    }
                    throw DeliveryException.retryable(
                            e.status() == 429 ? "THROTTLING" : "SDK_CLIENT_ERROR", e.getMessage());
                }
            }
        };
    }

    /**
     * Synchronous invocation, as the API gateway and the event-source mappings invoke: in the caller's
     * trace, a new trace linked to an SQS batch's senders, or (DynamoDB Streams) a trace of its own.
     */
    static FunctionInvoker invoker(LambdaService lambda) {
        return new FunctionInvoker() {
            @Override
            public FunctionInvoker.Invocation invoke(String functionArn, byte[] payload) {
                return invoke(functionArn, payload, TraceContext.NONE);
            }

            @Override
            public FunctionInvoker.Invocation invoke(String functionArn, byte[] payload, TraceContext trace) {
                InvocationResult result =
                        lambda.invoke(functionArn, null, payload, InvocationType.RequestResponse, null, trace);
                return new FunctionInvoker.Invocation(result.payload(), result.functionError());
            }
        };
    }
}
