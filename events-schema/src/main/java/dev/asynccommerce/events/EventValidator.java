package dev.asynccommerce.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;

/**
 * Checks event JSON against the schemas of this module (JSON Schema draft 2020-12).
 *
 * <p>The schemas are read once from the classpath, on first use, and every {@code $ref} among them
 * is resolved then, so a broken schema fails at start-up rather than on some later event. Nothing
 * is ever fetched over the network: each schema's {@code $id} is a name, mapped to a classpath
 * file. Thread-safe.
 *
 * <p>Problems name the JSON path and the rule broken, never the value found there, because event
 * data may be sensitive. Beyond the schemas, numbers must be written as integers ({@code 2}, not
 * {@code 2.0} or {@code 2e0}): every number in these events is an integer, and the records refuse
 * the other spellings, so the validator does too.
 */
public final class EventValidator {
    /** Base of every schema's {@code $id}; the rest of the id is its path under {@code schemas/}. */
    static final String ID_BASE = "https://schemas.asynccommerce.dev/";

    private static final String SCHEMA_DIR = "schemas/";
    private static final String EVENTBRIDGE_EVENT = "eventbridge-event.schema.json";
    private static final List<String> SHARED = List.of("common.schema.json", "envelope.schema.json", EVENTBRIDGE_EVENT);

    private final Schema eventBridgeEvent;
    private final Map<EventType, Schema> eventSchemas;

    private EventValidator(Schema eventBridgeEvent, Map<EventType, Schema> eventSchemas) {
        this.eventBridgeEvent = eventBridgeEvent;
        this.eventSchemas = eventSchemas;
    }

    public static EventValidator instance() {
        return Loaded.INSTANCE;
    }

    /**
     * Problems of an EventBridge {@code detail} (the {@code {"metadata":..,"data":..}} JSON) under
     * the schema of its detail-type and {@code metadata.schemaVersion}.
     *
     * @return no problems when valid; otherwise one message per problem, such as {@code
     *     $.data.lines[0].quantity: must be at least 1}. An unknown detail-type is a problem.
     */
    public List<String> validate(String detailType, String detailJson) {
        return switch (StrictJson.parse(detailJson)) {
            case StrictJson.Parsed.Malformed malformed -> List.of(malformed.problem());
            case StrictJson.Parsed.Tree tree -> validateTree(detailType, tree.node());
        };
    }

    /**
     * Problems of a whole EventBridge event as a target receives it (a Lambda event, an SQS message
     * body): its top-level fields, its {@code detail} under the detail-type's schema, and whether
     * its {@code source} is the one that detail-type comes from. Paths into the detail start with
     * {@code $.detail}.
     */
    public List<String> validateEvent(String eventJson) {
        return switch (StrictJson.parse(eventJson)) {
            case StrictJson.Parsed.Malformed malformed -> List.of(malformed.problem());
            case StrictJson.Parsed.Tree tree -> validateEventTree(tree.node());
        };
    }

    List<String> validateTree(String detailType, JsonNode detail) {
        return problems(detailType, detail, "$", new LinkedHashSet<>());
    }

    List<String> validateEventTree(JsonNode event) {
        Set<String> problems = new LinkedHashSet<>();
        integersOnly(event, "$", problems);
        eventBridgeEvent.validate(event).forEach(error -> problems.add(ProblemMessages.describe(error, "$")));
        JsonNode detailType = event.path("detail-type");
        JsonNode detail = event.path("detail");
        if (!detailType.isTextual() || !detail.isObject()) {
            return List.copyOf(problems);
        }
        Optional<EventType> type = EventType.forDetailType(detailType.asText());
        if (type.isPresent() && !type.get().source().equals(event.path("source").asText())) {
            problems.add("$.source: is not the source of this detail-type");
        }
        return problems(detailType.asText(), detail, "$.detail", problems);
    }

    /**
     * The type whose schema applies to a detail: its detail-type at the detail's schema version, or
     * at the latest version when the detail names none (the schema then reports that).
     */
    Optional<EventType> typeOf(String detailType, JsonNode detail) {
        JsonNode version = detail.path("metadata").path("schemaVersion");
        return version.isInt()
                ? EventType.forDetailType(detailType, version.intValue())
                : EventType.forDetailType(detailType);
    }

    private List<String> problems(String detailType, JsonNode detail, String root, Set<String> problems) {
        if (EventType.forDetailType(detailType).isEmpty()) {
            problems.add("detail-type: is not a known event type");
            return List.copyOf(problems);
        }
        Optional<EventType> type = typeOf(detailType, detail);
        if (type.isEmpty()) {
            problems.add(root + ".metadata.schemaVersion: has no schema for this detail-type");
            return List.copyOf(problems);
        }
        integersOnly(detail, root, problems);
        eventSchemas
                .get(type.get())
                .validate(detail)
                .forEach(error -> problems.add(ProblemMessages.describe(error, root)));
        return List.copyOf(problems);
    }

    private static void integersOnly(JsonNode node, String path, Set<String> problems) {
        // Only integral values written as decimals (2.0, 2e0) get here: the schema already refuses 2.5.
        if (node.isNumber() && !node.isIntegralNumber() && node.canConvertToExactIntegral()) {
            problems.add(ProblemMessages.printable(path + ": must be an integer written without fraction or exponent"));
        } else if (node.isObject()) {
            for (Map.Entry<String, JsonNode> field : node.properties()) {
                integersOnly(field.getValue(), path + member(field.getKey()), problems);
            }
        } else if (node.isArray()) {
            for (int i = 0; i < node.size(); i++) {
                integersOnly(node.get(i), path + "[" + i + "]", problems);
            }
        }
    }

    private static String member(String name) {
        return name.matches("[A-Za-z_][A-Za-z0-9_]*") ? "." + name : "['" + name.replace("'", "\\'") + "']";
    }

    private static final class Loaded {
        static final EventValidator INSTANCE = load();
    }

    private static EventValidator load() {
        Map<String, String> sources = new LinkedHashMap<>();
        List<String> files = new ArrayList<>(SHARED);
        for (EventType type : EventType.values()) {
            files.add(type.schemaResource().substring(SCHEMA_DIR.length()));
        }
        for (String file : files) {
            sources.put(ID_BASE + file, resource(SCHEMA_DIR + file));
        }
        SchemaRegistryConfig config = SchemaRegistryConfig.builder()
                .pathType(PathType.JSON_PATH)
                .formatAssertionsEnabled(true)
                .build();
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(config)
                        .schemas(sources)
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        Map<EventType, Schema> eventSchemas = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            eventSchemas.put(type, load(registry, type.schemaResource().substring(SCHEMA_DIR.length())));
        }
        return new EventValidator(load(registry, EVENTBRIDGE_EVENT), eventSchemas);
    }

    private static Schema load(SchemaRegistry registry, String file) {
        Schema schema = registry.getSchema(SchemaLocation.of(ID_BASE + file));
        String declared = schema.getSchemaNode().path("$id").asText();
        if (!declared.equals(ID_BASE + file)) {
            throw new IllegalStateException(
                    SCHEMA_DIR + file + " declares $id " + declared + ", expected " + ID_BASE + file);
        }
        // Resolves every $ref now, so that a missing definition fails here and not on some later event.
        schema.initializeValidators();
        return schema;
    }

    static String resource(String name) {
        try (InputStream in = EventValidator.class.getClassLoader().getResourceAsStream(name)) {
            if (in == null) {
                throw new IllegalStateException("missing from the classpath: " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException("cannot read " + name, e);
        }
    }
}
