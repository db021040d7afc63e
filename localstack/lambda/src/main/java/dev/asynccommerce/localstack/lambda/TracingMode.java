package dev.asynccommerce.localstack.lambda;

/**
 * A function's X-Ray {@code TracingConfig.Mode}
 * (https://docs.aws.amazon.com/lambda/latest/dg/API_TracingConfig.html). Both modes keep the caller's
 * trace and its sampling decision; they differ when the caller made none, and in what Lambda records.
 */
public enum TracingMode {
    /**
     * Lambda samples requests that come without a decision and records segments ({@code AWS::Lambda} and
     * {@code AWS::Lambda::Function}) for sampled ones. AWS samples by its sampling rules; the local stack
     * samples every such request, so a test sees every trace.
     */
    ACTIVE,
    /** Lambda records nothing and traces only what an upstream service sampled (the default). */
    PASS_THROUGH;

    /** The CloudFormation/API value: {@code Active} or {@code PassThrough}; anything else is PassThrough. */
    public static TracingMode of(String mode) {
        return "Active".equals(mode) ? ACTIVE : PASS_THROUGH;
    }
}
