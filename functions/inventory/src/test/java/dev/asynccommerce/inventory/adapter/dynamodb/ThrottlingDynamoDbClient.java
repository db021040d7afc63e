package dev.asynccommerce.inventory.adapter.dynamodb;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.IntUnaryOperator;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.BatchGetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeysAndAttributes;

/**
 * Fault injection in front of the real DynamoDB Local: while throttling, a BatchGetItem call sends
 * only some of its keys on and hands the rest back as {@code UnprocessedKeys}, the way a throttled
 * table answers (DynamoDB Local itself never leaves keys unprocessed). It records each request and
 * how many keys it carried. Only BatchGetItem is served.
 */
final class ThrottlingDynamoDbClient implements DynamoDbClient {
    private final DynamoDbClient engine;
    private final IntUnaryOperator keysServed;
    private int throttledCallsLeft;
    private final List<Integer> keysPerCall = new ArrayList<>();
    private final List<BatchGetItemRequest> requests = new ArrayList<>();

    private ThrottlingDynamoDbClient(DynamoDbClient engine, int throttledCalls, IntUnaryOperator keysServed) {
        this.engine = engine;
        this.throttledCallsLeft = throttledCalls;
        this.keysServed = keysServed;
    }

    /** The first {@code calls} calls serve half their keys (at least one). */
    static ThrottlingDynamoDbClient halving(DynamoDbClient engine, int calls) {
        return new ThrottlingDynamoDbClient(engine, calls, size -> Math.max(1, size / 2));
    }

    /** Every call serves a single key: a table throttled for longer than any caller waits. */
    static ThrottlingDynamoDbClient oneKeyPerCall(DynamoDbClient engine) {
        return new ThrottlingDynamoDbClient(engine, Integer.MAX_VALUE, size -> 1);
    }

    List<Integer> keysPerCall() {
        return keysPerCall;
    }

    /** Every request as it was sent, before any fault was applied. */
    List<BatchGetItemRequest> requests() {
        return requests;
    }

    @Override
    public BatchGetItemResponse batchGetItem(BatchGetItemRequest request) {
        if (request.requestItems().size() != 1) {
            throw new IllegalArgumentException("this fault injector serves single-table batches only");
        }
        Map.Entry<String, KeysAndAttributes> only =
                request.requestItems().entrySet().iterator().next();
        List<Map<String, AttributeValue>> keys = only.getValue().keys();
        keysPerCall.add(keys.size());
        requests.add(request);
        int served = throttledCallsLeft-- > 0 ? keysServed.applyAsInt(keys.size()) : keys.size();
        if (served >= keys.size()) {
            return engine.batchGetItem(request);
        }
        BatchGetItemResponse response = engine.batchGetItem(b -> b.requestItems(Map.of(
                only.getKey(),
                only.getValue().toBuilder().keys(keys.subList(0, served)).build())));
        return response.toBuilder()
                .unprocessedKeys(Map.of(
                        only.getKey(),
                        only.getValue().toBuilder()
                                .keys(keys.subList(served, keys.size()))
                                .build()))
                .build();
    }

    @Override
    public String serviceName() {
        return SERVICE_NAME;
    }

    @Override
    public void close() {
        // The engine belongs to the test.
    }
}
