package dev.asynccommerce.localstack.eventbridge;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.eventbridge.delivery.DeadLetterQueues;
import dev.asynccommerce.localstack.eventbridge.delivery.DeliveryException;
import dev.asynccommerce.localstack.eventbridge.delivery.LambdaTargets;
import dev.asynccommerce.localstack.eventbridge.delivery.SqsTargetInvoker;
import dev.asynccommerce.localstack.eventbridge.delivery.StepFunctionsTargets;
import dev.asynccommerce.localstack.eventbridge.delivery.TargetInvoker;
import dev.asynccommerce.localstack.eventbridge.delivery.TargetRequest;
import dev.asynccommerce.localstack.spi.Monitors;
import dev.asynccommerce.localstack.spi.PersistentState;
import dev.asynccommerce.localstack.spi.Timers;
import dev.asynccommerce.localstack.spi.TraceHeader;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.function.Function;
import java.util.regex.Pattern;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The local EventBridge: event buses, rules matched with event-ruler, targets delivered
 * asynchronously with retries and dead-letter queues, archives and replays. Serve it over the wire
 * with {@link EventBridgeApi}.
 *
 * <p>Delivery: PutEvents answers once the matching deliveries are queued; a single delivery thread
 * makes the first attempts in the order events arrived. A failed attempt is retried on {@link
 * Timers} with exponential backoff (1 s doubling to 5 min, without jitter so runs are reproducible)
 * until the target's {@code RetryPolicy} is spent ({@code MaximumRetryAttempts}, default 185, or
 * {@code MaximumEventAgeInSeconds}, default 86400, counted from ingestion); a retry runs on the timer
 * that fires it. Failures AWS does not retry (a missing resource, a bad parameter) go to the DLQ at
 * once.
 *
 * <p>Archives keep each event for the archive's {@code RetentionDays} (0: for ever) from when it was
 * archived, on the stack clock.
 *
 * <p>Restarts ({@link PersistentState}, state name {@value #STATE_NAME}): {@code {"version": 1,
 * "buses", "rules" (DescribeRule's fields plus "Targets" as PutTargets takes them),
 * "archives" (with "Events": [{"ArchivedAt", "Event"}]), "replays", "deliveries" (pending first
 * attempts and retries: rule, target settings, event, "IngestedAt", "Attempt", "DueAt", "TraceHeader",
 * "ReplayName")}}, instants as ISO-8601 on the stack clock. Saving stops delivery (nothing in the
 * state is attempted twice); a restored retry fires at its original due instant and its maximum
 * event age counts from the original ingestion. A replay that was RUNNING completes with its restored
 * deliveries (the events it had already delivered are not delivered again); one that was STARTING
 * starts. Schedules are not carried: the deployment (or the restore, for a rule created at runtime)
 * puts the rule again, so its next run is one period (or the next cron minute) after the restart,
 * and runs due while the stack was down are not made up, as AWS does not back-fill. Not carried:
 * a rule or target the deployment re-created keeps the template's definition (a template edit
 * between the runs wins), except that a DisableRule/EnableRule made at runtime on a rule the
 * template did not change stays.
 */
public final class EventBridge implements AutoCloseable, PersistentState {
    /** The stack's name for this state (and its file). */
    public static final String STATE_NAME = "events";

