package dev.asynccommerce.infra;

import software.amazon.awscdk.App;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;

/**
 * Entry point of {@code cdk synth} / {@code cdk deploy} (see infra-cdk/README.md): one stack, the
 * whole system, in the account and region of the caller's AWS configuration.
 */
public final class AsyncCommerceApp {
    public static final String STACK_NAME = "AsyncCommerce";

    private AsyncCommerceApp() {}

    public static void main(String[] args) {
        App app = new App();
        new AsyncCommerceStack(
                app,
                STACK_NAME,
                StackProps.builder()
                        .env(Environment.builder()
                                .account(System.getenv("CDK_DEFAULT_ACCOUNT"))
                                .region(System.getenv("CDK_DEFAULT_REGION"))
                                .build())
                        .description("async-commerce: asynchronous checkout, payment, inventory and BOPIS")
                        .build(),
                Artifacts.locate());
        app.synth();
    }
}
