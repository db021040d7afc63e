package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.server.Shop.Placed;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * {@code ./local-stack --persist DIR}, stopped and started again in the middle of orders: the real
 * template, deployed on a stack with a data directory, then a second stack on the same directory and
 * port. Orders placed before the stop go on after it as if nothing happened: the workflow waiting for
 * the store's pick resumes with the token the store holds, the wait for the customer keeps its
 * deadline on the clock, and no order event is published twice (each step shows once on the timeline).
 * Only HTTP and the local controls, as in {@link BopisJourneysIT}.
 */
class RestartJourneyIT {
    private static final String STORE = "store-001";
    private static final int SEEDED_UNITS = 25;

    @TempDir
    static Path cdkOut;

    @TempDir
    static Path data;

    private static int port;

    @BeforeAll
    static void synthesize() throws Exception {
        RealTemplate.synthesize(cdkOut);
        // The same port both times, as ./local-stack's default: what was saved names that endpoint.
        try (ServerSocket free = new ServerSocket(0)) {
            port = free.getLocalPort();
        }
    }

    /** A running stack and the shop on it. */
    private record Running(LocalStack stack, Shop shop) implements AutoCloseable {
        @Override
        public void close() {
            stack.close();
        }
    }

    /** Starts the stack on the data directory as ./local-stack does: deploy (state restored), then the demo data. */
    private static Running start() {
        LocalStack stack = LocalStack.start(new LocalStack.Options(port, data, "us-east-1", null));
        LocalDeployment.Result deployment = stack.deploy(
                CloudAssembly.read(cdkOut, "AsyncCommerce"), Map.of(), deployed -> DemoData.seed(stack, deployed));
        Map<String, String> outputs = deployment.outputs();
        return new Running(
                stack,
                new Shop(
                        outputs.get("StorefrontApiUrl"),
                        outputs.get("AwsEndpoint"),
                        STORE,
                        store -> DevTokens.mint(stack, deployment, stack.clock().now())
                                .get(store)));
    }

    @Test
    void ordersInTheMiddleOfTheirWorkflowsGoOnAfterARestart() throws Exception {
        Placed beingPicked;
        Placed waitingForTheCustomer;
        try (Running first = start()) {
            Shop shop = first.shop();
            beingPicked = shop.checkout("SKU-0008", 1, "tok_visa");
            waitingForTheCustomer = shop.checkout("SKU-0009", 2, "tok_visa");
            shop.awaitStatus(beingPicked, "PICKING");
            shop.awaitPickTask(beingPicked);
            shop.awaitStatus(waitingForTheCustomer, "PICKING");
            shop.pick(waitingForTheCustomer, "SKU-0009", 2);
            shop.awaitStatus(waitingForTheCustomer, "READY_FOR_PICKUP");
            // An hour of the two days before the reminder passes before the stop (less than the
            // picking SLA of the order still being picked).
            shop.advanceClock(Duration.ofHours(1));
        }

        try (Running second = start()) {
            Shop shop = second.shop();
            // The store still has the pick task; its pick completes the workflow's waiting task.
            shop.pick(beingPicked, "SKU-0008", 1);
            JsonNode ready = shop.awaitStatus(beingPicked, "READY_FOR_PICKUP");
            assertThat(shop.collect(beingPicked, ready.path("pickupCode").asText())
                            .statusCode())
                    .isEqualTo(202);
            JsonNode collected = shop.awaitStatus(beingPicked, "COLLECTED");
            assertThat(Shop.timeline(collected))
                    .as("each step once: nothing published before the stop is published again")
                    .containsExactly(
                            "OrderPlaced",
                            "OrderConfirmed",
                            "OrderPickingStarted",
                            "OrderReadyForPickup",
                            "OrderCollected");
            await().atMost(Shop.ASYNC)
                    .untilAsserted(() -> assertThat(shop.payments(beingPicked))
                            .satisfiesExactly(
                                    authorized -> assertThat(authorized).startsWith("PaymentAuthorized: CARD"),
                                    captured -> assertThat(captured).startsWith("PaymentCaptured")));
            assertThat(shop.available("SKU-0008")).isEqualTo(SEEDED_UNITS - 1);

            // The reminder is due two days after the order was ready: an hour passed before the stop,
            // so it comes only if the clock kept that hour across the restart.
            shop.advanceClock(Duration.ofDays(2).minusHours(1).plusMinutes(1));
            await().atMost(Shop.ASYNC)
                    .untilAsserted(() -> assertThat(shop.notificationTypes(waitingForTheCustomer))
                            .containsExactly("ORDER_CONFIRMED", "READY_FOR_PICKUP", "PICKUP_REMINDER"));
            JsonNode reminded = shop.order(waitingForTheCustomer);
            assertThat(shop.collect(
                                    waitingForTheCustomer,
                                    reminded.path("pickupCode").asText())
                            .statusCode())
                    .isEqualTo(202);
            shop.awaitStatus(waitingForTheCustomer, "COLLECTED");
            assertThat(shop.available("SKU-0009")).isEqualTo(SEEDED_UNITS - 2);
        }
    }
}
