package dev.asynccommerce.events;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.lang.reflect.ParameterizedType;
import java.lang.reflect.RecordComponent;
import java.lang.reflect.Type;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Collectors;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;

/**
 * The schemas, the records, {@link EventType} and the examples agree, for every event type. These
 * tests are the contract's guard: a change to one side that the other does not follow fails here.
 */
class EventContractTest {
    private static final SchemaDocuments SCHEMAS = new SchemaDocuments();
    private static final EventValidator VALIDATOR = EventValidator.instance();

    @Test
    void everyEventTypeHasOneSchemaFileAndOneExampleFolderAndNothingElseDoes() {
        Set<String> schemaFiles = new TreeSet<>(Examples.names(Examples.classpathDirectory("schemas/events")));
        Set<String> expectedSchemaFiles = Arrays.stream(EventType.values())
                .map(type -> type.schemaResource().substring("schemas/events/".length()))
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(schemaFiles).isEqualTo(expectedSchemaFiles);

        Set<String> exampleFolders = new TreeSet<>(Examples.names(Examples.classpathDirectory("examples")));
        Set<String> expectedFolders = Arrays.stream(EventType.values())
                .map(Examples::folderName)
                .collect(Collectors.toCollection(TreeSet::new));
        assertThat(exampleFolders).isEqualTo(expectedFolders);
    }

    @Test
    void everyPermittedEventDataRecordHasExactlyOneEventType() {
        List<Class<?>> permitted = Arrays.asList(EventData.class.getPermittedSubclasses());
        List<Class<?>> typed = Arrays.stream(EventType.values())
                .<Class<?>>map(EventType::dataType)
                .toList();
        assertThat(typed).doesNotHaveDuplicates().containsExactlyInAnyOrderElementsOf(permitted);
    }

