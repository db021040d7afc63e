package dev.asynccommerce.localstack.apigateway;

import dev.asynccommerce.localstack.spi.FunctionInvoker;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.SocketAddress;
import java.net.URI;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.time.InstantSource;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.eclipse.jetty.http.HttpField;
import org.eclipse.jetty.io.Content;
import org.eclipse.jetty.server.Handler;
import org.eclipse.jetty.server.Request;
import org.eclipse.jetty.server.Response;
import org.eclipse.jetty.server.Server;
import org.eclipse.jetty.util.Callback;
import org.eclipse.jetty.websocket.api.Session;
import org.eclipse.jetty.websocket.server.ServerWebSocketContainer;

/**
 * The local stack's API Gateway (part of the project's own emulator, not the LocalStack product): a
 * registry of HTTP APIs and WebSocket APIs and the Jetty handler that serves them on the stack's one
 * endpoint.
 *
 * <ul>
 *   <li>{@code /_aws/execute-api/<apiId>/<path>} — an HTTP API (payload format 2.0, CORS, JWT authorizers);
 *   <li>{@code /_aws/ws/<apiId>/<stage>} — a WebSocket API (the upgrade, {@code $connect}, messages,
 *       {@code $disconnect});
 *   <li>{@code /_aws/ws/<apiId>/<stage>/@connections/<connectionId>} — its management API, so that
 *       {@code ApiGatewayManagementApiClient} with {@code endpointOverride(<endpoint>/_aws/ws/<apiId>/<stage>)}
 *       works unmodified.
 * </ul>
 *
 * <p>Mounting: call {@link #handler(Server)} before the server starts and put the handler in front of
 * the server's other handlers (it answers {@code false} for every other path), e.g.
 * {@code server.setHandler(new Handler.Sequence(apiGateway.handler(server), gateway))}. APIs can be
 * added and removed while the server runs. Thread-safe.
 */
public final class ApiGateway {
    private static final Logger LOG = LogManager.getLogger(ApiGateway.class);
    public static final String HTTP_PREFIX = "/_aws/execute-api/";
    public static final String WS_PREFIX = "/_aws/ws/";

    private final FunctionInvoker functions;
    private final InstantSource clock;
    private final String accountId;
    private final JwtVerifier jwt;
    private final Map<String, HttpApi> httpApis = new ConcurrentHashMap<>();
    private final Map<String, WebSocketApi> webSocketApis = new ConcurrentHashMap<>();

    /**
     * @param functions invokes the routes' functions
     * @param jwks the issuers' signing keys, for JWT authorizers
     * @param clock the stack's clock: token expiry and event times follow it
     * @param accountId the account the events name ({@code requestContext.accountId})
     */
    public ApiGateway(FunctionInvoker functions, JwksSource jwks, InstantSource clock, String accountId) {
        this.functions = Objects.requireNonNull(functions, "functions");
        this.clock = Objects.requireNonNull(clock, "clock");
        this.accountId = Objects.requireNonNull(accountId, "accountId");
        this.jwt = new JwtVerifier(Objects.requireNonNull(jwks, "jwks"), clock);
    }

    /** Deploys (or redeploys, replacing) an HTTP API. */
    public void addHttpApi(HttpApiConfig config) {
        httpApis.put(config.apiId(), new HttpApi(config, functions, jwt, clock, accountId));
    }

    /** Deploys (or redeploys) a WebSocket API stage; the connections of a replaced stage are closed. */
    public void addWebSocketApi(WebSocketApiConfig config) {
        WebSocketApi previous =
                webSocketApis.put(key(config.apiId(), config.stage()), new WebSocketApi(config, functions, clock));
        if (previous != null) {
            previous.closeAll();
        }
    }

    /** Removes every API and closes every WebSocket connection (the stack's reset). */
    public void clear() {
        httpApis.clear();
        List<WebSocketApi> sockets = new ArrayList<>(webSocketApis.values());
        webSocketApis.clear();
        sockets.forEach(WebSocketApi::closeAll);
        jwt.clear();
    }

    /**
     * The service going away (the stack stopping): closes every WebSocket connection with 1001 "Going
     * away", as a client sees API Gateway end a connection, and waits up to {@code limit} until each
     * one's {@code $disconnect} has run, so that the functions hear of it before they stop. The APIs stay.
     *
     * @return whether every connection ended in time
     */
    public boolean closeConnections(Duration limit) {
        List<WebSocketApi> sockets = new ArrayList<>(webSocketApis.values());
        sockets.forEach(WebSocketApi::closeAll);
        long deadline = System.nanoTime() + limit.toNanos();
        for (WebSocketApi socket : sockets) {
            if (!socket.awaitNoConnections(Duration.ofNanos(Math.max(0, deadline - System.nanoTime())))) {
                return false;
            }
        }
        return true;
    }

    /** The base URL of an HTTP API on an endpoint (what {@code StorefrontApiUrl} becomes locally). */
    public static URI httpApiUrl(URI endpoint, String apiId) {
        return URI.create(trim(endpoint) + HTTP_PREFIX + apiId);
    }

    /** The {@code ws://} URL clients connect to (what {@code StoreSocketUrl} becomes locally). */
    public static URI webSocketUrl(URI endpoint, String apiId, String stage) {
        return URI.create(trim(endpoint).replaceFirst("^http", "ws") + WS_PREFIX + apiId + "/" + stage);
    }

    /** The endpoint override for {@code ApiGatewayManagementApiClient}. */
    public static URI connectionsEndpoint(URI endpoint, String apiId, String stage) {
        return URI.create(trim(endpoint) + WS_PREFIX + apiId + "/" + stage);
    }

