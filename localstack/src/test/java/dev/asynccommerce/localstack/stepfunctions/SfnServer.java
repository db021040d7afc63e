package dev.asynccommerce.localstack.stepfunctions;

import com.sun.net.httpserver.HttpServer;
import dev.asynccommerce.localstack.clock.VirtualClock;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.net.InetSocketAddress;
import java.net.URI;
import java.time.Instant;
import java.util.concurrent.Executors;
import java.util.function.UnaryOperator;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.client.config.SdkAdvancedClientOption;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sfn.SfnClient;

/**
 * Test mount of {@link StepFunctionsApi} on a JDK HTTP server at 127.0.0.1 and a free port, and an
 * unmodified SDK {@link SfnClient} pointed at it, as issue 4's endpoint will mount it.
 */
final class SfnServer implements AutoCloseable {
    static final Instant START = Instant.parse("2026-11-21T09:00:00Z");
    final VirtualClock clock;
    final StepFunctionsEngine engine;
    final SfnClient sfn;
    private final HttpServer server;

    SfnServer() {
        this(b -> b);
    }

    SfnServer(UnaryOperator<StepFunctionsEngine.Builder> configure) {
        this(START, configure);
    }

    /** A server whose manual clock starts at {@code start} (a restarted stack's clock goes on from where it was). */
    SfnServer(Instant start, UnaryOperator<StepFunctionsEngine.Builder> configure) {
        this(VirtualClock.manual(start), configure);
    }

    /** A server on {@code clock} (a flowing one, say), which it closes with itself. */
    SfnServer(VirtualClock clock, UnaryOperator<StepFunctionsEngine.Builder> configure) {
        this.clock = clock;
        engine = configure.apply(StepFunctionsEngine.builder().clock(clock)).build();
        StepFunctionsApi api = new StepFunctionsApi(engine);
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
        URI endpoint = URI.create("http://127.0.0.1:" + server.getAddress().getPort());
        sfn = SfnClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                // StartSyncExecution prefixes the host with "sync-"; a local endpoint has no such host.
                .overrideConfiguration(
                        c -> c.putAdvancedOption(SdkAdvancedClientOption.DISABLE_HOST_PREFIX_INJECTION, true))
                .build();
    }

    /** Lets woken executions run until they finish or park. */
    void settle() {
        if (!engine.awaitIdle(java.time.Duration.ofSeconds(10))) {
            throw new AssertionError("engine did not settle");
        }
    }

    @Override
    public void close() {
        sfn.close();
        server.stop(0);
        engine.close();
        clock.close();
    }
}