    static final String DEFAULT_BUS = "default";
    private static final int STATE_VERSION = 1;
    private static final Duration SAVE_WAIT = Duration.ofSeconds(10);
    static final int MAX_RETRY_ATTEMPTS = 185;
    static final int MAX_EVENT_AGE_SECONDS = 86_400;
    static final int MAX_TARGETS_PER_RULE = 5;
    private static final Duration FIRST_BACKOFF = Duration.ofSeconds(1);
    private static final Duration MAX_BACKOFF = Duration.ofMinutes(5);
    private static final Pattern BUS_NAME = Pattern.compile("[/.\\-_A-Za-z0-9]{1,256}");
    private static final Pattern NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,64}");
    private static final Pattern ARCHIVE_NAME = Pattern.compile("[.\\-_A-Za-z0-9]{1,48}");
    private static final Logger LOG = LogManager.getLogger(EventBridge.class);

    private final String account;
    private final String region;
    private final Timers timers;
    private final Map<String, TargetInvoker> invokers;
    private final DeadLetterQueues deadLetters;
    private final ExecutorService delivery;
    private final Object idle = new Object();
    private int inFlight;

    // Guarded by this.
    private final Map<String, Bus> buses = new LinkedHashMap<>();
    private final Map<String, Archive> archives = new LinkedHashMap<>();
    private final Map<String, Replay> replays = new LinkedHashMap<>();
    private final Map<Long, Pending> pending = new LinkedHashMap<>();
    private long nextPendingId;
    /** Attempts under way (outside the lock); {@link #saveState()} waits for them. */
    private int attempting;
    /** Set by {@link #saveState()}: from then on nothing is attempted, so nothing saved is delivered twice. */
    private boolean frozen;

    private EventBridge(Builder b) {
        this.account = b.account;
        this.region = b.region;
        this.timers = Objects.requireNonNull(b.timers, "timers");
        this.invokers = Map.copyOf(b.invokers);
        this.deadLetters = b.deadLetters != null
                ? b.deadLetters
                : (arn, body, attributes) -> {
                    throw DeliveryException.permanent("NO_RESOURCE", "No SQS is configured for dead-letter queues");
                };
        this.delivery = Executors.newSingleThreadExecutor(
                Thread.ofPlatform().daemon().name("eventbridge-delivery").factory());
        Instant now = timers.now();
        buses.put(DEFAULT_BUS, new Bus(DEFAULT_BUS, busArn(DEFAULT_BUS), null, now));
    }

    public static Builder builder() {
        return new Builder();
    }

    /** Configures account, region, clock and the target services. */
    public static final class Builder {
        private String account = "000000000000";
        private String region = "us-east-1";
        private Timers timers;
        private final Map<String, TargetInvoker> invokers = new HashMap<>();
        private DeadLetterQueues deadLetters;

        private Builder() {}

        public Builder account(String account) {
            this.account = account;
            return this;
        }

        public Builder region(String region) {
            this.region = region;
            return this;
        }

        public Builder timers(Timers timers) {
            this.timers = timers;
            return this;
        }

        /** SQS targets and dead-letter queues through this client (endpoint-overridden to the stack). */
        public Builder sqs(SqsClient sqs) {
            SqsTargetInvoker invoker = new SqsTargetInvoker(sqs);
            invokers.put("sqs", invoker);
            deadLetters = invoker;
            return this;
        }

        public Builder lambda(LambdaTargets functions) {
            return target("lambda", TargetInvoker.lambda(functions));
        }

        public Builder stepFunctions(StepFunctionsTargets machines) {
            return target("states", TargetInvoker.stepFunctions(machines));
        }

        /** Any other target service, by the service field of its ARNs (e.g. {@code sns}). */
        public Builder target(String arnService, TargetInvoker invoker) {
            invokers.put(arnService, invoker);
            return this;
        }

        public Builder deadLetterQueues(DeadLetterQueues queues) {
            this.deadLetters = queues;
            return this;
        }

        public EventBridge build() {
            return new EventBridge(this);
        }
    }

    // ---- model ----

    private static final class Bus {
        final String name;
        final String arn;
        final String description;
        final Instant created;
        final Map<String, Rule> rules = new LinkedHashMap<>();

        Bus(String name, String arn, String description, Instant created) {
            this.name = name;
            this.arn = arn;
            this.description = description;
            this.created = created;
        }
    }

    private static final class Rule {
        final String name;
        final String bus;
        final String arn;
        EventPattern pattern;
        String schedule;
        String state;
        String description;
        String roleArn;
        /** Bumped by every PutRule, so the timers of a replaced schedule stop. */
        long scheduleGeneration;

        final Map<String, ObjectNode> targets = new LinkedHashMap<>();

        Rule(String name, String bus, String arn) {
            this.name = name;
            this.bus = bus;
            this.arn = arn;
        }
    }

    /** An archived event, when it was archived (the stack clock at ingestion), and its size in bytes. */
    private record Archived(Instant time, ObjectNode event, long size) {}

    private static final class Archive {
        final String name;
        final String arn;
        final String sourceArn;
        final String busName;
        final String description;
        final EventPattern pattern;
        final int retentionDays;
        final Instant created;
        final List<Archived> events = new ArrayList<>();
        long sizeBytes;

        Archive(
                String name,
                String arn,
                String sourceArn,
                String busName,
                String description,
                EventPattern pattern,
                int retentionDays,
                Instant created) {
            this.name = name;
            this.arn = arn;
            this.sourceArn = sourceArn;
            this.busName = busName;
            this.description = description;
            this.pattern = pattern;
            this.retentionDays = retentionDays;
            this.created = created;
        }
    }

    private static final class Replay {
        final String name;
        final String arn;
        final String description;
        final String archiveArn;
        final ObjectNode destination;
        final Instant start;
        final Instant end;
        final Instant started;
        String state = "STARTING";
        String stateReason;
        Instant ended;
        Instant lastReplayed;
        /** First attempts of the replayed events not yet made: the replay completes when none is left. */
        int outstanding;

        Replay(
                String name,
                String arn,
                String description,
                String archiveArn,
                ObjectNode destination,
                Instant start,
                Instant end,
                Instant started) {
            this.name = name;
            this.arn = arn;
            this.description = description;
            this.archiveArn = archiveArn;
            this.destination = destination;
            this.start = start;
            this.end = end;
            this.started = started;
        }
    }

    /**
     * A delivery of one event to one target, and how many attempts it has had; {@code replay} is the
     * replay whose event it carries, or null.
     */
    private record Delivery(
            String ruleArn,
            String ruleName,
            ObjectNode target,
            ObjectNode event,
            Instant ingested,
            int attempt,
            String traceHeader,
            Replay replay) {
        Delivery next() {
            return new Delivery(ruleArn, ruleName, target, event, ingested, attempt + 1, traceHeader, replay);
        }
    }

    /**
     * A delivery waiting for its attempt: a first attempt queued for the delivery thread ({@code due}
     * null) or a retry waiting for its timer. Kept as data, not only as a queued task, so that {@link
     * #saveState()} can carry it over a restart.
     */
    private record Pending(Delivery delivery, Instant due) {}

    // ---- ARNs and names ----

    String busArn(String name) {
        return "arn:aws:events:" + region + ":" + account + ":event-bus/" + name;
    }

    private String ruleArn(String bus, String name) {
        return "arn:aws:events:" + region + ":" + account + ":rule/"
                + (DEFAULT_BUS.equals(bus) ? name : bus + "/" + name);
    }

    private String archiveArn(String name) {
        return "arn:aws:events:" + region + ":" + account + ":archive/" + name;
    }

    private String replayArn(String name) {
        return "arn:aws:events:" + region + ":" + account + ":replay/" + name;
    }

    /** A bus given by name or ARN; absent means {@code default}. */
    private static String busName(JsonNode nameOrArn) {
        if (nameOrArn == null || nameOrArn.isNull() || nameOrArn.asText().isEmpty()) {
            return DEFAULT_BUS;
        }
        String text = nameOrArn.asText();
        int at = text.indexOf(":event-bus/");
        return text.startsWith("arn:") && at > 0 ? text.substring(at + ":event-bus/".length()) : text;
    }

    private Bus bus(String name) {
        Bus bus = buses.get(name);
        if (bus == null) {
            throw ApiException.notFound("Event bus " + name + " does not exist.");
        }
        return bus;
    }

    private Rule rule(JsonNode r, String field) {
        Bus bus = bus(busName(r.get("EventBusName")));
        String name = required(r, field);
        Rule rule = bus.rules.get(name);
        if (rule == null) {
            throw ApiException.notFound("Rule " + name + " does not exist on EventBus " + bus.name + ".");
        }
        return rule;
    }

    static String required(JsonNode r, String field) {
        JsonNode v = r.get(field);
        if (v == null || v.isNull() || (v.isTextual() && v.asText().isEmpty())) {
            throw ApiException.validation("1 validation error detected: Value null at '" + lowerFirst(field)
                    + "' failed to satisfy constraint: Member must not be null");
        }
        return v.asText();
    }

    private static String text(JsonNode r, String field) {
        JsonNode v = r.get(field);
        return v == null || v.isNull() ? null : v.asText();
    }

    private static String lowerFirst(String s) {
        return Character.toLowerCase(s.charAt(0)) + s.substring(1);
    }

    private static void checkName(String value, Pattern pattern, String field) {
        if (!pattern.matcher(value).matches()) {
            throw ApiException.validation("1 validation error detected: Value '" + value + "' at '" + field
                    + "' failed to satisfy constraint: Member must satisfy regular expression pattern: "
                    + pattern.pattern());
        }
    }

    // ---- event buses ----

    synchronized ObjectNode createEventBus(JsonNode r) {
        String name = required(r, "Name");
        checkName(name, BUS_NAME, "name");
        if (buses.containsKey(name)) {
            throw ApiException.alreadyExists("Event bus " + name + " already exists.");
        }
        if (name.contains("/") && !r.hasNonNull("EventSourceName")) {
            throw ApiException.validation("Event bus name must not contain '/'.");
        }
        Bus bus = new Bus(name, busArn(name), text(r, "Description"), timers.now());
        buses.put(name, bus);
        ObjectNode out = Json.object().put("EventBusArn", bus.arn);
        if (bus.description != null) {
            out.put("Description", bus.description);
        }
        return out;
    }

    synchronized ObjectNode describeEventBus(JsonNode r) {
        return busJson(bus(busName(r.get("Name"))));
    }

    private static ObjectNode busJson(Bus bus) {
        ObjectNode out = Json.object().put("Name", bus.name).put("Arn", bus.arn);
        if (bus.description != null) {
            out.put("Description", bus.description);
        }
        return out.put("CreationTime", Json.epochSeconds(bus.created))
                .put("LastModifiedTime", Json.epochSeconds(bus.created));
    }

    synchronized ObjectNode deleteEventBus(JsonNode r) {
        String name = required(r, "Name");
        if (DEFAULT_BUS.equals(name)) {
            throw ApiException.validation("Cannot delete event bus default.");
        }
        // AWS answers success for a bus that is already gone; its rules go with it.
        buses.remove(name);
        return Json.object();
    }

    synchronized ObjectNode listEventBuses(JsonNode r) {
        String prefix = text(r, "NamePrefix");
        List<Bus> matching = buses.values().stream()
                .filter(b -> prefix == null || b.name.startsWith(prefix))
                .toList();
        return page(r, "EventBuses", matching, EventBridge::busJson);
    }

    // ---- rules ----

    synchronized ObjectNode putRule(JsonNode r) {
        String name = required(r, "Name");
        checkName(name, NAME, "name");
        Bus bus = bus(busName(r.get("EventBusName")));
        String patternText = text(r, "EventPattern");
        String schedule = text(r, "ScheduleExpression");
        if (patternText == null && schedule == null) {
            throw ApiException.validation("Parameter(s) EventPattern or ScheduleExpression must be specified.");
        }
        if (schedule != null && !DEFAULT_BUS.equals(bus.name)) {
            throw ApiException.validation("ScheduleExpression is supported only on the default event bus.");
        }
        String state = text(r, "State");
        if (state != null
                && !Set.of("ENABLED", "DISABLED", "ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS")
                        .contains(state)) {
            throw ApiException.validation("1 validation error detected: Value '" + state
                    + "' at 'state' failed to satisfy constraint: Member must satisfy enum value set:"
                    + " [ENABLED, DISABLED, ENABLED_WITH_ALL_CLOUDTRAIL_MANAGEMENT_EVENTS]");
        }
        Schedules.Schedule timing = schedule == null ? null : Schedules.parse(schedule);
        EventPattern pattern = patternText == null ? null : EventPattern.compile(patternText);
        Rule rule = bus.rules.computeIfAbsent(name, n -> new Rule(n, bus.name, ruleArn(bus.name, n)));
        rule.pattern = pattern;
        rule.schedule = schedule;
        rule.scheduleGeneration++;
        if (timing != null) {
            scheduleNext(bus, rule, rule.scheduleGeneration, timing, timers.now());
        }
        rule.state = state == null ? "ENABLED" : state;
        rule.description = text(r, "Description");
        rule.roleArn = text(r, "RoleArn");
        return Json.object().put("RuleArn", rule.arn);
    }

    synchronized ObjectNode describeRule(JsonNode r) {
        Rule rule = rule(r, "Name");
        ObjectNode out = ruleJson(rule);
        return out.put("CreatedBy", account);
    }

    private static ObjectNode ruleJson(Rule rule) {
        ObjectNode out = Json.object().put("Name", rule.name).put("Arn", rule.arn);
        if (rule.pattern != null) {
            out.put("EventPattern", rule.pattern.text());
        }
        if (rule.schedule != null) {
            out.put("ScheduleExpression", rule.schedule);
        }
        out.put("State", rule.state);
        if (rule.description != null) {
            out.put("Description", rule.description);
        }
        if (rule.roleArn != null) {
            out.put("RoleArn", rule.roleArn);
        }
        return out.put("EventBusName", rule.bus);
    }

    synchronized ObjectNode deleteRule(JsonNode r) {
        Bus bus = bus(busName(r.get("EventBusName")));
        Rule rule = bus.rules.get(required(r, "Name"));
        if (rule == null) {
            return Json.object();
        }
        if (!rule.targets.isEmpty()) {
            throw ApiException.validation("Rule can't be deleted since it has targets.");
        }
        bus.rules.remove(rule.name);
        return Json.object();
    }

    synchronized ObjectNode listRules(JsonNode r) {
        Bus bus = bus(busName(r.get("EventBusName")));
        String prefix = text(r, "NamePrefix");
        List<Rule> matching = bus.rules.values().stream()
                .filter(x -> prefix == null || x.name.startsWith(prefix))
                .toList();
        return page(r, "Rules", matching, EventBridge::ruleJson);
    }

    synchronized ObjectNode setRuleState(JsonNode r, String state) {
        rule(r, "Name").state = state;
        return Json.object();
    }

    // ---- targets ----

    synchronized ObjectNode putTargets(JsonNode r) {
        Rule rule = rule(r, "Rule");
        JsonNode targets = r.path("Targets");
        if (!targets.isArray() || targets.isEmpty() || targets.size() > 10) {
            throw ApiException.validation("1 validation error detected: Value at 'targets' failed to satisfy"
                    + " constraint: Member must have length between 1 and 10");
        }
        for (JsonNode t : targets) {
            if (!t.isObject()) {
                throw ApiException.validation("Each target must be an object.");
            }
            checkName(required(t, "Id"), NAME, "targets.member.id");
            String arn = required(t, "Arn");
            TargetInput.validate((ObjectNode) t);
            String[] parts = arn.split(":", 6);
            if (parts.length < 6 || !"arn".equals(parts[0])) {
                throw ApiException.validation(
                        "Parameter " + arn + " is not valid. Reason: Provided Arn is not in" + " correct format.");
            }
            if ("sqs".equals(parts[2])
                    && parts[5].endsWith(".fifo")
                    && !t.path("SqsParameters").isObject()) {
                // AWS refuses a FIFO queue target without a message group (seen in aws-ddk#183's error).
                throw ApiException.validation("Parameter(s) SqsParameters must be specified for target: "
                        + t.get("Id").asText() + ".");
            }
            JsonNode retry = t.path("RetryPolicy");
            int attempts = retry.path("MaximumRetryAttempts").asInt(MAX_RETRY_ATTEMPTS);
            int age = retry.path("MaximumEventAgeInSeconds").asInt(MAX_EVENT_AGE_SECONDS);
            if (attempts < 0 || attempts > MAX_RETRY_ATTEMPTS || age < 60 || age > MAX_EVENT_AGE_SECONDS) {
                throw ApiException.validation("RetryPolicy is not valid: MaximumRetryAttempts must be 0..185 and"
                        + " MaximumEventAgeInSeconds 60..86400.");
            }
        }
        long added = 0;
        for (JsonNode t : targets) {
            if (!rule.targets.containsKey(t.get("Id").asText())) {
                added++;
            }
        }
        if (rule.targets.size() + added > MAX_TARGETS_PER_RULE) {
            throw new ApiException(
                    "LimitExceededException", "The requested resource exceeds the maximum number allowed.");
        }
        for (JsonNode t : targets) {
            ObjectNode stored = ((ObjectNode) t).deepCopy();
            rule.targets.put(stored.get("Id").asText(), stored);
        }
        return Json.object().put("FailedEntryCount", 0).set("FailedEntries", Json.array());
    }

    synchronized ObjectNode removeTargets(JsonNode r) {
        Rule rule = rule(r, "Rule");
        JsonNode ids = r.path("Ids");
        if (!ids.isArray() || ids.isEmpty() || ids.size() > 100) {
            throw ApiException.validation("1 validation error detected: Value at 'ids' failed to satisfy"
                    + " constraint: Member must have length between 1 and 100");
        }
        ids.forEach(id -> rule.targets.remove(id.asText()));
        return Json.object().put("FailedEntryCount", 0).set("FailedEntries", Json.array());
    }

    synchronized ObjectNode listTargetsByRule(JsonNode r) {
        Rule rule = rule(r, "Rule");
        return page(r, "Targets", List.copyOf(rule.targets.values()), ObjectNode::deepCopy);
    }

    // ---- events ----

    ObjectNode putEvents(JsonNode r) {
        return putEvents(r, null);
    }

    /**
     * PutEvents with the request's {@code X-Amzn-Trace-Id} ({@code httpTraceHeader}, may be null): each
     * event's deliveries carry its entry's {@code TraceHeader}, else the request's; a header X-Ray would not
     * accept is dropped and the event delivered without one (eb-related-service-xray). The header is not
     * part of the event a target receives, nor of archived or replayed events.
     */
    ObjectNode putEvents(JsonNode r, String httpTraceHeader) {
        String requestTrace = validTraceHeader(httpTraceHeader);
        JsonNode entries = r.path("Entries");
        if (!entries.isArray() || entries.isEmpty() || entries.size() > 10) {
            throw ApiException.validation("1 validation error detected: Value at 'entries' failed to satisfy"
                    + " constraint: Member must have length less than or equal to 10");
        }
        long total = 0;
        for (JsonNode e : entries) {
            total += entrySize(e);
        }
        if (total > 256 * 1024) {
            throw ApiException.validation("Total size of the entries in the request is over the limit.");
        }
        ArrayNode results = Json.array();
        int failed = 0;
        List<Long> deliveries = new ArrayList<>();
        synchronized (this) {
            Instant now = timers.now();
            for (JsonNode e : entries) {
                ObjectNode result = results.addObject();
                String error = entryError(e);
                if (error != null) {
                    failed++;
                    result.put("ErrorCode", error.substring(0, error.indexOf('|')))
                            .put("ErrorMessage", error.substring(error.indexOf('|') + 1));
                    continue;
                }
                String id = UUID.randomUUID().toString();
                result.put("EventId", id);
                Bus bus = buses.get(busName(e.get("EventBusName")));
                if (bus == null) {
                    // AWS accepts events for a bus that does not exist and drops them (aws/aws-cli#9186).
                    LOG.warn(
                            "PutEvents to event bus {} that does not exist: event dropped",
                            busName(e.get("EventBusName")));
                    continue;
                }
                ObjectNode event = envelope(id, e, now);
                archive(bus, event, now);
                String entryTrace = e.hasNonNull("TraceHeader")
                        ? validTraceHeader(e.get("TraceHeader").asText())
                        : null;
                deliveries.addAll(route(bus, event, now, null, entryTrace != null ? entryTrace : requestTrace, null));
            }
        }
        deliveries.forEach(this::dispatch);
        return Json.object().put("FailedEntryCount", failed).set("Entries", results);
    }

    private static String validTraceHeader(String header) {
        return TraceHeader.parse(header) == null ? null : header;
    }

    /** AWS's entry-size rule (eb-putevent-size): Time counts 14 bytes, strings their UTF-8 length. */
    static long entrySize(JsonNode e) {
        long size = e.hasNonNull("Time") ? 14 : 0;
        size += utf8(e.get("Source")) + utf8(e.get("DetailType")) + utf8(e.get("Detail"));
        for (JsonNode resource : e.path("Resources")) {
            size += utf8(resource);
        }
        return size;
    }

    private static long utf8(JsonNode n) {
        return n == null || n.isNull() ? 0 : n.asText().getBytes(StandardCharsets.UTF_8).length;
    }

    /** A per-entry refusal as "ErrorCode|ErrorMessage", or null when the entry is acceptable. */
    private static String entryError(JsonNode e) {
        for (String field : List.of("Source", "DetailType", "Detail")) {
            if (!e.hasNonNull(field) || e.get(field).asText().isEmpty()) {
                return "InvalidArgument|Parameter " + field + " is not valid. Reason: " + field
                        + " is a required argument.";
            }
        }
        if (e.get("Source").asText().startsWith("aws.")) {
            return "NotAuthorizedForSourceException|Not authorized for the source.";
        }
        JsonNode detail = Json.parseOrNull(e.get("Detail").asText());
        if (detail == null || !detail.isObject()) {
            return "MalformedDetail|Detail is malformed.";
        }
        return null;
    }

    private ObjectNode envelope(String id, JsonNode e, Instant now) {
        Instant time = e.hasNonNull("Time") ? Json.instant(e.get("Time")) : now;
        List<String> resources = new ArrayList<>();
        e.path("Resources").forEach(x -> resources.add(x.asText()));
        return event(
                id,
                e.get("DetailType").asText(),
                e.get("Source").asText(),
                time,
                resources,
                Json.parseOrNull(e.get("Detail").asText()));
    }

    /** AWS's event envelope, in AWS's field order. */
    private ObjectNode event(
            String id, String detailType, String source, Instant time, List<String> resources, JsonNode detail) {
        ObjectNode event = Json.object()
                .put("version", "0")
                .put("id", id)
                .put("detail-type", detailType)
                .put("source", source)
                .put("account", account)
                .put("time", Json.eventTime(time))
                .put("region", region);
        ArrayNode list = event.putArray("resources");
        resources.forEach(list::add);
        event.set("detail", detail);
        return event;
    }

    private void archive(Bus bus, ObjectNode event, Instant now) {
        String text = null;
        for (Archive archive : archives.values()) {
            if (!archive.busName.equals(bus.name)) {
                continue;
            }
            text = text == null ? Json.write(event) : text;
            if (archive.pattern == null || archive.pattern.matches(text)) {
                expire(archive, now);
                long size = text.getBytes(StandardCharsets.UTF_8).length;
                archive.events.add(new Archived(now, event, size));
                archive.sizeBytes += size;
            }
        }
    }

    /**
     * Drops the archive's events older than its {@code RetentionDays} (0: kept for ever), counted from
     * when each was archived, on the stack clock. Done whenever the archive is read or written, which
     * is as often as anyone could tell. Under the lock.
     */
    private static void expire(Archive archive, Instant now) {
        if (archive.retentionDays <= 0
                || archive.events.isEmpty()
                || !archive.events.getFirst().time().isBefore(now.minus(Duration.ofDays(archive.retentionDays)))) {
            return;
        }
        Instant oldest = now.minus(Duration.ofDays(archive.retentionDays));
        archive.events.removeIf(archived -> archived.time().isBefore(oldest));
        archive.sizeBytes = archive.events.stream().mapToLong(Archived::size).sum();
    }

    /**
     * Fires the rule's schedule at its first due instant after {@code previous} and then at each
     * following one, on the stack clock, until the rule is deleted or put again. A rate's first run is
     * exactly one period after PutRule (AWS: within the first period); a cron's is the first minute it
     * selects after PutRule. A disabled rule keeps its rhythm but sends nothing, so enabling it again
     * does not make up for the runs it skipped, as on AWS (DisableRule: it "won't self-trigger").
     *
     * <p>When the clock jumps over several due instants, each of them fires, in order, with its own
     * {@code time}: the stack clock's jump stands for time that passed, during which AWS would have run
     * the rule every time. The event's {@code time} is the due instant itself (the start of a cron's
     * minute), where AWS runs the rule "within that minute" (eb-create-rule-schedule).
     */
    private void scheduleNext(Bus bus, Rule rule, long generation, Schedules.Schedule timing, Instant previous) {
        Instant due = timing.nextAfter(previous);
        if (due == null) {
            LOG.info("Rule {}: its schedule has no further run", rule.name);
            return;
        }
        timers.at(due, () -> {
            List<Long> deliveries = new ArrayList<>();
            synchronized (this) {
                if (bus.rules.get(rule.name) != rule || rule.scheduleGeneration != generation) {
                    return;
                }
                if (!"DISABLED".equals(rule.state) && !frozen) {
                    ObjectNode event = scheduledEvent(rule, due);
                    for (ObjectNode target : rule.targets.values()) {
                        // Scheduled events carry no trace (eb-related-service-xray).
                        deliveries.add(
                                enqueue(new Delivery(rule.arn, rule.name, target, event, due, 1, null, null), null));
                    }
                }
                scheduleNext(bus, rule, generation, timing, due);
            }
            deliveries.forEach(this::dispatch);
        });
    }

    /** The event a schedule sends (AWS's "Scheduled Event": source aws.events, the rule as resource). */
    private ObjectNode scheduledEvent(Rule rule, Instant time) {
        return event(
                UUID.randomUUID().toString(), "Scheduled Event", "aws.events", time, List.of(rule.arn), Json.object());
    }

    /**
     * Queues the deliveries an event causes on {@code bus} and answers their ids, for {@link
     * #dispatch(long)} once the lock is released; {@code onlyRules} and {@code replay} are a replay's.
     * Under the lock.
     */
    private List<Long> route(
            Bus bus, ObjectNode event, Instant ingested, Set<String> onlyRules, String traceHeader, Replay replay) {
        String text = Json.write(event);
        List<Long> out = new ArrayList<>();
        for (Rule rule : bus.rules.values()) {
            if (rule.pattern == null
                    || "DISABLED".equals(rule.state)
                    || (onlyRules != null && !onlyRules.contains(rule.arn))
                    || !rule.pattern.matches(text)) {
                continue;
            }
            for (ObjectNode target : rule.targets.values()) {
                out.add(enqueue(
                        new Delivery(rule.arn, rule.name, target, event, ingested, 1, traceHeader, replay), null));
            }
        }
        return out;
    }

    /** Records a delivery as pending (a first attempt when {@code due} is null); under the lock. */
    private long enqueue(Delivery delivery, Instant due) {
        long id = nextPendingId++;
        pending.put(id, new Pending(delivery, due));
        return id;
    }

    /** Hands a queued first attempt to the delivery thread. */
    private void dispatch(long id) {
        submit(() -> runPending(id));
    }

    /** Retries on the timer that fires it, as before; kept as pending until it has run. */
    private void retryAt(Delivery delivery, Instant due) {
        long id;
        synchronized (this) {
            id = enqueue(delivery, due);
        }
        timers.at(due, () -> runPending(id));
    }

    /** Makes a pending delivery's attempt, unless the state was saved meanwhile (then it stays pending). */
    private void runPending(long id) {
        Delivery delivery;
        synchronized (this) {
            Pending waiting = pending.get(id);
            if (frozen || waiting == null) {
                return;
            }
            delivery = waiting.delivery();
            attempting++;
        }
        try {
            attempt(delivery);
        } finally {
            synchronized (this) {
                pending.remove(id);
                attempting--;
                if (delivery.attempt() == 1 && delivery.replay() != null) {
                    replayDeliveryMade(delivery.replay());
                }
                notifyAll();
            }
        }
    }

    /** A replayed event's first attempt was made; the replay completes with its last. Under the lock. */
    private void replayDeliveryMade(Replay replay) {
        replay.outstanding--;
        if (replay.outstanding <= 0 && "RUNNING".equals(replay.state)) {
            replay.state = "COMPLETED";
            replay.ended = timers.now();
        }
    }

    private void submit(Runnable task) {
        synchronized (idle) {
            inFlight++;
        }
        delivery.execute(() -> {
            try {
                task.run();
            } catch (RuntimeException e) {
                LOG.error("EventBridge delivery task failed", e);
            } finally {
                synchronized (idle) {
                    inFlight--;
                    idle.notifyAll();
                }
            }
        });
    }

    /**
     * Waits until every queued first attempt and replay has run (retries wait on the timers). The stack
     * registers this as a quiescence check of its virtual clock.
     */
    public boolean awaitIdle(Duration limit) {
        return Monitors.await(idle, () -> inFlight == 0, limit);
    }

    private void attempt(Delivery d) {
        String arn = d.target.get("Arn").asText();
        try {
            String input = TargetInput.render(d.target, d.event, d.ruleArn, d.ruleName, d.ingested);
            TargetRequest request = new TargetRequest(
                    d.ruleArn,
                    d.target.get("Id").asText(),
                    arn,
                    d.event.get("id").asText(),
                    input,
                    d.target,
                    d.traceHeader);
            invoker(arn).deliver(request);
        } catch (DeliveryException e) {
            failed(d, e);
        } catch (RuntimeException e) {
            failed(d, DeliveryException.retryable("ERROR_FROM_TARGET", String.valueOf(e.getMessage()), e));
        }
    }

    private TargetInvoker invoker(String arn) {
        String[] parts = arn.split(":", 6);
        String service = parts.length > 2 ? parts[2] : "";
        if ("events".equals(service) && arn.contains(":event-bus/")) {
            return this::forwardToBus;
        }
        TargetInvoker invoker = invokers.get(service);
        if (invoker == null) {
            throw DeliveryException.permanent(
                    "NO_RESOURCE", "Targets of service " + service + " are not emulated by the local stack");
        }
        return invoker;
    }

    /** An event bus target: the event goes on to the rules of that bus, as in AWS's cross-bus routing. */
    private void forwardToBus(TargetRequest request) {
        String name = busName(Json.MAPPER.getNodeFactory().textNode(request.targetArn()));
        JsonNode event = Json.parseOrNull(request.input());
        List<Long> deliveries;
        synchronized (this) {
            Bus bus = buses.get(name);
            if (bus == null) {
                throw DeliveryException.permanent("NO_RESOURCE", "Event bus " + name + " does not exist.");
            }
            if (event == null || !event.isObject()) {
                throw DeliveryException.permanent("INVALID_JSON", "The input is not an event.");
            }
            Instant now = timers.now();
            archive(bus, (ObjectNode) event, now);
            deliveries = route(bus, (ObjectNode) event, now, null, request.traceHeader(), null);
        }
        deliveries.forEach(this::dispatch);
    }

    private void failed(Delivery d, DeliveryException e) {
        int retriesDone = d.attempt - 1;
        if (!e.retryable()) {
            deadLetter(d, e, null, retriesDone);
            return;
        }
        JsonNode policy = d.target.path("RetryPolicy");
        int maxRetries = policy.path("MaximumRetryAttempts").asInt(MAX_RETRY_ATTEMPTS);
        long maxAge = policy.path("MaximumEventAgeInSeconds").asLong(MAX_EVENT_AGE_SECONDS);
        if (retriesDone >= maxRetries) {
            deadLetter(d, e, "MaximumRetryAttempts", retriesDone);
            return;
        }
        Instant due = timers.now().plus(backoff(d.attempt));
        if (due.isAfter(d.ingested.plusSeconds(maxAge))) {
            deadLetter(d, e, "MaximumEventAgeInSeconds", retriesDone);
            return;
        }
        LOG.debug("Delivery to {} failed ({}), retry {} at {}", d.target.get("Arn"), e.errorCode(), d.attempt, due);
        retryAt(d.next(), due);
    }

    static Duration backoff(int attempt) {
        Duration delay = FIRST_BACKOFF.multipliedBy(1L << Math.min(attempt - 1, 20));
        return delay.compareTo(MAX_BACKOFF) > 0 ? MAX_BACKOFF : delay;
    }

    /** The DLQ message: the event, with the attributes of eb-rule-dlq.html. */
    private void deadLetter(Delivery d, DeliveryException e, String exhausted, int retries) {
        String dlq = d.target.path("DeadLetterConfig").path("Arn").asText(null);
        if (dlq == null) {
            LOG.warn(
                    "Event {} dropped: delivery to {} failed with {} ({}) and the target has no DeadLetterConfig",
                    d.event.get("id").asText(),
                    d.target.get("Arn").asText(),
                    e.errorCode(),
                    e.getMessage());
            return;
        }
        Map<String, String> attributes = new LinkedHashMap<>();
        attributes.put("RULE_ARN", d.ruleArn);
        attributes.put("TARGET_ARN", d.target.get("Arn").asText());
        attributes.put("ERROR_CODE", e.errorCode());
        attributes.put("ERROR_MESSAGE", String.valueOf(e.getMessage()));
        if (exhausted != null) {
            attributes.put("EXHAUSTED_RETRY_CONDITION", exhausted);
        }
        attributes.put("RETRY_ATTEMPTS", Integer.toString(retries));
        try {
            // The DLQ's SendMessage carries the event's trace header (eb-related-service-xray).
            deadLetters.send(dlq, Json.write(d.event), attributes, d.traceHeader);
        } catch (RuntimeException failure) {
            LOG.warn(
                    "Event {} dropped: its dead-letter queue {} failed: {}",
                    d.event.get("id"),
                    dlq,
                    failure.getMessage());
        }
    }

    synchronized ObjectNode testEventPattern(JsonNode r) {
        EventPattern pattern = EventPattern.compile(required(r, "EventPattern"));
        JsonNode event = Json.parseOrNull(required(r, "Event"));
        if (event == null || !event.isObject()) {
            throw ApiException.validation("Parameter Event is not valid.");
        }
        for (String field : List.of("id", "account", "source", "time", "region", "detail-type")) {
            if (!event.hasNonNull(field)) {
                throw ApiException.validation("Parameter Event is not valid. Reason: " + field + " is missing.");
            }
        }
        return Json.object().put("Result", pattern.matches(Json.write(event)));
    }

    // ---- archives ----

    synchronized ObjectNode createArchive(JsonNode r) {
        String name = required(r, "ArchiveName");
        checkName(name, ARCHIVE_NAME, "archiveName");
        String source = required(r, "EventSourceArn");
        Bus bus = bus(busName(r.get("EventSourceArn")));
        if (archives.containsKey(name)) {
            throw ApiException.alreadyExists("Archive " + name + " already exists.");
        }
        String patternText = text(r, "EventPattern");
        EventPattern pattern = patternText == null ? null : EventPattern.compile(patternText);
        int retention = r.path("RetentionDays").asInt(0);
        if (retention < 0) {
            throw ApiException.validation("RetentionDays must be 0 (indefinitely) or more.");
        }
        Archive archive = new Archive(
                name, archiveArn(name), bus.arn, bus.name, text(r, "Description"), pattern, retention, timers.now());
        archives.put(name, archive);
        LOG.debug("Archive {} created on {}", name, source);
        return Json.object()
                .put("ArchiveArn", archive.arn)
                .put("State", "ENABLED")
                .put("CreationTime", Json.epochSeconds(archive.created));
    }

    private Archive archiveNamed(String name) {
        Archive archive = archives.get(name);
        if (archive == null) {
            throw ApiException.notFound("Archive " + name + " does not exist.");
        }
        return archive;
    }

    synchronized ObjectNode describeArchive(JsonNode r) {
        Archive a = archiveNamed(required(r, "ArchiveName"));
        expire(a, timers.now());
        ObjectNode out = Json.object().put("ArchiveArn", a.arn);
        archiveSummary(a, out);
        if (a.description != null) {
            out.put("Description", a.description);
        }
        if (a.pattern != null) {
            out.put("EventPattern", a.pattern.text());
        }
        return out;
    }

    private static ObjectNode archiveSummary(Archive a, ObjectNode out) {
        return out.put("ArchiveName", a.name)
                .put("EventSourceArn", a.sourceArn)
                .put("State", "ENABLED")
                .put("RetentionDays", a.retentionDays)
                .put("SizeBytes", a.sizeBytes)
                .put("EventCount", a.events.size())
                .put("CreationTime", Json.epochSeconds(a.created));
    }

    synchronized ObjectNode deleteArchive(JsonNode r) {
        Archive a = archiveNamed(required(r, "ArchiveName"));
        archives.remove(a.name);
        return Json.object();
    }

    /**
     * Empties every archive and forgets every replay, keeping the archives themselves (the local stack's
     * reset: back to the freshly deployed state, where an archive exists but holds nothing). A replay
     * already running finishes with the events it had taken.
     */
    public synchronized void emptyArchives() {
        for (Archive archive : archives.values()) {
            archive.events.clear();
            archive.sizeBytes = 0;
        }
        replays.clear();
    }

    synchronized ObjectNode listArchives(JsonNode r) {
        String prefix = text(r, "NamePrefix");
        String source = text(r, "EventSourceArn");
        Instant now = timers.now();
        archives.values().forEach(a -> expire(a, now));
        List<Archive> matching = archives.values().stream()
                .filter(a -> prefix == null || a.name.startsWith(prefix))
                .filter(a -> source == null || a.sourceArn.equals(source))
                .toList();
        return page(r, "Archives", matching, a -> archiveSummary(a, Json.object()));
    }

    // ---- replays ----

    synchronized ObjectNode startReplay(JsonNode r) {
        String name = required(r, "ReplayName");
        checkName(name, NAME, "replayName");
        String source = required(r, "EventSourceArn");
        required(r, "EventStartTime");
        required(r, "EventEndTime");
        JsonNode destination = r.path("Destination");
        if (!destination.isObject()) {
            required(r, "Destination");
        }
        String destinationArn = required(destination, "Arn");
        if (replays.containsKey(name)) {
            throw ApiException.alreadyExists("Replay " + name + " already exists.");
        }
        Archive archive = archives.values().stream()
                .filter(a -> a.arn.equals(source))
                .findFirst()
                .orElseThrow(() -> ApiException.notFound(
                        "Archive " + source.substring(source.lastIndexOf('/') + 1) + " does not exist."));
        if (!archive.sourceArn.equals(destinationArn)) {
            throw ApiException.validation(
                    "Parameter Destination.Arn is not valid. Reason: Cross event bus replay is not permitted.");
        }
        Instant start = Json.instant(r.get("EventStartTime"));
        Instant end = Json.instant(r.get("EventEndTime"));
        if (!start.isBefore(end)) {
            throw ApiException.validation(
                    "Parameter EventStartTime is not valid. Reason: EventStartTime must be before EventEndTime.");
        }
        Instant now = timers.now();
        Replay replay = new Replay(
                name,
                replayArn(name),
                text(r, "Description"),
                source,
                ((ObjectNode) destination).deepCopy(),
                start,
                end,
                now);
        replays.put(name, replay);
        submit(() -> runReplay(replay));
        return Json.object()
                .put("ReplayArn", replay.arn)
                .put("State", "STARTING")
                .put("ReplayStartTime", Json.epochSeconds(now));
    }

    /**
     * Sends the window's archived events to the bus's rules at once (queued as first attempts, so that a
     * save finds each either attempted or pending); the replay is RUNNING until every first attempt was
     * made, then COMPLETED.
     */
    private void runReplay(Replay replay) {
        List<Long> deliveries = new ArrayList<>();
        synchronized (this) {
            if (frozen || !"STARTING".equals(replay.state)) {
                return; // saved while STARTING: the restarted stack starts it
            }
            Archive archive = archives.values().stream()
                    .filter(a -> a.arn.equals(replay.archiveArn))
                    .findFirst()
                    .orElse(null);
            if (archive == null) {
                replay.state = "FAILED";
                replay.stateReason = "Archive " + replay.archiveArn.substring(replay.archiveArn.lastIndexOf('/') + 1)
                        + " does not exist.";
                replay.ended = timers.now();
                return;
            }
            replay.state = "RUNNING";
            expire(archive, timers.now());
            Bus bus = buses.get(archive.busName);
            Set<String> only = null;
            JsonNode filter = replay.destination.path("FilterArns");
            if (filter.isArray() && !filter.isEmpty()) {
                only = new java.util.HashSet<>();
                for (JsonNode arn : filter) {
                    only.add(arn.asText());
                }
            }
            Instant now = timers.now();
            for (Archived archived : List.copyOf(archive.events)) {
                if (bus == null || archived.time.isBefore(replay.start) || !archived.time.isBefore(replay.end)) {
                    continue;
                }
                ObjectNode event = archived.event.deepCopy();
                event.put("replay-name", replay.name);
                // Replayed events carry no trace header (eb-related-service-xray).
                deliveries.addAll(route(bus, event, now, only, null, replay));
                replay.lastReplayed = archived.time;
            }
            replay.outstanding = deliveries.size();
            if (deliveries.isEmpty()) {
                replay.state = "COMPLETED";
                replay.ended = now;
            }
        }
        deliveries.forEach(this::dispatch);
    }

    private Replay replayNamed(String name) {
        Replay replay = replays.get(name);
        if (replay == null) {
            throw ApiException.notFound("Replay " + name + " does not exist.");
        }
        return replay;
    }

    synchronized ObjectNode describeReplay(JsonNode r) {
        Replay replay = replayNamed(required(r, "ReplayName"));
        ObjectNode out = replaySummary(replay).put("ReplayArn", replay.arn);
        if (replay.description != null) {
            out.put("Description", replay.description);
        }
        out.set("Destination", replay.destination.deepCopy());
        return out;
    }

    private static ObjectNode replaySummary(Replay replay) {
        ObjectNode out = Json.object()
                .put("ReplayName", replay.name)
                .put("EventSourceArn", replay.archiveArn)
                .put("State", replay.state)
                .put("EventStartTime", Json.epochSeconds(replay.start))
                .put("EventEndTime", Json.epochSeconds(replay.end))
                .put("ReplayStartTime", Json.epochSeconds(replay.started));
        if (replay.lastReplayed != null) {
            out.put("EventLastReplayedTime", Json.epochSeconds(replay.lastReplayed));
        }
        if (replay.ended != null) {
            out.put("ReplayEndTime", Json.epochSeconds(replay.ended));
        }
        if (replay.stateReason != null) {
            out.put("StateReason", replay.stateReason);
        }
        return out;
    }

    synchronized ObjectNode listReplays(JsonNode r) {
        String prefix = text(r, "NamePrefix");
        String state = text(r, "State");
        String source = text(r, "EventSourceArn");
        List<Replay> matching = replays.values().stream()
                .filter(x -> prefix == null || x.name.startsWith(prefix))
                .filter(x -> state == null || x.state.equals(state))
                .filter(x -> source == null || x.archiveArn.equals(source))
                .toList();
        return page(r, "Replays", matching, EventBridge::replaySummary);
    }

    // ---- paging ----

    /** One page of {@code items}; NextToken is the offset of the next page (opaque to clients). */
    private static <T> ObjectNode page(JsonNode r, String field, List<T> items, Function<T, ObjectNode> json) {
        int limit = r.path("Limit").asInt(100);
        if (limit < 1 || limit > 100) {
            throw ApiException.validation("1 validation error detected: Value '" + limit
                    + "' at 'limit' failed to satisfy constraint: Member must have value between 1 and 100");
        }
        int from = 0;
        String token = text(r, "NextToken");
        if (token != null) {
            try {
                from = Integer.parseInt(token);
            } catch (NumberFormatException e) {
                throw ApiException.validation("The NextToken is not valid.");
            }
            if (from < 0 || from > items.size()) {
                throw ApiException.validation("The NextToken is not valid.");
            }
        }
        ObjectNode out = Json.object();
        ArrayNode array = out.putArray(field);
        int to = Math.min(items.size(), from + limit);
        for (T item : items.subList(from, to)) {
            array.add(json.apply(item));
        }
        if (to < items.size()) {
            out.put("NextToken", Integer.toString(to));
        }
        return out;
    }

    // ---- a restart (PersistentState) ----

    @Override
    public String stateName() {
        return STATE_NAME;
    }

    /**
     * Everything a restart would lose, as JSON (format in the class comment). Stops delivering first:
     * waits (up to {@link #SAVE_WAIT}) for the attempts under way, and from then on attempts nothing,
     * so that every delivery in the state is made once, by the restarted stack. The stack closes this
     * EventBridge next.
     */
    @Override
    public synchronized JsonNode saveState() {
        frozen = true;
        if (!Monitors.await(this, () -> attempting == 0, SAVE_WAIT)
                && !Thread.currentThread().isInterrupted()) {
            LOG.warn(
                    "{} deliveries were still being attempted when the state was saved: they may be made again"
                            + " after the restart",
                    attempting);
        }
        Instant now = timers.now();
        ObjectNode state = Json.object().put("version", STATE_VERSION);
        ArrayNode savedBuses = state.putArray("buses");
        ArrayNode savedRules = state.putArray("rules");
        for (Bus bus : buses.values()) {
            ObjectNode saved = savedBuses.addObject().put("Name", bus.name).put("CreationTime", bus.created.toString());
            if (bus.description != null) {
                saved.put("Description", bus.description);
            }
            for (Rule rule : bus.rules.values()) {
                ObjectNode savedRule = ruleJson(rule);
                savedRule.putArray("Targets").addAll(List.copyOf(rule.targets.values()));
                savedRules.add(savedRule);
            }
        }
        ArrayNode savedArchives = state.putArray("archives");
        for (Archive archive : archives.values()) {
            expire(archive, now);
            ObjectNode saved = savedArchives
                    .addObject()
                    .put("ArchiveName", archive.name)
                    .put("EventSourceArn", archive.sourceArn)
                    .put("RetentionDays", archive.retentionDays)
                    .put("CreationTime", archive.created.toString());
            if (archive.description != null) {
                saved.put("Description", archive.description);
            }
            if (archive.pattern != null) {
                saved.put("EventPattern", archive.pattern.text());
            }
            ArrayNode events = saved.putArray("Events");
            for (Archived archived : archive.events) {
                events.addObject().put("ArchivedAt", archived.time().toString()).set("Event", archived.event());
            }
        }
        ArrayNode savedReplays = state.putArray("replays");
        for (Replay replay : replays.values()) {
            ObjectNode saved = savedReplays
                    .addObject()
                    .put("ReplayName", replay.name)
                    .put("EventSourceArn", replay.archiveArn)
                    .put("State", replay.state)
                    .put("EventStartTime", replay.start.toString())
                    .put("EventEndTime", replay.end.toString())
                    .put("ReplayStartTime", replay.started.toString());
            saved.set("Destination", replay.destination.deepCopy());
            putIfPresent(saved, "Description", replay.description);
            putIfPresent(saved, "StateReason", replay.stateReason);
            putIfPresent(saved, "EventLastReplayedTime", replay.lastReplayed);
            putIfPresent(saved, "ReplayEndTime", replay.ended);
        }
        ArrayNode savedDeliveries = state.putArray("deliveries");
        for (Pending waiting : pending.values()) {
            Delivery d = waiting.delivery();
            ObjectNode saved = savedDeliveries
                    .addObject()
                    .put("RuleArn", d.ruleArn())
                    .put("RuleName", d.ruleName())
                    .put("Attempt", d.attempt())
                    .put("IngestedAt", d.ingested().toString());
            saved.set("Target", d.target().deepCopy());
            saved.set("Event", d.event().deepCopy());
            putIfPresent(saved, "DueAt", waiting.due());
            putIfPresent(saved, "TraceHeader", d.traceHeader());
            putIfPresent(saved, "ReplayName", d.replay() == null ? null : d.replay().name);
        }
        LOG.info(
                "EventBridge state saved: {} buses, {} rules, {} archives, {} replays, {} pending deliveries",
                buses.size(),
                savedRules.size(),
                archives.size(),
                replays.size(),
                pending.size());
        return state;
    }

    private static void putIfPresent(ObjectNode node, String field, Object value) {
        if (value != null) {
            node.put(field, value.toString());
        }
    }

    /**
     * Takes back what {@link #saveState()} answered, over what the deployment has just created: buses,
     * rules, targets and archives the deployment did not create are created; the deployment's own keep
     * their definition, gain the targets added at runtime, and keep the State (DisableRule/EnableRule)
     * they had at the save unless the template changed the rule's definition meanwhile. Archived events
     * come back with their archive times, replays with their records (one that was STARTING starts, one
     * that was RUNNING completes with its restored deliveries), pending deliveries with their attempt
     * count and due time. A part naming a bus, rule or archive that cannot be had is skipped with a
     * warning.
     */
    @Override
    public void restoreState(JsonNode state) {
        List<Long> firstAttempts = new ArrayList<>();
        List<Replay> toStart = new ArrayList<>();
        List<Map.Entry<Long, Instant>> retries = new ArrayList<>();
        synchronized (this) {
            if (!PersistentState.isVersion(state, STATE_VERSION, stateName())) {
                return;
            }
            state.path("buses").forEach(this::restoreBus);
            state.path("rules").forEach(this::restoreRule);
            state.path("archives").forEach(this::restoreArchive);
            Map<String, Replay> restoredReplays = new LinkedHashMap<>();
            for (JsonNode saved : state.path("replays")) {
                Replay replay = restoreReplay(saved);
                if (replay != null) {
                    restoredReplays.put(replay.name, replay);
                }
            }
            for (JsonNode saved : state.path("deliveries")) {
                restoreDelivery(saved, restoredReplays, firstAttempts, retries);
            }
            Instant now = timers.now();
            for (Replay replay : restoredReplays.values()) {
                if ("STARTING".equals(replay.state)) {
                    toStart.add(replay);
                } else if ("RUNNING".equals(replay.state) && replay.outstanding == 0) {
                    replay.state = "COMPLETED"; // its last deliveries were made before the save
                    replay.ended = now;
                }
            }
            LOG.info(
                    "EventBridge state restored: {} replays, {} pending deliveries",
                    restoredReplays.size(),
                    firstAttempts.size() + retries.size());
        }
        for (Map.Entry<Long, Instant> retry : retries) {
            long id = retry.getKey();
            timers.at(retry.getValue(), () -> runPending(id));
        }
        firstAttempts.forEach(this::dispatch);
        toStart.forEach(replay -> submit(() -> runReplay(replay)));
    }

    private void restoreBus(JsonNode saved) {
        String name = saved.path("Name").asText("");
        if (name.isEmpty() || buses.containsKey(name)) {
            return;
        }
        buses.put(
                name,
                new Bus(
                        name,
                        busArn(name),
                        text(saved, "Description"),
                        instantOr(saved, "CreationTime", timers.now())));
    }

    private void restoreRule(JsonNode saved) {
        String busName = saved.path("EventBusName").asText(DEFAULT_BUS);
        String name = saved.path("Name").asText("");
        Bus bus = buses.get(busName);
        if (bus == null || name.isEmpty()) {
            LOG.warn("EventBridge: rule {} of event bus {} not restored: the bus does not exist", name, busName);
            return;
        }
        try {
            Rule rule = bus.rules.get(name);
            String savedState = saved.path("State").asText("ENABLED");
            if (rule == null) {
                ObjectNode put = Json.object().put("Name", name).put("EventBusName", busName);
                for (String field : List.of("EventPattern", "ScheduleExpression", "State", "Description", "RoleArn")) {
                    if (saved.hasNonNull(field)) {
                        put.put(field, saved.get(field).asText());
                    }
                }
                putRule(put); // a schedule starts from now: a run due while the stack was down is not made up
                rule = bus.rules.get(name);
            } else if (sameDefinition(rule, saved)) {
                if (!savedState.equals(rule.state)) {
                    LOG.info("EventBridge: rule {} is {} again, as it was before the restart", name, savedState);
                    rule.state = savedState;
                }
            } else if (!savedState.equals(rule.state)) {
                LOG.info(
                        "EventBridge: rule {} was {} before the restart; the template changed the rule, its State {}"
                                + " stands",
                        name,
                        savedState,
                        rule.state);
            }
            ArrayNode added = Json.array();
            for (JsonNode target : saved.path("Targets")) {
                if (!rule.targets.containsKey(target.path("Id").asText())) {
                    added.add(target);
                }
            }
            if (!added.isEmpty()) {
                ObjectNode put = Json.object().put("Rule", name).put("EventBusName", busName);
                putTargets(put.set("Targets", added));
            }
        } catch (ApiException e) {
            LOG.warn("EventBridge: rule {} of event bus {} not fully restored: {}", name, busName, e.getMessage());
        }
    }

    /** Whether the deployment put the rule as it was saved (then a runtime State change is carried over). */
    private static boolean sameDefinition(Rule rule, JsonNode saved) {
        return Objects.equals(rule.pattern == null ? null : rule.pattern.text(), text(saved, "EventPattern"))
                && Objects.equals(rule.schedule, text(saved, "ScheduleExpression"))
                && Objects.equals(rule.description, text(saved, "Description"))
                && Objects.equals(rule.roleArn, text(saved, "RoleArn"));
    }

    private void restoreArchive(JsonNode saved) {
        String name = saved.path("ArchiveName").asText("");
        Archive archive = archives.get(name);
        if (archive == null) {
            Bus bus = buses.get(busName(saved.get("EventSourceArn")));
            if (bus == null || name.isEmpty()) {
                LOG.warn("EventBridge: archive {} not restored: its event bus does not exist", name);
                return;
            }
            EventPattern pattern;
            try {
                pattern = saved.hasNonNull("EventPattern") ? EventPattern.compile(text(saved, "EventPattern")) : null;
            } catch (ApiException e) {
                LOG.warn("EventBridge: archive {} not restored: {}", name, e.getMessage());
                return;
            }
            archive = new Archive(
                    name,
                    archiveArn(name),
                    bus.arn,
                    bus.name,
                    text(saved, "Description"),
                    pattern,
                    saved.path("RetentionDays").asInt(0),
                    instantOr(saved, "CreationTime", timers.now()));
            archives.put(name, archive);
        }
        List<Archived> events = new ArrayList<>();
        for (JsonNode archived : saved.path("Events")) {
            Instant time = instantOr(archived, "ArchivedAt", null);
            JsonNode event = archived.get("Event");
            if (time != null && event != null && event.isObject()) {
                long size = Json.write(event).getBytes(StandardCharsets.UTF_8).length;
                events.add(new Archived(time, (ObjectNode) event.deepCopy(), size));
            }
        }
        archive.events.addAll(0, events);
        archive.events.sort(java.util.Comparator.comparing(Archived::time)); // stable: same-time order kept
        archive.sizeBytes = archive.events.stream().mapToLong(Archived::size).sum();
        expire(archive, timers.now());
    }

    private Replay restoreReplay(JsonNode saved) {
        String name = saved.path("ReplayName").asText("");
        Instant start = instantOr(saved, "EventStartTime", null);
        Instant end = instantOr(saved, "EventEndTime", null);
        Instant started = instantOr(saved, "ReplayStartTime", null);
        JsonNode destination = saved.get("Destination");
        if (name.isEmpty()
                || replays.containsKey(name)
                || start == null
                || end == null
                || started == null
                || destination == null
                || !destination.isObject()) {
            LOG.warn("EventBridge: replay {} not restored: it exists already or its record is incomplete", name);
            return null;
        }
        Replay replay = new Replay(
                name,
                replayArn(name),
                text(saved, "Description"),
                saved.path("EventSourceArn").asText(),
                (ObjectNode) destination.deepCopy(),
                start,
                end,
                started);
        replay.state = saved.path("State").asText("COMPLETED");
        replay.stateReason = text(saved, "StateReason");
        replay.lastReplayed = instantOr(saved, "EventLastReplayedTime", null);
        replay.ended = instantOr(saved, "ReplayEndTime", null);
        replays.put(name, replay);
        return replay;
    }

    private void restoreDelivery(
            JsonNode saved,
            Map<String, Replay> restoredReplays,
            List<Long> firstAttempts,
            List<Map.Entry<Long, Instant>> retries) {
        String ruleArn = saved.path("RuleArn").asText("");
        boolean ruleExists =
                buses.values().stream().flatMap(b -> b.rules.values().stream()).anyMatch(r -> r.arn.equals(ruleArn));
        JsonNode target = saved.get("Target");
        JsonNode event = saved.get("Event");
        Instant ingested = instantOr(saved, "IngestedAt", null);
        if (!ruleExists
                || target == null
                || !target.isObject()
                || event == null
                || !event.isObject()
                || ingested == null) {
            LOG.warn("EventBridge: a pending delivery of rule {} not restored: the rule no longer exists", ruleArn);
            return;
        }
        Replay replay = restoredReplays.get(text(saved, "ReplayName"));
        Delivery delivery = new Delivery(
                ruleArn,
                saved.path("RuleName").asText(),
                (ObjectNode) target.deepCopy(),
                (ObjectNode) event.deepCopy(),
                ingested,
                Math.max(1, saved.path("Attempt").asInt(1)),
                text(saved, "TraceHeader"),
                replay);
        Instant due = instantOr(saved, "DueAt", null);
        long id = enqueue(delivery, due);
        if (due == null) {
            firstAttempts.add(id);
            if (replay != null) {
                replay.outstanding++;
            }
        } else {
            retries.add(Map.entry(id, due));
        }
    }

    private static Instant instantOr(JsonNode node, String field, Instant fallback) {
        String value = text(node, field);
        if (value == null) {
            return fallback;
        }
        try {
            return Instant.parse(value);
        } catch (java.time.format.DateTimeParseException e) {
            return fallback;
        }
    }

    @Override
    public void close() {
        delivery.shutdownNow();
    }
}
