package dev.asynccommerce.localstack.lambda;

/**
 * What an invoke returns, shaped like Lambda's Invoke response.
 *
 * @param statusCode 200 (RequestResponse), 202 (Event) or 204 (DryRun)
 * @param payload the function's response, or its error document when {@code functionError} is set; empty
 *     for Event and DryRun
 * @param functionError {@code "Unhandled"} when the function failed (threw, timed out, crashed), else null
 * @param executedVersion the version that ran ({@code $LATEST} or a number); null for Event/DryRun
 * @param requestId the invocation's request id (the function's {@code context.getAwsRequestId()})
 * @param logTail the last 4 KB of the invocation's log (START … REPORT), for {@code LogType=Tail}; empty
 *     for Event/DryRun
 */
public record InvocationResult(
        int statusCode,
        byte[] payload,
        String functionError,
        String executedVersion,
        String requestId,
        String logTail) {

    public boolean failed() {
        return functionError != null;
    }
}
