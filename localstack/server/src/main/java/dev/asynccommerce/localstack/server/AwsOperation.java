package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.net.URLDecoder;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.UUID;

/**
 * The AWS operation one request to the endpoint calls, named as AWS names it — the endpoint prefix of
 * its service and the API operation — and the answer that service gives when it fails internally, in the
 * request's own protocol. Faults are injected by these names.
 *
 * <p>The internal errors, as AWS documents them (each is a 5xx, which the SDKs retry):
 *
 * <ul>
 *   <li>DynamoDB and DynamoDB Streams: {@code InternalServerError}, 500, awsJson 1.0 with the {@code
 *       com.amazonaws.dynamodb.v20120810#} prefix DynamoDB writes on every {@code __type}.
 *   <li>EventBridge: {@code InternalException}, 500, awsJson 1.1 (the errors of PutEvents, PutRule, ...).
 *   <li>Step Functions: no operation-specific internal error; the common {@code InternalFailure}, 500,
 *       awsJson 1.0.
 *   <li>SQS: the common {@code InternalFailure}, 500 (SQS's Common Errors). The JSON protocol carries the
 *       query-compatible code in {@code x-amzn-query-error} ({@code code;Receiver}), which the SDK reads
 *       first; the query protocol gets the {@code ErrorResponse} XML.
 *   <li>Lambda: {@code ServiceException}, 500, REST-JSON with the code in {@code x-amzn-ErrorType}.
 * </ul>
 */
record AwsOperation(String service, String operation, Protocol protocol) {
    enum Protocol {
        JSON,
        SQS_JSON,
        SQS_QUERY,
        REST_JSON
    }

    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String LAMBDA_PREFIX = "/2015-03-31/functions/";

    /** The operation of a JSON-protocol request by its {@code X-Amz-Target}, or null when the stack serves no such. */
    static AwsOperation ofTarget(String target) {
        if (target == null) {
            return null;
        }
        int dot = target.indexOf('.');
        if (dot < 0) {
            return null;
        }
        String operation = target.substring(dot + 1);
        return switch (target.substring(0, dot)) {
            case "DynamoDB_20120810" -> new AwsOperation("dynamodb", operation, Protocol.JSON);
            case "DynamoDBStreams_20120810" -> new AwsOperation("streams.dynamodb", operation, Protocol.JSON);
            case "AWSEvents" -> new AwsOperation("events", operation, Protocol.JSON);
            case "AWSStepFunctions" -> new AwsOperation("states", operation, Protocol.JSON);
            case "AmazonSQS" -> new AwsOperation("sqs", operation, Protocol.SQS_JSON);
            default -> null;
        };
    }

    /** An SQS query-protocol request by its {@code Action} (in the query string or the form body). */
    static AwsOperation ofSqsQuery(String query, byte[] body) {
        String action = action(query);
        if (action == null && body != null) {
            action = action(new String(body, StandardCharsets.UTF_8));
        }
        return action == null ? null : new AwsOperation("sqs", action, Protocol.SQS_QUERY);
    }

    /** A Lambda REST request by its method and path (the operations the stack's Lambda serves). */
    static AwsOperation ofLambda(String method, String path) {
        if (path == null || !path.startsWith(LAMBDA_PREFIX)) {
            return null;
        }
        String rest = path.substring(LAMBDA_PREFIX.length());
        if (method.equals("POST") && rest.endsWith("/invocations")) {
            return new AwsOperation("lambda", "Invoke", Protocol.REST_JSON);
        }
        if (method.equals("GET") && !rest.isEmpty() && !rest.contains("/")) {
            return new AwsOperation("lambda", "GetFunction", Protocol.REST_JSON);
        }
        return null;
    }

    private static String action(String form) {
        if (form == null) {
            return null;
        }
        for (String pair : form.split("&")) {
            if (pair.startsWith("Action=")) {
                return URLDecoder.decode(pair.substring("Action=".length()), StandardCharsets.UTF_8);
            }
        }
        return null;
    }

    /** What this operation's service answers when it fails internally. */
    ProtocolResponse internalError() {
        String requestId = UUID.randomUUID().toString();
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("x-amzn-RequestId", requestId);
        String message = "Injected fault: " + service + "/" + operation + " failed internally (POST /_local/faults)";
        return switch (service) {
            case "dynamodb", "streams.dynamodb" ->
                json(
                        "application/x-amz-json-1.0",
                        headers,
                        "com.amazonaws.dynamodb.v20120810#InternalServerError",
                        "message",
                        message);
            case "events" -> json("application/x-amz-json-1.1", headers, "InternalException", "message", message);
            case "states" -> json("application/x-amz-json-1.0", headers, "InternalFailure", "message", message);
            case "lambda" -> {
                headers.put("x-amzn-ErrorType", "ServiceException");
                yield jsonBody("application/json", headers, Map.of("Type", "Service", "message", message));
            }
            case "sqs" -> {
                if (protocol == Protocol.SQS_QUERY) {
                    String xml = "<ErrorResponse><Error><Type>Receiver</Type><Code>InternalFailure</Code><Message>"
                            + message + "</Message><Detail/></Error><RequestId>" + requestId
                            + "</RequestId></ErrorResponse>";
                    yield new ProtocolResponse(500, "text/xml", xml.getBytes(StandardCharsets.UTF_8), headers);
                }
                headers.put("x-amzn-query-error", "InternalFailure;Receiver");
                yield json(
                        "application/x-amz-json-1.0", headers, "com.amazonaws.sqs#InternalFailure", "message", message);
            }
            default -> json("application/x-amz-json-1.1", headers, "InternalFailure", "message", message);
        };
    }

    private static ProtocolResponse json(
            String contentType, Map<String, String> headers, String type, String messageField, String message) {
        Map<String, String> body = new LinkedHashMap<>();
        body.put("__type", type);
        body.put(messageField, message);
        return jsonBody(contentType, headers, body);
    }

    private static ProtocolResponse jsonBody(
            String contentType, Map<String, String> headers, Map<String, String> body) {
        try {
            return new ProtocolResponse(500, contentType, JSON.writeValueAsBytes(body), headers);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
