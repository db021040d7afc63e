package dev.asynccommerce.payments;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The payments context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.payments",
                PaymentsWiring.class,
                true,
                "domain",
                "application",
                "adapter.dynamodb",
                "adapter.simulated",
                "adapter.sfn",
                "adapter.sqs",
                "adapter.random",
                "adapter.time",
                "adapter.emf",
                "handler");
    }
}
