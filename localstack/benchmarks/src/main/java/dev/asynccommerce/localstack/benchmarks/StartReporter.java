package dev.asynccommerce.localstack.benchmarks;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.HttpURLConnection;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashSet;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The benchmark's event-driven function: reports, for every benchmark id in the event it was invoked
 * with, the instant its handler started, to the driver's report sink ({@code REPORT_URL}).
 *
 * <p>Trigger: an SQS or DynamoDB Streams event-source mapping. The start instant is {@link
 * System#nanoTime()} taken before anything else; on Linux it reads CLOCK_MONOTONIC, one clock for every
 * process of the machine, so the driver's JVM can subtract its own nanoTime from it. A stream handler
 * and not a typed one, because the Lambda runtime's deserialization is not what is being measured and
 * the ids are found in the raw event text ({@code bench-<kind>-<n>}: a message body, an item key).
 *
 * <p>Failure: a report that cannot be delivered throws, so the mapping retries the batch; the sink
 * keeps the first start it hears of, so a retry cannot shorten a latency.
 */
public final class StartReporter implements RequestStreamHandler {
    private static final Pattern ID = Pattern.compile("bench-([a-z]+)-(\\d+)");

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        long started = System.nanoTime();
        String event = new String(input.readAllBytes(), StandardCharsets.UTF_8);
        // A stream record names its key twice (Keys and NewImage): one line per id is enough.
        Set<String> ids = new LinkedHashSet<>();
        Matcher matcher = ID.matcher(event);
        while (matcher.find()) {
            ids.add(matcher.group(1) + " " + matcher.group(2));
        }
        StringBuilder report = new StringBuilder();
        for (String id : ids) {
            report.append(id).append(' ').append(started).append('\n');
        }
        post(report.toString().getBytes(StandardCharsets.UTF_8));
        // SQS mappings read batchItemFailures; an empty list acknowledges the whole batch.
        output.write("{\"batchItemFailures\":[]}".getBytes(StandardCharsets.UTF_8));
    }

    private static void post(byte[] body) throws IOException {
        HttpURLConnection connection = (HttpURLConnection)
                URI.create(System.getenv("REPORT_URL")).toURL().openConnection();
        connection.setRequestMethod("POST");
        connection.setDoOutput(true);
        connection.setFixedLengthStreamingMode(body.length);
        try (OutputStream out = connection.getOutputStream()) {
            out.write(body);
        }
        int status = connection.getResponseCode();
        // Reading the (empty) answer to the end lets the JDK keep the connection alive for the next report.
        try (InputStream in = connection.getInputStream()) {
            in.readAllBytes();
        }
        if (status != 204) {
            throw new IOException("report sink answered " + status);
        }
    }
}
