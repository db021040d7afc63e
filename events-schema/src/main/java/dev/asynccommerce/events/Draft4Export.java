package dev.asynccommerce.events;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.core.util.DefaultIndenter;
import com.fasterxml.jackson.core.util.DefaultPrettyPrinter;
import com.fasterxml.jackson.core.util.Separators;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.BooleanNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Collections;
import java.util.EnumMap;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Iterator;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * The event schemas rendered as JSON Schema draft-04, for the Amazon EventBridge schema registry
 * ({@code AWS::EventSchemas::Schema} accepts {@code OpenApi3} and {@code JSONSchemaDraft4} only).
 *
 * <p>Each document describes one event's EventBridge {@code detail} ({@code {"metadata":..,
 * "data":..}}) and stands alone: every {@code $ref} is inlined, the envelope's {@code allOf} is
 * folded into the event's own object so that the registry (and the code bindings it generates) sees
 * plain nested objects, and 2020-12 keywords are rewritten into their draft-04 equivalents ({@code
 * const} as a one-value {@code enum}, numeric {@code exclusiveMinimum} as {@code minimum} plus {@code
 * exclusiveMinimum: true}, {@code if/then/else} as {@code anyOf}, {@code dependentRequired} and
 * {@code dependentSchemas} as {@code dependencies}, {@code prefixItems} as array-form {@code items},
 * {@code unevaluatedProperties} as {@code additionalProperties} where that means the same).
 * Descriptions and titles are kept; where a reference and its target both describe a value, the
 * referring schema's words win, as they are the more specific.
 *
 * <p>A keyword with no draft-04 equivalent is never dropped in silence: the export fails with an
 * {@link UnsupportedSchemaException} naming the schema, the keyword and where it is. Keywords that
 * only annotate and that draft-04 does not know ({@code examples}, {@code deprecated}, {@code
 * $comment}, ...) are dropped, since they carry no rule.
 *
 * <p>Output is deterministic (same bytes on every platform and call) and refused if it would exceed
 * the registry's limit on a schema's content. The registry documents events and generates code
 * bindings from these documents; it validates nothing, so {@link EventValidator} with the 2020-12
 * originals stays the check that counts.
 */
public final class Draft4Export {
    static final String DRAFT_04 = "http://json-schema.org/draft-04/schema#";

    /**
     * The most a schema's {@code Content} may hold: CreateSchema takes 1 to 100,000 characters (AWS
     * CLI reference, {@code aws schemas create-schema}: "--content ... max: 100000"). Checked against
     * the UTF-8 byte count, which is never smaller than the character count.
     */
    static final int REGISTRY_CONTENT_LIMIT = 100_000;

    private static final String SCHEMA_DIR = "schemas/";
    private static final List<String> SHARED =
            List.of("common.schema.json", "envelope.schema.json", "eventbridge-event.schema.json");

    private static final JsonMapper MAPPER = JsonMapper.builder()
            // A schema with a duplicate key means whichever copy the parser kept: refuse to guess.
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;

    private Draft4Export() {}

    /**
     * The draft-04 document describing the {@code detail} of one event type, pretty-printed with
     * {@code \n} line ends.
     *
     * @throws UnsupportedSchemaException if the event's schema uses a keyword draft-04 cannot
     *     express
     * @throws IllegalStateException if the document would exceed the registry's content limit
     */
    public static String schema(EventType type) {
        Objects.requireNonNull(type, "type");
        return render(type, classpathDocuments());
    }

    /** {@link #schema(EventType)} of every event type, in {@link EventType} order. */
    public static Map<EventType, String> all() {
        List<String> documents = classpathDocuments();
        Map<EventType, String> all = new EnumMap<>(EventType.class);
        for (EventType type : EventType.values()) {
            all.put(type, render(type, documents));
        }
        return Collections.unmodifiableMap(all);
    }

    private static String render(EventType type, List<String> documents) {
        String json =
                export(documents, EventValidator.ID_BASE + type.schemaResource().substring(SCHEMA_DIR.length()));
        return withinRegistryLimit(type.detailType() + " v" + type.schemaVersion(), json);
    }

    /**
     * The document, if the registry would take it. Refusing here names the event when the stack is
     * synthesized; otherwise CloudFormation would fail half-way through a deployment.
     */
    static String withinRegistryLimit(String name, String json) {
        int size = json.getBytes(StandardCharsets.UTF_8).length;
        if (size > REGISTRY_CONTENT_LIMIT) {
            throw new IllegalStateException("The draft-04 schema of " + name + " is " + size
                    + " bytes; the EventBridge schema registry takes at most " + REGISTRY_CONTENT_LIMIT);
        }
        return json;
    }

    private static List<String> classpathDocuments() {
        List<String> documents = new ArrayList<>();
        for (String file : SHARED) {
            documents.add(EventValidator.resource(SCHEMA_DIR + file));
        }
        for (EventType type : EventType.values()) {
            documents.add(EventValidator.resource(type.schemaResource()));
        }
        return documents;
    }

