package dev.asynccommerce.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.Test;

/** Spot checks that each function touches only its own context's table, and only as it must. */
class LeastPrivilegeTest {
    private static String role(String functionPrefix) {
        return Resources.logicalId("AWS::IAM::Role", functionPrefix + "FunctionServiceRole");
    }

    private static String table(String name) {
        return Resources.logicalId("AWS::DynamoDB::Table", "Tables" + name);
    }

    private static final List<String> TABLES =
            List.of("Orders", "Catalog", "Inventory", "Payments", "Fulfillment", "Notifications", "EventAudit");

    private static final List<String> WRITES =
            List.of("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");

    /** Reading a table's stream is the relay's business, not access to the table's items. */
    private static final Set<String> STREAM_ACTIONS = Set.of(
            "dynamodb:DescribeStream", "dynamodb:GetRecords", "dynamodb:GetShardIterator", "dynamodb:ListStreams");

    /**
     * The tables each context's functions may touch items of: their own, plus the documented reads
     * (checkout reads the catalog; notifications read the order's contact). A new module must be
     * added here, deliberately.
     */
    private static final Map<String, Set<String>> TABLES_OF_CONTEXT = Map.of(
            "ordering", Set.of("Orders", "Catalog"),
            "catalog", Set.of("Catalog"),
            // The availability read also reads the catalog's SKUs (refusing an unknown one).
            "inventory", Set.of("Inventory", "Catalog"),
            "payments", Set.of("Payments"),
            "fulfillment", Set.of("Fulfillment"),
            "notifications", Set.of("Notifications", "Orders"),
            "audit", Set.of("EventAudit"),
            "outbox-relay", Set.of());

    private static List<String> itemActionsOn(String role, String tableName) {
        return Policies.actionsOn(role, table(tableName)).stream()
                .filter(a -> !STREAM_ACTIONS.contains(a))
                .toList();
    }

