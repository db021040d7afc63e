package dev.asynccommerce.localstack.lambda;

import dev.asynccommerce.localstack.spi.TraceContext;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.UUID;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Lambda's REST-JSON API, framework-free: the stack's endpoint hands it every request under {@code
 * /2015-03-31/functions/} and writes back what it returns. Serves Invoke ({@code POST
 * /2015-03-31/functions/{FunctionName}/invocations}) and a minimal GetFunction ({@code GET
 * /2015-03-31/functions/{FunctionName}}); errors as Lambda returns them: {@code x-amzn-ErrorType} header
 * and a JSON body with {@code Type} and {@code message}.
 */
public final class LambdaApi {
    private static final Logger LOG = LogManager.getLogger(LambdaApi.class);
    private static final String PREFIX = "/2015-03-31/functions/";

    /** What to answer. Header names as Lambda spells them. */
    public record ApiResponse(int status, Map<String, String> headers, byte[] body) {}

    private final LambdaService service;

    public LambdaApi(LambdaService service) {
        this.service = service;
    }

    /** Whether a request path belongs to this API. */
    public static boolean handles(String path) {
        return path != null && path.startsWith(PREFIX);
    }

    /**
     * Answers one request.
     *
     * @param path the request path, raw (percent-encoded, as on the wire) or decoded
     * @param query the query parameters, decoded
     * @param headers the request headers; names in any case
     */
    public ApiResponse handle(
            String method, String path, Map<String, String> query, Map<String, String> headers, byte[] body) {
        Map<String, String> h = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        if (headers != null) {
            h.putAll(headers);
        }
        Map<String, String> q = query == null ? Map.of() : query;
        try {
            if (!handles(path)) {
                return unknown(method, path);
            }
            String rest = path.substring(PREFIX.length());
            if (rest.endsWith("/invocations") && method.equals("POST")) {
                String name = decode(rest.substring(0, rest.length() - "/invocations".length()));
                return invoke(name, q.get("Qualifier"), h, body == null ? new byte[0] : body);
            }
            if (!rest.contains("/") && method.equals("GET")) {
                return getFunction(decode(rest), q.get("Qualifier"));
            }
            return unknown(method, path);
        } catch (LambdaException e) {
            return error(e);
        } catch (RuntimeException e) {
            LOG.error("{} {} failed: {}", method, path, e.toString(), e);
            return error(LambdaException.service("The local Lambda failed: " + e.getMessage()));
        }
    }

    private ApiResponse invoke(String functionName, String qualifier, Map<String, String> headers, byte[] body) {
        String typeHeader = headers.getOrDefault("X-Amz-Invocation-Type", "RequestResponse");
        InvocationType type;
        try {
            type = InvocationType.valueOf(typeHeader);
        } catch (IllegalArgumentException e) {
            throw LambdaException.validation("1 validation error detected: Value '" + typeHeader
                    + "' at 'invocationType' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [Event, RequestResponse, DryRun]");
        }
        String logType = headers.getOrDefault("X-Amz-Log-Type", "None");
        if (!logType.equals("None") && !logType.equals("Tail")) {
            throw LambdaException.validation("1 validation error detected: Value '" + logType
                    + "' at 'logType' failed to satisfy constraint: Member must satisfy enum value set: [None, Tail]");
        }
        // Lambda continues the caller's trace from the request's X-Amzn-Trace-Id, as every AWS service does.
        InvocationResult result = service.invoke(
                functionName,
                qualifier,
                body,
                type,
                headers.get("X-Amz-Client-Context"),
                TraceContext.continuing(headers.get("X-Amzn-Trace-Id")));
        Map<String, String> out = new LinkedHashMap<>();
        out.put("x-amzn-RequestId", result.requestId());
        if (type != InvocationType.RequestResponse) {
            return new ApiResponse(result.statusCode(), out, new byte[0]);
        }
        out.put("Content-Type", "application/json");
        out.put("X-Amz-Executed-Version", result.executedVersion());
        if (result.functionError() != null) {
            out.put("X-Amz-Function-Error", result.functionError());
        }
        if (logType.equals("Tail")) {
            out.put(
                    "X-Amz-Log-Result",
                    Base64.getEncoder().encodeToString(result.logTail().getBytes(StandardCharsets.UTF_8)));
        }
        return new ApiResponse(200, out, result.payload());
    }

