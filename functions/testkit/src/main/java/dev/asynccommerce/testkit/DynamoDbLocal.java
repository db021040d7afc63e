package dev.asynccommerce.testkit;

import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBRequestHandler;
import com.amazonaws.services.dynamodbv2.local.server.LocalDynamoDBServerHandler;
import java.net.URI;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.server.ServerConnector;
import org.eclipse.jetty.server.handler.ContextHandler;
import org.eclipse.jetty.server.handler.ContextHandlerCollection;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;

/**
 * AWS's DynamoDB Local (streams included) running inside the test JVM, in memory, on a free port
 * of 127.0.0.1 only, reached through the unmodified SDK v2 clients with an endpoint override.
 *
 * <p>We assemble DynamoDB Local's own request handler into a Jetty server of ours rather than call
 * its {@code ServerRunner}: the runner binds every interface and configures usage telemetry, and
 * tests must bind loopback only and reach no network. One instance serves a whole test JVM; tests
 * keep apart by creating tables with unique names.
 */
public final class DynamoDbLocal implements AutoCloseable {
    private static DynamoDbLocal shared;

    private final Server server;
    private final URI endpoint;

    private DynamoDbLocal(Server server, URI endpoint) {
        this.server = server;
        this.endpoint = endpoint;
    }

    /** The JVM-wide instance, started on first use and stopped when the JVM exits. */
    public static synchronized DynamoDbLocal shared() {
        if (shared == null) {
            shared = start();
            Runtime.getRuntime().addShutdownHook(new Thread(shared::close, "dynamodb-local-stop"));
        }
        return shared;
    }

    public static DynamoDbLocal start() {
        try {
            // inMemory, no db path, shared across access keys and regions, no artificial delays.
            LocalDynamoDBRequestHandler requests = new LocalDynamoDBRequestHandler(0, true, null, true, false);
            LocalDynamoDBServerHandler handler = new LocalDynamoDBServerHandler(requests, "*");
            Server server = new Server();
            ServerConnector connector = new ServerConnector(server);
            connector.setHost("127.0.0.1");
            connector.setPort(0);
            server.addConnector(connector);
            ContextHandler context = new ContextHandler();
            context.setHandler(handler);
            server.setHandler(new ContextHandlerCollection(context));
            server.start();
            return new DynamoDbLocal(server, URI.create("http://127.0.0.1:" + connector.getLocalPort()));
        } catch (Exception e) {
            throw new IllegalStateException("DynamoDB Local did not start", e);
        }
    }

    public URI endpoint() {
        return endpoint;
    }

    public DynamoDbClient client() {
        return DynamoDbClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    public DynamoDbStreamsClient streamsClient() {
        return DynamoDbStreamsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(credentials())
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    private static StaticCredentialsProvider credentials() {
        return StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local"));
    }

    @Override
    public void close() {
        try {
            server.stop();
        } catch (Exception e) {
            // Stopping at JVM exit: nothing useful to do with a failure here.
        }
    }
}
