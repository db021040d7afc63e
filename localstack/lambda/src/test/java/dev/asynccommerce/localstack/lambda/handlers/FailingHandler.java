package dev.asynccommerce.localstack.lambda.handlers;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.Map;

/** Always throws: the function error path (X-Amz-Function-Error, async retries). */
public final class FailingHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    public Map<String, Object> handleRequest(Map<String, Object> input, Context context) {
        System.out.println("failing " + context.getAwsRequestId());
        throw new IllegalStateException("refused: " + input.get("reason"));
    }
}
