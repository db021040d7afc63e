package dev.asynccommerce.notifications;

import dev.asynccommerce.testkit.ContextArchitectureTest;

/** The notifications context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest extends ContextArchitectureTest {
    ArchitectureTest() {
        super(
                "dev.asynccommerce.notifications",
                NotificationsWiring.class,
                true,
                "domain",
                "application",
                "adapter.dynamodb",
                "adapter.simulated",
                "handler");
    }
}
