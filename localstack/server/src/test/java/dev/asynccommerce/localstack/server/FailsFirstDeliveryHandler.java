package dev.asynccommerce.localstack.server;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import java.util.List;
import java.util.Map;

/**
 * A test function for an SQS event-source mapping (it runs in its own JVM): notes each delivery in its
 * log as {@code delivery <receive count> of <message id>} and fails a batch holding a first delivery,
 * so that the mapping leaves the message to come back after its visibility timeout.
 */
public final class FailsFirstDeliveryHandler implements RequestHandler<Map<String, Object>, Map<String, Object>> {
    @Override
    @SuppressWarnings("unchecked")
    public Map<String, Object> handleRequest(Map<String, Object> event, Context context) {
        boolean first = false;
        for (Map<String, Object> record : (List<Map<String, Object>>) event.get("Records")) {
            Map<String, Object> attributes = (Map<String, Object>) record.get("attributes");
            String count = String.valueOf(attributes.get("ApproximateReceiveCount"));
            System.out.println("delivery " + count + " of " + record.get("messageId"));
            first |= "1".equals(count);
        }
        if (first) {
            throw new IllegalStateException("first deliveries fail");
        }
        return Map.of();
    }
}