    @Test
    void checkoutWritesOrdersAndOnlyReadsTheCatalog() {
        assertThat(Policies.actionsOn(role("StorefrontPlaceOrder"), table("Orders")))
                .contains("dynamodb:PutItem", "dynamodb:GetItem");
        assertThat(Policies.actionsOn(role("StorefrontPlaceOrder"), table("Catalog")))
                .contains("dynamodb:BatchGetItem", "dynamodb:GetItem")
                .doesNotContain(
                        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    }

    @Test
    void readingAnOrderCannotWriteOne() {
        assertThat(Policies.actionsOn(role("StorefrontGetOrder"), table("Orders")))
                .contains("dynamodb:GetItem")
                .doesNotContain("dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem");
    }

    @Test
    void catalogAndAvailabilityFunctionsCannotTouchOrdersOrWriteTheirOwnTable() {
        for (String fn : List.of("StorefrontListCatalogItems", "StorefrontListStores", "StorefrontGetAvailability")) {
            assertThat(Policies.actionsOn(role(fn), table("Orders"))).as(fn).isEmpty();
            assertThat(Policies.actionsOn(role(fn), table("Payments"))).as(fn).isEmpty();
        }
        assertThat(Policies.actionsOn(role("StorefrontListCatalogItems"), table("Catalog")))
                .doesNotContain("dynamodb:PutItem");
        assertThat(Policies.actionsOn(role("StorefrontGetAvailability"), table("Inventory")))
                .doesNotContain("dynamodb:PutItem");
        assertThat(Policies.actionsOn(role("StorefrontGetAvailability"), table("Catalog")))
                .contains("dynamodb:BatchGetItem")
                .doesNotContain(
                        "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:BatchWriteItem");
    }

    @Test
    void theRelayReadsStreamsButCannotWriteAnyTable() {
        for (String t : List.of("Orders", "Inventory", "Payments", "Fulfillment", "Catalog", "EventAudit")) {
            assertThat(Policies.actionsOn(role("OutboxRelay"), table(t)))
                    .as(t)
                    .doesNotContain(
                            "dynamodb:PutItem", "dynamodb:UpdateItem", "dynamodb:DeleteItem", "dynamodb:GetItem");
        }
        assertThat(Policies.actionsOn(role("OutboxRelay"), table("Orders")))
                .contains("dynamodb:GetRecords", "dynamodb:GetShardIterator");
    }

    @Test
    void deviceConnectionsTouchOnlyTheFulfillmentTable() {
        for (String fn : List.of("StoreSocketConnect", "StoreSocketDisconnect")) {
            assertThat(Policies.actionsOn(role(fn), table("Fulfillment")))
                    .as(fn)
                    .contains("dynamodb:PutItem", "dynamodb:DeleteItem");
            for (String other : List.of("Orders", "Catalog", "Inventory", "Payments", "EventAudit")) {
                assertThat(Policies.actionsOn(role(fn), table(other)))
                        .as(fn + " on " + other)
                        .isEmpty();
            }
        }
    }

    @Test
    void everyFunctionTouchesItemsOfItsOwnContextsTablesOnly() {
        Map<String, Map<String, Object>> functions = Resources.ofType("AWS::Lambda::Function");

        assertThat(functions).hasSize(Topology.HANDLERS.size());
        functions.forEach((id, fn) -> {
            Map<String, Object> p = Resources.props(fn);
            String context = String.valueOf(
                    Resources.map(Resources.map(p.get("Environment")).get("Variables"))
                            .get("POWERTOOLS_SERVICE_NAME"));
            assertThat(TABLES_OF_CONTEXT).as(id + " of context " + context).containsKey(context);
            String role = Resources.ofType("AWS::IAM::Role").keySet().stream()
                    .filter(r -> Resources.refersTo(p.get("Role"), r))
                    .findFirst()
                    .orElseThrow();
            for (String t : TABLES) {
                if (!TABLES_OF_CONTEXT.get(context).contains(t)) {
                    assertThat(itemActionsOn(role, t)).as(id + " on " + t).isEmpty();
                }
            }
        });
    }

    @Test
    void paymentFunctionsCannotTouchOrdersStockOrPickTasks() {
        for (String fn : List.of("BopisPaymentsConsumer", "BopisPaymentCommands")) {
            assertThat(Policies.actionsOn(role(fn), table("Payments"))).as(fn).contains("dynamodb:PutItem");
            for (String other : List.of("Orders", "Inventory", "Fulfillment", "Notifications")) {
                assertThat(Policies.actionsOn(role(fn), table(other)))
                        .as(fn + " on " + other)
                        .isEmpty();
            }
        }
    }

    @Test
    void notificationsOnlyGetTheOrderItemByKey() {
        for (String fn : List.of("BopisNotifyCustomer", "BopisPickupReminder")) {
            assertThat(Policies.actionsOn(role(fn), table("Orders"))).as(fn).containsExactly("dynamodb:GetItem");
        }
    }

    @Test
    void inventoryFunctionsTouchOnlyTheInventoryTable() {
        for (String fn : List.of(
                "BopisInventoryReservations", "BopisAdjustStock", "BopisChannelSync", "StorefrontGetAvailability")) {
            assertThat(Policies.actionsOn(role(fn), table("Inventory"))).as(fn).contains("dynamodb:GetItem");
            for (String other : TABLES) {
                // Availability alone reads the catalog (read-only, checked above).
                boolean catalogRead = fn.equals("StorefrontGetAvailability") && other.equals("Catalog");
                if (!other.equals("Inventory") && !catalogRead) {
                    assertThat(Policies.actionsOn(role(fn), table(other)))
                            .as(fn + " on " + other)
                            .isEmpty();
                }
            }
        }
    }

    @Test
    void fulfillmentFunctionsNeverTouchPaymentsOrdersOrStock() {
        for (String fn : List.of(
                "BopisFulfillmentTasks",
                "BopisListPickTasks",
                "BopisMarkPicked",
                "BopisConfirmCollection",
                "BopisStoreNotifier",
                "BopisStoreCancellations",
                "BopisDeviceSync",
                "StoreSocketConnect",
                "StoreSocketDisconnect")) {
            for (String other : List.of("Payments", "Orders", "Inventory")) {
                assertThat(Policies.actionsOn(role(fn), table(other)))
                        .as(fn + " on " + other)
                        .isEmpty();
            }
        }
    }

    @Test
    void listingPickTasksOnlyReads() {
        assertThat(Policies.actionsOn(role("BopisListPickTasks"), table("Fulfillment")))
                .contains("dynamodb:Query", "dynamodb:GetItem")
                .doesNotContainAnyElementsOf(WRITES);
    }

    @Test
    void noStorefrontFunctionCanPublishEventsDirectly() {
        for (String fn : List.of("StorefrontPlaceOrder", "StorefrontCancelOrder", "StorefrontReplacePaymentMethods")) {
            assertThat(Policies.statementsOf(role(fn)))
                    .as(fn + ": events go through the outbox, never from the request path")
                    .noneSatisfy(
                            s -> assertThat(String.valueOf(s.get("Action"))).contains("events:PutEvents"));
        }
    }

    @Test
    void theAuditOnlyPutsIntoItsOwnTable() {
        assertThat(Policies.actionsOn(role("BopisEventAudit"), table("EventAudit")))
                .containsExactly("dynamodb:PutItem");
        for (String other : TABLES) {
            if (!other.equals("EventAudit")) {
                assertThat(Policies.actionsOn(role("BopisEventAudit"), table(other)))
                        .as("audit on " + other)
                        .isEmpty();
            }
        }
    }
}
