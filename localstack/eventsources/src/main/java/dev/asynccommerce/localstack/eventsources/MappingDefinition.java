package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;

/**
 * One event-source mapping as the Lambda service would hold it: the resolved properties of an {@code
 * AWS::Lambda::EventSourceMapping} with Lambda's defaults applied and its limits checked.
 *
 * <p>Build it with {@link #fromCloudFormation(JsonNode, String, String)}. A property, value or combination the local
 * stack cannot honour is refused with an {@link IllegalArgumentException} whose message starts with
 * the property's name, never skipped.
 *
 * @param functionArn the function, as a full ARN (a name or partial ARN in {@code FunctionName} is
 *     qualified with the stack's region and account)
 * @param eventSourceArn an SQS queue ARN or a DynamoDB stream ARN
 * @param kind which poller serves the source
 * @param batchSize records per invocation at most (defaults: SQS 10, DynamoDB Streams 100)
 * @param maximumBatchingWindow how long to gather records before invoking (zero: invoke at once)
 * @param enabled a disabled mapping polls nothing
 * @param reportBatchItemFailures whether the function's {@code batchItemFailures} response is read
 * @param startingPosition streams only: where a new mapping starts reading; null for SQS
 * @param bisectBatchOnFunctionError streams only: split a failed batch in two and retry the halves
 * @param maximumRetryAttempts streams only: retries of a failed batch, -1 for no limit
 * @param maximumRecordAge streams only: older records are discarded, null for no limit
 * @param parallelizationFactor streams only: accepted (1–10); batches of a shard still run one at a
 *     time, which keeps every ordering guarantee the factor allows
 * @param onFailureDestination streams only: SQS queue ARN for discarded batches' records, or null
 * @param maximumConcurrency SQS only: concurrent invocations at most, or null for the default
 * @param filterPatterns {@code FilterCriteria.Filters[].Pattern}; a record is sent when any matches
 */