    /**
     * The draft-04 rendering of the schema named {@code rootId}, resolving references among {@code
     * documents} (2020-12 schemas, each with an absolute {@code $id}) and nowhere else.
     */
    static String export(List<String> documents, String rootId) {
        Converter converter = new Converter(rootId);
        for (String document : documents) {
            converter.add(parse(document));
        }
        ObjectNode body = readingOrder(converter.convertRoot(URI.create(rootId)));
        ObjectNode document = NODES.objectNode();
        document.put("$schema", DRAFT_04);
        // Title and description first: they are what a reader of the registry looks for.
        for (String first : List.of("title", "description")) {
            if (body.has(first)) {
                document.set(first, body.get(first));
            }
        }
        body.properties().forEach(field -> {
            if (!document.has(field.getKey())) {
                document.set(field.getKey(), field.getValue());
            }
        });
        return print(document);
    }

    /**
     * Every schema with its title, description and type first, as a reader of the registry looks
     * for them; folding puts a referenced schema's keywords after the referring one's.
     */
    private static ObjectNode readingOrder(ObjectNode schema) {
        ObjectNode ordered = NODES.objectNode();
        for (String first : List.of("title", "description", "type")) {
            if (schema.has(first)) {
                ordered.set(first, schema.get(first));
            }
        }
        for (Map.Entry<String, JsonNode> field : schema.properties()) {
            String keyword = field.getKey();
            JsonNode value = field.getValue();
            if (!ordered.has(keyword)) {
                ordered.set(
                        keyword,
                        switch (keyword) {
                            case "properties", "patternProperties", "dependencies" -> {
                                ObjectNode map = NODES.objectNode();
                                value.properties()
                                        .forEach(entry -> map.set(
                                                entry.getKey(),
                                                entry.getValue() instanceof ObjectNode child
                                                        ? readingOrder(child)
                                                        : entry.getValue()));
                                yield map;
                            }
                            case "items",
                                    "additionalItems",
                                    "additionalProperties",
                                    "not",
                                    "allOf",
                                    "anyOf",
                                    "oneOf" -> {
                                if (value instanceof ObjectNode child) {
                                    yield readingOrder(child);
                                }
                                if (value instanceof ArrayNode children) {
                                    ArrayNode array = NODES.arrayNode();
                                    children.forEach(child -> array.add(readingOrder((ObjectNode) child)));
                                    yield array;
                                }
                                yield value;
                            }
                            // Values (enum, default, ...) are data, not schemas: left as they are.
                            default -> value;
                        });
            }
        }
        return ordered;
    }

    private static JsonNode parse(String document) {
        try {
            return MAPPER.readTree(document);
        } catch (JsonProcessingException e) {
            throw new IllegalArgumentException(
                    "a schema document is not well-formed JSON: " + e.getOriginalMessage(), e);
        }
    }

    private static String print(JsonNode document) {
        // Fixed indentation and "\n" line ends: the default printer uses the platform's line
        // separator, and the same schema must give the same bytes on every build machine.
        DefaultPrettyPrinter printer = new DefaultPrettyPrinter(
                        Separators.createDefaultInstance().withObjectFieldValueSpacing(Separators.Spacing.AFTER))
                .withObjectIndenter(new DefaultIndenter("  ", "\n"));
        try {
            return MAPPER.writer(printer).writeValueAsString(document);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("cannot print a JSON tree", e);
        }
    }

    /**
     * A schema that uses a keyword JSON Schema draft-04 cannot express (or that cannot be made
     * self-contained, such as a recursive reference). The schema must change, or the export must
     * learn a faithful translation; dropping the rule is not an option.
     */
    public static final class UnsupportedSchemaException extends IllegalStateException {
        private final String schema;
        private final String keyword;
        private final String location;

        UnsupportedSchemaException(String schema, String keyword, String location, String reason) {
            super("Cannot export " + schema + " as JSON Schema draft-04: '" + keyword + "' at " + location + " "
                    + reason);
            this.schema = schema;
            this.keyword = keyword;
            this.location = location;
        }

        /** The {@code $id} of the schema being exported. */
        public String schema() {
            return schema;
        }

        /** The keyword that has no draft-04 equivalent. */
        public String keyword() {
            return keyword;
        }

        /** Where the keyword is: the URI of its schema document with a JSON Pointer fragment. */
        public String location() {
            return location;
        }
    }

    /** A schema node with the base URI its relative references and {@code $id} resolve against. */
    private record Located(JsonNode node, URI enclosingBase) {}

    /** Keywords whose value is one subschema, an array of them, or a map of names to them. */
    private static final Set<String> SINGLE_SUBSCHEMA = Set.of(
            "additionalProperties",
            "items",
            "not",
            "if",
            "then",
            "else",
            "contains",
            "propertyNames",
            "unevaluatedItems",
            "unevaluatedProperties",
            "contentSchema");

    private static final Set<String> SUBSCHEMA_ARRAYS = Set.of("allOf", "anyOf", "oneOf", "prefixItems");
    private static final Set<String> SUBSCHEMA_MAPS =
            Set.of("$defs", "definitions", "properties", "patternProperties", "dependentSchemas");

    /** The formats draft-04 defines; a validator may ignore any other, which would drop the rule. */
    private static final Set<String> DRAFT_04_FORMATS = Set.of("date-time", "email", "hostname", "ipv4", "ipv6", "uri");

