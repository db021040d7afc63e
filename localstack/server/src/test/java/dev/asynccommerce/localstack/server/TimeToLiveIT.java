package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.DynamoDbException;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.TimeToLiveStatus;

/**
 * DynamoDB time to live follows the stack's clock, never the wall clock: the stack's clock starts long
 * before today here, so every expiry written from it has already passed on the wall clock.
 */
class TimeToLiveIT {
    private static final Instant START = Instant.parse("2026-01-05T09:00:00Z");

    private static LocalStack stack;
    private static DynamoDbClient dynamo;
    private String table;

    @BeforeAll
    static void start() {
        stack = LocalStack.start(LocalStack.Options.defaults().withPort(0).withManualClock(START));
        dynamo = StackClients.of(stack, DynamoDbClient.builder()).build();
    }

    @AfterAll
    static void stop() {
        dynamo.close();
        stack.close();
    }

    @BeforeEach
    void createTableWithTtlEnabledThroughTheApi() {
        table = "sessions-" + System.nanoTime();
        dynamo.createTable(b -> b.tableName(table)
                .billingMode(BillingMode.PAY_PER_REQUEST)
                .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH)));
        dynamo.updateTimeToLive(b ->
                b.tableName(table).timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt")));
    }

    private void put(String pk, Instant expiresAt) {
        dynamo.putItem(b -> b.tableName(table)
                .item(Map.of(
                        "pk",
                        AttributeValue.fromS(pk),
                        "expiresAt",
                        AttributeValue.fromN(Long.toString(expiresAt.getEpochSecond())))));
    }

    private boolean stored(String pk) {
        return !dynamo.getItem(b -> b.tableName(table)
                        .key(Map.of("pk", AttributeValue.fromS(pk)))
                        .consistentRead(true))
                .item()
                .isEmpty();
    }

    @Test
    void anItemPastItsExpiryOnTheWallClockStaysUntilTheStackClockPassesIt() {
        Instant inAnHourOnTheStackClock = stack.clock().now().plus(Duration.ofHours(1));
        assertThat(inAnHourOnTheStackClock).isBefore(Instant.now());
        put("session-1", inAnHourOnTheStackClock);

        // DynamoDB Local's own expiry job runs every second; on the wall clock, this item is long expired.
        await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(5)).until(() -> stored("session-1"));

        stack.clock().advance(Duration.ofHours(2));

        assertThat(stored("session-1")).isFalse();
    }

    @Test
    void theSettingReadsAsWrittenAndASecondEnableIsRefusedAsOnAws() {
        var description = dynamo.describeTimeToLive(b -> b.tableName(table)).timeToLiveDescription();
        assertThat(description.timeToLiveStatus()).isEqualTo(TimeToLiveStatus.ENABLED);
        assertThat(description.attributeName()).isEqualTo("expiresAt");

        assertThatThrownBy(() -> dynamo.updateTimeToLive(b -> b.tableName(table)
                        .timeToLiveSpecification(t -> t.enabled(true).attributeName("expiresAt"))))
                .isInstanceOf(DynamoDbException.class)
                .hasMessageContaining("TimeToLive is already enabled");
    }

    @Test
    void aTableWithoutTtlKeepsItsItemsHoweverFarTheClockMoves() {
        dynamo.updateTimeToLive(b ->
                b.tableName(table).timeToLiveSpecification(t -> t.enabled(false).attributeName("expiresAt")));
        put("session-2", stack.clock().now().minus(Duration.ofDays(1)));

        stack.clock().advance(Duration.ofHours(2));

        assertThat(stored("session-2")).isTrue();
        assertThat(dynamo.describeTimeToLive(b -> b.tableName(table))
                        .timeToLiveDescription()
                        .timeToLiveStatus())
                .isEqualTo(TimeToLiveStatus.DISABLED);
    }
}
