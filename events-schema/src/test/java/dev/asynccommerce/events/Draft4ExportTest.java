package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaLocation;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SchemaRegistryConfig;
import com.networknt.schema.SpecificationVersion;
import com.networknt.schema.path.PathType;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.EnumSource;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * The draft-04 export says what the 2020-12 schemas say: it is valid draft-04, self-contained,
 * accepts every valid example and refuses every invalid one under a draft-04 validator, keeps the
 * descriptions, and fits the schema registry. Translations of keywords our schemas do not use yet
 * are checked on small schemas by comparing the verdicts of both drafts instance by instance.
 */
class Draft4ExportTest {
    private static final SchemaDocuments SCHEMAS = new SchemaDocuments();
    private static final Map<EventType, String> EXPORTED = Draft4Export.all();

    /** Paths as {@link EventValidator} writes them ({@code $.data.x}), so problems read the same. */
    private static final SchemaRegistry DRAFT_4 = SchemaRegistry.withDefaultDialect(
            SpecificationVersion.DRAFT_4,
            builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                            .pathType(PathType.JSON_PATH)
                            .build())
                    .schemaLoader(loader -> loader.fetchRemoteResources(false)));

    private static final Schema DRAFT_4_META_SCHEMA = DRAFT_4.getSchema(SchemaLocation.of(Draft4Export.DRAFT_04));

    /**
     * Invalid examples a draft-04 validator cannot refuse with the exported schema, by example path
     * ({@code OrderPlaced/invalid-....json}), with the reason. Every invalid example of every event
     * is refused today, so the list is empty. An entry must name one example exactly, and the test
     * then checks that draft-04 really accepts it while {@link EventValidator} refuses it, so the
     * list can neither hide a regression nor go stale.
     */
    private static final Map<String, String> NOT_REFUSABLE_UNDER_DRAFT_4 = Map.of();

    /** Every keyword draft-04 defines (Validation, sections 5 and 6; Core, section 7). */
    private static final Set<String> DRAFT_4_KEYWORDS = Set.of(
            "id",
            "$schema",
            "title",
            "description",
            "default",
            "multipleOf",
            "maximum",
            "exclusiveMaximum",
            "minimum",
            "exclusiveMinimum",
            "maxLength",
            "minLength",
            "pattern",
            "additionalItems",
            "items",
            "maxItems",
            "minItems",
            "uniqueItems",
            "maxProperties",
            "minProperties",
            "required",
            "additionalProperties",
            "definitions",
            "properties",
            "patternProperties",
            "dependencies",
            "enum",
            "type",
            "format",
            "allOf",
            "anyOf",
            "oneOf",
            "not");

    @Test
    void everyEventTypeIsExportedInEventTypeOrder() {
        assertThat(EXPORTED.keySet()).containsExactly(EventType.values());
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theExportIsAValidDraft4Document(EventType type) {
        JsonNode exported = Examples.tree(EXPORTED.get(type));

        assertThat(DRAFT_4_META_SCHEMA.validate(exported)).isEmpty();
        assertThat(exported.get("$schema").asText()).isEqualTo("http://json-schema.org/draft-04/schema#");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theExportIsSelfContainedAndUsesDraft4KeywordsOnly(EventType type) {
        String text = EXPORTED.get(type);

        assertThat(text).doesNotContain("\"$ref\"", "\"$defs\"", "\"$id\"", "\"definitions\"");
        List<String> keywords = new ArrayList<>();
        keywords(Examples.tree(text), keywords);
        assertThat(keywords)
                .isNotEmpty()
                .allSatisfy(keyword -> assertThat(DRAFT_4_KEYWORDS).contains(keyword));
        assertThat(keywords).contains("enum", "additionalProperties").doesNotContain("definitions", "id");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyValidExampleValidatesUnderDraft4(EventType type) {
        Schema exported = draft4(EXPORTED.get(type));
        for (Examples.Example example : Examples.valid(type)) {
            assertThat(exported.validate(example.tree())).as(example.name()).isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyInvalidExampleIsRefusedUnderDraft4OnTheFieldItsNameGives(EventType type) {
        Schema exported = draft4(EXPORTED.get(type));
        List<Examples.Example> invalid = Examples.invalid(type);
        assertThat(invalid).hasSizeGreaterThanOrEqualTo(2);
        List<String> paths = new ArrayList<>();
        for (Examples.Example example : invalid) {
            String path = Examples.folderName(type) + "/" + example.name() + ".json";
            paths.add(path);
            List<String> problems = exported.validate(example.tree()).stream()
                    .map(error -> ProblemMessages.describe(error, "$"))
                    .toList();
            if (NOT_REFUSABLE_UNDER_DRAFT_4.containsKey(path)) {
                assertThat(problems)
                        .as(path + " is refused under draft-04 after all: take it off the list")
                        .isEmpty();
                assertThat(EventValidator.instance().validate(type.detailType(), example.json()))
                        .as(path)
                        .isNotEmpty();
                continue;
            }
            assertThat(problems).as(path).isNotEmpty();
            for (String problem : problems) {
                assertThat(pathSteps(problem)).as(path + ": " + problem).contains(example.brokenField());
            }
        }
        NOT_REFUSABLE_UNDER_DRAFT_4.keySet().stream()
                .filter(path -> path.startsWith(Examples.folderName(type) + "/"))
                .forEach(path ->
                        assertThat(paths).as("listed, but no such example").contains(path));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownFieldsAreRefusedAtEveryLevelAfterTheEnvelopeIsFoldedIn(EventType type) {
        Schema exported = draft4(EXPORTED.get(type));
        JsonNode valid = Examples.first(type).tree();
        for (String where : List.of("", "/metadata", "/data")) {
            ObjectNode detail = valid.deepCopy();
            ((ObjectNode) detail.at(where)).put("unexpected", true);

            assertThat(exported.validate(detail))
                    .map(error -> ProblemMessages.describe(error, "$"))
                    .containsExactly("$" + where.replace('/', '.') + ".unexpected: is not a known property");
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theEnvelopeIsFoldedIntoPlainObjectsThatPinTheTypeAndVersion(EventType type) {
        JsonNode exported = Examples.tree(EXPORTED.get(type));
        JsonNode metadata = exported.at("/properties/metadata");

        assertThat(exported.has("allOf")).isFalse();
        assertThat(exported.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(exported.get("required")).containsExactly(Examples.tree("\"metadata\""), Examples.tree("\"data\""));
        assertThat(metadata.at("/properties/eventType/enum"))
                .containsExactly(Examples.tree("\"" + type.detailType() + "\""));
        assertThat(metadata.at("/properties/schemaVersion/enum").get(0).intValue())
                .isEqualTo(type.schemaVersion());
        assertThat(metadata.at("/properties/schemaVersion/enum")).hasSize(1);
        assertThat(metadata.get("additionalProperties").asBoolean(true)).isFalse();
        assertThat(names(metadata.get("properties")))
                .containsExactlyElementsOf(
                        names(SCHEMAS.document("envelope.schema.json").at("/$defs/metadata/properties")));
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void titleAndDescriptionsAreKeptWithTheReferringSchemasWordsWinning(EventType type) {
        JsonNode exported = Examples.tree(EXPORTED.get(type));
        JsonNode source = SCHEMAS.event(type);

        assertThat(exported.get("title").asText()).isEqualTo(source.get("title").asText());
        assertThat(exported.get("description").asText())
                .isEqualTo(source.get("description").asText());
        assertSameDescriptions(
                SCHEMAS.child(SCHEMAS.root(type), "properties", "data"), exported.at("/properties/data"), "data");
        JsonNode envelope = SCHEMAS.document("envelope.schema.json");
        assertSameDescriptions(
                new SchemaDocuments.Node(
                        envelope.at("/$defs/metadata"),
                        URI.create(envelope.get("$id").asText())),
                exported.at("/properties/metadata"),
                "metadata");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theOutputIsTheSameOnEveryCallAndPlatform(EventType type) {
        String once = Draft4Export.schema(type);

        assertThat(Draft4Export.schema(type)).isEqualTo(once);
        assertThat(EXPORTED.get(type)).isEqualTo(once);
        // Line ends are fixed, not the platform's.
        assertThat(once).doesNotContain("\r").contains("\n");
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void theExportFitsTheRegistrysContentLimit(EventType type) {
        // CreateSchema's Content takes 1 to 100,000 characters (AWS CLI reference, schemas
        // create-schema); UTF-8 bytes are never fewer than characters.
        assertThat(EXPORTED.get(type).getBytes(StandardCharsets.UTF_8).length)
                .isLessThanOrEqualTo(100_000)
                .isLessThanOrEqualTo(Draft4Export.REGISTRY_CONTENT_LIMIT);
    }

    @Test
    void aDocumentOverTheRegistryLimitIsRefusedByNameInsteadOfFailingTheDeployment() {
        assertThat(Draft4Export.withinRegistryLimit("Small", "x".repeat(100_000)))
                .hasSize(100_000);
        assertThatThrownBy(() -> Draft4Export.withinRegistryLimit("Large", "x".repeat(100_001)))
                .isInstanceOf(IllegalStateException.class)
                .hasMessageContaining("Large")
                .hasMessageContaining("100001 bytes");
        // 50,001 two-byte characters: under the limit in characters, over it in bytes.
        assertThatThrownBy(() -> Draft4Export.withinRegistryLimit("Accented", "\u00e9".repeat(50_001)))
                .isInstanceOf(IllegalStateException.class);
    }

    static Stream<Arguments> translations() {
        return Stream.of(
                Arguments.of(
                        "const and numeric exclusive bounds",
                        """
                        {"properties": {
                          "kind": {"const": "card"},
                          "n": {"type": "number", "minimum": 0, "exclusiveMinimum": 0, "exclusiveMaximum": 10},
                          "m": {"type": "integer", "exclusiveMinimum": 5, "minimum": 7}}}
                        """,
                        List.of(
                                "{\"kind\": \"card\"}",
                                "{\"kind\": \"cash\"}",
                                "{\"n\": 0}",
                                "{\"n\": 0.5}",
                                "{\"n\": 9.99}",
                                "{\"n\": 10}",
                                "{\"m\": 6}",
                                "{\"m\": 7}")),
                Arguments.of("const beside enum", "{\"enum\": [1, 2, 3], \"const\": 2}", List.of("1", "2", "3", "2.0")),
                Arguments.of(
                        "if/then/else",
                        """
                        {"if": {"properties": {"kind": {"const": "card"}}, "required": ["kind"]},
                         "then": {"required": ["token"]},
                         "else": {"required": ["iban"]}}
                        """,
                        List.of(
                                "{\"kind\": \"card\", \"token\": \"t\"}",
                                "{\"kind\": \"card\"}",
                                "{\"kind\": \"bank\", \"iban\": \"i\"}",
                                "{\"kind\": \"bank\"}",
                                "{}",
                                "\"not an object\"")),
                Arguments.of(
                        "if/then without else",
                        "{\"if\": {\"required\": [\"a\"]}, \"then\": {\"required\": [\"b\"]}}",
                        List.of("{\"a\": 1, \"b\": 2}", "{\"a\": 1}", "{\"c\": 1}")),
                Arguments.of(
                        "if/else without then",
                        "{\"if\": {\"required\": [\"a\"]}, \"else\": {\"required\": [\"b\"]}}",
                        List.of("{\"a\": 1}", "{\"b\": 1}", "{\"c\": 1}")),
                Arguments.of(
                        "dependentRequired and dependentSchemas, also on the same property",
                        """
                        {"dependentRequired": {"a": ["b"], "e": []},
                         "dependentSchemas": {"c": {"required": ["d"]}, "a": {"required": ["f"]}}}
                        """,
                        List.of(
                                "{\"a\": 1, \"b\": 1, \"f\": 1}",
                                "{\"a\": 1, \"b\": 1}",
                                "{\"a\": 1, \"f\": 1}",
                                "{\"c\": 1}",
                                "{\"c\": 1, \"d\": 1}",
                                "{\"e\": 1}")),
                Arguments.of(
                        "prefixItems with items",
                        "{\"prefixItems\": [{\"type\": \"string\"}, {\"type\": \"integer\"}], \"items\": false}",
                        List.of("[\"a\", 1]", "[\"a\"]", "[\"a\", 1, 2]", "[1, \"a\"]", "[]")),
                Arguments.of(
                        "contains",
                        "{\"contains\": {\"const\": 3}}",
                        List.of("[1, 2]", "[1, 3]", "[]", "\"not an array\"")),
                Arguments.of(
                        "unevaluatedProperties over a folded $ref and allOf",
                        """
                        {"$defs": {"base": {"properties": {"id": {"type": "string"}}, "required": ["id"]}},
                         "allOf": [{"$ref": "#/$defs/base"}],
                         "properties": {"name": {"type": "string"}},
                         "unevaluatedProperties": false}
                        """,
                        List.of(
                                "{\"id\": \"1\", \"name\": \"n\"}",
                                "{\"id\": \"1\"}",
                                "{\"id\": \"1\", \"other\": 0}",
                                "{\"name\": \"n\"}")),
                Arguments.of(
                        "unevaluatedItems after prefixItems",
                        "{\"prefixItems\": [{\"type\": \"string\"}], \"unevaluatedItems\": {\"type\": \"integer\"}}",
                        List.of("[\"a\"]", "[\"a\", 1, 2]", "[\"a\", \"b\"]", "[1]")),
                Arguments.of(
                        "a $ref whose sibling narrows its target",
                        """
                        {"$defs": {"q": {"type": "integer", "minimum": 1, "maximum": 10, "description": "generic"}},
                         "properties": {"x": {"$ref": "#/$defs/q", "minimum": 3, "description": "specific"}}}
                        """,
                        List.of("{\"x\": 2}", "{\"x\": 3}", "{\"x\": 10}", "{\"x\": 11}")),
                Arguments.of(
                        "two patterns, which one keyword cannot hold",
                        """
                        {"$defs": {"upper": {"type": "string", "pattern": "^[A-Z]+$"}},
                         "$ref": "#/$defs/upper", "pattern": "^.{2,3}$"}
                        """,
                        List.of("\"AB\"", "\"ab\"", "\"ABCD\"", "\"A\"")),
                Arguments.of(
                        "boolean subschemas and propertyNames false",
                        """
                        {"properties": {"never": false, "any": true, "empty": {"propertyNames": false}}}
                        """,
                        List.of("{\"never\": 1}", "{\"any\": 1}", "{\"empty\": {}}", "{\"empty\": {\"a\": 1}}")),
                Arguments.of(
                        "an embedded resource and an anchor",
                        """
                        {"$defs": {"other": {"$id": "other.json",
                                             "$defs": {"thing": {"$anchor": "thing", "type": "string"}},
                                             "properties": {"v": {"$ref": "#thing"}}}},
                         "properties": {"w": {"$ref": "other.json"}, "z": {"$ref": "other.json#thing"}}}
                        """,
                        List.of("{\"w\": {\"v\": \"s\"}}", "{\"w\": {\"v\": 1}}", "{\"z\": \"s\"}", "{\"z\": 1}")));
    }

    @ParameterizedTest(name = "{0}")
    @MethodSource("translations")
    void aTranslatedKeywordGivesTheSameVerdictsAsTheOriginal(String what, String schema, List<String> instances) {
        String id = "https://example.test/" + what.replaceAll("[^a-z]+", "-") + ".json";
        ObjectNode source = (ObjectNode) Examples.tree(schema);
        source.put("$schema", "https://json-schema.org/draft/2020-12/schema");
        source.put("$id", id);

        String exported = Draft4Export.export(List.of(source.toString()), id);
        Schema original = draft202012(id, source.toString());
        Schema translated = draft4(exported);

        assertThat(DRAFT_4_META_SCHEMA.validate(Examples.tree(exported))).isEmpty();
        assertThat(exported).doesNotContain("\"$ref\"", "\"$defs\"", "\"const\"");
        List<Boolean> verdicts = new ArrayList<>();
        for (String instance : instances) {
            boolean valid = original.validate(Examples.tree(instance)).isEmpty();
            verdicts.add(valid);
            assertThat(translated.validate(Examples.tree(instance)).isEmpty())
                    .as("%s: %s%n%s", what, instance, exported)
                    .isEqualTo(valid);
        }
        assertThat(verdicts).as("instances on both sides of the rule").contains(true, false);
    }

    @Test
    void foldingKeepsTheStricterBoundAndTheReferringDescription() {
        String exported = Draft4Export.export(List.of("""
                        {"$schema": "https://json-schema.org/draft/2020-12/schema", "$id": "https://example.test/r.json",
                         "$defs": {"q": {"type": "integer", "minimum": 1, "description": "generic"}},
                         "properties": {"x": {"$ref": "#/$defs/q", "exclusiveMinimum": 1, "description": "specific"}},
                         "unevaluatedProperties": false}
                        """), "https://example.test/r.json");
        JsonNode x = Examples.tree(exported).at("/properties/x");

        assertThat(x.get("description").asText()).isEqualTo("specific");
        assertThat(x.get("minimum").intValue()).isEqualTo(1);
        assertThat(x.get("exclusiveMinimum").asBoolean()).isTrue();
        assertThat(Examples.tree(exported).get("additionalProperties").asBoolean(true))
                .isFalse();
    }

    static Stream<Arguments> refusals() {
        return Stream.of(
                Arguments.of(
                        "{\"properties\": {\"a\": {\"propertyNames\": {\"pattern\": \"^x\"}}}}",
                        "propertyNames",
                        "#/properties/a/propertyNames"),
                Arguments.of(
                        "{\"type\": \"string\", \"contentEncoding\": \"base64\"}",
                        "contentEncoding",
                        "#/contentEncoding"),
                Arguments.of(
                        "{\"type\": \"string\", \"contentMediaType\": \"application/json\"}",
                        "contentMediaType",
                        "#/contentMediaType"),
                Arguments.of("{\"$dynamicRef\": \"#node\"}", "$dynamicRef", "#/$dynamicRef"),
                Arguments.of("{\"contains\": {\"const\": 1}, \"minContains\": 2}", "minContains", "#/minContains"),
                Arguments.of(
                        "{\"$defs\": {\"node\": {\"properties\": {\"next\": {\"$ref\": \"#/$defs/node\"}}}}, "
                                + "\"$ref\": \"#/$defs/node\"}",
                        "$ref",
                        "#/$defs/node/properties/next/$ref"),
                Arguments.of("{\"type\": \"string\", \"maxLenght\": 3}", "maxLenght", "#/maxLenght"),
                Arguments.of("{\"type\": \"string\", \"format\": \"uuid\"}", "format", "#/format"),
                Arguments.of(
                        "{\"anyOf\": [{\"properties\": {\"a\": true}}, {\"properties\": {\"b\": true}}], "
                                + "\"unevaluatedProperties\": false}",
                        "unevaluatedProperties",
                        "#/unevaluatedProperties"),
                Arguments.of(
                        "{\"contains\": {\"const\": 1}, \"unevaluatedItems\": false}",
                        "unevaluatedItems",
                        "#/unevaluatedItems"),
                Arguments.of("{\"$ref\": \"https://elsewhere.test/x.json\"}", "$ref", "#/$ref"));
    }

    @ParameterizedTest(name = "{1}")
    @MethodSource("refusals")
    void aKeywordWithoutADraft4EquivalentIsRefusedByNameNeverDropped(String schema, String keyword, String at) {
        String id = "https://example.test/refused.json";
        ObjectNode source = (ObjectNode) Examples.tree(schema);
        source.put("$id", id);

        assertThatThrownBy(() -> Draft4Export.export(List.of(source.toString()), id))
                .isInstanceOfSatisfying(Draft4Export.UnsupportedSchemaException.class, e -> {
                    assertThat(e.schema()).isEqualTo(id);
                    assertThat(e.keyword()).isEqualTo(keyword);
                    assertThat(e.location()).isEqualTo(id + at);
                    assertThat(e.getMessage()).contains(id, "'" + keyword + "'", id + at);
                });
    }

    @Test
    void aRefusalInASharedDefinitionNamesTheExportedSchemaAndWhereTheKeywordIs() {
        String common = """
                {"$id": "https://example.test/common.json",
                 "$defs": {"code": {"type": "string", "dependentRequired": {}, "contentEncoding": "base64"}}}
                """;
        String event = """
                {"$id": "https://example.test/events/Thing.json",
                 "properties": {"code": {"$ref": "../common.json#/$defs/code"}}}
                """;

        assertThatThrownBy(() -> Draft4Export.export(List.of(common, event), "https://example.test/events/Thing.json"))
                .isInstanceOfSatisfying(Draft4Export.UnsupportedSchemaException.class, e -> {
                    assertThat(e.schema()).isEqualTo("https://example.test/events/Thing.json");
                    assertThat(e.keyword()).isEqualTo("contentEncoding");
                    assertThat(e.location()).isEqualTo("https://example.test/common.json#/$defs/code/contentEncoding");
                });
    }

    @Test
    void aSchemaInAnotherDialectIsNotTranslatedAsIfItWere2020_12() {
        String draft7 = "{\"$schema\": \"http://json-schema.org/draft-07/schema#\", "
                + "\"$id\": \"https://example.test/d7.json\", \"items\": [{\"type\": \"string\"}]}";

        assertThatThrownBy(() -> Draft4Export.export(List.of(draft7), "https://example.test/d7.json"))
                .isInstanceOfSatisfying(
                        Draft4Export.UnsupportedSchemaException.class,
                        e -> assertThat(e.keyword()).isEqualTo("$schema"));
    }

    /** Each schema's description matches the source's, after its $ref is followed, down the tree. */
    private static void assertSameDescriptions(SchemaDocuments.Node source, JsonNode exported, String where) {
        SchemaDocuments.Node resolved = SCHEMAS.resolve(source);
        JsonNode description = resolved.get("description");
        if (description != null) {
            assertThat(exported.path("description").asText()).as(where).isEqualTo(description.asText());
        }
        JsonNode properties = resolved.get("properties");
        if (properties != null) {
            for (String name : names(properties)) {
                assertSameDescriptions(
                        SCHEMAS.child(resolved, "properties", name),
                        exported.at("/properties/" + name),
                        where + "." + name);
            }
        }
        if (resolved.get("items") != null) {
            assertSameDescriptions(SCHEMAS.child(resolved, "items"), exported.get("items"), where + "[]");
        }
    }

    /** The keywords of every schema in a draft-04 document, walking only where schemas are. */
    private static void keywords(JsonNode schema, List<String> into) {
        for (String keyword : names(schema)) {
            into.add(keyword);
            JsonNode value = schema.get(keyword);
            switch (keyword) {
                case "properties", "patternProperties", "dependencies" ->
                    value.forEach(child -> {
                        if (child.isObject()) {
                            keywords(child, into);
                        }
                    });
                case "items", "additionalItems", "additionalProperties", "not", "allOf", "anyOf", "oneOf" -> {
                    if (value.isObject()) {
                        keywords(value, into);
                    } else if (value.isArray()) {
                        value.forEach(child -> keywords(child, into));
                    }
                }
                default -> {}
            }
        }
    }

    private static List<String> pathSteps(String problem) {
        String path = problem.substring(0, problem.indexOf(": "));
        return Arrays.stream(path.split("[.\\[\\]']+"))
                .filter(step -> !step.isEmpty())
                .toList();
    }

    private static List<String> names(JsonNode object) {
        List<String> names = new ArrayList<>();
        object.fieldNames().forEachRemaining(names::add);
        return names;
    }

    private static Schema draft4(String document) {
        Schema schema = DRAFT_4.getSchema(Examples.tree(document));
        schema.initializeValidators();
        return schema;
    }

    private static Schema draft202012(String id, String document) {
        SchemaRegistry registry = SchemaRegistry.withDefaultDialect(
                SpecificationVersion.DRAFT_2020_12,
                builder -> builder.schemaRegistryConfig(SchemaRegistryConfig.builder()
                                .formatAssertionsEnabled(true)
                                .build())
                        .schemas(Map.of(id, document))
                        .schemaLoader(loader -> loader.fetchRemoteResources(false)));
        return registry.getSchema(SchemaLocation.of(id));
    }
}