    /** Why each 2020-12 keyword without a draft-04 counterpart is refused. */
    private static final Map<String, String> UNTRANSLATABLE = Map.of(
            "$dynamicRef", "resolves at validation time against the dynamic scope; draft-04 has only static $ref",
            "minContains", "counts matching items; draft-04 cannot count",
            "maxContains", "counts matching items; draft-04 cannot count",
            "contentEncoding", "has no draft-04 counterpart; state the encoding's alphabet with a pattern instead",
            "contentMediaType", "has no draft-04 counterpart",
            "contentSchema", "has no draft-04 counterpart",
            "$recursiveRef", "is draft 2019-09's dynamic reference; draft-04 has only static $ref",
            "$recursiveAnchor", "is draft 2019-09's dynamic anchor; draft-04 has only static $ref");

    private static final class Converter {
        private final String rootId;
        private final Map<URI, Located> resources = new HashMap<>();
        private final Map<URI, Located> anchors = new HashMap<>();
        /** References being inlined, outermost first: meeting one again means the schema recurses. */
        private final Set<String> inlining = new LinkedHashSet<>();

        Converter(String rootId) {
            this.rootId = rootId;
        }

        void add(JsonNode document) {
            JsonNode id = document.path("$id");
            URI base = id.isTextual() ? uri(id.asText(), "(document)") : null;
            if (base == null || !base.isAbsolute()) {
                throw new IllegalArgumentException("every schema document needs an absolute $id; found " + id);
            }
            index(document, base);
        }

        ObjectNode convertRoot(URI rootId) {
            Located root = resources.get(rootId);
            if (root == null) {
                throw new IllegalArgumentException("no schema document has $id " + rootId);
            }
            inlining.add(rootId.toString());
            return convert(root.node(), root.enclosingBase(), rootId + "#");
        }

        /** Records every embedded resource ($id) and anchor, so that references can reach them. */
        private void index(JsonNode schema, URI enclosingBase) {
            if (!schema.isObject()) {
                return;
            }
            URI base = enclosingBase;
            if (schema.has("$id")) {
                base = enclosingBase.resolve(uri(schema.get("$id").asText(), "$id"));
                URI resource = withoutFragment(base);
                if (resources.putIfAbsent(resource, new Located(schema, enclosingBase)) != null) {
                    throw new IllegalArgumentException("two schemas declare $id " + resource);
                }
            }
            for (String anchorKeyword : List.of("$anchor", "$dynamicAnchor")) {
                if (schema.has(anchorKeyword)) {
                    URI anchor = withFragment(
                            withoutFragment(base), schema.get(anchorKeyword).asText());
                    anchors.put(anchor, new Located(schema, enclosingBase));
                }
            }
            for (Map.Entry<String, JsonNode> field : schema.properties()) {
                String keyword = field.getKey();
                JsonNode value = field.getValue();
                if (SINGLE_SUBSCHEMA.contains(keyword)) {
                    index(value, base);
                } else if (SUBSCHEMA_ARRAYS.contains(keyword) || SUBSCHEMA_MAPS.contains(keyword)) {
                    for (JsonNode child : value) {
                        index(child, base);
                    }
                }
            }
        }

        /**
         * The draft-04 equivalent of one 2020-12 schema. Its own keywords are translated first, then
         * its {@code $ref} target and {@code allOf} branches are folded in where the result means
         * the same (else they stay as {@code allOf} branches), and last the {@code unevaluated*}
         * keywords, which depend on everything else in the object.
         */
        private ObjectNode convert(JsonNode schema, URI enclosingBase, String where) {
            if (schema.isBoolean()) {
                return schema.booleanValue() ? NODES.objectNode() : falseSchema();
            }
            if (!schema.isObject()) {
                throw refuse("(schema)", where, "is neither an object nor a boolean, so it is not a schema");
            }
            URI base = schema.has("$id")
                    ? enclosingBase.resolve(uri(schema.get("$id").asText(), where))
                    : enclosingBase;
            ObjectNode result = NODES.objectNode();
            for (Map.Entry<String, JsonNode> field : schema.properties()) {
                String keyword = field.getKey();
                ObjectNode fragment = translate(keyword, field.getValue(), schema, base, where + "/" + escape(keyword));
                if (fragment == null) {
                    continue;
                }
                // Keywords of one object already mean "all of these hold" together (properties
                // with additionalProperties included), so distinct ones are simply gathered; only
                // two that land on the same draft-04 keyword (const with enum, minimum with
                // exclusiveMinimum, ...) need combining.
                if (Collections.disjoint(names(result), names(fragment))) {
                    result.setAll(fragment);
                } else {
                    conjoin(result, fragment);
                }
            }
            if (schema.has("$ref")) {
                conjoin(result, inline(schema.get("$ref"), base, where + "/$ref"));
            }
            if (schema.has("allOf")) {
                JsonNode branches = schema.get("allOf");
                for (int i = 0; i < branches.size(); i++) {
                    conjoin(result, convert(branches.get(i), base, where + "/allOf/" + i));
                }
            }
            if (schema.has("unevaluatedProperties")) {
                unevaluatedProperties(result, schema.get("unevaluatedProperties"), base, where);
            }
            if (schema.has("unevaluatedItems")) {
                unevaluatedItems(result, schema, base, where);
            }
            return result;
        }

