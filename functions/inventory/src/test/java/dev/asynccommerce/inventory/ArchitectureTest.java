package dev.asynccommerce.inventory;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The inventory context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.inventory",
                InventoryWiring.class,
                true,
                "domain",
                "application",
                "adapter.dynamodb",
                "handler");
    }
}
