package dev.asynccommerce.ordering;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The ordering context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.ordering",
                OrderingWiring.class,
                true,
                "domain",
                "application",
                "adapter.dynamodb",
                "adapter.random",
                "adapter.stepfunctions",
                "handler");
    }
}
