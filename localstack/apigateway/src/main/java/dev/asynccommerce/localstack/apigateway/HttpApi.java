package dev.asynccommerce.localstack.apigateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.spi.FunctionInvoker;
import dev.asynccommerce.localstack.spi.TraceContext;
import dev.asynccommerce.localstack.spi.TraceHeader;
import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.time.InstantSource;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * One deployed HTTP API: selects the route, runs the JWT authorizer, builds the payload format 2.0
 * event, invokes the integration and maps its answer, and handles CORS — each as API Gateway does.
 */
final class HttpApi {
    private static final Logger LOG = LogManager.getLogger(HttpApi.class);
    private static final ObjectMapper JSON = new ObjectMapper();
    static final DateTimeFormatter REQUEST_TIME =
            DateTimeFormatter.ofPattern("dd/MMM/yyyy:HH:mm:ss Z", Locale.US).withZone(ZoneOffset.UTC);

    private final HttpApiConfig config;
    private final List<Map.Entry<RouteKey, HttpApiConfig.Route>> routes;
    private final HttpApiConfig.Route defaultRoute;
    private final FunctionInvoker functions;
    private final JwtVerifier jwt;
    private final InstantSource clock;
    private final String accountId;

    HttpApi(HttpApiConfig config, FunctionInvoker functions, JwtVerifier jwt, InstantSource clock, String accountId) {
        this.config = config;
        this.functions = functions;
        this.jwt = jwt;
        this.clock = clock;
        this.accountId = accountId;
        List<Map.Entry<RouteKey, HttpApiConfig.Route>> parsed = new ArrayList<>();
        HttpApiConfig.Route fallback = null;
        for (HttpApiConfig.Route route : config.routes()) {
            RouteKey key = RouteKey.parse(route.routeKey());
            if (key.isDefault()) {
                fallback = route;
            } else {
                parsed.add(Map.entry(key, route));
            }
        }
        parsed.sort(Comparator.comparing(Map.Entry::getKey, RouteKey::specificity));
        this.routes = List.copyOf(parsed);
        this.defaultRoute = fallback;
    }

    HttpApiConfig config() {
        return config;
    }

    GatewayResponse handle(GatewayRequest request) {
        String requestId = Encoding.newId();
        GatewayResponse response = cors(request, () -> route(request, requestId));
        return response.withHeader("apigw-requestid", requestId);
    }

