package dev.asynccommerce.infra;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import org.junit.jupiter.api.Test;

/** Spot checks that each function touches only its own context's table, and only as it must. */
class LeastPrivilegeTest {
    private static String role(String functionPrefix) {
        return Resources.logicalId("AWS::IAM::Role", functionPrefix + "FunctionServiceRole");
    }

    private static String table(String name) {
        return Resources.logicalId("AWS::DynamoDB::Table", "Tables" + name);
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
                .isEmpty();
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
    void noStorefrontFunctionCanPublishEventsDirectly() {
        for (String fn : List.of("StorefrontPlaceOrder", "StorefrontCancelOrder", "StorefrontReplacePaymentMethods")) {
            assertThat(Policies.statementsOf(role(fn)))
                    .as(fn + ": events go through the outbox, never from the request path")
                    .noneSatisfy(
                            s -> assertThat(String.valueOf(s.get("Action"))).contains("events:PutEvents"));
        }
    }
}
