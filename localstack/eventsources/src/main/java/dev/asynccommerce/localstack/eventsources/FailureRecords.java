package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.time.temporal.ChronoUnit;
import java.util.List;
import software.amazon.awssdk.services.dynamodb.model.Record;

/**
 * The invocation record Lambda sends to a stream mapping's on-failure destination: no record data,
 * only where the discarded batch lies in the stream ({@code DDBStreamBatchInfo}), so that it can be
 * read again from the stream while the stream keeps it.
 *
 * <pre>{@code
 * {"requestContext":{"requestId":…,"functionArn":…,"condition":"RetryAttemptsExhausted","approximateInvokeCount":3},
 *  "responseContext":{"statusCode":200,"executedVersion":"$LATEST","functionError":"Unhandled"},
 *  "version":"1.0","timestamp":"2026-11-21T09:00:00.123Z",
 *  "DDBStreamBatchInfo":{"shardId":…,"startSequenceNumber":…,"endSequenceNumber":…,
 *    "approximateArrivalOfFirstRecord":"2026-11-21T08:59:58Z","approximateArrivalOfLastRecord":…,
 *    "batchSize":2,"streamArn":…}}
 * }</pre>
 *
 * {@code condition} is {@code RetryAttemptsExhausted} or {@code RecordAgeExceeded}.
 */
final class FailureRecords {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final DateTimeFormatter MILLIS =
            DateTimeFormatter.ofPattern("yyyy-MM-dd'T'HH:mm:ss.SSS'Z'").withZone(ZoneOffset.UTC);

    private FailureRecords() {}

    static String streamBatch(
            String requestId,
            String functionArn,
            String condition,
            int invokeCount,
            String functionError,
            Instant now,
            String shardId,
            List<Record> records,
            String streamArn) {
        ObjectNode document = NODES.objectNode();
        ObjectNode request = document.putObject("requestContext");
        request.put("requestId", requestId);
        request.put("functionArn", functionArn);
        request.put("condition", condition);
        request.put("approximateInvokeCount", invokeCount);
        ObjectNode response = document.putObject("responseContext");
        response.put("statusCode", 200);
        response.put("executedVersion", "$LATEST");
        if (functionError != null) {
            response.put("functionError", functionError);
        }
        document.put("version", "1.0");
        document.put("timestamp", MILLIS.format(now));
        ObjectNode info = document.putObject("DDBStreamBatchInfo");
        Record first = records.getFirst();
        Record last = records.getLast();
        info.put("shardId", shardId);
        info.put("startSequenceNumber", first.dynamodb().sequenceNumber());
        info.put("endSequenceNumber", last.dynamodb().sequenceNumber());
        info.put("approximateArrivalOfFirstRecord", arrival(first, now));
        info.put("approximateArrivalOfLastRecord", arrival(last, now));
        info.put("batchSize", records.size());
        info.put("streamArn", streamArn);
        return document.toString();
    }

    private static String arrival(Record record, Instant fallback) {
        Instant at = record.dynamodb().approximateCreationDateTime();
        return DateTimeFormatter.ISO_INSTANT.format((at == null ? fallback : at).truncatedTo(ChronoUnit.SECONDS));
    }
}
