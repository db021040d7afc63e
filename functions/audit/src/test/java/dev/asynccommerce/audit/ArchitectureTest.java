package dev.asynccommerce.audit;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The audit context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.audit",
                AuditWiring.class,
                true,
                "domain",
                "application",
                "adapter.dynamodb",
                "adapter.emf",
                "handler");
    }
}
