package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.list;
import static dev.asynccommerce.infra.Resources.map;
import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;

/** Tables, queues, the bus, its archive and rules, as the infrastructure issue lists them. */
class DataAndMessagingTest {

    @Test
    void everyContextTableIsOnDemandRecoverableEncryptedAndExpiresItems() {
        Map<String, Map<String, Object>> tables = ofType("AWS::DynamoDB::Table");

        assertThat(tables.keySet())
                .hasSize(7)
                .allMatch(id ->
                        id.matches("Tables(Orders|Catalog|Inventory|Payments|Fulfillment|EventAudit|Notifications).*"));
        tables.forEach((id, table) -> {
            Map<String, Object> p = props(table);
            assertThat(p.get("BillingMode")).as(id).isEqualTo("PAY_PER_REQUEST");
            assertThat(map(p.get("PointInTimeRecoverySpecification")).get("PointInTimeRecoveryEnabled"))
                    .as(id)
                    .isEqualTo(true);
            assertThat(map(p.get("SSESpecification")).get("SSEEnabled")).as(id).isEqualTo(true);
            assertThat(map(p.get("TimeToLiveSpecification")))
                    .as(id)
                    .containsEntry("AttributeName", "expiresAt")
                    .containsEntry("Enabled", true);
            assertThat(table.get("DeletionPolicy")).as(id).isEqualTo("Retain");
        });
    }

    @Test
    void outboxTablesStreamNewAndOldImagesAndTheOthersDoNot() {
        ofType("AWS::DynamoDB::Table").forEach((id, table) -> {
            boolean outbox = id.matches("Tables(Orders|Inventory|Payments|Fulfillment|Notifications).*");
            Object stream = props(table).get("StreamSpecification");
            if (outbox) {
                assertThat(map(stream).get("StreamViewType")).as(id).isEqualTo("NEW_AND_OLD_IMAGES");
            } else {
                assertThat(stream).as(id).isNull();
            }
        });
    }

    @Test
    void thePaymentsQueueOutwaitsItsConsumerSixTimesOverAndParksPoisonInTheFailureQueue() {
        Map<String, Object> payments =
                props(ofType("AWS::SQS::Queue").get(Resources.logicalId("AWS::SQS::Queue", "MessagingPaymentsQueue")));
        String failureQueue = Resources.logicalId("AWS::SQS::Queue", "MessagingPaymentsFailureQueue");

        assertThat(((Number) payments.get("VisibilityTimeout")).longValue())
                .isGreaterThanOrEqualTo(6
                        * AsyncCommerceStack.PAYMENT_CONSUMER_TIMEOUT
                                .toSeconds()
                                .longValue());
        Map<String, Object> redrive = map(payments.get("RedrivePolicy"));
        assertThat(redrive.get("maxReceiveCount")).isEqualTo(Messaging.PAYMENT_MAX_RECEIVES);
        assertThat(Resources.refersTo(redrive.get("deadLetterTargetArn"), failureQueue))
                .isTrue();
    }

    @Test
    void theInventoryQueueIsFifoWithAFifoDeadLetterQueue() {
        Map<String, Object> inventory = props(ofType("AWS::SQS::Queue")
                .get(Resources.logicalId("AWS::SQS::Queue", "MessagingInventoryAdjustmentsQueue")));
        Map<String, Object> dlq = props(ofType("AWS::SQS::Queue")
                .get(Resources.logicalId("AWS::SQS::Queue", "MessagingInventoryAdjustmentsDlq")));

        assertThat(inventory).containsEntry("FifoQueue", true).containsEntry("ContentBasedDeduplication", true);
        assertThat(dlq).containsEntry("FifoQueue", true);
        assertThat(map(inventory.get("RedrivePolicy")).get("maxReceiveCount"))
                .isEqualTo(Messaging.INVENTORY_MAX_RECEIVES);
    }

    @Test
    void everyQueueIsEncryptedAndRefusesPlainHttp() {
        ofType("AWS::SQS::Queue")
                .forEach((id, queue) -> assertThat(props(queue)).as(id).containsEntry("SqsManagedSseEnabled", true));
        assertThat(ofType("AWS::SQS::QueuePolicy").values())
                .hasSize(ofType("AWS::SQS::Queue").size())
                .allSatisfy(policy -> assertThat(String.valueOf(props(policy).get("PolicyDocument")))
                        .contains("aws:SecureTransport"));
    }

    @Test
    void aCustomBusArchivesEveryEventOfTheAccount() {
        String bus = Resources.logicalId("AWS::Events::EventBus", "MessagingBus");
        Map<String, Object> archive =
                props(ofType("AWS::Events::Archive").values().iterator().next());

        assertThat(ofType("AWS::Events::Archive")).hasSize(1);
        assertThat(Resources.refersTo(archive.get("SourceArn"), bus)).isTrue();
        assertThat(map(archive.get("EventPattern")).get("account")).isEqualTo(java.util.List.of("123456789012"));
        assertThat(archive.get("RetentionDays")).isEqualTo(90);
    }

    @Test
    void everyRuleTargetRetriesAndHasADeadLetterQueue() {
        Map<String, Map<String, Object>> rules = ofType("AWS::Events::Rule");

        assertThat(rules).isNotEmpty();
        rules.forEach((id, rule) -> {
            assertThat(Resources.refersTo(props(rule).get("EventBusName"), "MessagingBus"))
                    .as(id)
                    .isTrue();
            for (Object target : list(props(rule).get("Targets"))) {
                assertThat(map(target)).as(id).containsKey("DeadLetterConfig");
                assertThat(map(map(target).get("RetryPolicy")))
                        .as(id)
                        .containsKeys("MaximumRetryAttempts", "MaximumEventAgeInSeconds");
            }
        });
    }

    @Test
    void inventoryAdjustmentsReachTheFifoQueueInOneMessageGroup() {
        Map<String, Object> rule = props(ofType("AWS::Events::Rule")
                .get(Resources.logicalId("AWS::Events::Rule", "MessagingInventoryAdjusted")));
        Map<String, Object> target = map(list(rule.get("Targets")).getFirst());

        assertThat(map(rule.get("EventPattern")))
                .containsEntry("source", java.util.List.of("commerce.inventory"))
                .containsEntry("detail-type", java.util.List.of("InventoryAdjusted"));
        assertThat(Resources.refersTo(target.get("Arn"), "MessagingInventoryAdjustmentsQueue"))
                .isTrue();
        assertThat(map(target.get("SqsParameters")).get("MessageGroupId")).isEqualTo(Messaging.INVENTORY_MESSAGE_GROUP);
    }
}
