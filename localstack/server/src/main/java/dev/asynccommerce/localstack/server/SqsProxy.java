package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.clock.VirtualClock;
import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Clock;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Hands SQS requests (JSON or query protocol) to the embedded ElasticMQ on its loopback port, as
 * they came: ElasticMQ speaks the SQS wire protocol itself, and it is configured to write the stack's
 * public endpoint into the queue URLs it returns. What ElasticMQ answered is shown to {@link
 * VisibilityTimeouts}, which puts visibility timeouts on the stack's clock: a JSON-protocol call as it is,
 * a query-protocol call as {@link SqsQueryProtocol} reads it in the JSON protocol's shapes.
 */
final class SqsProxy {
    /** Hop-by-hop and length headers the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade");

    private static final String JSON_TARGET_PREFIX = "AmazonSQS.";
    private static final String JSON_CONTENT_TYPE = "application/x-amz-json-1.0";
    private static final ObjectMapper JSON = new ObjectMapper();

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI elasticMq;
    private final VisibilityTimeouts visibility;

    SqsProxy(URI elasticMq, VirtualClock clock) {
        this.elasticMq = elasticMq;
        // ElasticMQ keeps its timeouts on the system clock.
        this.visibility = new VisibilityTimeouts(clock, Clock.systemUTC(), this::callElasticMq);
    }

    ProtocolResponse forward(String method, String pathAndQuery, Map<String, String> headers, byte[] body)
            throws IOException, InterruptedException {
        HttpRequest.Builder request = HttpRequest.newBuilder(elasticMq.resolve(pathAndQuery))
                .timeout(Duration.ofSeconds(30))
                .method(
                        method,
                        body.length == 0
                                ? HttpRequest.BodyPublishers.noBody()
                                : HttpRequest.BodyPublishers.ofByteArray(body));
        String target = null;
        String contentType = null;
        for (Map.Entry<String, String> header : headers.entrySet()) {
            String name = header.getKey().toLowerCase();
            if (!NOT_FORWARDED.contains(name)) {
                request.header(header.getKey(), header.getValue());
            }
            if (name.equals("x-amz-target")) {
                target = header.getValue();
            } else if (name.equals("content-type")) {
                contentType = header.getValue();
            }
        }
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        // An encoded answer would need decoding first; ElasticMQ sends none, and an SDK asks for none.
        if (response.headers().firstValue("Content-Encoding").isEmpty()) {
            if (target != null && target.startsWith(JSON_TARGET_PREFIX)) {
                visibility.observe(
                        target.substring(JSON_TARGET_PREFIX.length()), body, response.statusCode(), response.body());
            } else if (target == null && response.statusCode() == 200) {
                // A refused query-protocol call changed nothing on the queue: no need to read it.
                int queryStart = pathAndQuery.indexOf('?');
                SqsQueryProtocol.toJson(
                                queryStart < 0 ? pathAndQuery : pathAndQuery.substring(0, queryStart),
                                queryStart < 0 ? null : pathAndQuery.substring(queryStart + 1),
                                contentType,
                                body,
                                response.body(),
                                elasticMq)
                        .ifPresent(call -> visibility.observe(
                                call.operation(), call.request(), response.statusCode(), call.response()));
            }
        }
        return new ProtocolResponse(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse(JSON_CONTENT_TYPE),
                response.body());
    }

    /**
     * The stack's own call to ElasticMQ, in the JSON protocol: not through the gateway (so no injected
     * fault applies to it) and not shown to {@link VisibilityTimeouts}.
     */
    private JsonNode callElasticMq(String operation, ObjectNode body) throws IOException, InterruptedException {
        HttpRequest request = HttpRequest.newBuilder(elasticMq.resolve("/"))
                .timeout(Duration.ofSeconds(10))
                .header("Content-Type", JSON_CONTENT_TYPE)
                .header("X-Amz-Target", JSON_TARGET_PREFIX + operation)
                .POST(HttpRequest.BodyPublishers.ofByteArray(JSON.writeValueAsBytes(body)))
                .build();
        HttpResponse<byte[]> response = client.send(request, HttpResponse.BodyHandlers.ofByteArray());
        if (response.statusCode() != 200) {
            JsonNode error = JSON.readTree(response.body());
            throw new IOException(operation + " answered " + response.statusCode() + " "
                    + (error == null ? "" : error.path("__type").asText()));
        }
        return JSON.readTree(response.body());
    }
}
