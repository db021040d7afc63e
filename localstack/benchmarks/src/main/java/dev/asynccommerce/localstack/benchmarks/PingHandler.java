package dev.asynccommerce.localstack.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

/**
 * The benchmark's trivial HTTP API function: reads the event and answers 200 with its own duration.
 *
 * <p>Trigger: an HTTP API route (payload 2.0) or a direct Invoke, so the two can be compared. The
 * duration (nanoseconds from entry to just before the response is written) travels in the body, so
 * the driver can report the function's own time apart from what surrounds it. Never fails.
 */
public final class PingHandler implements RequestStreamHandler {
    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        input.readAllBytes();
        long took = System.nanoTime() - started;
        output.write(("{\"statusCode\":200,\"headers\":{\"content-type\":\"text/plain\"},\"body\":\"" + took + "\"}")
                .getBytes(StandardCharsets.UTF_8));
    }
}
