package dev.asynccommerce.localstack.lambda;

/** Lambda's {@code InvocationType}, spelled as on the wire ({@code X-Amz-Invocation-Type}). */
public enum InvocationType {
    /** Synchronous: the caller waits for the function's response. */
    RequestResponse,
    /** Asynchronous: queued, run later, function errors retried twice. */
    Event,
    /** Validates the request (function exists, payload is JSON) and runs nothing. */
    DryRun
}
