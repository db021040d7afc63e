package dev.asynccommerce.localstack.apigateway;

import java.net.URI;
import java.time.Instant;
import java.time.InstantSource;
import java.util.concurrent.atomic.AtomicReference;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.DefaultHandler;

/**
 * A Jetty server on 127.0.0.1 and a free port with the gateway mounted as the stack's server mounts
 * it (in front of another handler), on a clock the test sets.
 */
final class GatewayServer implements AutoCloseable {
    static final String ACCOUNT = "000000000000";
    static final Instant START = Instant.parse("2026-11-21T09:00:00Z");

    final RecordingFunctions functions = new RecordingFunctions();
    final AtomicReference<Instant> now = new AtomicReference<>(START);
    final ApiGateway gateway;
    private final Server server;
    private final URI endpoint;

    GatewayServer(JwksSource jwks) throws Exception {
        InstantSource clock = now::get;
        this.gateway = new ApiGateway(functions, jwks, clock, ACCOUNT);
        this.server = new Server();
        ServerConnector connector = new ServerConnector(server);
        connector.setHost("127.0.0.1");
        connector.setPort(0);
        server.addConnector(connector);
        server.setHandler(new Handler.Sequence(gateway.handler(server), new DefaultHandler()));
        server.start();
        this.endpoint = URI.create("http://127.0.0.1:" + connector.getLocalPort());
    }

    GatewayServer() throws Exception {
        this(issuer -> {
            throw new IllegalStateException("no issuer in this test");
        });
    }

    URI endpoint() {
        return endpoint;
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            throw new IllegalStateException("the test server did not stop", e);
        }
    }
}
