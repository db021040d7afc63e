package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.Json;
import dev.asynccommerce.localstack.stepfunctions.StatesError;
import java.util.ArrayList;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import software.amazon.awssdk.core.SdkBytes;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.DeleteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.GetItemResponse;
import software.amazon.awssdk.services.dynamodb.model.PutItemResponse;
import software.amazon.awssdk.services.dynamodb.model.UpdateItemResponse;

/**
 * {@code arn:aws:states:::dynamodb:getItem|putItem|updateItem|deleteItem}, request-response only
 * (AWS offers no other pattern for them). Parameters are DynamoDB's own request shape, attribute
 * values in DynamoDB JSON; results likewise.
 */
public final class DynamoDbIntegration implements ServiceIntegration {
    private static final Set<String> ACTIONS = Set.of("getItem", "putItem", "updateItem", "deleteItem");
    private final DynamoDbClient dynamo;

    public DynamoDbIntegration(DynamoDbClient dynamo) {
        this.dynamo = dynamo;
    }

    @Override
    public String service() {
        return "dynamodb";
    }

    @Override
    public boolean supports(String action, IntegrationPattern pattern) {
        return ACTIONS.contains(action) && pattern == IntegrationPattern.REQUEST_RESPONSE;
    }

    @Override
    public CompletionStage<JsonNode> call(TaskCall call) {
        JsonNode p = call.parameters();
        ObjectNode out = Json.object();
        try {
            switch (call.action()) {
                case "getItem" -> {
                    GetItemResponse response = dynamo.getItem(b -> b.tableName(text(p, "TableName"))
                            .key(item(p.get("Key")))
                            .consistentRead(
                                    p.has("ConsistentRead")
                                            ? p.get("ConsistentRead").asBoolean()
                                            : null)
                            .projectionExpression(text(p, "ProjectionExpression"))
                            .expressionAttributeNames(names(p)));
                    if (response.hasItem()) {
                        out.set("Item", json(response.item()));
                    }
                    metadata(out, response.responseMetadata().requestId());
                }
                case "putItem" -> {
                    PutItemResponse response = dynamo.putItem(b -> b.tableName(text(p, "TableName"))
                            .item(item(p.get("Item")))
                            .conditionExpression(text(p, "ConditionExpression"))
                            .expressionAttributeNames(names(p))
                            .expressionAttributeValues(values(p))
                            .returnValues(text(p, "ReturnValues")));
                    if (response.hasAttributes()) {
                        out.set("Attributes", json(response.attributes()));
                    }
                    metadata(out, response.responseMetadata().requestId());
                }
                case "updateItem" -> {
                    UpdateItemResponse response = dynamo.updateItem(b -> b.tableName(text(p, "TableName"))
                            .key(item(p.get("Key")))
                            .updateExpression(text(p, "UpdateExpression"))
                            .conditionExpression(text(p, "ConditionExpression"))
                            .expressionAttributeNames(names(p))
                            .expressionAttributeValues(values(p))
                            .returnValues(text(p, "ReturnValues")));
                    if (response.hasAttributes()) {
                        out.set("Attributes", json(response.attributes()));
                    }
                    metadata(out, response.responseMetadata().requestId());
                }
                case "deleteItem" -> {
                    DeleteItemResponse response = dynamo.deleteItem(b -> b.tableName(text(p, "TableName"))
                            .key(item(p.get("Key")))
                            .conditionExpression(text(p, "ConditionExpression"))
                            .expressionAttributeNames(names(p))
                            .expressionAttributeValues(values(p))
                            .returnValues(text(p, "ReturnValues")));
                    if (response.hasAttributes()) {
                        out.set("Attributes", json(response.attributes()));
                    }
                    metadata(out, response.responseMetadata().requestId());
                }
                default -> throw new IllegalArgumentException(call.action());
            }
        } catch (SdkException e) {
            throw SdkErrors.map("DynamoDB", "AmazonDynamoDBv2", e);
        } catch (IllegalArgumentException | NullPointerException e) {
            throw new StatesError("DynamoDB.ValidationException", String.valueOf(e.getMessage()));
        }
        return CompletableFuture.completedFuture(out);
    }

