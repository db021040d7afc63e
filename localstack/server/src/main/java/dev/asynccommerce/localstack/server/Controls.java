package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.clock.VirtualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;

/**
 * The stack's own controls under {@code /_local} (../shared/API.md "Local stack controls"): health
 * and the clock so far; reset, faults and notifications come with the deployed system.
 */
final class Controls {
    private static final ObjectMapper JSON = new ObjectMapper();

    private final VirtualClock clock;
    private final Supplier<String> status;
    private final List<String> services;

    Controls(VirtualClock clock, Supplier<String> status, List<String> services) {
        this.clock = clock;
        this.status = status;
        this.services = List.copyOf(services);
    }

    ProtocolResponse handle(String method, String path, byte[] body) throws Exception {
        return switch (method + " " + path) {
            case "GET /_local/health" -> {
                Map<String, Object> health = new LinkedHashMap<>();
                health.put("status", status.get());
                health.put("services", services);
                health.put("now", clock.now().toString());
                yield json(200, health);
            }
            case "POST /_local/clock/advance" -> advance(body);
            default -> problem(404, "not-found", "No local control at " + method + " " + path);
        };
    }

    private ProtocolResponse advance(byte[] body) throws Exception {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (Exception e) {
            return problem(400, "bad-request", "Send {\"seconds\": N}.");
        }
        JsonNode seconds = request == null ? null : request.get("seconds");
        if (seconds == null || !seconds.isNumber() || seconds.asDouble() < 0 || seconds.asDouble() > 366 * 86_400) {
            return problem(400, "bad-request", "seconds must be a number from 0 to one year.");
        }
        var now = clock.advance(Duration.ofMillis((long) (seconds.asDouble() * 1000)));
        return json(200, Map.of("now", now.toString()));
    }

    private static ProtocolResponse json(int status, Object body) throws Exception {
        return new ProtocolResponse(status, "application/json", JSON.writeValueAsBytes(body));
    }

    private static ProtocolResponse problem(int status, String slug, String detail) throws Exception {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://async-commerce.dev/problems/" + slug);
        problem.put("title", slug.replace('-', ' '));
        problem.put("status", status);
        problem.put("detail", detail);
        return new ProtocolResponse(status, "application/problem+json", JSON.writeValueAsBytes(problem));
    }
}
