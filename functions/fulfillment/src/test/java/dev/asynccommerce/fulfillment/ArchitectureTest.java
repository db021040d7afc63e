package dev.asynccommerce.fulfillment;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The fulfillment context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.fulfillment",
                FulfillmentWiring.class,
                true,
                "domain",
                "application",
                "adapter.dynamodb",
                "adapter.jwt",
                "adapter.stepfunctions",
                "adapter.apigateway",
                "adapter.random",
                "handler");
    }
}
