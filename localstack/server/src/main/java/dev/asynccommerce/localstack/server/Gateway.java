package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.eventbridge.EventBridgeApi;
import dev.asynccommerce.localstack.lambda.LambdaApi;
import dev.asynccommerce.localstack.stepfunctions.StepFunctionsApi;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.http.HttpHeader;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.util.Fields;

/**
 * The stack's one endpoint: routes each request to the service that answers it, as AWS's endpoints
 * would — by {@code X-Amz-Target} for the JSON protocols, by the SQS query protocol's form body, by
 * path for the stack's own {@code /_local} controls. DynamoDB Local's own Jetty handler is the wrapped
 * handler, so DynamoDB and DynamoDB Streams requests reach AWS's engine untouched. Every AWS request
 * passes the injected {@link Faults} first, whether a test or a function sent it.
 */
final class Gateway extends Handler.Wrapper {
    private static final Logger LOG = LogManager.getLogger(Gateway.class);
    private static final ObjectMapper JSON = new ObjectMapper();

    private final StepFunctionsApi stepFunctions;
    private final EventBridgeApi eventBridge;
    private final LambdaApi lambda;
    private final XRayApi xray;
    private final LocalIdentity identity;
    private final SqsProxy sqs;
    private final Controls controls;
    private final Faults faults;

    Gateway(
            Handler dynamoDb,
            StepFunctionsApi stepFunctions,
            EventBridgeApi eventBridge,
            LambdaApi lambda,
            XRayApi xray,
            LocalIdentity identity,
            SqsProxy sqs,
            Controls controls,
            Faults faults) {
        super(dynamoDb);
        this.stepFunctions = stepFunctions;
        this.eventBridge = eventBridge;
        this.lambda = lambda;
        this.xray = xray;
        this.identity = identity;
        this.sqs = sqs;
        this.controls = controls;
        this.faults = faults;
    }

    @Override
    public boolean handle(Request request, Response response, Callback callback) throws Exception {
        String target = request.getHeaders().get("X-Amz-Target");
        String path = Request.getPathInContext(request);
        boolean dynamoDb = target != null
                && (target.startsWith("DynamoDB_20120810.") || target.startsWith("DynamoDBStreams_20120810."));
        byte[] body;
        try {
            // DynamoDB Local reads the body itself; every other service's body is read once, here.
            body = dynamoDb ? null : body(request);
            AwsOperation operation = path.startsWith("/_local/") ? null : operation(request, target, path, body);
            if (operation != null && injectFault(operation, response, callback)) {
                return true;
            }
        } catch (Exception e) {
            return failed(request, path, e, response, callback);
        }
        if (dynamoDb) {
            return super.handle(request, response, callback);
        }
        try {
            write(response, callback, route(request, target, path, body));
        } catch (Exception e) {
            return failed(request, path, e, response, callback);
        }
        return true;
    }

    private static boolean failed(Request request, String path, Exception e, Response response, Callback callback) {
        if (e instanceof InterruptedException) {
            Thread.currentThread().interrupt();
        }
        LOG.error("{} {} failed: {}", request.getMethod(), path, e.toString());
        write(response, callback, error(500, "InternalFailure", "The local stack failed to handle the request."));
        return true;
    }

    /**
     * Applies an injected fault before the service sees the request: the delay first, then, for a failed
     * request, the service's own internal error instead of its answer (so the operation has no effect,
     * and a retry is safe). Answers whether the request was answered here.
     */
    private boolean injectFault(AwsOperation operation, Response response, Callback callback)
            throws InterruptedException {
        Faults.Effect effect = faults.apply(operation.service(), operation.operation());
        if (effect.latencyMs() > 0) {
            // Holding this request's thread is the delay a caller sees; the pool has room for many.
            Thread.sleep(effect.latencyMs());
        }
        if (!effect.fail()) {
            return false;
        }
        write(response, callback, operation.internalError());
        return true;
    }

