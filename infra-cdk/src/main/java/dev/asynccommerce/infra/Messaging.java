package dev.asynccommerce.infra;

import java.util.List;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.Archive;
import software.amazon.awscdk.services.events.BaseArchiveProps;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.EventPattern;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.events.targets.SqsQueue;
import software.amazon.awscdk.services.sqs.DeadLetterQueue;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.sqs.QueueEncryption;
import software.constructs.Construct;

/**
 * The event backbone: the custom bus with an archive of every event, the work queues with their
 * dead-letter queues, and the rules that feed the queues (each target with a retry policy and a DLQ).
 */
public final class Messaging extends Construct {
    /** Payment attempts give up on the provider after this many receives and park in the failure queue. */
    public static final int PAYMENT_MAX_RECEIVES = 5;

    public static final int INVENTORY_MAX_RECEIVES = 5;

    /**
     * EventBridge rules can only set a static MessageGroupId on an SQS FIFO target; the consumer
     * orders per store and SKU by the event's skuSequence (docs/decisions).
     */
    public static final String INVENTORY_MESSAGE_GROUP = "inventory-adjustments";

    private final EventBus bus;
    private final Archive archive;
    private final Queue paymentsQueue;
    private final Queue paymentsFailureQueue;
    private final Queue inventoryQueue;
    private final Queue relayFailureQueue;
    private final Rule inventoryAdjustedRule;

    /**
     * @param paymentConsumerTimeout the payment function's timeout: the queue's visibility timeout is
     *     six times it, as AWS recommends for SQS event sources, so a slow batch is not redelivered
     *     while it is still being worked on
     */
    public Messaging(Construct scope, String id, DeadLetters deadLetters, Duration paymentConsumerTimeout) {
        super(scope, id);
        this.bus = EventBus.Builder.create(this, "Bus")
                .description("async-commerce domain events")
                .build();
        this.archive = bus.archive(
                "Archive",
                BaseArchiveProps.builder()
                        .description("Every domain event, for audit and replay")
                        .eventPattern(EventPattern.builder()
                                .account(List.of(Stack.of(this).getAccount()))
                                .build())
                        .retention(Duration.days(90))
                        .build());

        this.paymentsFailureQueue = deadLetters.create(this, "PaymentsFailureQueue", false);
        this.paymentsQueue = Queue.Builder.create(this, "PaymentsQueue")
                .visibilityTimeout(
                        Duration.seconds(paymentConsumerTimeout.toSeconds().longValue() * 6))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(paymentsFailureQueue)
                        .maxReceiveCount(PAYMENT_MAX_RECEIVES)
                        .build())
                .build();

        Queue inventoryDlq = deadLetters.create(this, "InventoryAdjustmentsDlq", true);
        this.inventoryQueue = Queue.Builder.create(this, "InventoryAdjustmentsQueue")
                .fifo(true)
                // EventBridge sets no deduplication id; every event body differs by its eventId, so
                // content-based deduplication drops exactly EventBridge's own retries.
                .contentBasedDeduplication(true)
                .visibilityTimeout(Duration.seconds(60))
                .encryption(QueueEncryption.SQS_MANAGED)
                .enforceSsl(true)
                .deadLetterQueue(DeadLetterQueue.builder()
                        .queue(inventoryDlq)
                        .maxReceiveCount(INVENTORY_MAX_RECEIVES)
                        .build())
                .build();

        this.relayFailureQueue = deadLetters.create(this, "RelayFailureQueue", false);

        Queue inventoryRuleDlq = deadLetters.create(this, "InventoryAdjustedTargetDlq", false);
        this.inventoryAdjustedRule = Rule.Builder.create(this, "InventoryAdjustedToChannelSync")
                .eventBus(bus)
                .description("InventoryAdjusted → the inventory FIFO queue → channel sync")
                .eventPattern(EventPattern.builder()
                        .source(List.of("commerce.inventory"))
                        .detailType(List.of("InventoryAdjusted"))
                        .build())
                .targets(List.of(SqsQueue.Builder.create(inventoryQueue)
                        .messageGroupId(INVENTORY_MESSAGE_GROUP)
                        .deadLetterQueue(inventoryRuleDlq)
                        .retryAttempts(185)
                        .maxEventAge(Duration.hours(24))
                        .build()))
                .build();
    }

    public EventBus bus() {
        return bus;
    }

    public Archive archive() {
        return archive;
    }

    public Queue paymentsQueue() {
        return paymentsQueue;
    }

    public Queue paymentsFailureQueue() {
        return paymentsFailureQueue;
    }

    public Queue inventoryQueue() {
        return inventoryQueue;
    }

    public Queue relayFailureQueue() {
        return relayFailureQueue;
    }

    public List<Rule> rules() {
        return List.of(inventoryAdjustedRule);
    }

    /** Queues that hold work (not dead letters), for depth and age alarms. */
    public List<Queue> workQueues() {
        return List.of(paymentsQueue, inventoryQueue);
    }
}
