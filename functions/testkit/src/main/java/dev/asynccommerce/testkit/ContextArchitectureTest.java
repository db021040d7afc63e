package dev.asynccommerce.testkit;

import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;

/**
 * The architecture tests every bounded context runs: a context's {@code ArchitectureTest} extends this
 * and names its package, wiring, layers and whether its handlers may use domain values. One instance
 * per class, so the context's classes are imported once.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
public abstract class ContextArchitectureTest {
    private final ContextArchitecture context;
    private final boolean handlersUseDomainValues;
    private final List<String> layers;

    protected ContextArchitectureTest(
            String basePackage, Class<?> wiring, boolean handlersUseDomainValues, String... layers) {
        this.context = ContextArchitecture.of(basePackage, wiring);
        this.handlersUseDomainValues = handlersUseDomainValues;
        this.layers = List.of(layers);
    }

    @Test
    void importsTheWholeContext() {
        context.hasLayers(layers.toArray(String[]::new));
    }

    @Test
    void domainUsesTheJdkAndTheSharedKernelOnly() {
        context.domainUsesTheJdkAndTheSharedKernelOnly();
    }

    @Test
    void applicationKnowsNoAdapterHandlerAwsSdkOrJsonLibrary() {
        context.applicationKnowsNoAdapterHandlerAwsSdkOrJsonLibrary();
    }

    @Test
    void handlersUseTheApplicationAndPlatformHttpOnly() {
        context.handlersUseTheApplicationAndPlatformHttpOnly(handlersUseDomainValues);
    }

    @Test
    void adaptersDoNotReachIntoHandlersOrTheWiring() {
        context.adaptersDoNotReachIntoHandlersOrTheWiring();
    }
}