        /** The draft-04 keywords one 2020-12 keyword becomes, or null for none. */
        private ObjectNode translate(String keyword, JsonNode value, JsonNode schema, URI base, String at) {
            return switch (keyword) {
                case "$schema" -> {
                    String dialect = value.asText();
                    if (!dialect.equals("https://json-schema.org/draft/2020-12/schema")
                            && !dialect.equals("https://json-schema.org/draft/2020-12/schema#")) {
                        throw refuse(keyword, at, "names dialect " + dialect + "; only 2020-12 schemas are translated");
                    }
                    yield null;
                }
                // Identifiers and containers: references were resolved through the index, and what
                // they point to is inlined where it is used.
                case "$id", "$anchor", "$dynamicAnchor", "$defs", "definitions", "$vocabulary" -> null;
                // Annotations draft-04 does not know; they hold no rule.
                case "$comment", "examples", "deprecated", "readOnly", "writeOnly" -> null;
                // Handled by convert() once the object's own keywords are in.
                case "$ref", "allOf", "unevaluatedProperties", "unevaluatedItems" -> null;
                // Handled with "if", and without effect when there is no "if".
                case "then", "else" -> null;
                // Handled with "prefixItems" when both are present.
                case "items" -> schema.has("prefixItems") ? null : single("items", convert(value, base, at));
                case "title", "description", "default" -> single(keyword, value.deepCopy());
                case "type", "pattern", "multipleOf", "minimum", "maximum", "uniqueItems" ->
                    single(keyword, value.deepCopy());
                case "minLength", "maxLength", "minItems", "maxItems", "minProperties", "maxProperties" ->
                    single(keyword, count(keyword, value, at));
                case "format" -> {
                    if (!DRAFT_04_FORMATS.contains(value.asText())) {
                        throw refuse(
                                keyword,
                                at,
                                "is \"" + value.asText() + "\", which draft-04 does not define "
                                        + "(validators may ignore it); state it with a pattern instead");
                    }
                    yield single(keyword, value.deepCopy());
                }
                case "const" -> single("enum", NODES.arrayNode().add(value.deepCopy()));
                case "enum" -> enumeration(value);
                case "exclusiveMinimum", "exclusiveMaximum" -> {
                    // 2020-12's number is draft-04's bound plus a boolean saying it is exclusive.
                    ObjectNode bound = NODES.objectNode();
                    bound.set(keyword.equals("exclusiveMinimum") ? "minimum" : "maximum", value.deepCopy());
                    bound.put(keyword, true);
                    yield bound;
                }
                case "required" -> value.isEmpty() ? null : single(keyword, distinct(value));
                case "dependentRequired" -> {
                    ObjectNode dependencies = NODES.objectNode();
                    value.properties().forEach(entry -> {
                        // Draft-04 wants at least one name; an empty list requires nothing anyway.
                        if (!entry.getValue().isEmpty()) {
                            dependencies.set(entry.getKey(), distinct(entry.getValue()));
                        }
                    });
                    yield dependencies.isEmpty() ? null : single("dependencies", dependencies);
                }
                case "dependentSchemas" -> single("dependencies", schemaMap(value, base, at));
                case "properties", "patternProperties" -> single(keyword, schemaMap(value, base, at));
                case "additionalProperties" ->
                    single(keyword, value.isBoolean() ? value.deepCopy() : convert(value, base, at));
                case "prefixItems" -> {
                    ArrayNode items = NODES.arrayNode();
                    for (int i = 0; i < value.size(); i++) {
                        items.add(convert(value.get(i), base, at + "/" + i));
                    }
                    ObjectNode tuple = single("items", items);
                    JsonNode rest = schema.get("items");
                    if (rest != null) {
                        String restAt = at.substring(0, at.lastIndexOf('/')) + "/items";
                        tuple.set("additionalItems", rest.isBoolean() ? rest.deepCopy() : convert(rest, base, restAt));
                    }
                    yield tuple;
                }
                case "anyOf", "oneOf" -> {
                    ArrayNode branches = NODES.arrayNode();
                    for (int i = 0; i < value.size(); i++) {
                        branches.add(convert(value.get(i), base, at + "/" + i));
                    }
                    yield single(keyword, branches);
                }
                case "not" -> single(keyword, convert(value, base, at));
                case "if" -> conditional(schema, base, at);
                case "contains" -> {
                    // "Some item matches" is "not every item fails"; the type guard keeps
                    // non-arrays valid, as contains ignores them.
                    ObjectNode everyItemFails = single("items", single("not", convert(value, base, at)));
                    ArrayNode branches = NODES.arrayNode()
                            .add(single("not", single("type", NODES.textNode("array"))))
                            .add(single("not", everyItemFails));
                    yield single("anyOf", branches);
                }
                case "propertyNames" -> {
                    if (value.isBoolean() || value.isEmpty()) {
                        // false admits no name at all, true and {} admit every name.
                        yield isFalse(value) ? single("maxProperties", NODES.numberNode(0)) : null;
                    }
                    throw refuse(
                            keyword,
                            at,
                            "constrains every property name; draft-04 can only name "
                                    + "properties or match them with patternProperties, not refuse the rest by rule");
                }
                default -> {
                    String why = UNTRANSLATABLE.get(keyword);
                    throw refuse(
                            keyword,
                            at,
                            why != null
                                    ? why
                                    : "is not a JSON Schema 2020-12 keyword; a validator ignores it, so it is "
                                            + "probably a typo for a rule that is not being checked");
                }
            };
        }

