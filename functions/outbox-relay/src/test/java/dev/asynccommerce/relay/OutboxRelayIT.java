package dev.asynccommerce.relay;

import static org.assertj.core.api.Assertions.assertThat;

import com.amazonaws.services.lambda.runtime.events.DynamodbEvent;
import com.amazonaws.services.lambda.runtime.events.StreamsEventResponse;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.dynamodb.TransactWrites;
import dev.asynccommerce.platform.outbox.OutboxItem;
import dev.asynccommerce.relay.adapter.eventbridge.EventBridgePublisher;
import dev.asynccommerce.relay.application.OutboxRelay;
import dev.asynccommerce.relay.application.RecordingBackoff;
import dev.asynccommerce.relay.handler.OutboxRelayHandler;
import dev.asynccommerce.testkit.DynamoDbLocal;
import dev.asynccommerce.testkit.StreamEvents;
import dev.asynccommerce.testkit.TestTable;
import dev.asynccommerce.testkit.UniqueNames;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.stream.IntStream;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.retry.AwsRetryStrategy;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbEnhancedClient;
import software.amazon.awssdk.enhanced.dynamodb.DynamoDbTable;
import software.amazon.awssdk.enhanced.dynamodb.Key;
import software.amazon.awssdk.enhanced.dynamodb.TableSchema;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticAttributeTags;
import software.amazon.awssdk.enhanced.dynamodb.mapper.StaticTableSchema;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.streams.DynamoDbStreamsClient;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;

/**
 * The relay end to end on one machine: contexts' writes in DynamoDB Local, its real stream read
 * and handed over as Lambda would, the real handler and EventBridge adapter, and a recorder in
 * place of the EventBridge endpoint.
 */
class OutboxRelayIT {
    private static final String BUS = "commerce-events";
    private static final Instant T0 = Instant.parse("2026-11-21T08:15:30.123Z");

    private final DynamoDbClient dynamo = DynamoDbLocal.shared().client();
    private final DynamoDbStreamsClient streams = DynamoDbLocal.shared().streamsClient();
    private final DynamoDbEnhancedClient enhanced =
            DynamoDbEnhancedClient.builder().dynamoDbClient(dynamo).build();
    private final RecordingBackoff backoff = new RecordingBackoff();

    private String tableName;
    private DynamoDbTable<OutboxItem> outbox;
    private DynamoDbTable<OrderRow> orders;
    private PutEventsRecorder recorder;
    private EventBridgeClient eventBridge;
    private OutboxRelayHandler handler;

    @BeforeEach
    void setUp() {
        tableName = TestTable.named("relay").withStream().create(dynamo);

        outbox = enhanced.table(tableName, OutboxItem.SCHEMA);
        orders = enhanced.table(tableName, OrderRow.SCHEMA);

        recorder = PutEventsRecorder.start();
        // No SDK retries here, so a throttled call reaches the relay; deployed, the SDK retries first.
        eventBridge = EventBridgeClient.builder()
                .endpointOverride(recorder.endpoint())
                .region(Region.EU_WEST_1)
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(AwsClients.httpClient())
                .overrideConfiguration(AwsClients.overrides().toBuilder()
                        .retryStrategy(AwsRetryStrategy.doNotRetry())
                        .build())
                .build();
        handler = new OutboxRelayHandler(OutboxRelayWiring.with(new EventBridgePublisher(eventBridge, BUS), backoff));
    }

    @AfterEach
    void tearDown() {
        eventBridge.close();
        recorder.close();
        dynamo.deleteTable(b -> b.tableName(tableName));
        streams.close();
        dynamo.close();
    }

