package dev.asynccommerce.notifications.adapter.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.domain.CustomerContact;
import dev.asynccommerce.notifications.domain.EmailAddress;
import dev.asynccommerce.testkit.DynamoDbLocal;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemRequest;

/** The customer's contact read from an ordering-shaped order item on DynamoDB Local. */
class DynamoDbCustomerContactsIT {
    private static final DynamoDbClient DYNAMO = DynamoDbLocal.shared().client();
    private static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";

    private String ordersTable;
    private DynamoDbCustomerContacts contacts;

    @AfterAll
    static void closeClient() {
        DYNAMO.close();
    }

    @BeforeEach
    void createTable() {
        ordersTable = OrdersTable.create(DYNAMO);
        contacts = new DynamoDbCustomerContacts(DYNAMO, ordersTable);
    }

    @Test
    void readsTheCustomerIdAndAddressOfTheOrder() {
        OrdersTable.put(DYNAMO, ordersTable, OrdersTable.orderItem(ORDER_ID, "c-123", "ana@example.com"));

        assertThat(contacts.findByOrder(new OrderId(ORDER_ID)))
                .contains(new CustomerContact(new CustomerId("c-123"), new EmailAddress("ana@example.com")));
    }

    @Test
    void anUnknownOrderHasNoContact() {
        OrdersTable.put(DYNAMO, ordersTable, OrdersTable.orderItem(ORDER_ID, "c-123", "ana@example.com"));

        assertThat(contacts.findByOrder(new OrderId("ord_00000000000000000000000000")))
                .isEmpty();
    }

    @Test
    void anOrderItemWithoutAUsableAddressHasNoContact() {
        Map<String, AttributeValue> noEmail =
                new java.util.HashMap<>(OrdersTable.orderItem(ORDER_ID, "c-123", "ana@example.com"));
        noEmail.remove("email");
        OrdersTable.put(DYNAMO, ordersTable, noEmail);
        assertThat(contacts.findByOrder(new OrderId(ORDER_ID))).isEmpty();

        OrdersTable.put(DYNAMO, ordersTable, OrdersTable.orderItem(ORDER_ID, "c-123", "not-an-address"));
        assertThat(contacts.findByOrder(new OrderId(ORDER_ID))).isEmpty();
    }

    @Test
    void asksForTheContactAttributesOnlyWithAStronglyConsistentRead() {
        OrdersTable.put(DYNAMO, ordersTable, OrdersTable.orderItem(ORDER_ID, "c-123", "ana@example.com"));
        RecordingDynamoDbClient recording = new RecordingDynamoDbClient(DYNAMO);

        new DynamoDbCustomerContacts(recording, ordersTable).findByOrder(new OrderId(ORDER_ID));

        GetItemRequest request = recording.getItems().getFirst();
        assertThat(request.tableName()).isEqualTo(ordersTable);
        assertThat(request.key()).isEqualTo(Map.of("pk", AttributeValue.fromS("ORDER#" + ORDER_ID)));
        assertThat(request.consistentRead()).isTrue();
        assertThat(request.projectionExpression().split(",\\s*"))
                .extracting(name -> request.expressionAttributeNames().get(name))
                .containsExactlyInAnyOrder("email", "customerId");
        // And what that brings back of a full order item: nothing but the contact.
        assertThat(DYNAMO.getItem(request).item()).containsOnlyKeys("email", "customerId");
    }
}
