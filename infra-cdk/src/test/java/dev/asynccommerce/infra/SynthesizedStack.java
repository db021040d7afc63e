package dev.asynccommerce.infra;

import io.github.cdklabs.cdknag.AwsSolutionsChecks;
import io.github.cdklabs.cdknag.NagPackProps;
import software.amazon.awscdk.App;
import software.amazon.awscdk.Aspects;
import software.amazon.awscdk.Environment;
import software.amazon.awscdk.StackProps;
import software.amazon.awscdk.assertions.Annotations;
import software.amazon.awscdk.assertions.Template;

/**
 * The real stack, synthesized once per test JVM (synthesis starts a jsii Node process and takes
 * seconds), with cdk-nag's AwsSolutions pack applied as `cdk synth` would apply it.
 */
final class SynthesizedStack {
    static final AsyncCommerceStack STACK;
    static final Template TEMPLATE;
    static final Annotations ANNOTATIONS;

    static {
        App app = new App();
        STACK = new AsyncCommerceStack(
                app,
                "AsyncCommerce",
                StackProps.builder()
                        .env(Environment.builder()
                                .account("123456789012")
                                .region("eu-west-1")
                                .build())
                        .build(),
                Artifacts.locate());
        Aspects.of(app)
                .add(new AwsSolutionsChecks(NagPackProps.builder().verbose(true).build()));
        TEMPLATE = Template.fromStack(STACK);
        ANNOTATIONS = Annotations.fromStack(STACK);
    }

    private SynthesizedStack() {}
}