    private ApiResponse getFunction(String functionName, String qualifier) {
        LambdaService.Target target = service.resolve(functionName, qualifier);
        FunctionDefinition f = target.definition();
        Map<String, Object> configuration = new LinkedHashMap<>();
        configuration.put("FunctionName", f.name());
        configuration.put(
                "FunctionArn", target.version().equals("$LATEST") && qualifier == null ? f.arn() : target.invokedArn());
        configuration.put("Runtime", f.runtime());
        configuration.put("Handler", f.handler());
        configuration.put("CodeSize", 0);
        configuration.put("MemorySize", f.memoryMb());
        configuration.put("Timeout", timeoutSeconds(f.timeout()));
        configuration.put("Version", target.version());
        configuration.put("Environment", Map.of("Variables", f.environment()));
        configuration.put("State", "Active");
        configuration.put("LastUpdateStatus", "Successful");
        configuration.put("PackageType", "Zip");
        configuration.put("Architectures", List.of("x86_64"));
        Map<String, Object> document = new LinkedHashMap<>();
        document.put("Configuration", configuration);
        document.put(
                "Code",
                Map.of("RepositoryType", "S3", "Location", f.code().toUri().toString()));
        if (f.reservedConcurrency() != null) {
            document.put("Concurrency", Map.of("ReservedConcurrentExecutions", f.reservedConcurrency()));
        }
        return new ApiResponse(200, jsonHeaders(), Json.bytes(document));
    }

    private static long timeoutSeconds(Duration timeout) {
        return Math.max(1, (timeout.toMillis() + 999) / 1000);
    }

    private static ApiResponse unknown(String method, String path) {
        Map<String, String> headers = jsonHeaders();
        headers.put("x-amzn-ErrorType", "UnknownOperationException");
        return new ApiResponse(
                404,
                headers,
                Json.bytes(
                        Map.of("Type", "User", "message", "The local Lambda does not serve " + method + " " + path)));
    }

    private static ApiResponse error(LambdaException e) {
        Map<String, String> headers = jsonHeaders();
        headers.put("x-amzn-ErrorType", e.errorType());
        Map<String, Object> body = new LinkedHashMap<>();
        if (e.reason() != null) {
            body.put("Reason", e.reason());
        }
        body.put("Type", e.status() >= 500 ? "Service" : "User");
        body.put("message", e.getMessage());
        return new ApiResponse(e.status(), headers, Json.bytes(body));
    }

    private static Map<String, String> jsonHeaders() {
        Map<String, String> headers = new LinkedHashMap<>();
        headers.put("Content-Type", "application/json");
        headers.put("x-amzn-RequestId", UUID.randomUUID().toString());
        return headers;
    }

    /** Percent-decodes a path segment; '+' stays '+' (it is not a space in a path). */
    static String decode(String segment) {
        if (segment.indexOf('%') < 0) {
            return segment;
        }
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        for (int i = 0; i < segment.length(); i++) {
            char c = segment.charAt(i);
            int hex = c == '%' && i + 2 < segment.length() ? hex(segment.charAt(i + 1), segment.charAt(i + 2)) : -1;
            if (hex >= 0) {
                out.write(hex);
                i += 2;
            } else {
                out.writeBytes(String.valueOf(c).getBytes(StandardCharsets.UTF_8));
            }
        }
        return out.toString(StandardCharsets.UTF_8);
    }

    private static int hex(char high, char low) {
        int h = Character.digit(high, 16);
        int l = Character.digit(low, 16);
        return h < 0 || l < 0 ? -1 : h * 16 + l;
    }
}
