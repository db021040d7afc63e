package dev.asynccommerce.fulfillment;

import dev.asynccommerce.testkit.ContextArchitecture;
import org.junit.jupiter.api.Test;

/** The fulfillment context keeps the dependency directions every context keeps (testkit ContextArchitecture). */
class ArchitectureTest {
    private static final ContextArchitecture CONTEXT =
            ContextArchitecture.of("dev.asynccommerce.fulfillment", FulfillmentWiring.class);

    @Test
    void importsTheWholeContext() {
        CONTEXT.hasLayers("domain", "application", "adapter.dynamodb", "adapter.jwt", "handler");
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
        CONTEXT.handlersUseTheApplicationAndPlatformHttpOnly(true);
    }

    @Test
    void adaptersDoNotReachIntoHandlersOrTheWiring() {
        CONTEXT.adaptersDoNotReachIntoHandlersOrTheWiring();
    }
}