        /**
         * {@code if/then/else} as {@code anyOf}: valid when the condition holds and {@code then}
         * does, or when it fails and {@code else} holds. A missing branch admits everything.
         */
        private ObjectNode conditional(JsonNode schema, URI base, String at) {
            String parent = at.substring(0, at.lastIndexOf('/'));
            JsonNode thenSchema = schema.get("then");
            JsonNode elseSchema = schema.get("else");
            if (thenSchema == null && elseSchema == null) {
                return null;
            }
            ObjectNode condition = convert(schema.get("if"), base, at);
            ArrayNode branches = NODES.arrayNode();
            if (thenSchema != null && elseSchema != null) {
                branches.add(single(
                        "allOf", NODES.arrayNode().add(condition).add(convert(thenSchema, base, parent + "/then"))));
                branches.add(single(
                        "allOf",
                        NODES.arrayNode()
                                .add(single("not", condition.deepCopy()))
                                .add(convert(elseSchema, base, parent + "/else"))));
            } else if (thenSchema != null) {
                branches.add(single("not", condition)).add(convert(thenSchema, base, parent + "/then"));
            } else {
                branches.add(condition).add(convert(elseSchema, base, parent + "/else"));
            }
            return single("anyOf", branches);
        }

        /**
         * {@code unevaluatedProperties} means {@code additionalProperties} when nothing beside this
         * object's own {@code properties} and {@code patternProperties} evaluates properties: the
         * {@code $ref} target and {@code allOf} branches have been folded in by then, so only
         * branches that could not be folded (and {@code anyOf}, {@code oneOf}, conditionals) stand
         * in the way.
         */
        private void unevaluatedProperties(ObjectNode result, JsonNode unevaluated, URI base, String where) {
            if (isTrue(unevaluated)) {
                return;
            }
            if (applicatorsEvaluate(result, "properties", "patternProperties", "additionalProperties")) {
                throw refuse(
                        "unevaluatedProperties",
                        where + "/unevaluatedProperties",
                        "depends on properties "
                                + "that subschemas in allOf/anyOf/oneOf/if/dependentSchemas evaluate, which vary by instance; "
                                + "draft-04's additionalProperties only sees the object's own properties");
            }
            if (result.has("additionalProperties")) {
                return; // every property is evaluated already, so there is nothing left for it to refuse
            }
            result.set(
                    "additionalProperties",
                    unevaluated.isBoolean()
                            ? unevaluated.deepCopy()
                            : convert(unevaluated, base, where + "/unevaluatedProperties"));
        }

        /** {@code unevaluatedItems} as {@code items} or {@code additionalItems}, when that is equivalent. */
        private void unevaluatedItems(ObjectNode result, JsonNode schema, URI base, String where) {
            JsonNode unevaluated = schema.get("unevaluatedItems");
            String at = where + "/unevaluatedItems";
            if (isTrue(unevaluated)) {
                return;
            }
            // The contains translation hides inside anyOf, so any remaining applicator refuses.
            if (result.has("allOf") || result.has("anyOf") || result.has("oneOf") || schema.has("contains")) {
                throw refuse(
                        "unevaluatedItems",
                        at,
                        "depends on items that subschemas (or contains) evaluate, "
                                + "which vary by instance; draft-04's additionalItems only sees the object's own items");
            }
            JsonNode rule = unevaluated.isBoolean() ? unevaluated.deepCopy() : convert(unevaluated, base, at);
            JsonNode items = result.get("items");
            if (items == null) {
                result.set(
                        "items", rule.isBoolean() ? (rule.booleanValue() ? NODES.objectNode() : falseSchema()) : rule);
            } else if (items.isArray() && !result.has("additionalItems")) {
                result.set("additionalItems", rule);
            }
        }

        /** Whether an allOf/anyOf/oneOf branch or a schema dependency of {@code schema} uses one of the keywords. */
        private static boolean applicatorsEvaluate(ObjectNode schema, String... keywords) {
            List<JsonNode> subschemas = new ArrayList<>();
            for (String applicator : List.of("allOf", "anyOf", "oneOf")) {
                schema.path(applicator).forEach(subschemas::add);
            }
            schema.path("dependencies").forEach(dependency -> {
                if (dependency.isObject()) {
                    subschemas.add(dependency);
                }
            });
            for (JsonNode subschema : subschemas) {
                for (String keyword : keywords) {
                    if (subschema.has(keyword)) {
                        return true;
                    }
                }
                if (subschema instanceof ObjectNode object && applicatorsEvaluate(object, keywords)) {
                    return true;
                }
            }
            return false;
        }

        /** The target of a {@code $ref}, converted; refused when it leads back to itself. */
        private ObjectNode inline(JsonNode reference, URI base, String at) {
            URI target = base.resolve(uri(reference.asText(), at));
            String key = target.toString();
            if (!inlining.add(key)) {
                throw refuse(
                        "$ref",
                        at,
                        "leads back to " + key + ", which is being inlined already; a recursive "
                                + "schema has no finite self-contained form");
            }
            try {
                Located located = locate(target, at);
                return convert(located.node(), located.enclosingBase(), target.getFragment() == null ? key + "#" : key);
            } finally {
                inlining.remove(key);
            }
        }