    @Test
    void detailTypesAreUniqueWithinAVersionAndSourcesAreOurs() {
        Set<String> seen = new HashSet<>();
        for (EventType type : EventType.values()) {
            assertThat(seen.add(type.detailType() + "@" + type.schemaVersion()))
                    .as("%s is declared twice", type)
                    .isTrue();
            assertThat(type.source()).isIn(EventSources.all());
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void schemaPinsTheEventTypeAndVersionAndIsNamedByItsPath(EventType type) {
        JsonNode schema = SCHEMAS.event(type);
        JsonNode metadata = schema.at("/properties/metadata/properties");
        assertThat(metadata.at("/eventType/const").asText()).isEqualTo(type.detailType());
        assertThat(metadata.at("/schemaVersion/const").intValue()).isEqualTo(type.schemaVersion());
        assertThat(schema.get("$id").asText())
                .isEqualTo(EventValidator.ID_BASE + type.schemaResource().substring("schemas/".length()));
        assertThat(schema.get("$schema").asText()).isEqualTo("https://json-schema.org/draft/2020-12/schema");
        assertThat(schema.at("/allOf/0/$ref").asText()).isEqualTo("../envelope.schema.json");
        assertThat(schema.get("description").asText()).isNotBlank();
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyValidExampleValidatesAsADetailAndInsideAnEventBridgeEvent(EventType type) {
        List<Examples.Example> valid = Examples.valid(type);
        assertThat(valid).isNotEmpty();
        for (Examples.Example example : valid) {
            assertThat(VALIDATOR.validate(type.detailType(), example.json()))
                    .as(example.name())
                    .isEmpty();
            assertThat(VALIDATOR.validateEvent(Examples.eventBridgeEvent(type, example.json())))
                    .as(example.name())
                    .isEmpty();
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void everyInvalidExampleFailsOnTheFieldItsNameGives(EventType type) {
        List<Examples.Example> invalid = Examples.invalid(type);
        assertThat(invalid).hasSizeGreaterThanOrEqualTo(2);
        for (Examples.Example example : invalid) {
            List<String> problems = VALIDATOR.validate(type.detailType(), example.json());
            assertThat(problems).as(example.name()).isNotEmpty();
            for (String problem : problems) {
                assertThat(pathSteps(problem))
                        .as(example.name() + ": " + problem)
                        .contains(example.brokenField());
            }
            assertThatThrownBy(() -> EventJson.read(type.detailType(), example.json()))
                    .as(example.name())
                    .isInstanceOfSatisfying(
                            InvalidEventException.class,
                            e -> assertThat(e.problems()).isEqualTo(problems));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void problemsNeverQuoteTheValuesOfTheEvent(EventType type) {
        String schemaText = SCHEMAS.event(type).toString()
                + SCHEMAS.document("common.schema.json")
                + SCHEMAS.document("envelope.schema.json");
        for (Examples.Example example : Examples.invalid(type)) {
            List<String> problems = VALIDATOR.validate(type.detailType(), example.json());
            List<String> values = new ArrayList<>();
            stringValues(example.tree(), values);
            for (String value : values) {
                if (value.length() >= 3 && !schemaText.contains(value)) {
                    assertThat(String.join("\n", problems)).as(example.name()).doesNotContain(value);
                }
            }
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void examplesRoundTripToAnEqualRecordAndAnEqualJsonTree(EventType type) {
        for (Examples.Example example : Examples.valid(type)) {
            EventDetail<? extends EventData> read = EventJson.read(type.detailType(), example.json());
            assertThat(read.data()).isInstanceOf(type.dataType());
            assertThat(read.type()).isEqualTo(type);

            String written = EventJson.write(read);
            assertThat(Examples.tree(written)).as(example.name()).isEqualTo(example.tree());
            assertThat(EventJson.read(type.detailType(), written)).isEqualTo(read);
            assertThat(EventJson.readEventBridgeEvent(Examples.eventBridgeEvent(type, example.json())))
                    .isEqualTo(read);
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void unknownFieldsAreRefusedByTheSchemaAndByTheMapperOnItsOwn(EventType type) {
        JsonNode valid = Examples.first(type).tree();
        for (String where : List.of("", "/metadata", "/data")) {
            ObjectNode detail = valid.deepCopy();
            ((ObjectNode) detail.at(where)).put("unexpected", true);
            String path = "$" + where.replace('/', '.') + ".unexpected";

            assertThat(VALIDATOR.validate(type.detailType(), detail.toString()))
                    .containsExactly(path + ": is not a known property");
            assertThatThrownBy(() -> EventJson.map(type, detail))
                    .isInstanceOfSatisfying(
                            InvalidEventException.class,
                            e -> assertThat(e.problems()).containsExactly(path + ": is not a known property"));
        }
    }

    @ParameterizedTest
    @EnumSource(EventType.class)
    void recordComponentsAndSchemaPropertiesAgreeInNameOrderAndType(EventType type) {
        SchemaDocuments.Node data = SCHEMAS.child(SCHEMAS.root(type), "properties", "data");
        assertAgree(type.dataType(), data, type.detailType() + ".data");
    }

    @Test
    void metadataRecordAndEnvelopeAgree() {
        JsonNode envelope = SCHEMAS.document("envelope.schema.json");
        SchemaDocuments.Node metadata = new SchemaDocuments.Node(
                envelope.at("/$defs/metadata"),
                java.net.URI.create(envelope.get("$id").asText()));
        assertAgree(EventMetadata.class, metadata, "metadata");
    }

    /**
     * A record and an object schema agree when the schema lists exactly the components, in order,
     * all required, no others allowed, each of a JSON type the component's Java type holds exactly
     * (integers bounded to the Java type's range; instants as UTC date-times; lists as arrays of
     * agreeing items).
     */
    private static void assertAgree(Class<?> record, SchemaDocuments.Node object, String where) {
        SchemaDocuments.Node schema = SCHEMAS.resolve(object);
        List<String> components = Arrays.stream(record.getRecordComponents())
                .map(RecordComponent::getName)
                .toList();
        List<String> properties = new ArrayList<>();
        schema.get("properties").fieldNames().forEachRemaining(properties::add);
        List<String> required = new ArrayList<>();
        schema.get("required").forEach(name -> required.add(name.asText()));

        assertThat(properties).as(where + " properties").containsExactlyElementsOf(components);
        assertThat(required).as(where + " required").containsExactlyElementsOf(components);
        assertThat(schema.get("additionalProperties").asBoolean(true))
                .as(where + " additionalProperties")
                .isFalse();
        assertThat(schema.get("type").asText()).as(where + " type").isEqualTo("object");

        for (RecordComponent component : record.getRecordComponents()) {
            SchemaDocuments.Node property = SCHEMAS.child(schema, "properties", component.getName());
            assertTypeAgrees(component.getGenericType(), property, where + "." + component.getName());
        }
    }

    private static void assertTypeAgrees(Type javaType, SchemaDocuments.Node property, String where) {
        SchemaDocuments.Node schema = SCHEMAS.resolve(property);
        assertThat(schema.get("description")).as(where + " description").isNotNull();
        if (javaType == String.class) {
            assertThat(jsonType(schema)).as(where).isEqualTo("string");
            assertThat(schema.get("format")).as(where + " is a plain string").isNull();
        } else if (javaType == Instant.class) {
            assertThat(jsonType(schema)).as(where).isEqualTo("string");
            assertThat(schema.get("format").asText()).as(where).isEqualTo("date-time");
            assertThat(schema.get("pattern").asText()).as(where).endsWith("Z$");
        } else if (javaType == int.class || javaType == long.class) {
            assertThat(jsonType(schema)).as(where).isEqualTo("integer");
            long floor = javaType == int.class ? Integer.MIN_VALUE : Long.MIN_VALUE;
            long ceiling = javaType == int.class ? Integer.MAX_VALUE : Long.MAX_VALUE;
            assertThat(schema.get("minimum")).as(where + " minimum").isNotNull();
            assertThat(schema.get("maximum")).as(where + " maximum").isNotNull();
            assertThat(schema.get("minimum").longValue()).as(where).isBetween(floor, ceiling);
            assertThat(schema.get("maximum").longValue()).as(where).isBetween(floor, ceiling);
        } else if (javaType instanceof ParameterizedType list && list.getRawType() == List.class) {
            assertThat(jsonType(schema)).as(where).isEqualTo("array");
            assertThat(schema.get("minItems")).as(where + " minItems").isNotNull();
            assertThat(schema.get("maxItems")).as(where + " maxItems").isNotNull();
            Type item = list.getActualTypeArguments()[0];
            assertThat(item).as(where + " items").isInstanceOf(Class.class);
            assertAgree((Class<?>) item, SCHEMAS.child(schema, "items"), where + "[]");
        } else {
            throw new AssertionError(where + ": no rule for Java type " + javaType);
        }
    }

    /** The JSON type a schema admits: its {@code type}, or the type every {@code enum} value has. */
    private static String jsonType(SchemaDocuments.Node schema) {
        if (schema.get("type") != null) {
            return schema.get("type").asText();
        }
        JsonNode values = schema.get("enum");
        assertThat(values).as("a schema with neither type nor enum").isNotNull();
        values.forEach(value -> assertThat(value.isTextual()).isTrue());
        return "string";
    }

    private static List<String> pathSteps(String problem) {
        String path = problem.substring(0, problem.indexOf(": "));
        return Arrays.stream(path.split("[.\\[\\]']+"))
                .filter(step -> !step.isEmpty())
                .toList();
    }

    private static void stringValues(JsonNode node, List<String> into) {
        if (node.isTextual()) {
            into.add(node.asText());
        } else if (node.isNumber()) {
            into.add(node.asText());
        }
        node.forEach(child -> stringValues(child, into));
    }
}