public record MappingDefinition(
        String functionArn,
        String eventSourceArn,
        SourceKind kind,
        int batchSize,
        Duration maximumBatchingWindow,
        boolean enabled,
        boolean reportBatchItemFailures,
        StartingPosition startingPosition,
        boolean bisectBatchOnFunctionError,
        int maximumRetryAttempts,
        Duration maximumRecordAge,
        int parallelizationFactor,
        String onFailureDestination,
        Integer maximumConcurrency,
        List<String> filterPatterns) {

    /** The kinds of event source the local stack polls. */
    public enum SourceKind {
        SQS,
        DYNAMODB_STREAMS
    }

    /** Where a stream mapping starts: the oldest record kept, or records written from now on. */
    public enum StartingPosition {
        TRIM_HORIZON,
        LATEST
    }

    private static final ObjectMapper JSON = new ObjectMapper();

    /** Properties of no consequence to local polling: accepted and ignored. */
    private static final Set<String> IGNORED = Set.of("Tags", "MetricsConfig", "KmsKeyArn", "LoggingConfig");

    private static final Set<String> KNOWN = Set.of(
            "FunctionName",
            "EventSourceArn",
            "BatchSize",
            "MaximumBatchingWindowInSeconds",
            "Enabled",
            "FunctionResponseTypes",
            "StartingPosition",
            "StartingPositionTimestamp",
            "BisectBatchOnFunctionError",
            "MaximumRetryAttempts",
            "MaximumRecordAgeInSeconds",
            "ParallelizationFactor",
            "DestinationConfig",
            "ScalingConfig",
            "FilterCriteria",
            "TumblingWindowInSeconds");

    public MappingDefinition {
        Objects.requireNonNull(functionArn, "functionArn");
        Objects.requireNonNull(eventSourceArn, "eventSourceArn");
        Objects.requireNonNull(kind, "kind");
        Objects.requireNonNull(maximumBatchingWindow, "maximumBatchingWindow");
        filterPatterns = List.copyOf(filterPatterns);
    }

    /** The same mapping, enabled or disabled (Lambda's {@code UpdateEventSourceMapping} with {@code Enabled}). */
    public MappingDefinition withEnabled(boolean enabled) {
        return new MappingDefinition(
                functionArn,
                eventSourceArn,
                kind,
                batchSize,
                maximumBatchingWindow,
                enabled,
                reportBatchItemFailures,
                startingPosition,
                bisectBatchOnFunctionError,
                maximumRetryAttempts,
                maximumRecordAge,
                parallelizationFactor,
                onFailureDestination,
                maximumConcurrency,
                filterPatterns);
    }

    /** Parses CloudFormation properties given as JSON text; see {@link #fromCloudFormation(JsonNode, String, String)}. */
    public static MappingDefinition fromCloudFormation(String propertiesJson, String region, String account) {
        try {
            return fromCloudFormation(JSON.readTree(propertiesJson), region, account);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "event source mapping properties are not JSON: " + e.getOriginalMessage());
        }
    }

    /**
     * Reads the resolved properties of an {@code AWS::Lambda::EventSourceMapping} (intrinsics already
     * replaced by values), applies Lambda's defaults and checks Lambda's limits.
     *
     * @param region the stack's region, to qualify a bare {@code FunctionName}
     * @param account the stack's account, likewise
     * @throws IllegalArgumentException naming the property that is missing, invalid, or not honoured
     *     locally
     */
    public static MappingDefinition fromCloudFormation(JsonNode properties, String region, String account) {
        if (properties == null || !properties.isObject()) {
            throw new IllegalArgumentException("event source mapping properties must be a JSON object");
        }
        for (Iterator<String> names = properties.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!KNOWN.contains(name) && !IGNORED.contains(name)) {
                throw new IllegalArgumentException(name + ": not supported by the local stack's event-source mappings"
                        + " (they poll SQS queues and DynamoDB streams)");
            }
        }
        String sourceArn = requiredText(properties, "EventSourceArn");
        SourceKind kind = kindOf(sourceArn);
        String functionArn = functionArn(requiredText(properties, "FunctionName"), region, account);

        boolean sqs = kind == SourceKind.SQS;
        int batchSize = intValue(properties, "BatchSize", sqs ? 10 : 100);
        int window = intValue(properties, "MaximumBatchingWindowInSeconds", 0);
        check(batchSize >= 1 && batchSize <= 10_000, "BatchSize", "must be between 1 and 10000, was " + batchSize);
        check(
                window >= 0 && window <= 300,
                "MaximumBatchingWindowInSeconds",
                "must be between 0 and 300, was " + window);
        if (sqs) {
            boolean fifo = sourceArn.endsWith(".fifo");
            check(!fifo || batchSize <= 10, "BatchSize", "must be at most 10 for a FIFO queue, was " + batchSize);
            check(
                    batchSize <= 10 || window >= 1,
                    "BatchSize",
                    "above 10 needs MaximumBatchingWindowInSeconds of at least 1");
        }

        boolean reportFailures = false;
        JsonNode types = properties.path("FunctionResponseTypes");
        if (!types.isMissingNode() && !types.isNull()) {
            check(types.isArray(), "FunctionResponseTypes", "must be a list");
            for (JsonNode type : types) {
                check(
                        "ReportBatchItemFailures".equals(type.asText()),
                        "FunctionResponseTypes",
                        "only ReportBatchItemFailures exists, got " + type);
                reportFailures = true;
            }
        }

        StartingPosition start = null;
        String position = text(properties, "StartingPosition");
        check(!properties.has("StartingPositionTimestamp"), "StartingPositionTimestamp", "is not supported locally");
        check(!properties.has("TumblingWindowInSeconds"), "TumblingWindowInSeconds", "is not supported locally");
        if (sqs) {
            for (String streamOnly : List.of(
                    "StartingPosition",
                    "BisectBatchOnFunctionError",
                    "MaximumRetryAttempts",
                    "MaximumRecordAgeInSeconds",
                    "ParallelizationFactor",
                    "DestinationConfig")) {
                check(!properties.has(streamOnly), streamOnly, "applies to stream sources only, not to SQS");
            }
        } else {
            check(position != null, "StartingPosition", "is required for a DynamoDB stream");
            check(
                    position.equals("TRIM_HORIZON") || position.equals("LATEST"),
                    "StartingPosition",
                    "must be TRIM_HORIZON or LATEST for a DynamoDB stream, was " + position);
            start = StartingPosition.valueOf(position);
            check(!properties.has("ScalingConfig"), "ScalingConfig", "applies to SQS sources only");
        }

        int retries = intValue(properties, "MaximumRetryAttempts", -1);
        check(
                retries >= -1 && retries <= 10_000,
                "MaximumRetryAttempts",
                "must be between -1 and 10000, was " + retries);
        int age = intValue(properties, "MaximumRecordAgeInSeconds", -1);
        check(
                age == -1 || (age >= 60 && age <= 604_800),
                "MaximumRecordAgeInSeconds",
                "must be -1 or between 60 and 604800, was " + age);
        int parallelization = intValue(properties, "ParallelizationFactor", 1);
        check(
                parallelization >= 1 && parallelization <= 10,
                "ParallelizationFactor",
                "must be between 1 and 10, was " + parallelization);

        String onFailure = null;
        JsonNode destination = properties.path("DestinationConfig");
        if (!destination.isMissingNode()) {
            for (Iterator<String> names = destination.fieldNames(); names.hasNext(); ) {
                String name = names.next();
                check(name.equals("OnFailure"), "DestinationConfig." + name, "is not supported (only OnFailure)");
            }
            onFailure = text(destination.path("OnFailure"), "Destination");
            check(onFailure != null, "DestinationConfig.OnFailure.Destination", "is required");
            check(
                    onFailure.startsWith("arn:aws:sqs:") && onFailure.split(":", -1).length == 6,
                    "DestinationConfig.OnFailure.Destination",
                    "must be an SQS queue ARN locally (SNS, S3 and Kafka destinations are not emulated), was "
                            + onFailure);
        }

        Integer concurrency = null;
        JsonNode scaling = properties.path("ScalingConfig");
        if (!scaling.isMissingNode() && scaling.has("MaximumConcurrency")) {
            int value = intValue(scaling, "MaximumConcurrency", 0);
            check(
                    value >= 2 && value <= 1000,
                    "ScalingConfig.MaximumConcurrency",
                    "must be between 2 and 1000, was " + value);
            concurrency = value;
        }

        List<String> patterns = new ArrayList<>();
        JsonNode filters = properties.path("FilterCriteria").path("Filters");
        if (!filters.isMissingNode()) {
            check(filters.isArray(), "FilterCriteria.Filters", "must be a list");
            for (JsonNode filter : filters) {
                String pattern = text(filter, "Pattern");
                check(pattern != null, "FilterCriteria.Filters[].Pattern", "is required");
                patterns.add(pattern);
            }
        }

        return new MappingDefinition(
                functionArn,
                sourceArn,
                kind,
                batchSize,
                Duration.ofSeconds(window),
                booleanValue(properties, "Enabled", true),
                reportFailures,
                start,
                booleanValue(properties, "BisectBatchOnFunctionError", false),
                retries,
                age == -1 ? null : Duration.ofSeconds(age),
                parallelization,
                onFailure,
                concurrency,
                patterns);
    }

    private static SourceKind kindOf(String arn) {
        String[] parts = arn.split(":", 6);
        check(parts.length == 6 && parts[0].equals("arn"), "EventSourceArn", "is not an ARN: " + arn);
        if (parts[2].equals("sqs")) {
            return SourceKind.SQS;
        }
        if (parts[2].equals("dynamodb") && parts[5].matches("table/[^/]+/stream/.+")) {
            return SourceKind.DYNAMODB_STREAMS;
        }
        throw new IllegalArgumentException(
                "EventSourceArn: only SQS queues and DynamoDB streams are polled locally, not " + arn);
    }

    /** Qualifies a function name, partial ARN ({@code account:function:name}) or full ARN as Lambda does. */
    static String functionArn(String name, String region, String account) {
        if (name.startsWith("arn:")) {
            return name;
        }
        if (name.contains(":function:")) {
            return "arn:aws:lambda:" + region + ":" + name;
        }
        return "arn:aws:lambda:" + region + ":" + account + ":function:" + name;
    }

    private static String requiredText(JsonNode node, String name) {
        String value = text(node, name);
        check(value != null && !value.isBlank(), name, "is required");
        return value;
    }

    private static String text(JsonNode node, String name) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return null;
        }
        check(value.isValueNode(), name, "must be a string, was " + value);
        return value.asText();
    }

    // CloudFormation templates carry numbers and booleans as JSON values or as strings; accept both.
    private static int intValue(JsonNode node, String name, int defaultValue) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (value.isIntegralNumber()) {
            return value.asInt();
        }
        if (value.isTextual() && value.asText().matches("-?\\d{1,9}")) {
            return Integer.parseInt(value.asText());
        }
        throw new IllegalArgumentException(name + ": must be an integer, was " + value);
    }

    private static boolean booleanValue(JsonNode node, String name, boolean defaultValue) {
        JsonNode value = node.get(name);
        if (value == null || value.isNull()) {
            return defaultValue;
        }
        if (value.isBoolean()) {
            return value.asBoolean();
        }
        if (value.isTextual() && Map.of("true", true, "false", false).containsKey(value.asText())) {
            return Boolean.parseBoolean(value.asText());
        }
        throw new IllegalArgumentException(name + ": must be a boolean, was " + value);
    }

    private static void check(boolean condition, String property, String problem) {
        if (!condition) {
            throw new IllegalArgumentException(property + ": " + problem);
        }
    }
}