    /** Whether a request path belongs to the gateway. */
    public static boolean handles(String path) {
        return path.startsWith(HTTP_PREFIX) || path.startsWith(WS_PREFIX);
    }

    /**
     * The Jetty handler serving every API. Call before {@code server.start()}: it registers Jetty's
     * WebSocket container as a bean of {@code server}.
     */
    public Handler handler(Server server) {
        ServerWebSocketContainer container = ServerWebSocketContainer.ensure(server);
        return new Handler.Abstract() {
            @Override
            public boolean handle(Request request, Response response, Callback callback) throws Exception {
                String path = request.getHttpURI().getPath();
                if (path == null || !handles(path)) {
                    return false;
                }
                try {
                    if (path.startsWith(HTTP_PREFIX)) {
                        write(response, callback, http(request, path.substring(HTTP_PREFIX.length())));
                    } else {
                        webSocket(container, request, response, callback, path.substring(WS_PREFIX.length()));
                    }
                } catch (Exception e) {
                    LOG.error("{} {} failed: {}", request.getMethod(), path, e.toString(), e);
                    write(response, callback, GatewayResponse.message(500, "Internal Server Error"));
                }
                return true;
            }
        };
    }

    private GatewayResponse http(Request request, String rest) throws Exception {
        int slash = rest.indexOf('/');
        String apiId = slash < 0 ? rest : rest.substring(0, slash);
        HttpApi api = httpApis.get(apiId);
        if (api == null) {
            return GatewayResponse.message(404, "Not Found");
        }
        return api.handle(gatewayRequest(request, slash < 0 ? "/" : rest.substring(slash), body(request)));
    }

    private void webSocket(
            ServerWebSocketContainer container, Request request, Response response, Callback callback, String rest)
            throws Exception {
        String[] parts = rest.split("/", 4);
        WebSocketApi api = parts.length >= 2 ? webSocketApis.get(key(parts[0], parts[1])) : null;
        if (parts.length == 4 && "@connections".equals(parts[2])) {
            GatewayResponse answer = api == null
                    ? WebSocketApi.error(403, "ForbiddenException", "Forbidden")
                    : api.manage(request.getMethod(), Encoding.percentDecode(parts[3]), body(request));
            write(response, callback, answer);
            return;
        }
        if (api == null || parts.length > 3 || (parts.length == 3 && !parts[2].isEmpty())) {
            write(response, callback, GatewayResponse.message(404, "Not Found"));
            return;
        }
        boolean upgraded = container.upgrade(
                (upgradeRequest, upgradeResponse, upgradeCallback) -> {
                    GatewayRequest handshake = gatewayRequest(upgradeRequest, "/", new byte[0]);
                    switch (api.connect(handshake)) {
                        case WebSocketApi.Handshake.Accepted accepted -> {
                            return new Endpoint(api, accepted.connection());
                        }
                        case WebSocketApi.Handshake.Refused refused -> {
                            write(upgradeResponse, upgradeCallback, refused.response());
                            return null;
                        }
                    }
                },
                request,
                response,
                callback);
        if (!upgraded) {
            write(response, callback, GatewayResponse.message(426, "Upgrade Required"));
        }
    }

    /**
     * Jetty's side of one connection: forwards its life to the API. Public only because Jetty calls
     * listener methods through a public lookup; not for use outside the gateway.
     */
    public static final class Endpoint implements Session.Listener.AutoDemanding {
        private final WebSocketApi api;
        private final WebSocketApi.Connection connection;

        Endpoint(WebSocketApi api, WebSocketApi.Connection connection) {
            this.api = api;
            this.connection = connection;
        }

        @Override
        public void onWebSocketOpen(Session session) {
            api.opened(connection, session);
        }

        @Override
        public void onWebSocketText(String message) {
            api.message(connection, message, null);
        }

        @Override
        public void onWebSocketBinary(ByteBuffer payload, org.eclipse.jetty.websocket.api.Callback callback) {
            byte[] bytes = new byte[payload.remaining()];
            payload.get(bytes);
            callback.succeed();
            api.message(connection, null, bytes);
        }

        @Override
        public void onWebSocketClose(int statusCode, String reason, org.eclipse.jetty.websocket.api.Callback callback) {
            try {
                api.closed(connection, statusCode, reason);
            } finally {
                callback.succeed();
            }
        }
    }

    private static GatewayRequest gatewayRequest(Request request, String rawPath, byte[] body) {
        List<Map.Entry<String, String>> headers = new ArrayList<>();
        for (HttpField field : request.getHeaders()) {
            headers.add(Map.entry(field.getName(), field.getValue()));
        }
        String query = request.getHttpURI().getQuery();
        SocketAddress remote = request.getConnectionMetaData().getRemoteSocketAddress();
        String sourceIp = remote instanceof InetSocketAddress inet
                ? inet.getAddress().getHostAddress()
                : Request.getRemoteAddr(request);
        return new GatewayRequest(
                request.getMethod(),
                rawPath,
                query == null ? "" : query,
                headers,
                body,
                sourceIp,
                request.getConnectionMetaData().getProtocol());
    }

    private static byte[] body(Request request) throws Exception {
        try (InputStream in = Content.Source.asInputStream(request)) {
            return in.readAllBytes();
        }
    }

    private static void write(Response response, Callback callback, GatewayResponse answer) {
        response.setStatus(answer.status());
        for (Map.Entry<String, String> header : answer.headers()) {
            response.getHeaders().add(header.getKey(), header.getValue());
        }
        response.write(true, ByteBuffer.wrap(answer.body()), callback);
    }

    private static String key(String apiId, String stage) {
        return apiId + "/" + stage;
    }

    private static String trim(URI endpoint) {
        String text = endpoint.toString();
        return text.endsWith("/") ? text.substring(0, text.length() - 1) : text;
    }
}
