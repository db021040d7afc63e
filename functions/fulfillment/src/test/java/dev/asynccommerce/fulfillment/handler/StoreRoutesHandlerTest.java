package dev.asynccommerce.fulfillment.handler;

import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.ORDER;
import static dev.asynccommerce.fulfillment.application.FulfillmentFixture.STORE;
import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPEvent;
import com.amazonaws.services.lambda.runtime.events.APIGatewayV2HTTPResponse;
import com.amazonaws.services.lambda.runtime.tests.EventLoader;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.fulfillment.application.FulfillmentFixture;
import dev.asynccommerce.fulfillment.domain.PickStatus;
import java.util.HashMap;
import java.util.Map;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/** The store routes, replayed from recorded API Gateway HTTP API events (JWT authorizer claims included). */
class StoreRoutesHandlerTest {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final FulfillmentFixture fixture = new FulfillmentFixture();
    private final ListPickTasksHandler list = new ListPickTasksHandler(fixture.wiring);
    private final MarkPickedHandler picked = new MarkPickedHandler(fixture.wiring);
    private final ConfirmCollectionHandler collected = new ConfirmCollectionHandler(fixture.wiring);

    static APIGatewayV2HTTPEvent recorded(String name) {
        APIGatewayV2HTTPEvent event = EventLoader.loadApiGatewayHttpEvent("events/" + name);
        event.setHeaders(new HashMap<>(event.getHeaders()));
        return event;
    }

    static APIGatewayV2HTTPEvent withBody(String name, String body) {
        APIGatewayV2HTTPEvent event = recorded(name);
        event.setBody(body);
        return event;
    }

    /** The recorded event with a token of another store's staff. */
    static APIGatewayV2HTTPEvent ofOtherStoreStaff(String name) {
        APIGatewayV2HTTPEvent event = recorded(name);
        Map<String, String> claims =
                new HashMap<>(event.getRequestContext().getAuthorizer().getJwt().getClaims());
        claims.put("custom:storeId", "store-002");
        event.getRequestContext().getAuthorizer().getJwt().setClaims(claims);
        return event;
    }

    static JsonNode body(APIGatewayV2HTTPResponse response) {
        try {
            return JSON.readTree(response.getBody());
        } catch (Exception e) {
            throw new AssertionError("not JSON: " + response.getBody(), e);
        }
    }

    @Test
    void theRecordedEventsCarryTheStaffStoreClaim() {
        assertThat(recorded("get-pick-tasks.json")
                        .getRequestContext()
                        .getAuthorizer()
                        .getJwt()
                        .getClaims())
                .containsEntry("custom:storeId", "store-001");
    }