    private GatewayResponse route(GatewayRequest request, String requestId) {
        String stagePath = request.rawPath().isEmpty() ? "/" : request.rawPath();
        String routedPath = stagePath;
        if (!HttpApiConfig.DEFAULT_STAGE.equals(config.stage())) {
            String prefix = "/" + config.stage();
            if (!(stagePath.equals(prefix) || stagePath.startsWith(prefix + "/"))) {
                return GatewayResponse.message(404, "Not Found");
            }
            routedPath = stagePath.length() == prefix.length() ? "/" : stagePath.substring(prefix.length());
        }
        List<String> segments = Arrays.asList(routedPath.substring(1).split("/", -1));
        String method = request.method().toUpperCase(Locale.ROOT);
        Selected selected = select(method, segments);
        if (selected == null) {
            return GatewayResponse.message(404, "Not Found");
        }
        Map<String, String> claims = null;
        List<String> scopes = null;
        HttpApiConfig.JwtAuthorizer authorizer = selected.route().authorizer();
        if (authorizer != null) {
            String token = identity(request, authorizer.identitySource());
            if (token == null) {
                return unauthorized("");
            }
            switch (jwt.verify(token, authorizer, selected.route().authorizationScopes())) {
                case JwtVerifier.Result.Refused refused -> {
                    LOG.info(
                            "{} {} refused by authorizer {}: {}",
                            method,
                            routedPath,
                            authorizer.name(),
                            refused.reason());
                    return refused.status() == 403
                            ? GatewayResponse.message(403, "Forbidden")
                            : unauthorized(" error=\"invalid_token\" error_description=\"" + refused.reason() + "\"");
                }
                case JwtVerifier.Result.Verified verified -> {
                    claims = verified.claims();
                    scopes = verified.scopes();
                }
            }
        }
        String traceHeader = traceHeader(request);
        byte[] event = event(request, stagePath, selected, requestId, claims, scopes, authorizer != null, traceHeader);
        FunctionInvoker.Invocation invocation;
        try {
            invocation = functions.invoke(selected.route().functionArn(), event, TraceContext.continuing(traceHeader));
        } catch (RuntimeException e) {
            LOG.error(
                    "{} {}: invoking {} failed: {}",
                    method,
                    routedPath,
                    selected.route().functionArn(),
                    e.toString());
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (invocation.failed()) {
            LOG.info(
                    "{} {}: {} failed ({})",
                    method,
                    routedPath,
                    selected.route().functionArn(),
                    invocation.functionError());
            return GatewayResponse.message(500, "Internal Server Error");
        }
        return functionResponse(invocation.payload());
    }

    /**
     * The trace the request is in: the caller's {@code X-Amzn-Trace-Id} when it is a valid header, else a
     * new Root with no sampling decision (the function's tracing mode decides). HTTP APIs record no
     * segments of their own (X-Ray traces REST APIs only, xray-services-apigateway); they add the header
     * to a request that has none and hand it on, in the event's headers and to the invocation.
     */
    private String traceHeader(GatewayRequest request) {
        String caller = request.header("x-amzn-trace-id");
        return TraceHeader.parse(caller) != null
                ? caller
                : Encoding.traceId(clock.instant().getEpochSecond());
    }

    private static GatewayResponse unauthorized(String detail) {
        return GatewayResponse.message(401, "Unauthorized").withHeader("www-authenticate", "Bearer" + detail);
    }

    private record Selected(String routeKey, HttpApiConfig.Route route, Map<String, String> pathParameters) {}

    private Selected select(String method, List<String> segments) {
        for (Map.Entry<RouteKey, HttpApiConfig.Route> candidate : routes) {
            Map<String, String> parameters = candidate.getKey().match(method, segments);
            if (parameters != null) {
                return new Selected(candidate.getKey().text(), candidate.getValue(), parameters);
            }
        }
        return defaultRoute == null ? null : new Selected(RouteKey.DEFAULT, defaultRoute, Map.of());
    }

    /** The token the identity source names; a {@code Bearer } prefix is accepted and removed. */
    private static String identity(GatewayRequest request, String identitySource) {
        String source = identitySource.split(",")[0].trim();
        String value = null;
        if (source.startsWith("$request.header.")) {
            value = request.header(source.substring("$request.header.".length()));
        } else if (source.startsWith("$request.querystring.")) {
            List<String> values = Encoding.queryParameters(request.rawQuery())
                    .get(source.substring("$request.querystring.".length()));
            value = values == null ? null : values.getLast();
        }
        if (value == null || value.isBlank()) {
            return null;
        }
        value = value.trim();
        if (value.regionMatches(true, 0, "Bearer ", 0, 7)) {
            value = value.substring(7).trim();
        }
        return value.isEmpty() ? null : value;
    }

    private byte[] event(
            GatewayRequest request,
            String rawPath,
            Selected selected,
            String requestId,
            Map<String, String> claims,
            List<String> scopes,
            boolean authorized,
            String traceHeader) {
        Instant now = clock.instant();
        ObjectNode event = JSON.createObjectNode();
        event.put("version", "2.0");
        event.put("routeKey", selected.routeKey());
        event.put("rawPath", rawPath);
        event.put("rawQueryString", request.rawQuery());

        List<String> cookies = new ArrayList<>();
        for (String header : request.headerValues("cookie")) {
            for (String cookie : header.split(";")) {
                if (!cookie.isBlank()) {
                    cookies.add(cookie.trim());
                }
            }
        }
        if (!cookies.isEmpty()) {
            ArrayNode array = event.putArray("cookies");
            cookies.forEach(array::add);
        }

        Map<String, String> headers = new LinkedHashMap<>();
        for (Map.Entry<String, String> header : request.headers()) {
            String name = header.getKey().toLowerCase(Locale.ROOT);
            if (!name.equals("cookie")) {
                headers.merge(name, header.getValue(), (a, b) -> a + "," + b);
            }
        }
        headers.put("x-amzn-trace-id", traceHeader);
        headers.putIfAbsent("x-forwarded-for", request.sourceIp());
        headers.putIfAbsent("x-forwarded-port", String.valueOf(port(request)));
        headers.putIfAbsent("x-forwarded-proto", "http");
        ObjectNode headersNode = event.putObject("headers");
        headers.forEach(headersNode::put);

        Map<String, List<String>> query = Encoding.queryParameters(request.rawQuery());
        if (!query.isEmpty()) {
            ObjectNode queryNode = event.putObject("queryStringParameters");
            query.forEach((name, values) -> queryNode.put(name, String.join(",", values)));
        }

        ObjectNode context = event.putObject("requestContext");
        context.put("accountId", accountId);
        context.put("apiId", config.apiId());
        if (authorized) {
            ObjectNode jwtNode = context.putObject("authorizer").putObject("jwt");
            ObjectNode claimsNode = jwtNode.putObject("claims");
            claims.forEach(claimsNode::put);
            if (scopes == null) {
                jwtNode.putNull("scopes");
            } else {
                ArrayNode scopesNode = jwtNode.putArray("scopes");
                scopes.forEach(scopesNode::add);
            }
        }
        String host = request.header("host");
        context.put("domainName", host == null ? config.apiId() + ".execute-api.localhost" : host);
        context.put("domainPrefix", config.apiId());
        ObjectNode http = context.putObject("http");
        http.put("method", request.method().toUpperCase(Locale.ROOT));
        http.put("path", rawPath);
        http.put("protocol", request.protocol());
        http.put("sourceIp", request.sourceIp());
        http.put("userAgent", request.header("user-agent") == null ? "" : request.header("user-agent"));
        context.put("requestId", requestId);
        context.put("routeKey", selected.routeKey());
        context.put("stage", config.stage());
        context.put("time", REQUEST_TIME.format(now));
        context.put("timeEpoch", now.toEpochMilli());

        boolean base64 = false;
        if (request.body().length > 0) {
            base64 = !Encoding.isTextual(request.header("content-type"), request.body());
            event.put(
                    "body",
                    base64
                            ? Base64.getEncoder().encodeToString(request.body())
                            : new String(request.body(), StandardCharsets.UTF_8));
        }
        if (!selected.pathParameters().isEmpty()) {
            ObjectNode parameters = event.putObject("pathParameters");
            selected.pathParameters().forEach(parameters::put);
        }
        event.put("isBase64Encoded", base64);
        try {
            return JSON.writeValueAsBytes(event);
        } catch (Exception e) {
            throw new IllegalStateException(e);
        }
    }

    private static int port(GatewayRequest request) {
        String host = request.header("host");
        if (host != null && host.lastIndexOf(':') > host.lastIndexOf(']')) {
            try {
                return Integer.parseInt(host.substring(host.lastIndexOf(':') + 1));
            } catch (NumberFormatException e) {
                return 80;
            }
        }
        return 80;
    }

    /**
     * The function's answer as API Gateway (payload 2.0) maps it: an object with {@code statusCode} is
     * the response (headers, cookies as {@code set-cookie}, body, base64); any other valid JSON is a 200
     * {@code application/json} whose body is the value (a JSON string's text, else the JSON itself).
     * Anything unusable is a 500.
     */
    static GatewayResponse functionResponse(byte[] payload) {
        JsonNode answer;
        try {
            answer = JSON.readTree(payload);
        } catch (Exception e) {
            LOG.info("integration answered with invalid JSON");
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (answer == null || answer.isMissingNode()) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (!(answer.isObject() && answer.has("statusCode"))) {
            String body = answer.isTextual() ? answer.asText() : answer.toString();
            return new GatewayResponse(
                    200, List.of(Map.entry("content-type", "application/json")), body.getBytes(StandardCharsets.UTF_8));
        }
        JsonNode status = answer.get("statusCode");
        int statusCode;
        if (status.isInt()) {
            statusCode = status.asInt();
        } else if (status.isTextual() && status.asText().matches("\\d{3}")) {
            statusCode = Integer.parseInt(status.asText());
        } else {
            LOG.info("integration answered with statusCode {}", status);
            return GatewayResponse.message(500, "Internal Server Error");
        }
        if (statusCode < 100 || statusCode > 599) {
            return GatewayResponse.message(500, "Internal Server Error");
        }
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        answer.path("headers").properties().forEach(header -> {
            if (!header.getValue().isNull()) {
                headers.add(Map.entry(
                        header.getKey().toLowerCase(Locale.ROOT),
                        header.getValue().asText()));
            }
        });
        for (JsonNode cookie : answer.path("cookies")) {
            headers.add(Map.entry("set-cookie", cookie.asText()));
        }
        if (headers.stream().noneMatch(h -> h.getKey().equals("content-type"))) {
            // What API Gateway sends when a function names no type (observed; AWS documents no default).
            headers.add(Map.entry("content-type", "text/plain; charset=utf-8"));
        }
        JsonNode bodyNode = answer.get("body");
        byte[] body;
        if (bodyNode == null || bodyNode.isNull()) {
            body = new byte[0];
        } else if (answer.path("isBase64Encoded").asBoolean(false)) {
            try {
                body = Base64.getDecoder().decode(bodyNode.asText());
            } catch (IllegalArgumentException e) {
                LOG.info("integration answered with isBase64Encoded and a body that is not base64");
                return GatewayResponse.message(500, "Internal Server Error");
            }
        } else {
            body = (bodyNode.isTextual() ? bodyNode.asText() : bodyNode.toString()).getBytes(StandardCharsets.UTF_8);
        }
        return new GatewayResponse(statusCode, headers, body);
    }

    /**
     * CORS as HTTP APIs do it once the API has a CORS configuration: the gateway answers preflight
     * requests itself (204, whatever the routes), ignores {@code access-control-*} headers from the
     * integration, and adds its own to every response for an allowed origin.
     */
    private GatewayResponse cors(GatewayRequest request, java.util.function.Supplier<GatewayResponse> next) {
        HttpApiConfig.Cors cors = config.cors();
        if (cors == null) {
            return next.get();
        }
        String origin = request.header("origin");
        boolean preflight = request.method().equalsIgnoreCase("OPTIONS")
                && origin != null
                && request.header("access-control-request-method") != null;
        if (preflight) {
            GatewayResponse response = new GatewayResponse(204, List.of(), new byte[0]);
            String requestedMethod =
                    request.header("access-control-request-method").trim();
            if (originAllowed(cors, origin) && listed(cors.allowMethods(), requestedMethod)) {
                response.withHeader("access-control-allow-origin", allowOrigin(cors, origin));
                response.withHeader(
                        "access-control-allow-methods",
                        cors.allowMethods().contains("*") ? "*" : String.join(",", cors.allowMethods()));
                if (!cors.allowHeaders().isEmpty()) {
                    String requested = request.header("access-control-request-headers");
                    response.withHeader(
                            "access-control-allow-headers",
                            cors.allowHeaders().contains("*") && requested != null
                                    ? requested
                                    : String.join(",", cors.allowHeaders()).toLowerCase(Locale.ROOT));
                }
                if (cors.maxAgeSeconds() != null) {
                    response.withHeader("access-control-max-age", String.valueOf(cors.maxAgeSeconds()));
                }
                if (cors.allowCredentials()) {
                    response.withHeader("access-control-allow-credentials", "true");
                }
            }
            return response;
        }
        GatewayResponse response = next.get();
        response.headers().removeIf(h -> h.getKey().toLowerCase(Locale.ROOT).startsWith("access-control-"));
        if (origin != null && originAllowed(cors, origin)) {
            response.withHeader("access-control-allow-origin", allowOrigin(cors, origin));
            if (!cors.exposeHeaders().isEmpty()) {
                response.withHeader(
                        "access-control-expose-headers",
                        String.join(",", cors.exposeHeaders()).toLowerCase(Locale.ROOT));
            }
            if (cors.allowCredentials()) {
                response.withHeader("access-control-allow-credentials", "true");
            }
        }
        return response;
    }

    private static boolean originAllowed(HttpApiConfig.Cors cors, String origin) {
        return cors.allowOrigins().contains("*")
                || cors.allowOrigins().stream().anyMatch(o -> o.equalsIgnoreCase(origin));
    }

    /** {@code *} when all origins are allowed (and credentials are not), else the request's origin. */
    private static String allowOrigin(HttpApiConfig.Cors cors, String origin) {
        return cors.allowOrigins().contains("*") && !cors.allowCredentials() ? "*" : origin;
    }

    private static boolean listed(List<String> allowed, String value) {
        return allowed.contains("*") || allowed.stream().anyMatch(a -> a.equalsIgnoreCase(value));
    }
}
