package dev.asynccommerce.localstack.server.provision;

import dev.asynccommerce.localstack.deployer.Provisioner;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The provisioners of the types the stack emulates, each creating its resources through the unmodified
 * SDK against the stack's own endpoint, as CloudFormation calls the services. Collects the properties
 * with no local meaning, which the stack lists once.
 */
public final class StackProvisioners implements AutoCloseable {
    private final DynamoDbClient dynamo;
    private final SqsClient sqs;
    private final EventBridgeClient events;
    private final SfnClient sfn;
    private final Set<String> notEmulated = new TreeSet<>();
    private final Map<String, Provisioner> byType = new HashMap<>();

    public StackProvisioners(URI endpoint, Region region) {
        this.dynamo = client(DynamoDbClient.builder(), endpoint, region).build();
        this.sqs = client(SqsClient.builder(), endpoint, region).build();
        this.events = client(EventBridgeClient.builder(), endpoint, region).build();
        this.sfn = client(SfnClient.builder(), endpoint, region).build();
        EventBridgeResources eventBridge = new EventBridgeResources(events, notEmulated::add);
        byType.put("AWS::DynamoDB::Table", new DynamoDbTables(dynamo, notEmulated::add));
        byType.put("AWS::SQS::Queue", new SqsQueues(sqs, notEmulated::add));
        byType.put("AWS::Events::EventBus", eventBridge.buses());
        byType.put("AWS::Events::Rule", eventBridge.rules());
        byType.put("AWS::Events::Archive", eventBridge.archives());
        byType.put("AWS::StepFunctions::StateMachine", new StateMachines(sfn, notEmulated::add));
    }

    /** Adds or replaces the provisioner of a type (Lambda and the API gateway plug in here). */
    public StackProvisioners with(String type, Provisioner provisioner) {
        byType.put(type, provisioner);
        return this;
    }

    public Map<String, Provisioner> byType() {
        return Map.copyOf(byType);
    }

    /** Records a property with no local meaning ({@code Type.Property}) for the start-up listing. */
    public void noted(String typeAndProperty) {
        notEmulated.add(typeAndProperty);
    }

    /** Properties the template sets that have no local meaning, as {@code Type.Property}. */
    public Set<String> notEmulatedProperties() {
        return Set.copyOf(notEmulated);
    }

    private static <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B client(
            B builder, URI endpoint, Region region) {
        return builder.endpointOverride(endpoint)
                .region(region)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }

    @Override
    public void close() {
        dynamo.close();
        sqs.close();
        events.close();
        sfn.close();
    }
}
