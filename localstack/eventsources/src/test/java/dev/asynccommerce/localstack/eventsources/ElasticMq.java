package dev.asynccommerce.localstack.eventsources;

import java.net.URI;
import java.util.Map;
import org.elasticmq.rest.sqs.SQSRestServer;
import org.elasticmq.rest.sqs.SQSRestServerBuilder;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/** ElasticMQ embedded in the test JVM on a free port of 127.0.0.1, one per JVM, reached with the SDK. */
final class ElasticMq {
    static final String ACCOUNT = "000000000000";
    private static ElasticMq shared;

    private final SQSRestServer server;
    private final URI endpoint;

    private ElasticMq() {
        this.server = SQSRestServerBuilder.withInterface("127.0.0.1")
                .withDynamicPort()
                .withAWSRegion("us-east-1")
                .withAWSAccountId(ACCOUNT)
                .start();
        int port = server.waitUntilStarted().localAddress().getPort();
        this.endpoint = URI.create("http://127.0.0.1:" + port);
    }

    static synchronized ElasticMq shared() {
        if (shared == null) {
            shared = new ElasticMq();
            Runtime.getRuntime().addShutdownHook(new Thread(shared.server::stopAndWait, "elasticmq-stop"));
        }
        return shared;
    }

    SqsClient client() {
        return SqsClient.builder()
                .endpointOverride(endpoint)
                .region(Region.US_EAST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create())
                .build();
    }

    /** Creates a queue and answers its URL and ARN. */
    static Queue createQueue(SqsClient sqs, String name, Map<QueueAttributeName, String> attributes) {
        String url =
                sqs.createQueue(b -> b.queueName(name).attributes(attributes)).queueUrl();
        String arn = sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
        return new Queue(url, arn);
    }

    record Queue(String url, String arn) {}
}
