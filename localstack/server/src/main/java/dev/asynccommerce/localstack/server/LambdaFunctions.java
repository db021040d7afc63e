package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.eventbridge.delivery.DeliveryException;
import dev.asynccommerce.localstack.eventbridge.delivery.LambdaTargets;
import dev.asynccommerce.localstack.lambda.InvocationResult;
import dev.asynccommerce.localstack.lambda.InvocationType;
import dev.asynccommerce.localstack.lambda.LambdaException;
import dev.asynccommerce.localstack.lambda.LambdaService;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
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
        try {
            InvocationResult result = lambda.invoke(
                    functionName,
                    qualifier,
                    payload,
                    asynchronous ? InvocationType.Event : InvocationType.RequestResponse);
            return new Invocation(
                    result.statusCode(), result.payload(), result.functionError(), result.executedVersion());
        } catch (LambdaException e) {
            throw new LambdaServiceException(e.errorType(), e.status(), e.getMessage());
        }
    }

    static LambdaTargets eventTargets(LambdaService lambda) {
        return (functionArn, payload) -> {
            try {
                lambda.invokeAsync(functionArn, payload.getBytes(StandardCharsets.UTF_8));
            } catch (LambdaException e) {
                if (e.status() == 404) {
                    throw DeliveryException.permanent("NO_RESOURCE", e.getMessage());
                }
                throw DeliveryException.retryable(
                        e.status() == 429 ? "THROTTLING" : "SDK_CLIENT_ERROR", e.getMessage());
            }
        };
    }

    /** Synchronous invocation, as the API gateway and the event-source mappings invoke. */
    static FunctionInvoker invoker(LambdaService lambda) {
        return (functionArn, payload) -> {
            InvocationResult result = lambda.invoke(functionArn, null, payload, InvocationType.RequestResponse);
            return new FunctionInvoker.Invocation(result.payload(), result.functionError());
        };
    }
}
