package dev.asynccommerce.localstack.eventbridge;

import com.sun.net.httpserver.HttpServer;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import dev.asynccommerce.localstack.spi.ManualTimers;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * Test mount of {@link EventBridgeApi} on a JDK HTTP server at 127.0.0.1 and a free port, with an
 * unmodified SDK {@link EventBridgeClient} pointed at it, as the stack's endpoint will mount it.
 */
final class EventBridgeServer implements AutoCloseable {
    static final Instant T0 = Instant.parse("2026-11-21T09:00:00Z");

    final ManualTimers timers;
    final EventBridge engine;
    final EventBridgeClient client;
    private final HttpServer server;

    EventBridgeServer() {
        this(b -> b);
    }

    EventBridgeServer(UnaryOperator<EventBridge.Builder> configure) {
        this(T0, configure);
    }

    /** A server whose clock starts at {@code start}: a restarted stack's clock has moved on. */
    EventBridgeServer(Instant start, UnaryOperator<EventBridge.Builder> configure) {
        timers = new ManualTimers(start);
        engine = configure.apply(EventBridge.builder().timers(timers)).build();
        EventBridgeApi api = new EventBridgeApi(engine);
        try {
            server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
        server.setExecutor(Executors.newVirtualThreadPerTaskExecutor());
        server.createContext("/", exchange -> {
            byte[] body;
            try (InputStream in = exchange.getRequestBody()) {
                body = in.readAllBytes();
            }
            AwsJsonProtocol.Response response = api.handle(
                    exchange.getRequestHeaders().getFirst("X-Amz-Target"),
                    body,
                    exchange.getRequestHeaders().getFirst("X-Amzn-Trace-Id"));
            exchange.getResponseHeaders().set("Content-Type", response.contentType());
            exchange.sendResponseHeaders(response.status(), response.body().length);
            try (OutputStream out = exchange.getResponseBody()) {
                out.write(response.body());
            }
        });
        server.start();
        client = EventBridgeClient.builder()
                .endpointOverride(
                        URI.create("http://127.0.0.1:" + server.getAddress().getPort()))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Lets the queued first attempts (and replays) run. */
    void settle() {
        if (!engine.awaitIdle(Duration.ofSeconds(10))) {
            throw new AssertionError("deliveries did not settle");
        }
    }

    /** Advances the manual clock, then lets whatever the fired timers queued run. */
    void advance(Duration by) {
        settle();
        timers.advance(by);
        settle();
    }

    @Override
    public void close() {
        client.close();
        server.stop(0);
        engine.close();
    }
}