    private static AwsOperation operation(Request request, String target, String path, byte[] body) {
        if (target != null) {
            return AwsOperation.ofTarget(target);
        }
        if (LambdaApi.handles(path)) {
            return AwsOperation.ofLambda(request.getMethod(), path);
        }
        if (isSqsQuery(request, body)) {
            return AwsOperation.ofSqsQuery(request.getHttpURI().getQuery(), isForm(request) ? body : null);
        }
        return null;
    }

    private ProtocolResponse route(Request request, String target, String path, byte[] body) throws Exception {
        if (path.startsWith("/_local/")) {
            return controls.handle(request.getMethod(), path, body);
        }
        // Every AWS service continues the caller's trace from the request's X-Amzn-Trace-Id.
        String traceHeader = request.getHeaders().get("X-Amzn-Trace-Id");
        if (target != null && StepFunctionsApi.handles(target)) {
            var r = stepFunctions.handle(target, body, traceHeader);
            return new ProtocolResponse(r.status(), r.contentType(), r.body());
        }
        if (target != null && EventBridgeApi.handles(target)) {
            var r = eventBridge.handle(target, body, traceHeader);
            return new ProtocolResponse(r.status(), r.contentType(), r.body());
        }
        if (LocalIdentity.poolOfJwksPath(path) != null) {
            return new ProtocolResponse(200, "application/json", identity.jwks().getBytes(StandardCharsets.UTF_8));
        }
        if (LambdaApi.handles(path)) {
            var r = lambda.handle(request.getMethod(), path, query(request), headers(request), body);
            String type = r.headers().getOrDefault("Content-Type", "application/json");
            return new ProtocolResponse(r.status(), type, r.body(), r.headers());
        }
        if (target == null && XRayApi.handles(request.getMethod(), path)) {
            return xray.handle(path, body);
        }
        if ((target != null && target.startsWith("AmazonSQS.")) || isSqsQuery(request, body)) {
            String query = request.getHttpURI().getQuery();
            return sqs.forward(request.getMethod(), path + (query == null ? "" : "?" + query), headers(request), body);
        }
        return error(
                400,
                "UnknownOperationException",
                "The local stack does not serve " + (target != null ? target : request.getMethod() + " " + path));
    }

    /** The SQS query protocol: a form POST (or GET) whose Action names an SQS operation. */
    private static boolean isSqsQuery(Request request, byte[] body) {
        String query = request.getHttpURI().getQuery();
        return (isForm(request) && new String(body, StandardCharsets.UTF_8).contains("Action="))
                || (query != null && query.contains("Action="));
    }

    private static boolean isForm(Request request) {
        String type = request.getHeaders().get(HttpHeader.CONTENT_TYPE);
        return type != null && type.startsWith("application/x-www-form-urlencoded");
    }

    private static byte[] body(Request request) throws Exception {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return in.readAllBytes();
        }
    }

    private static Map<String, String> query(Request request) {
        Map<String, String> query = new LinkedHashMap<>();
        Fields fields = Request.extractQueryParameters(request);
        for (Fields.Field field : fields) {
            query.put(field.getName(), field.getValue());
        }
        return query;
    }

    private static Map<String, String> headers(Request request) {
        Map<String, String> headers = new LinkedHashMap<>();
        for (HttpField field : request.getHeaders()) {
            headers.put(field.getName(), field.getValue());
        }
        return headers;
    }

    private static void write(Response response, Callback callback, ProtocolResponse answer) {
        response.setStatus(answer.status());
        answer.headers().forEach((name, value) -> response.getHeaders().put(name, value));
        response.getHeaders().put(HttpHeader.CONTENT_TYPE, answer.contentType());
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    static ProtocolResponse error(int status, String type, String message) {
        try {
            return new ProtocolResponse(
                    status,
                    "application/x-amz-json-1.1",
                    JSON.writeValueAsBytes(Map.of("__type", type, "message", message)));
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }
}
