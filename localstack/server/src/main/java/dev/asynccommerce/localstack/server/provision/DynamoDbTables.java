package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.deployer.ResourceDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeDefinition;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.GlobalSecondaryIndex;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.Projection;
import software.amazon.awssdk.services.dynamodb.model.ResourceNotFoundException;
import software.amazon.awssdk.services.dynamodb.model.TableDescription;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/** AWS::DynamoDB::Table in DynamoDB Local: keys, indexes, billing, stream and TTL as the template says. */
public final class DynamoDbTables implements Provisioner {
    private static final Set<String> HONOURED = Set.of(
            "TableName",
            "KeySchema",
            "AttributeDefinitions",
            "BillingMode",
            "ProvisionedThroughput",
            "StreamSpecification",
            "TimeToLiveSpecification",
            "GlobalSecondaryIndexes");
    private static final Set<String> NO_LOCAL_MEANING = Set.of(
            "SSESpecification",
            "PointInTimeRecoverySpecification",
            "Tags",
            "DeletionProtectionEnabled",
            "TableClass",
            "ContributorInsightsSpecification");

    private final DynamoDbClient dynamo;
    private final Consumer<String> notEmulated;

    public DynamoDbTables(DynamoDbClient dynamo, Consumer<String> notEmulated) {
        this.dynamo = dynamo;
        this.notEmulated = notEmulated;
    }

    @Override
    public Provisioned create(ResourceDefinition resource, JsonNode p, Provisioned named) {
        Properties.check(resource, p, HONOURED, NO_LOCAL_MEANING).forEach(notEmulated);
        String name = named.physicalId();
        TableDescription table;
        try {
            table = dynamo.describeTable(b -> b.tableName(name)).table();
        } catch (ResourceNotFoundException absent) {
            dynamo.createTable(b -> {
                b.tableName(name)
                        .keySchema(keys(p.path("KeySchema")))
                        .attributeDefinitions(attributes(p.path("AttributeDefinitions")));
                if ("PROVISIONED".equals(p.path("BillingMode").asText("PROVISIONED"))
                        && p.has("ProvisionedThroughput")) {
                    b.billingMode(BillingMode.PROVISIONED)
                            .provisionedThroughput(t -> t.readCapacityUnits(p.path("ProvisionedThroughput")
                                            .path("ReadCapacityUnits")
                                            .asLong())
                                    .writeCapacityUnits(p.path("ProvisionedThroughput")
                                            .path("WriteCapacityUnits")
                                            .asLong()));
                } else {
                    b.billingMode(BillingMode.PAY_PER_REQUEST);
                }
                if (p.path("StreamSpecification").has("StreamViewType")) {
                    b.streamSpecification(s -> s.streamEnabled(true)
                            .streamViewType(p.path("StreamSpecification")
                                    .path("StreamViewType")
                                    .asText()));
                }
                if (p.has("GlobalSecondaryIndexes")) {
                    List<GlobalSecondaryIndex> indexes = new ArrayList<>();
                    for (JsonNode index : p.get("GlobalSecondaryIndexes")) {
                        indexes.add(GlobalSecondaryIndex.builder()
                                .indexName(index.path("IndexName").asText())
                                .keySchema(keys(index.path("KeySchema")))
                                .projection(Projection.builder()
                                        .projectionType(index.path("Projection")
                                                .path("ProjectionType")
                                                .asText("ALL"))
                                        .build())
                                .build());
                    }
                    b.globalSecondaryIndexes(indexes);
                }
            });
            table = dynamo.describeTable(b -> b.tableName(name)).table();
        }
        JsonNode ttl = p.path("TimeToLiveSpecification");
        if (ttl.path("Enabled").asBoolean(false)) {
            String attribute = ttl.path("AttributeName").asText();
            // A persisted table (a restart with --persist) already has it: enabling twice is an error.
            var current = dynamo.describeTimeToLive(b -> b.tableName(name)).timeToLiveDescription();
            if (current.timeToLiveStatus() != TimeToLiveStatus.ENABLED || !attribute.equals(current.attributeName())) {
                dynamo.updateTimeToLive(b -> b.tableName(name)
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName(attribute)));
            }
        }
        Map<String, String> attributes = new HashMap<>(named.attributes());
        attributes.put("Arn", table.tableArn());
        if (table.latestStreamArn() != null) {
            attributes.put("StreamArn", table.latestStreamArn());
        }
        return new Provisioned(name, attributes);
    }

    private static List<KeySchemaElement> keys(JsonNode schema) {
        List<KeySchemaElement> keys = new ArrayList<>();
        schema.forEach(k -> keys.add(KeySchemaElement.builder()
                .attributeName(k.path("AttributeName").asText())
                .keyType(k.path("KeyType").asText())
                .build()));
        return keys;
    }

    private static List<AttributeDefinition> attributes(JsonNode definitions) {
        List<AttributeDefinition> attributes = new ArrayList<>();
        definitions.forEach(a -> attributes.add(AttributeDefinition.builder()
                .attributeName(a.path("AttributeName").asText())
                .attributeType(a.path("AttributeType").asText())
                .build()));
        return attributes;
    }
}
