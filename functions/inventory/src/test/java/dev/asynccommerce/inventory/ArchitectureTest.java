package dev.asynccommerce.inventory;

import dev.asynccommerce.testkit.ContextArchitecture;
import org.junit.jupiter.api.Test;

/** The inventory context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest {
    private static final ContextArchitecture CONTEXT =
            ContextArchitecture.of("dev.asynccommerce.inventory", InventoryWiring.class);

    @Test
    void importsTheWholeContext() {
        CONTEXT.hasLayers("domain", "application", "adapter.dynamodb", "handler");
    }

    @Test
    void domainUsesTheJdkAndTheSharedKernelOnly() {
        CONTEXT.domainUsesTheJdkAndTheSharedKernelOnly();
    }

    @Test
    void applicationKnowsNoAdapterHandlerAwsSdkOrJsonLibrary() {
        CONTEXT.applicationKnowsNoAdapterHandlerAwsSdkOrJsonLibrary();
    }

    @Test
    void handlersUseTheApplicationAndPlatformHttpOnly() {
        CONTEXT.handlersUseTheApplicationAndPlatformHttpOnly(false);
    }

    @Test
    void adaptersDoNotReachIntoHandlersOrTheWiring() {
        CONTEXT.adaptersDoNotReachIntoHandlersOrTheWiring();
    }
}
