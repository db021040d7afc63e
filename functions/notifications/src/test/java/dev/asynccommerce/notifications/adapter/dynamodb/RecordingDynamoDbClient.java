package dev.asynccommerce.notifications.adapter.dynamodb;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The real DynamoDB Local client, with every GetItem request kept for the test to read: to show
 * what an adapter asks for, not only what it gets. Only GetItem is served.
 */
final class RecordingDynamoDbClient implements DynamoDbClient {
    private final DynamoDbClient engine;
    private final List<GetItemRequest> getItems = new CopyOnWriteArrayList<>();

    RecordingDynamoDbClient(DynamoDbClient engine) {
        this.engine = engine;
    }

    List<GetItemRequest> getItems() {
        return List.copyOf(getItems);
    }

    @Override
    public GetItemResponse getItem(GetItemRequest request) {
        getItems.add(request);
        return engine.getItem(request);
    }

    @Override
    public String serviceName() {
        return engine.serviceName();
    }

    @Override
    public void close() {
        // The engine is shared by the test class and closed there.
    }
}