    @Nested
    class Listing {
        @Test
        void theStoresOpenTasksAreListed() {
            fixture.createPickTask();

            APIGatewayV2HTTPResponse response = list.handleRequest(recorded("get-pick-tasks.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            JsonNode task = body(response).path("tasks").get(0);
            assertThat(task.path("orderId").asText()).isEqualTo(ORDER.value());
            assertThat(task.path("lines").get(0).path("sku").asText()).isEqualTo("SKU-0001");
            assertThat(task.path("lines").get(0).path("quantity").asInt()).isEqualTo(2);
            assertThat(task.path("createdAt").asText()).isEqualTo("2026-11-21T09:00:00Z");
            assertThat(task.path("dueAt").asText()).isEqualTo("2026-11-21T11:00:00Z");
            assertThat(response.getBody()).doesNotContain("token");
        }

        @Test
        void noTasksIsAnEmptyList() {
            APIGatewayV2HTTPResponse response = list.handleRequest(recorded("get-pick-tasks.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(200);
            assertThat(body(response).path("tasks").isArray()).isTrue();
            assertThat(body(response).path("tasks")).isEmpty();
        }

        @Test
        void anotherStoresTokenIs403AndATokenWithoutAStoreToo() {
            fixture.createPickTask();
            APIGatewayV2HTTPEvent noClaim = recorded("get-pick-tasks.json");
            noClaim.getRequestContext().getAuthorizer().getJwt().setClaims(Map.of("sub", "x"));

            assertThat(list.handleRequest(ofOtherStoreStaff("get-pick-tasks.json"), null)
                            .getStatusCode())
                    .isEqualTo(403);
            assertThat(list.handleRequest(noClaim, null).getStatusCode()).isEqualTo(403);
        }
    }

    @Nested
    class Picking {
        @Test
        void aFullPickIs202AndClosesTheTask() {
            fixture.createPickTask();

            APIGatewayV2HTTPResponse response = picked.handleRequest(recorded("post-picked.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(body(response).path("outcome").asText()).isEqualTo("PICKED");
            assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.PICKED);
            assertThat(fixture.callbacks.delivered()).hasSize(1);
        }

        @Test
        void aShortPickIs202WithItsOutcome() {
            fixture.createPickTask();

            APIGatewayV2HTTPResponse response = picked.handleRequest(
                    withBody(
                            "post-picked.json",
                            "{\"lines\":[{\"sku\":\"SKU-0001\",\"quantity\":2},{\"sku\":\"SKU-0042\",\"quantity\":0}]}"),
                    null);

            assertThat(response.getStatusCode()).isEqualTo(202);
            assertThat(body(response).path("outcome").asText()).isEqualTo("SHORT_PICKED");
        }

        @Test
        void repeatingTheSamePickIs202AgainWithoutASecondEvent() {
            fixture.createPickTask();
            picked.handleRequest(recorded("post-picked.json"), null);

            APIGatewayV2HTTPResponse again = picked.handleRequest(recorded("post-picked.json"), null);

            assertThat(again.getStatusCode()).isEqualTo(202);
            assertThat(fixture.pickTasks.outbox()).hasSize(2);
        }

        @Test
        void aMalformedBodyIs400NamingEveryFieldAndChangesNothing() {
            fixture.createPickTask();

            APIGatewayV2HTTPResponse response = picked.handleRequest(
                    withBody(
                            "post-picked.json",
                            "{\"lines\":[{\"sku\":\"sku 1\",\"quantity\":1.5},{\"quantity\":-1}],\"note\":1}"),
                    null);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(response.getHeaders()).containsEntry("Content-Type", "application/problem+json");
            assertThat(body(response).path("errors").findValuesAsText("field"))
                    .containsExactlyInAnyOrder(
                            "note", "lines[0].sku", "lines[0].quantity", "lines[1].sku", "lines[1].quantity");
            assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.OPEN);
        }

        @Test
        void moreThanOrderedOrAnUnknownSkuIs400() {
            fixture.createPickTask();

            APIGatewayV2HTTPResponse response = picked.handleRequest(
                    withBody(
                            "post-picked.json",
                            "{\"lines\":[{\"sku\":\"SKU-0001\",\"quantity\":3},{\"sku\":\"SKU-0007\",\"quantity\":1}]}"),
                    null);

            assertThat(response.getStatusCode()).isEqualTo(400);
            assertThat(body(response).path("errors").findValuesAsText("field"))
                    .containsExactly("lines[0].quantity", "lines[1].sku", "lines");
            assertThat(fixture.callbacks.calls()).isEmpty();
        }

        @Test
        void noTaskAtThisStoreIs404AndAnotherStoresTokenIs403() {
            assertThat(picked.handleRequest(recorded("post-picked.json"), null).getStatusCode())
                    .isEqualTo(404);
            fixture.createPickTask();
            assertThat(picked.handleRequest(ofOtherStoreStaff("post-picked.json"), null)
                            .getStatusCode())
                    .isEqualTo(403);
            assertThat(fixture.pickTasks.find(ORDER).orElseThrow().status()).isEqualTo(PickStatus.OPEN);
        }

        @Test
        void aDifferentPickAfterTheFirstIs409() {
            fixture.createPickTask();
            picked.handleRequest(recorded("post-picked.json"), null);

            APIGatewayV2HTTPResponse response = picked.handleRequest(
                    withBody(
                            "post-picked.json",
                            "{\"lines\":[{\"sku\":\"SKU-0001\",\"quantity\":1},{\"sku\":\"SKU-0042\",\"quantity\":1}]}"),
                    null);

            assertThat(response.getStatusCode()).isEqualTo(409);
        }

        @Test
        void whenTheWorkflowCannotBeReachedItIsAProblemWithoutDetails() {
            fixture.createPickTask();
            fixture.callbacks.unreachable(true);

            APIGatewayV2HTTPResponse response = picked.handleRequest(recorded("post-picked.json"), null);

            assertThat(response.getStatusCode()).isEqualTo(500);
            assertThat(response.getBody()).doesNotContain("Step Functions");
        }
    }

    @Nested
    class Collecting {
        @Test
        void theRightCodeIs202AndAWrongOneIs409() {
            fixture.awaitCollection();

            APIGatewayV2HTTPResponse wrong =
                    collected.handleRequest(withBody("post-collected.json", "{\"pickupCode\":\"000000\"}"), null);
            assertThat(wrong.getStatusCode()).isEqualTo(409);
            assertThat(fixture.callbacks.calls()).isEmpty();

            APIGatewayV2HTTPResponse right = collected.handleRequest(recorded("post-collected.json"), null);
            assertThat(right.getStatusCode()).isEqualTo(202);
            assertThat(body(right).path("status").asText()).isEqualTo("COLLECTED");
            assertThat(fixture.callbacks.delivered()).hasSize(1);
        }

        @Test
        void noCodeOrNotSixDigitsIs400() {
            fixture.awaitCollection();

            assertThat(collected
                            .handleRequest(withBody("post-collected.json", "{}"), null)
                            .getStatusCode())
                    .isEqualTo(400);
            APIGatewayV2HTTPResponse notDigits =
                    collected.handleRequest(withBody("post-collected.json", "{\"pickupCode\":\"12ab\"}"), null);
            assertThat(notDigits.getStatusCode()).isEqualTo(400);
            assertThat(body(notDigits).path("errors").get(0).path("field").asText())
                    .isEqualTo("pickupCode");
        }

        @Test
        void anOrderNotAwaitingCollectionHereIs404AndAnotherStoresTokenIs403() {
            assertThat(collected
                            .handleRequest(recorded("post-collected.json"), null)
                            .getStatusCode())
                    .isEqualTo(404);
            fixture.awaitCollection();
            assertThat(collected
                            .handleRequest(ofOtherStoreStaff("post-collected.json"), null)
                            .getStatusCode())
                    .isEqualTo(403);
            assertThat(fixture.collectionWaits.find(ORDER).orElseThrow().storeId())
                    .isEqualTo(STORE);
        }

        @Test
        void theCodeIsNeverLogged() {
            fixture.awaitCollection();
            try (CapturedLogs logs = new CapturedLogs()) {
                collected.handleRequest(withBody("post-collected.json", "{\"pickupCode\":\"000000\"}"), null);
                collected.handleRequest(recorded("post-collected.json"), null);

                assertThat(logs.lines()).isNotEmpty().noneMatch(l -> l.contains("048213") || l.contains("000000"));
                assertThat(logs.lines()).allMatch(l -> l.contains(ORDER.value()));
            }
        }
    }
}
