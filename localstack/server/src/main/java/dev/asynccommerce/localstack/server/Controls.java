package dev.asynccommerce.localstack.server;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.localstack.clock.VirtualClock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.locks.ReentrantLock;
import java.util.function.Supplier;
import java.util.regex.Pattern;

/**
 * The stack's own controls under {@code /_local} (../shared/API.md "Local stack controls"): health,
 * reset, the clock and faults; notifications come with the simulated adapters. Controls only parse and
 * answer: what a reset does is handed in by the stack that knows its deployment.
 */
final class Controls {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Pattern SERVICE = Pattern.compile("[a-z][a-z0-9.-]{0,62}");
    private static final Pattern OPERATION = Pattern.compile("[A-Za-z][A-Za-z0-9]{0,127}");
    private static final Set<String> FAULT_FIELDS = Set.of("service", "operation", "errorRate", "latencyMs", "count");
    // A held request keeps a server thread and the caller's connection; beyond a minute the SDKs' own
    // timeouts answer instead of the stack.
    private static final long MAX_LATENCY_MS = 60_000;

    private final VirtualClock clock;
    private final Supplier<String> status;
    private final List<String> services;
    private final Faults faults;
    private final Runnable reset;
    private final Supplier<List<Map<String, Object>>> notifications;
    private final Supplier<SimulatedProviderFaults> providerFaults;
    // One reset at a time; other requests are served meanwhile.
    private final ReentrantLock resetting = new ReentrantLock();

    /**
     * @param notifications what the simulated customer channel has sent, oldest first
     * @param providerFaults where faults of the simulated payment provider go, for the current deployment
     */
    Controls(
            VirtualClock clock,
            Supplier<String> status,
            List<String> services,
            Faults faults,
            Runnable reset,
            Supplier<List<Map<String, Object>>> notifications,
            Supplier<SimulatedProviderFaults> providerFaults) {
        this.clock = clock;
        this.status = status;
        this.services = List.copyOf(services);
        this.faults = faults;
        this.reset = reset;
        this.notifications = notifications;
        this.providerFaults = providerFaults;
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
            case "POST /_local/reset" -> reset();
            case "POST /_local/faults" -> addFault(body);
            case "GET /_local/faults" ->
                json(
                        200,
                        Map.of(
                                "faults",
                                faults.list().stream().map(Controls::view).toList()));
            case "DELETE /_local/faults" -> {
                // The stack's own faults first: clearing the provider's is a DynamoDB call, which a
                // DeleteItem fault would otherwise fail.
                int removed = faults.clear();
                providerFaults.get().clear();
                yield json(200, Map.of("removed", removed));
            }
            case "GET /_local/notifications" -> json(200, Map.of("notifications", notifications.get()));
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

    private ProtocolResponse reset() throws Exception {
        resetting.lock();
        try {
            reset.run();
        } finally {
            resetting.unlock();
        }
        return json(200, Map.of("status", status.get()));
    }

    private ProtocolResponse addFault(byte[] body) throws Exception {
        JsonNode request;
        try {
            request = JSON.readTree(body);
        } catch (Exception e) {
            request = null;
        }
        if (request == null || !request.isObject()) {
            return invalid(
                    "body",
                    "Send {\"service\", \"operation\", \"errorRate\", \"latencyMs\", \"count\"?} as a JSON object.");
        }
        for (var names = request.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!FAULT_FIELDS.contains(name)) {
                return invalid(name, "is not a field of a fault");
            }
        }
        JsonNode service = request.get("service");
        if (service == null
                || !service.isTextual()
                || !SERVICE.matcher(service.asText()).matches()) {
            return invalid("service", "must be an AWS endpoint prefix in lower case, e.g. \"events\" or \"dynamodb\"");
        }
        JsonNode operation = request.get("operation");
        if (operation == null
                || !operation.isTextual()
                || !OPERATION.matcher(operation.asText()).matches()) {
            return invalid("operation", "must be an API operation name, e.g. \"PutEvents\"");
        }
        JsonNode errorRate = request.get("errorRate");
        if (errorRate == null || !errorRate.isNumber() || errorRate.asDouble() < 0 || errorRate.asDouble() > 1) {
            return invalid("errorRate", "must be a number from 0 to 1");
        }
        JsonNode latencyMs = request.get("latencyMs");
        if (latencyMs == null
                || !latencyMs.isIntegralNumber()
                || latencyMs.asLong() < 0
                || latencyMs.asLong() > MAX_LATENCY_MS) {
            return invalid("latencyMs", "must be a whole number of milliseconds from 0 to " + MAX_LATENCY_MS);
        }
        if (errorRate.asDouble() == 0 && latencyMs.asLong() == 0) {
            return invalid("errorRate", "a fault needs errorRate > 0 or latencyMs > 0");
        }
        JsonNode count = request.get("count");
        if (count != null
                && !count.isNull()
                && (!count.isIntegralNumber() || count.asLong() < 1 || !count.canConvertToInt())) {
            return invalid("count", "must be a whole number of requests, at least 1, or absent for no limit");
        }
        Faults.Fault fault = new Faults.Fault(
                service.asText(),
                operation.asText(),
                errorRate.asDouble(),
                latencyMs.asLong(),
                count == null || count.isNull() ? null : count.asInt());
        if (SimulatedProviderFaults.SERVICE.equals(fault.service())) {
            if (SimulatedProviderFaults.operation(fault.operation()).isEmpty()) {
                return invalid(
                        "operation",
                        "of the simulated payment provider must be one of " + SimulatedProviderFaults.operationNames());
            }
            if (!providerFaults.get().inject(fault)) {
                return problem(409, "not-deployed", "No payment provider is deployed to inject the fault into.");
            }
            // The provider spends its count itself; the stack's list would only show a stale one.
            return json(200, view(fault));
        }
        faults.put(fault);
        return json(200, view(fault));
    }

    /** A fault as POST takes it; {@code count} is what is left of it. */
    private static Map<String, Object> view(Faults.Fault fault) {
        Map<String, Object> out = new LinkedHashMap<>();
        out.put("service", fault.service());
        out.put("operation", fault.operation());
        out.put("errorRate", fault.errorRate());
        out.put("latencyMs", fault.latencyMs());
        if (fault.remaining() != null) {
            out.put("count", fault.remaining());
        }
        return out;
    }

    private static ProtocolResponse invalid(String field, String message) throws Exception {
        Map<String, Object> problem = new LinkedHashMap<>();
        problem.put("type", "https://async-commerce.dev/problems/validation-failed");
        problem.put("title", "validation failed");
        problem.put("status", 400);
        problem.put("detail", field + " " + message);
        problem.put("errors", List.of(Map.of("field", field, "message", message)));
        return new ProtocolResponse(400, "application/problem+json", JSON.writeValueAsBytes(problem));
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
