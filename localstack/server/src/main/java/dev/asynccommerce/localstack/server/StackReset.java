package dev.asynccommerce.localstack.server;

import dev.asynccommerce.localstack.eventbridge.EventBridge;
import dev.asynccommerce.localstack.eventsources.EventSourceMappings;
import dev.asynccommerce.localstack.eventsources.MappingDefinition;
import dev.asynccommerce.localstack.lambda.LambdaService;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsEngine;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BatchWriteItemResponse;
import software.amazon.awssdk.services.dynamodb.model.KeySchemaElement;
import software.amazon.awssdk.services.dynamodb.model.ScanResponse;
import software.amazon.awssdk.services.dynamodb.model.WriteRequest;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * {@code POST /_local/reset}: the stack back to its freshly deployed, seeded state, without
 * redeploying. Resources stay (tables with their streams and TTL, queues, buses, rules, archives, state
 * machines, functions, APIs); what they hold goes. The clock is not moved back.
 *
 * <p>In this order, so that nothing still running writes into what was just emptied:
 *
 * <ol>
 *   <li>injected faults are removed (the reset's own calls go through the endpoint too);
 *   <li>the DynamoDB stream mappings are stopped: emptying a table writes a REMOVE record per item, and
 *       an outbox relay still retrying a batch from before the reset would publish stale events;
 *   <li>WebSocket connections are closed (the APIs are registered again);
 *   <li>Step Functions executions are stopped and forgotten; archives emptied, replays forgotten;
 *   <li>every SQS queue is purged (SQS PurgeQueue), and what was already delivered to EventBridge
 *       targets, event-source mappings and functions is let finish;
 *   <li>every table of the deployment is emptied item by item (DynamoDB has no truncate);
 *   <li>the stream mappings start again at LATEST — after the REMOVE records, before any new write;
 *   <li>the demo data is seeded again, when the stack was started with it;
 *   <li>the X-Ray segment store is emptied.
 * </ol>
 *
 * <p>Not undone: EventBridge target retries already scheduled on the clock (they fire on a later advance).
 */
final class StackReset implements Runnable {
    private static final Logger LOG = LogManager.getLogger(StackReset.class);
    private static final Duration SETTLE = Duration.ofSeconds(30);

    private final Faults faults;
    private final EventSourceMappings mappings;
    private final StepFunctionsEngine stepFunctions;
    private final EventBridge eventBridge;
    private final LambdaService lambda;
    private final SqsClient sqs;
    private final DynamoDbClient dynamo;
    private final XRayStore traces;
    private final List<String> tables;
    private final Runnable registerApis;
    private final Runnable seed;

    StackReset(
            Faults faults,
            EventSourceMappings mappings,
            StepFunctionsEngine stepFunctions,
            EventBridge eventBridge,
            LambdaService lambda,
            SqsClient sqs,
            DynamoDbClient dynamo,
            XRayStore traces,
            List<String> tables,
            Runnable registerApis,
            Runnable seed) {
        this.faults = faults;
        this.mappings = mappings;
        this.stepFunctions = stepFunctions;
        this.eventBridge = eventBridge;
        this.lambda = lambda;
        this.sqs = sqs;
        this.dynamo = dynamo;
        this.traces = traces;
        this.tables = List.copyOf(tables);
        this.registerApis = registerApis;
        this.seed = seed;
    }

    @Override
    public synchronized void run() {
        long started = System.nanoTime();
        faults.clear();
        Map<String, MappingDefinition> streamMappings = new LinkedHashMap<>();
        mappings.list().forEach((id, definition) -> {
            if (definition.kind() == MappingDefinition.SourceKind.DYNAMODB_STREAMS) {
                streamMappings.put(id, definition);
            }
        });
        streamMappings.keySet().forEach(mappings::delete);
        registerApis.run();
        stepFunctions.clearExecutions();
        eventBridge.emptyArchives();
        purgeQueues();
        eventBridge.awaitIdle(SETTLE);
        mappings.awaitIdle(SETTLE);
        lambda.awaitIdle(SETTLE);
        tables.forEach(this::empty);
        streamMappings.values().forEach(definition -> mappings.create(fromLatest(definition)));
        seed.run();
        // Last, so that the seed's own traces and what was still settling above are gone too.
        traces.clear();
        LOG.info(
                "reset: {} tables emptied, {} stream mappings restarted, in {} ms",
                tables.size(),
                streamMappings.size(),
                Duration.ofNanos(System.nanoTime() - started).toMillis());
    }

    private void purgeQueues() {
        for (var page : sqs.listQueuesPaginator(b -> b.maxResults(1000))) {
            page.queueUrls().forEach(url -> sqs.purgeQueue(b -> b.queueUrl(url)));
        }
    }

    /** Deletes every item, reading only the keys; the table, its stream and its TTL setting stay. */
    private void empty(String table) {
        List<String> keys = dynamo.describeTable(b -> b.tableName(table)).table().keySchema().stream()
                .map(KeySchemaElement::attributeName)
                .toList();
        // Key names may be reserved words ("name", "type"...): always go through placeholders.
        Map<String, String> names = new HashMap<>();
        List<String> projection = new ArrayList<>();
        for (int i = 0; i < keys.size(); i++) {
            names.put("#k" + i, keys.get(i));
            projection.add("#k" + i);
        }
        Map<String, AttributeValue> start = null;
        do {
            Map<String, AttributeValue> from = start;
            ScanResponse page = dynamo.scan(b -> b.tableName(table)
                    .projectionExpression(String.join(",", projection))
                    .expressionAttributeNames(names)
                    .exclusiveStartKey(from));
            List<WriteRequest> deletes = page.items().stream()
                    .map(key -> WriteRequest.builder()
                            .deleteRequest(d -> d.key(key))
                            .build())
                    .toList();
            for (int i = 0; i < deletes.size(); i += 25) {
                delete(table, deletes.subList(i, Math.min(deletes.size(), i + 25)));
            }
            start = page.hasLastEvaluatedKey() && !page.lastEvaluatedKey().isEmpty() ? page.lastEvaluatedKey() : null;
        } while (start != null);
    }

    private void delete(String table, List<WriteRequest> batch) {
        Map<String, List<WriteRequest>> pending = Map.of(table, batch);
        while (!pending.isEmpty()) {
            Map<String, List<WriteRequest>> request = pending;
            BatchWriteItemResponse response = dynamo.batchWriteItem(b -> b.requestItems(request));
            pending = response.hasUnprocessedItems() ? response.unprocessedItems() : Map.of();
        }
    }

    /** The same mapping, starting after everything already in the stream. */
    private static MappingDefinition fromLatest(MappingDefinition d) {
        return new MappingDefinition(
                d.functionArn(),
                d.eventSourceArn(),
                d.kind(),
                d.batchSize(),
                d.maximumBatchingWindow(),
                d.enabled(),
                d.reportBatchItemFailures(),
                MappingDefinition.StartingPosition.LATEST,
                d.bisectBatchOnFunctionError(),
                d.maximumRetryAttempts(),
                d.maximumRecordAge(),
                d.parallelizationFactor(),
                d.onFailureDestination(),
                d.maximumConcurrency(),
                d.filterPatterns());
    }
}
