package dev.asynccommerce.localstack.server;

import dev.asynccommerce.infra.Artifacts;
import dev.asynccommerce.infra.AsyncCommerceStack;
import java.nio.file.Path;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/** The project's own CDK app, as the tests on the real template deploy it. */
final class RealTemplate {
    /** The stack's name in the cloud assembly. */
    static final String STACK = "AsyncCommerce";

    private RealTemplate() {}

    /** Synthesizes the app into {@code cdkOut}, with the function jars this build made. */
    static void synthesize(Path cdkOut) {
        App app = App.Builder.create().outdir(cdkOut.toString()).build();
        new AsyncCommerceStack(app, STACK, StackProps.builder().build(), Artifacts.locate());
        app.synth();
    }
}