        private Located locate(URI target, String at) {
            URI document = withoutFragment(target);
            Located resource = resources.get(document);
            if (resource == null) {
                throw refuse(
                        "$ref",
                        at,
                        "points to " + document + ", which is none of the schemas given; " + "nothing is fetched");
            }
            String fragment = target.getFragment();
            if (fragment == null || fragment.isEmpty()) {
                return resource;
            }
            if (!fragment.startsWith("/")) {
                Located anchor = anchors.get(target);
                if (anchor == null) {
                    throw refuse("$ref", at, "names anchor " + fragment + ", which " + document + " does not declare");
                }
                return anchor;
            }
            JsonNode node = resource.node();
            URI enclosing = resource.enclosingBase();
            for (String step : fragment.substring(1).split("/", -1)) {
                URI own =
                        node.has("$id") ? enclosing.resolve(uri(node.get("$id").asText(), at)) : enclosing;
                String name = step.replace("~1", "/").replace("~0", "~");
                node = node.isArray() && name.matches("0|[1-9][0-9]*")
                        ? node.get(Integer.parseInt(name))
                        : node.get(name);
                if (node == null) {
                    throw refuse("$ref", at, "points to " + target + ", where there is nothing");
                }
                enclosing = own;
            }
            return new Located(node, enclosing);
        }

        private ObjectNode schemaMap(JsonNode value, URI base, String at) {
            ObjectNode converted = NODES.objectNode();
            value.properties()
                    .forEach(entry -> converted.set(
                            entry.getKey(), convert(entry.getValue(), base, at + "/" + escape(entry.getKey()))));
            return converted;
        }

        private UnsupportedSchemaException refuse(String keyword, String location, String reason) {
            return new UnsupportedSchemaException(rootId, keyword, location, reason);
        }

        private JsonNode count(String keyword, JsonNode value, String at) {
            // 2020-12 accepts 2.0 as a count; draft-04's meta-schema wants the integer written as such.
            if (!value.isNumber() || !value.canConvertToExactIntegral()) {
                throw refuse(keyword, at, "is not a non-negative integer");
            }
            return NODES.numberNode(value.decimalValue().toBigIntegerExact());
        }
    }

    /**
     * Adds {@code extra}'s constraints to {@code target}: keyword by keyword where the combination
     * means exactly "both hold", else as one more {@code allOf} branch (which always does).
     */
    static void conjoin(ObjectNode target, ObjectNode extra) {
        Optional<ObjectNode> combined = combine(target, extra);
        if (combined.isPresent()) {
            target.removeAll();
            target.setAll(combined.get());
        } else {
            ArrayNode allOf = target.has("allOf") ? (ArrayNode) target.get("allOf") : target.putArray("allOf");
            allOf.add(extra);
        }
    }

    private static Optional<ObjectNode> combine(ObjectNode primary, ObjectNode extra) {
        ObjectNode out = primary.deepCopy();
        if (!combineObjectKeywords(out, primary, extra) || !combineArrayKeywords(out, primary, extra)) {
            return Optional.empty();
        }
        combineBound(out, primary, extra, "minimum", "exclusiveMinimum", 1);
        combineBound(out, primary, extra, "maximum", "exclusiveMaximum", -1);
        for (Map.Entry<String, JsonNode> field : extra.properties()) {
            String keyword = field.getKey();
            JsonNode theirs = field.getValue();
            JsonNode ours = primary.get(keyword);
            if (GROUPED.contains(keyword)) {
                continue;
            }
            if (ours == null) {
                out.set(keyword, theirs.deepCopy());
                continue;
            }
            switch (keyword) {
                // Annotations: the primary (referring or enclosing) schema's words are the specific ones.
                case "title", "description", "default" -> {}
                case "required" -> out.set(keyword, distinct(concat(ours, theirs)));
                case "allOf" -> out.set(keyword, concat(ours, theirs));
                case "uniqueItems" -> out.put(keyword, ours.asBoolean() || theirs.asBoolean());
                case "minLength", "minItems", "minProperties" ->
                    out.set(keyword, ours.decimalValue().compareTo(theirs.decimalValue()) >= 0 ? ours : theirs);
                case "maxLength", "maxItems", "maxProperties" ->
                    out.set(keyword, ours.decimalValue().compareTo(theirs.decimalValue()) <= 0 ? ours : theirs);
                case "enum" -> {
                    ArrayNode both = NODES.arrayNode();
                    ours.forEach(value -> {
                        if (contains(theirs, value)) {
                            both.add(value);
                        }
                    });
                    if (both.isEmpty()) {
                        return Optional.empty();
                    }
                    out.set(keyword, both);
                }
                case "type" -> {
                    JsonNode both = intersectTypes(ours, theirs);
                    if (both == null) {
                        return Optional.empty();
                    }
                    out.set(keyword, both);
                }
                case "dependencies" -> {
                    ObjectNode merged = ((ObjectNode) ours).deepCopy();
                    for (Map.Entry<String, JsonNode> dependency : theirs.properties()) {
                        JsonNode existing = merged.get(dependency.getKey());
                        if (existing != null && !same(existing, dependency.getValue())) {
                            return Optional.empty();
                        }
                        merged.set(dependency.getKey(), dependency.getValue().deepCopy());
                    }
                    out.set(keyword, merged);
                }
                default -> {
                    // pattern, format, multipleOf, not, anyOf, oneOf: two different ones are both
                    // rules, which one keyword cannot hold.
                    if (!same(ours, theirs)) {
                        return Optional.empty();
                    }
                }
            }
        }
        return Optional.of(out);
    }