    private static void metadata(ObjectNode out, String requestId) {
        out.set("SdkHttpMetadata", SdkMetadata.http(200, requestId));
        out.set("SdkResponseMetadata", SdkMetadata.response(requestId));
    }

    private static String text(JsonNode p, String field) {
        return p.hasNonNull(field) ? p.get(field).asText() : null;
    }

    private static Map<String, String> names(JsonNode p) {
        if (!p.hasNonNull("ExpressionAttributeNames")) {
            return null;
        }
        Map<String, String> names = new LinkedHashMap<>();
        p.get("ExpressionAttributeNames")
                .properties()
                .forEach(e -> names.put(e.getKey(), e.getValue().asText()));
        return names;
    }

    private static Map<String, AttributeValue> values(JsonNode p) {
        return p.hasNonNull("ExpressionAttributeValues") ? item(p.get("ExpressionAttributeValues")) : null;
    }

    /** DynamoDB JSON ({@code {"name": {"S": "x"}}}) to SDK attribute values. */
    public static Map<String, AttributeValue> item(JsonNode node) {
        if (node == null || !node.isObject()) {
            throw new IllegalArgumentException("Expected a map of attribute values but got " + node);
        }
        Map<String, AttributeValue> item = new LinkedHashMap<>();
        node.properties().forEach(e -> item.put(e.getKey(), value(e.getValue())));
        return item;
    }

    static AttributeValue value(JsonNode node) {
        if (node == null || !node.isObject() || node.size() != 1) {
            throw new IllegalArgumentException("Supplied AttributeValue is empty or has more than one type: " + node);
        }
        Map.Entry<String, JsonNode> e = node.properties().iterator().next();
        JsonNode v = e.getValue();
        return switch (e.getKey()) {
            case "S" -> AttributeValue.fromS(v.asText());
            case "N" -> AttributeValue.fromN(v.asText());
            case "B" ->
                AttributeValue.fromB(SdkBytes.fromByteArray(Base64.getDecoder().decode(v.asText())));
            case "BOOL" -> AttributeValue.fromBool(v.asBoolean());
            case "NULL" -> AttributeValue.fromNul(v.asBoolean());
            case "SS" -> AttributeValue.fromSs(strings(v));
            case "NS" -> AttributeValue.fromNs(strings(v));
            case "BS" ->
                AttributeValue.fromBs(strings(v).stream()
                        .map(s -> SdkBytes.fromByteArray(Base64.getDecoder().decode(s)))
                        .toList());
            case "M" -> AttributeValue.fromM(item(v));
            case "L" -> {
                List<AttributeValue> list = new ArrayList<>();
                v.forEach(x -> list.add(value(x)));
                yield AttributeValue.fromL(list);
            }
            default -> throw new IllegalArgumentException("Unknown attribute value type " + e.getKey());
        };
    }

    private static List<String> strings(JsonNode array) {
        List<String> out = new ArrayList<>();
        array.forEach(x -> out.add(x.asText()));
        return out;
    }

    /** SDK attribute values back to DynamoDB JSON. */
    public static ObjectNode json(Map<String, AttributeValue> item) {
        ObjectNode out = Json.object();
        item.forEach((k, v) -> out.set(k, json(v)));
        return out;
    }

    static ObjectNode json(AttributeValue v) {
        ObjectNode out = Json.object();
        switch (v.type()) {
            case S -> out.put("S", v.s());
            case N -> out.put("N", v.n());
            case B -> out.put("B", Base64.getEncoder().encodeToString(v.b().asByteArray()));
            case BOOL -> out.put("BOOL", v.bool());
            case NUL -> out.put("NULL", v.nul());
            case SS -> v.ss().forEach(out.putArray("SS")::add);
            case NS -> v.ns().forEach(out.putArray("NS")::add);
            case BS -> {
                ArrayNode bs = out.putArray("BS");
                v.bs().forEach(b -> bs.add(Base64.getEncoder().encodeToString(b.asByteArray())));
            }
            case M -> out.set("M", json(v.m()));
            case L -> {
                ArrayNode list = out.putArray("L");
                v.l().forEach(x -> list.add(json(x)));
            }
            default -> throw new IllegalArgumentException("Unknown attribute value " + v);
        }
        return out;
    }
}
