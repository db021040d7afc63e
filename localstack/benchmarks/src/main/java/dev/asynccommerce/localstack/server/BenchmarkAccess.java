package dev.asynccommerce.localstack.server;

import java.util.Map;

/**
 * What the checkout benchmark needs from the server that the server keeps package-private: the demo
 * data seed and the staff tokens that {@code ./local-stack} writes to {@code dev-tokens.json}. It lives in
 * the server's package (in the benchmarks module) so that the benchmark uses exactly the stack's own
 * seeding and token minting rather than copies of them.
 */
public final class BenchmarkAccess {
    private BenchmarkAccess() {}

    /** The demo data API.md promises: 3 stores, SKU-0001..SKU-0020, 25 units of each at every store. */
    public static void seedDemoData(LocalStack stack, LocalDeployment.Result deployed) {
        DemoData.seed(stack, deployed);
    }

    /** One store-staff bearer token per demo store, valid for hours from the stack's clock now. */
    public static Map<String, String> staffTokens(LocalStack stack, LocalDeployment.Result deployed) {
        return DevTokens.mint(stack, deployed, stack.clock().now());
    }
}