    private static final Set<String> GROUPED = Set.of(
            "properties",
            "patternProperties",
            "additionalProperties",
            "items",
            "additionalItems",
            "minimum",
            "exclusiveMinimum",
            "maximum",
            "exclusiveMaximum");

    /**
     * {@code additionalProperties} applies to the names its own object's {@code properties} and
     * {@code patternProperties} leave out, so two objects fold into one only when that set stays the
     * same for whichever of them restricts it.
     */
    private static boolean combineObjectKeywords(ObjectNode out, ObjectNode primary, ObjectNode extra) {
        JsonNode ourRest = primary.get("additionalProperties");
        JsonNode theirRest = extra.get("additionalProperties");
        Set<String> ourNames = names(primary.get("properties"));
        Set<String> theirNames = names(extra.get("properties"));
        Set<String> ourPatterns = names(primary.get("patternProperties"));
        Set<String> theirPatterns = names(extra.get("patternProperties"));
        if (ourRest != null && theirRest != null) {
            if (!ourNames.equals(theirNames) || !ourPatterns.equals(theirPatterns)) {
                return false;
            }
        } else if (ourRest != null) {
            if (!ourNames.containsAll(theirNames) || !ourPatterns.containsAll(theirPatterns)) {
                return false;
            }
        } else if (theirRest != null) {
            if (!theirNames.containsAll(ourNames) || !theirPatterns.containsAll(ourPatterns)) {
                return false;
            }
        }
        // The closed object (the one with additionalProperties) lists every property, so its order
        // is the one readers know; the other only narrows some of them.
        boolean theirOrder = theirRest != null && ourRest == null;
        for (String keyword : List.of("properties", "patternProperties")) {
            JsonNode theirs = extra.get(keyword);
            if (theirs == null) {
                continue;
            }
            ObjectNode ours = primary.has(keyword) ? (ObjectNode) primary.get(keyword) : NODES.objectNode();
            ObjectNode merged = NODES.objectNode();
            for (JsonNode order : theirOrder ? List.of(theirs, ours) : List.of(ours, theirs)) {
                order.fieldNames().forEachRemaining(name -> {
                    if (merged.has(name)) {
                        return;
                    }
                    JsonNode mine = ours.get(name);
                    JsonNode other = theirs.get(name);
                    ObjectNode property = (ObjectNode) (mine != null ? mine : other).deepCopy();
                    if (mine != null && other != null) {
                        conjoin(property, ((ObjectNode) other).deepCopy());
                    }
                    merged.set(name, property);
                });
            }
            out.set(keyword, merged);
        }
        if (theirRest != null) {
            out.set("additionalProperties", ourRest == null ? theirRest.deepCopy() : bothRest(ourRest, theirRest));
        }
        return true;
    }

    private static JsonNode bothRest(JsonNode ours, JsonNode theirs) {
        if (isFalse(ours) || isFalse(theirs)) {
            return BooleanNode.FALSE;
        }
        if (isTrue(ours)) {
            return theirs.deepCopy();
        }
        if (isTrue(theirs)) {
            return ours.deepCopy();
        }
        ObjectNode both = ((ObjectNode) ours).deepCopy();
        conjoin(both, ((ObjectNode) theirs).deepCopy());
        return both;
    }

    /** {@code items} folds when both are single schemas; tuples fold only when equal. */
    private static boolean combineArrayKeywords(ObjectNode out, ObjectNode primary, ObjectNode extra) {
        JsonNode ourItems = primary.get("items");
        JsonNode theirItems = extra.get("items");
        JsonNode ourRest = primary.get("additionalItems");
        JsonNode theirRest = extra.get("additionalItems");
        if (theirItems == null && theirRest == null) {
            return true;
        }
        if (ourItems == null && ourRest == null) {
            if (theirItems != null) {
                out.set("items", theirItems.deepCopy());
            }
            if (theirRest != null) {
                out.set("additionalItems", theirRest.deepCopy());
            }
            return true;
        }
        if (ourItems instanceof ObjectNode ours
                && theirItems instanceof ObjectNode theirs
                && ourRest == null
                && theirRest == null) {
            ObjectNode both = ours.deepCopy();
            conjoin(both, theirs.deepCopy());
            out.set("items", both);
            return true;
        }
        return same(ourItems, theirItems) && same(ourRest, theirRest);
    }

