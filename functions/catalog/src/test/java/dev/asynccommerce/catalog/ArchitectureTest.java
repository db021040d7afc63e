package dev.asynccommerce.catalog;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The catalog context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.catalog",
                CatalogWiring.class,
                false,
                "domain",
                "application",
                "adapter.dynamodb",
                "handler");
    }
}
