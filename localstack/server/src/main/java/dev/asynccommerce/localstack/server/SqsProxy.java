package dev.asynccommerce.localstack.server;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.Set;

/**
 * Hands SQS requests (JSON or query protocol) to the embedded ElasticMQ on its loopback port, as
 * they came: ElasticMQ speaks the SQS wire protocol itself, and it is configured to write the stack's
 * public endpoint into the queue URLs it returns.
 */
final class SqsProxy {
    /** Hop-by-hop and length headers the HTTP client sets itself. */
    private static final Set<String> NOT_FORWARDED =
            Set.of("host", "content-length", "connection", "transfer-encoding", "expect", "upgrade");

    private final HttpClient client = HttpClient.newBuilder()
            .version(HttpClient.Version.HTTP_1_1)
            .connectTimeout(Duration.ofSeconds(5))
            .build();
    private final URI elasticMq;

    SqsProxy(URI elasticMq) {
        this.elasticMq = elasticMq;
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
        headers.forEach((name, value) -> {
            if (!NOT_FORWARDED.contains(name.toLowerCase())) {
                request.header(name, value);
            }
        });
        HttpResponse<byte[]> response = client.send(request.build(), HttpResponse.BodyHandlers.ofByteArray());
        return new ProtocolResponse(
                response.statusCode(),
                response.headers().firstValue("Content-Type").orElse("application/x-amz-json-1.0"),
                response.body());
    }
}
