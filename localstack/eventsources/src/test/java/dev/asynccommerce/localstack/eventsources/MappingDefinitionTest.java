package dev.asynccommerce.localstack.eventsources;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.asynccommerce.localstack.eventsources.MappingDefinition.SourceKind;
import dev.asynccommerce.localstack.eventsources.MappingDefinition.StartingPosition;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class MappingDefinitionTest {
    private static final String QUEUE = "arn:aws:sqs:us-east-1:000000000000:orders";
    private static final String STREAM =
            "arn:aws:dynamodb:us-east-1:000000000000:table/checkout/stream/2026-11-21T09:00:00.000";

    private static MappingDefinition parse(String json) {
        return MappingDefinition.fromCloudFormation(json, "eu-west-1", "123456789012");
    }

    @Test
    void appliesLambdasDefaultsForAnSqsSource() {
        MappingDefinition sqs = parse("""
                {"FunctionName": "worker", "EventSourceArn": "%s"}""".formatted(QUEUE));

        assertThat(sqs.kind()).isEqualTo(SourceKind.SQS);
        assertThat(sqs.functionArn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:worker");
        assertThat(sqs.batchSize()).isEqualTo(10);
        assertThat(sqs.maximumBatchingWindow()).isEqualTo(Duration.ZERO);
        assertThat(sqs.enabled()).isTrue();
        assertThat(sqs.reportBatchItemFailures()).isFalse();
        assertThat(sqs.maximumConcurrency()).isNull();
        assertThat(sqs.startingPosition()).isNull();
    }

    @Test
    void appliesLambdasDefaultsForAStreamSourceAndReadsEveryStreamProperty() {
        MappingDefinition stream = parse("""
                {"FunctionName": "arn:aws:lambda:us-east-1:000000000000:function:relay", "EventSourceArn": "%s",
                 "StartingPosition": "LATEST", "BatchSize": "25", "BisectBatchOnFunctionError": "true",
                 "MaximumRetryAttempts": 3, "MaximumRecordAgeInSeconds": 3600, "ParallelizationFactor": 2,
                 "FunctionResponseTypes": ["ReportBatchItemFailures"], "MaximumBatchingWindowInSeconds": 5,
                 "DestinationConfig": {"OnFailure": {"Destination": "arn:aws:sqs:us-east-1:000000000000:dlq"}},
                 "Tags": [{"Key": "a", "Value": "b"}]}""".formatted(STREAM));

        assertThat(stream.kind()).isEqualTo(SourceKind.DYNAMODB_STREAMS);
        assertThat(stream.functionArn()).isEqualTo("arn:aws:lambda:us-east-1:000000000000:function:relay");
        assertThat(stream.startingPosition()).isEqualTo(StartingPosition.LATEST);
        assertThat(stream.batchSize()).isEqualTo(25);
        assertThat(stream.bisectBatchOnFunctionError()).isTrue();
        assertThat(stream.maximumRetryAttempts()).isEqualTo(3);
        assertThat(stream.maximumRecordAge()).isEqualTo(Duration.ofHours(1));
        assertThat(stream.parallelizationFactor()).isEqualTo(2);
        assertThat(stream.reportBatchItemFailures()).isTrue();
        assertThat(stream.maximumBatchingWindow()).isEqualTo(Duration.ofSeconds(5));
        assertThat(stream.onFailureDestination()).isEqualTo("arn:aws:sqs:us-east-1:000000000000:dlq");

        MappingDefinition defaults = parse("""
                {"FunctionName": "relay", "EventSourceArn": "%s", "StartingPosition": "TRIM_HORIZON"}""".formatted(STREAM));
        assertThat(defaults.batchSize()).isEqualTo(100);
        assertThat(defaults.maximumRetryAttempts()).isEqualTo(-1);
        assertThat(defaults.maximumRecordAge()).isNull();
        assertThat(defaults.bisectBatchOnFunctionError()).isFalse();
    }

    @Test
    void qualifiesAPartialFunctionArn() {
        MappingDefinition sqs = parse("""
                {"FunctionName": "123456789012:function:worker", "EventSourceArn": "%s"}""".formatted(QUEUE));

        assertThat(sqs.functionArn()).isEqualTo("arn:aws:lambda:eu-west-1:123456789012:function:worker");
    }

    @Test
    void refusesInvalidOrUnsupportedPropertiesNamingThem() {
        assertRefused("{\"EventSourceArn\": \"%s\"}".formatted(QUEUE), "FunctionName:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"arn:aws:kinesis:us-east-1:0:stream/s\"}",
                "EventSourceArn:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"BatchSize\": 20}".formatted(QUEUE),
                "BatchSize:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s.fifo\", \"BatchSize\": 11,".formatted(QUEUE)
                        + " \"MaximumBatchingWindowInSeconds\": 1}",
                "BatchSize:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"StartingPosition\": \"LATEST\"}"
                        .formatted(QUEUE),
                "StartingPosition:");
        assertRefused("{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\"}".formatted(STREAM), "StartingPosition:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"StartingPosition\": \"LATEST\","
                                .formatted(STREAM)
                        + " \"MaximumRecordAgeInSeconds\": 10}",
                "MaximumRecordAgeInSeconds:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"ScalingConfig\":".formatted(QUEUE)
                        + " {\"MaximumConcurrency\": 1}}",
                "ScalingConfig.MaximumConcurrency:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"FunctionResponseTypes\": [\"Other\"]}"
                        .formatted(QUEUE),
                "FunctionResponseTypes:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"Queues\": [\"q\"]}".formatted(QUEUE),
                "Queues:");
        assertRefused(
                "{\"FunctionName\": \"f\", \"EventSourceArn\": \"%s\", \"FilterCriteria\":".formatted(QUEUE)
                        + " {\"Filters\": [{\"Pattern\": \"{\\\"body\\\": 1}\"}]}}",
                "FilterCriteria.Filters[0].Pattern:");
    }

    private static void assertRefused(String json, String property) {
        assertThatThrownBy(() -> RecordFilter.of(parse(json).filterPatterns()))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageStartingWith(property);
    }
}