    /**
     * Keeps the stricter of two bounds: for a lower bound the larger value, exclusive on a tie if
     * either is ({@code direction} 1); for an upper bound the smaller ({@code direction} -1).
     */
    private static void combineBound(
            ObjectNode out, ObjectNode primary, ObjectNode extra, String bound, String exclusive, int direction) {
        JsonNode theirs = extra.get(bound);
        if (theirs == null) {
            return;
        }
        JsonNode ours = primary.get(bound);
        boolean ourExclusive = primary.path(exclusive).asBoolean(false);
        boolean theirExclusive = extra.path(exclusive).asBoolean(false);
        JsonNode value;
        boolean exclusiveResult;
        if (ours == null) {
            value = theirs;
            exclusiveResult = theirExclusive;
        } else {
            int order = ours.decimalValue().compareTo(theirs.decimalValue()) * direction;
            value = order >= 0 ? ours : theirs;
            exclusiveResult = order > 0 ? ourExclusive : order < 0 ? theirExclusive : ourExclusive || theirExclusive;
        }
        out.set(bound, value.deepCopy());
        if (exclusiveResult) {
            out.put(exclusive, true);
        } else {
            out.remove(exclusive);
        }
    }

    /** Types admitted by both, with {@code integer} inside {@code number}; null when none is. */
    private static JsonNode intersectTypes(JsonNode ours, JsonNode theirs) {
        Set<String> a = typeSet(ours);
        Set<String> b = typeSet(theirs);
        Set<String> both = new LinkedHashSet<>();
        for (String type : a) {
            if (b.contains(type) || (type.equals("integer") && b.contains("number"))) {
                both.add(type);
            } else if (type.equals("number") && b.contains("integer")) {
                both.add("integer");
            }
        }
        if (both.isEmpty()) {
            return null;
        }
        if (both.size() == 1) {
            return NODES.textNode(both.iterator().next());
        }
        ArrayNode types = NODES.arrayNode();
        both.forEach(types::add);
        return types;
    }

    private static Set<String> typeSet(JsonNode type) {
        Set<String> types = new LinkedHashSet<>();
        if (type.isArray()) {
            type.forEach(t -> types.add(t.asText()));
        } else {
            types.add(type.asText());
        }
        return types;
    }

    private static ObjectNode enumeration(JsonNode values) {
        if (values.isEmpty()) {
            // An empty enum admits nothing; draft-04 wants at least one value, so say it with not {}.
            return falseSchema();
        }
        return single("enum", distinct(values));
    }

    /** The values without repeats, JSON equality deciding ({@code 1} and {@code 1.0} are one value). */
    private static ArrayNode distinct(JsonNode values) {
        ArrayNode unique = NODES.arrayNode();
        values.forEach(value -> {
            if (!contains(unique, value)) {
                unique.add(value.deepCopy());
            }
        });
        return unique;
    }

    private static boolean contains(JsonNode array, JsonNode value) {
        for (JsonNode element : array) {
            if (same(element, value)) {
                return true;
            }
        }
        return false;
    }

    /** JSON Schema's equality: numbers by value, objects regardless of key order. */
    static boolean same(JsonNode a, JsonNode b) {
        if (a == null || b == null) {
            return a == b;
        }
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        if (a.isArray() && b.isArray()) {
            if (a.size() != b.size()) {
                return false;
            }
            for (int i = 0; i < a.size(); i++) {
                if (!same(a.get(i), b.get(i))) {
                    return false;
                }
            }
            return true;
        }
        if (a.isObject() && b.isObject()) {
            if (!names(a).equals(names(b))) {
                return false;
            }
            for (Iterator<String> it = a.fieldNames(); it.hasNext(); ) {
                String name = it.next();
                if (!same(a.get(name), b.get(name))) {
                    return false;
                }
            }
            return true;
        }
        return a.equals(b);
    }

    private static ArrayNode concat(JsonNode a, JsonNode b) {
        ArrayNode both = NODES.arrayNode();
        a.forEach(value -> both.add(value.deepCopy()));
        b.forEach(value -> both.add(value.deepCopy()));
        return both;
    }

    private static Set<String> names(JsonNode object) {
        Set<String> names = new HashSet<>();
        if (object != null) {
            object.fieldNames().forEachRemaining(names::add);
        }
        return names;
    }

    private static ObjectNode single(String keyword, JsonNode value) {
        ObjectNode node = NODES.objectNode();
        node.set(keyword, value);
        return node;
    }

    /** Draft-04 has no boolean schemas outside additionalProperties/additionalItems: false is "not anything". */
    private static ObjectNode falseSchema() {
        return single("not", NODES.objectNode());
    }

    private static boolean isTrue(JsonNode schema) {
        return (schema.isBoolean() && schema.booleanValue()) || (schema.isObject() && schema.isEmpty());
    }

    private static boolean isFalse(JsonNode schema) {
        return schema.isBoolean() && !schema.booleanValue();
    }

    private static String escape(String name) {
        return name.replace("~", "~0").replace("/", "~1");
    }

    private static URI uri(String text, String at) {
        try {
            return new URI(text);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException("not a URI reference at " + at + ": " + text, e);
        }
    }

    private static URI withoutFragment(URI uri) {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), null);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }

    private static URI withFragment(URI uri, String fragment) {
        try {
            return new URI(uri.getScheme(), uri.getSchemeSpecificPart(), fragment);
        } catch (URISyntaxException e) {
            throw new IllegalArgumentException(e);
        }
    }
}