    @Test
    void publishesTheOutboxInsertsOfARealStreamExactlyAsWritten() {
        OutboxItem placed = outboxItem("o-1", "OrderPlaced", 1, "Root=1-6740f0b2-5f1e4b3c2d1a0f9e8d7c6b5a;Sampled=1");
        OutboxItem confirmed = outboxItem("o-1", "OrderConfirmed", 2, null);
        enhanced.transactWriteItems(
                t -> t.addPutItem(orders, OrderRow.of("o-1", "PENDING_PAYMENT")).addPutItem(outbox, placed));
        enhanced.transactWriteItems(
                t -> t.addPutItem(orders, OrderRow.of("o-1", "CONFIRMED")).addPutItem(outbox, confirmed));
        outbox.deleteItem(Key.builder().partitionValue(placed.getPk()).build());

        DynamodbEvent batch = StreamEvents.readTable(dynamo, streams, tableName);
        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(batch.getRecords())
                .extracting(r -> r.getEventName())
                .containsExactlyInAnyOrder("INSERT", "INSERT", "MODIFY", "INSERT", "REMOVE");
        assertThat(recorder.calls())
                .singleElement()
                .satisfies(call -> assertThat(call.entries()).hasSize(2));
        List<PutEventsRecorder.Entry> published = recorder.accepted();
        assertThat(published)
                .extracting(PutEventsRecorder.Entry::eventId)
                .containsExactlyElementsOf(outboxInsertsInStreamOrder(batch));
        assertThat(published)
                .extracting(PutEventsRecorder.Entry::eventId)
                .containsExactlyInAnyOrder(placed.getEventId(), confirmed.getEventId());
        for (OutboxItem written : List.of(placed, confirmed)) {
            PutEventsRecorder.Entry entry = published.stream()
                    .filter(e -> e.eventId().equals(written.getEventId()))
                    .findFirst()
                    .orElseThrow();
            assertThat(entry.eventBusName()).isEqualTo(BUS);
            assertThat(entry.source()).isEqualTo(written.getSource());
            assertThat(entry.detailType()).isEqualTo(written.getDetailType());
            assertThat(entry.detail()).isEqualTo(written.getDetail());
            assertThat(entry.time()).isEqualTo(Instant.parse(written.getOccurredAt()));
            assertThat(entry.traceHeader()).isEqualTo(written.getTraceHeader());
            assertThat(entry.resources()).isEmpty();
        }
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void publishesTheOutboxItemsOfATableWithASortKeyAsTheOthersWriteThem() {
        String sortKeyed =
                TestTable.named("relay-sk").withSortKey("sk").withStream().create(dynamo);
        try {
            OutboxItem reserved = outboxItem("o-1", "InventoryReserved", 1, "Root=1-6740f0b2-5f1e4b3c2d1a0f9e8d7c6b5a");
            dynamo.transactWriteItems(b -> b.transactItems(
                    TransactWrites.putNew(
                            sortKeyed,
                            Map.of(
                                    "pk",
                                    AttributeValue.fromS("RESERVATION#o-1#1"),
                                    "sk",
                                    AttributeValue.fromS("RESERVATION"),
                                    OutboxItem.ATTR_ITEM_TYPE,
                                    AttributeValue.fromS("Reservation"))),
                    reserved.putNew(sortKeyed, "sk")));

            StreamsEventResponse response =
                    handler.handleRequest(StreamEvents.readTable(dynamo, streams, sortKeyed), null);

            assertThat(recorder.accepted()).singleElement().satisfies(entry -> {
                assertThat(entry.eventId()).isEqualTo(reserved.getEventId());
                assertThat(entry.source()).isEqualTo(reserved.getSource());
                assertThat(entry.detailType()).isEqualTo("InventoryReserved");
                assertThat(entry.detail()).isEqualTo(reserved.getDetail());
                assertThat(entry.time()).isEqualTo(Instant.parse(reserved.getOccurredAt()));
                assertThat(entry.traceHeader()).isEqualTo(reserved.getTraceHeader());
            });
            assertThat(response.getBatchItemFailures()).isEmpty();
        } finally {
            dynamo.deleteTable(b -> b.tableName(sortKeyed));
        }
    }

    @Test
    void publishesTwentyFiveEventsInCallsOfTenTenAndFive() {
        List<OutboxItem> written = writeOrders(25, 0);

        StreamsEventResponse response = handler.handleRequest(StreamEvents.readTable(dynamo, streams, tableName), null);

        assertThat(recorder.calls()).extracting(c -> c.entries().size()).containsExactly(10, 10, 5);
        assertThat(recorder.acceptedEventIds())
                .containsExactlyInAnyOrderElementsOf(
                        written.stream().map(OutboxItem::getEventId).toList())
                .doesNotHaveDuplicates();
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void keepsEveryCallWithinTheRequestSizeLimit() {
        writeOrders(5, 100_000);

        StreamsEventResponse response = handler.handleRequest(StreamEvents.readTable(dynamo, streams, tableName), null);

        assertThat(recorder.calls()).extracting(c -> c.entries().size()).containsExactly(2, 2, 1);
        assertThat(recorder.calls()).allSatisfy(call -> {
            assertThat(call.awsRequestSize()).isLessThanOrEqualTo(OutboxRelay.MAX_REQUEST_BYTES);
            // The wire request carries more than the counted entry size (JSON keys, escapes, the bus name).
            assertThat(call.requestBodyBytes()).isGreaterThan(call.awsRequestSize());
        });
        assertThat(recorder.calls().getFirst().awsRequestSize()).isGreaterThan(200_000);
        assertThat(recorder.acceptedEventIds()).hasSize(5).doesNotHaveDuplicates();
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void retriesOnlyTheEntriesTheBusRefusesUntilItAcceptsThem() {
        List<OutboxItem> written = writeOrders(4, 0);
        DynamodbEvent batch = StreamEvents.readTable(dynamo, streams, tableName);
        String refused = outboxInsertsInStreamOrder(batch).get(1);
        recorder.refuse(refused, "InternalFailure", 2);

        StreamsEventResponse response = handler.handleRequest(batch, null);

        assertThat(recorder.calls())
                .extracting(PutEventsRecorder.Call::eventIds)
                .containsExactly(outboxInsertsInStreamOrder(batch), List.of(refused), List.of(refused));
        assertThat(backoff.pauses()).containsExactly(Duration.ofMillis(100), Duration.ofMillis(200));
        assertThat(recorder.acceptedEventIds())
                .containsExactlyInAnyOrderElementsOf(
                        written.stream().map(OutboxItem::getEventId).toList());
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void stopsAtTheRecordTheBusKeepsRefusingAndResumesFromItOnRedelivery() {
        writeOrders(12, 0);
        DynamodbEvent batch = StreamEvents.readTable(dynamo, streams, tableName);
        List<String> inOrder = outboxInsertsInStreamOrder(batch);
        String refused = inOrder.get(2);
        recorder.refuseAlways(refused, "InternalFailure");

        StreamsEventResponse response = handler.handleRequest(batch, null);

        String failedSequenceNumber = sequenceNumberOf(batch, refused);
        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(failedSequenceNumber);
        assertThat(recorder.calls())
                .extracting(PutEventsRecorder.Call::eventIds)
                .containsExactly(inOrder.subList(0, 10), List.of(refused), List.of(refused), List.of(refused));
        assertThat(recorder.acceptedEventIds()).doesNotContain(refused, inOrder.get(10), inOrder.get(11));

        // Lambda checkpoints before the failed record and delivers the stream again from it.
        recorder.acceptEverything();
        handler.handleRequest(redeliveryFrom(batch, failedSequenceNumber), null);

        assertThat(recorder.acceptedEventIds()).containsOnlyOnce(inOrder.get(0), inOrder.get(1), refused);
        assertThat(recorder.acceptedEventIds()).containsAll(inOrder);
    }

    @Test
    void retriesACallTheBusThrottlesAsAWhole() {
        writeOrders(3, 0);
        recorder.throttleNextCalls(1);

        StreamsEventResponse response = handler.handleRequest(StreamEvents.readTable(dynamo, streams, tableName), null);

        assertThat(recorder.calls())
                .extracting(PutEventsRecorder.Call::throttled)
                .containsExactly(true, false);
        assertThat(recorder.calls())
                .allSatisfy(call -> assertThat(call.entries()).hasSize(3));
        assertThat(backoff.pauses()).containsExactly(Duration.ofMillis(100));
        assertThat(recorder.acceptedEventIds()).hasSize(3).doesNotHaveDuplicates();
        assertThat(response.getBatchItemFailures()).isEmpty();
    }

    @Test
    void reportsAnOutboxItemTooLargeForPutEventsAndSendsNothingAfterIt() {
        OutboxItem small = outboxItem("o-1", "OrderPlaced", 1, null);
        OutboxItem huge = withDetailPaddedTo(outboxItem("o-2", "OrderPlaced", 1, null), 300_000);
        OutboxItem after = outboxItem("o-3", "OrderPlaced", 1, null);
        for (OutboxItem item : List.of(small, huge, after)) {
            enhanced.transactWriteItems(t -> t.addPutItem(outbox, item));
        }
        DynamodbEvent batch = StreamEvents.readTable(dynamo, streams, tableName);
        List<String> inOrder = outboxInsertsInStreamOrder(batch);

        StreamsEventResponse response = handler.handleRequest(batch, null);

        int hugeAt = inOrder.indexOf(huge.getEventId());
        assertThat(response.getBatchItemFailures())
                .extracting(StreamsEventResponse.BatchItemFailure::getItemIdentifier)
                .containsExactly(sequenceNumberOf(batch, huge.getEventId()));
        assertThat(recorder.acceptedEventIds()).containsExactlyElementsOf(inOrder.subList(0, hugeAt));
        assertThat(recorder.calls())
                .allSatisfy(call -> assertThat(call.eventIds()).doesNotContain(huge.getEventId()));
    }

    /** One transaction per order, as a context writes them: the order's state and its event. */
    private List<OutboxItem> writeOrders(int count, int detailBytes) {
        List<OutboxItem> written = new ArrayList<>();
        IntStream.rangeClosed(1, count).forEach(i -> {
            OutboxItem item = outboxItem("o-" + i, "OrderPlaced", 1, null);
            OutboxItem event = detailBytes > 0 ? withDetailPaddedTo(item, detailBytes) : item;
            enhanced.transactWriteItems(t -> t.addPutItem(orders, OrderRow.of("o-" + i, "PENDING_PAYMENT"))
                    .addPutItem(outbox, event));
            written.add(event);
        });
        return written;
    }

    private static final java.util.concurrent.atomic.AtomicInteger SEQUENCE =
            new java.util.concurrent.atomic.AtomicInteger();

    private static OutboxItem outboxItem(String orderId, String eventType, int aggregateSequence, String traceHeader) {
        String eventId = UniqueNames.next("evt");
        Instant occurredAt = T0.plusMillis(SEQUENCE.incrementAndGet());
        String detail = """
                {"metadata":{"eventId":"%s","eventType":"%s","schemaVersion":"1.0","occurredAt":"%s",\
                "correlationId":"c-%s","causationId":"c-%s","aggregateId":"%s","sequence":%d},\
                "data":{"orderId":"%s","note":""}}""".formatted(
                eventId, eventType, occurredAt, orderId, orderId, orderId, aggregateSequence, orderId).strip();
        return OutboxItem.of(
                eventId,
                "commerce.ordering",
                eventType,
                detail,
                orderId,
                occurredAt,
                occurredAt.plus(Duration.ofDays(7)),
                traceHeader);
    }

    /** Pads the event's data with two-byte characters so the detail is {@code bytes} long in UTF-8. */
    private static OutboxItem withDetailPaddedTo(OutboxItem item, int bytes) {
        String detail = item.getDetail();
        int missing = bytes - detail.getBytes(java.nio.charset.StandardCharsets.UTF_8).length;
        String padding = "ü".repeat(missing / 2) + "x".repeat(missing % 2);
        item.setDetail(detail.replace("\"note\":\"\"", "\"note\":\"" + padding + "\""));
        return item;
    }

    private static List<String> outboxInsertsInStreamOrder(DynamodbEvent batch) {
        return batch.getRecords().stream()
                .filter(r -> "INSERT".equals(r.getEventName()))
                .map(r -> r.getDynamodb().getNewImage())
                .filter(image -> OutboxItem.ITEM_TYPE.equals(
                        image.get(OutboxItem.ATTR_ITEM_TYPE).getS()))
                .map(image -> image.get(OutboxItem.ATTR_EVENT_ID).getS())
                .toList();
    }

    private static String sequenceNumberOf(DynamodbEvent batch, String eventId) {
        return batch.getRecords().stream()
                .filter(r -> "INSERT".equals(r.getEventName()))
                .filter(r -> r.getDynamodb().getNewImage().containsKey(OutboxItem.ATTR_EVENT_ID))
                .filter(r -> eventId.equals(r.getDynamodb()
                        .getNewImage()
                        .get(OutboxItem.ATTR_EVENT_ID)
                        .getS()))
                .map(r -> r.getDynamodb().getSequenceNumber())
                .findFirst()
                .orElseThrow();
    }

    private static DynamodbEvent redeliveryFrom(DynamodbEvent batch, String sequenceNumber) {
        List<DynamodbEvent.DynamodbStreamRecord> records = batch.getRecords();
        int from = IntStream.range(0, records.size())
                .filter(i -> records.get(i).getDynamodb().getSequenceNumber().equals(sequenceNumber))
                .findFirst()
                .orElseThrow();
        DynamodbEvent redelivery = new DynamodbEvent();
        redelivery.setRecords(records.subList(from, records.size()));
        return redelivery;
    }

    /** Another item type in the same table: the relay must leave it alone. */
    public static final class OrderRow {
        static final TableSchema<OrderRow> SCHEMA = StaticTableSchema.builder(OrderRow.class)
                .newItemSupplier(OrderRow::new)
                .addAttribute(
                        String.class,
                        a -> a.name(OutboxItem.ATTR_PK)
                                .getter(OrderRow::getPk)
                                .setter(OrderRow::setPk)
                                .tags(StaticAttributeTags.primaryPartitionKey()))
                .addAttribute(
                        String.class,
                        a -> a.name(OutboxItem.ATTR_ITEM_TYPE)
                                .getter(OrderRow::getItemType)
                                .setter(OrderRow::setItemType))
                .addAttribute(
                        String.class,
                        a -> a.name("status").getter(OrderRow::getStatus).setter(OrderRow::setStatus))
                .build();

        private String pk;
        private String itemType;
        private String status;

        static OrderRow of(String orderId, String status) {
            OrderRow row = new OrderRow();
            row.pk = "ORDER#" + orderId;
            row.itemType = "Order";
            row.status = status;
            return row;
        }

        public String getPk() {
            return pk;
        }

        public void setPk(String pk) {
            this.pk = pk;
        }

        public String getItemType() {
            return itemType;
        }

        public void setItemType(String itemType) {
            this.itemType = itemType;
        }

        public String getStatus() {
            return status;
        }

        public void setStatus(String status) {
            this.status = status;
        }
    }
}
