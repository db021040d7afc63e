package dev.asynccommerce.notifications.adapter.dynamodb;

import dev.asynccommerce.kernel.CustomerId;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.notifications.application.CustomerContacts;
import dev.asynccommerce.notifications.domain.CustomerContact;
import dev.asynccommerce.notifications.domain.EmailAddress;
import java.util.Map;
import java.util.Optional;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;

/**
 * The customer's contact, read from the ordering context's order item: the one documented read of
 * another context's table (docs/bopis-workflow.md). A strongly consistent {@code GetItem} by key
 * ({@code pk = ORDER#<orderId>}, no sort key) projected to the two attributes needed, so nothing
 * else of the order (payment tokens, pickup code) is ever read here.
 *
 * <p>The attribute names are ordering's ({@code StoredOrder}): {@code email}, {@code customerId}.
 */
public final class DynamoDbCustomerContacts implements CustomerContacts {
    private static final Logger LOG = LogManager.getLogger(DynamoDbCustomerContacts.class);

    static final String ATTR_PK = "pk";
    static final String ATTR_EMAIL = "email";
    static final String ATTR_CUSTOMER_ID = "customerId";
    static final String ORDER_KEY_PREFIX = "ORDER#";

    private final DynamoDbClient dynamo;
    private final String ordersTable;

    public DynamoDbCustomerContacts(DynamoDbClient dynamo, String ordersTable) {
        this.dynamo = dynamo;
        this.ordersTable = ordersTable;
    }

    @Override
    public Optional<CustomerContact> findByOrder(OrderId orderId) {
        // Strongly consistent: the order is written long before its events arrive, but an eventually
        // consistent miss would skip a customer's message for good.
        GetItemResponse response = dynamo.getItem(b -> b.tableName(ordersTable)
                .key(Map.of(ATTR_PK, AttributeValue.fromS(ORDER_KEY_PREFIX + orderId.value())))
                .projectionExpression("#email, #customerId")
                .expressionAttributeNames(Map.of("#email", ATTR_EMAIL, "#customerId", ATTR_CUSTOMER_ID))
                .consistentRead(true));
        if (!response.hasItem() || response.item().isEmpty()) {
            LOG.warn("order not found in the orders table");
            return Optional.empty();
        }
        String email = string(response.item(), ATTR_EMAIL);
        String customerId = string(response.item(), ATTR_CUSTOMER_ID);
        if (!EmailAddress.isValid(email) || !CustomerId.isValid(customerId) || customerId.contains("@")) {
            // Says which attribute is unusable, never what it holds.
            LOG.warn(
                    "order item has no usable contact: email usable={}, customerId usable={}",
                    EmailAddress.isValid(email),
                    CustomerId.isValid(customerId) && !customerId.contains("@"));
            return Optional.empty();
        }
        return Optional.of(new CustomerContact(new CustomerId(customerId), new EmailAddress(email)));
    }

    private static String string(Map<String, AttributeValue> item, String name) {
        AttributeValue value = item.get(name);
        return value == null ? null : value.s();
    }
}
