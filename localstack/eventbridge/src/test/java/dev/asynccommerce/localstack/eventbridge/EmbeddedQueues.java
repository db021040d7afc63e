package dev.asynccommerce.localstack.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.net.URI;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import org.elasticmq.NodeAddress;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * ElasticMQ embedded in the test JVM on a free loopback port, as the SQS that EventBridge's targets and
 * dead-letter queues send to, with the real SDK client for the test's side.
 */
final class EmbeddedQueues implements AutoCloseable {
    static final String ACCOUNT = "000000000000";

    final SqsClient sqs;
    private final SQSRestServer server;

    EmbeddedQueues() {
        int port = freePort();
        this.server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withPort(port)
                .withServerAddress(new NodeAddress("http", "127.0.0.1", port, ""))
                .withAWSAccountId(ACCOUNT)
                .withAWSRegion("us-east-1")
                .start();
        server.waitUntilStarted();
        this.sqs = SqsClient.builder()
                .endpointOverride(URI.create("http://127.0.0.1:" + port))
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    String queue(String name) {
        return queue(name, Map.of());
    }

    String queue(String name, Map<QueueAttributeName, String> attributes) {
        return sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
    }

    static String arn(String queueUrl) {
        return "arn:aws:sqs:us-east-1:" + ACCOUNT + ":" + queueUrl.substring(queueUrl.lastIndexOf('/') + 1);
    }

    /**
     * Receives and deletes {@code count} messages (with their message attributes), polling until a
     * deadline: delivery is asynchronous. Answers them in the order of their events' {@code detail.n},
     * which the tests number.
     */
    List<Message> receive(String url, int count) {
        List<Message> out = new ArrayList<>();
        long deadline = System.nanoTime() + Duration.ofSeconds(10).toNanos();
        while (out.size() < count && System.nanoTime() < deadline) {
            var messages = sqs.receiveMessage(b -> b.queueUrl(url)
                            .maxNumberOfMessages(10)
                            .waitTimeSeconds(1)
                            .messageAttributeNames("All"))
                    .messages();
            for (Message m : messages) {
                sqs.deleteMessage(b -> b.queueUrl(url).receiptHandle(m.receiptHandle()));
            }
            out.addAll(messages);
        }
        assertThat(out).as("messages in " + url).hasSize(count);
        out.sort(Comparator.comparing(
                m -> json(m.body()).path("detail").path("n").asInt()));
        return out;
    }

    static JsonNode json(String text) {
        try {
            return Json.MAPPER.readTree(text);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    private static int freePort() {
        try (ServerSocket socket = new ServerSocket(0, 0, InetAddress.getLoopbackAddress())) {
            return socket.getLocalPort();
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    @Override
    public void close() {
        sqs.close();
        server.stopAndWait();
    }
}
