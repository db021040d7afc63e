package dev.asynccommerce.events;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

/**
 * Writes {@code docs/events.md} from the schemas and examples: everything in it comes from the
 * schema files ({@code description}s included) and {@link EventType}, so it cannot drift from them.
 */
final class EventCatalog {
    static final String REGENERATE =
            "mvn -o -pl events-schema test -Dtest=EventCatalogTest -Devents.catalog.write=true";

    private final SchemaDocuments schemas = new SchemaDocuments();
    private final StringBuilder out = new StringBuilder();

    private EventCatalog() {}

    static String markdown() {
        return new EventCatalog().render();
    }

    private String render() {
        line("# Event catalog");
        line();
        line("<!-- Generated from events-schema/src/main/resources/schemas and examples by EventCatalogTest;");
        line("     do not edit. Change the schemas, then run: " + REGENERATE + " -->");
        line();
        line("Every commerce event goes to EventBridge with `source` = `commerce.<context>`, `detail-type` = the"
                + " event name and `detail` = `{\"metadata\": {...}, \"data\": {...}}`. The JSON Schemas (draft"
                + " 2020-12) in `events-schema` are the contract; the Java records in `dev.asynccommerce.events`"
                + " are written to match them, and `EventJson` checks every event against its schema when it is"
                + " written and when it is read. Unknown fields are refused everywhere in `detail`.");
        line();
        line("| event | source | version | what happened |");
        line("|---|---|---|---|");
        for (EventType type : EventType.values()) {
            line("| [" + type.detailType() + "](#" + type.detailType().toLowerCase() + ") | `" + type.source() + "` | "
                    + type.schemaVersion() + " | "
                    + cell(firstSentence(schemas.event(type).get("description").asText()))
                    + " |");
        }
        line();
        envelope();
        String source = null;
        for (EventType type : EventType.values()) {
            if (!type.source().equals(source)) {
                source = type.source();
                line("## `" + source + "`");
                line();
            }
            event(type);
        }
        return out.toString();
    }

    private void envelope() {
        JsonNode envelope = schemas.document("envelope.schema.json");
        line("## Envelope: `detail.metadata`");
        line();
        line(envelope.get("description").asText() + " Schema: `schemas/envelope.schema.json`;"
                + " the whole EventBridge event a target receives: `schemas/eventbridge-event.schema.json`.");
        line();
        SchemaDocuments.Node metadata = new SchemaDocuments.Node(
                envelope.at("/$defs/metadata"),
                java.net.URI.create(envelope.get("$id").asText()));
        table(metadata);
    }

    private void event(EventType type) {
        JsonNode schema = schemas.event(type);
        line("### " + type.detailType());
        line();
        line(schema.get("description").asText());
        line();
        line("- source: `" + type.source() + "`");
        line("- detail-type: `" + type.detailType() + "`");
        line("- schema version: " + type.schemaVersion() + " (`" + type.schemaResource() + "`)");
        line("- record: `" + type.dataType().getName() + "`");
        line();
        table(schemas.child(schemas.root(type), "properties", "data"));
        Examples.Example example = Examples.first(type);
        line("Example (`examples/" + Examples.folderName(type) + "/" + example.name() + ".json`):");
        line();
        line("```json");
        line(example.json().strip());
        line("```");
        line();
    }

    private void table(SchemaDocuments.Node object) {
        line("| field | type | constraints | description |");
        line("|---|---|---|---|");
        rows(object, "");
        line();
    }

    private void rows(SchemaDocuments.Node object, String prefix) {
        SchemaDocuments.Node resolved = schemas.resolve(object);
        for (Map.Entry<String, JsonNode> property : resolved.get("properties").properties()) {
            SchemaDocuments.Node field = schemas.resolve(schemas.child(resolved, "properties", property.getKey()));
            String name = prefix + property.getKey();
            line("| `" + name + "` | " + type(field) + " | " + cell(constraints(field)) + " | "
                    + cell(
                            field.get("description") == null
                                    ? ""
                                    : field.get("description").asText()) + " |");
            if ("array".equals(text(field, "type"))) {
                SchemaDocuments.Node items = schemas.resolve(schemas.child(field, "items"));
                if ("object".equals(text(items, "type"))) {
                    rows(items, name + "[].");
                }
            }
        }
    }

    private String type(SchemaDocuments.Node field) {
        String type = text(field, "type");
        if (type == null) {
            return field.get("enum") != null || field.get("const") != null ? "string" : "any";
        }
        if (type.equals("array")) {
            String items = text(schemas.resolve(schemas.child(field, "items")), "type");
            return "array of " + (items == null ? "string" : items);
        }
        return type;
    }

    private static String constraints(SchemaDocuments.Node field) {
        List<String> parts = new ArrayList<>();
        if (field.get("enum") != null) {
            List<String> values = new ArrayList<>();
            field.get("enum").forEach(value -> values.add("`" + value.asText() + "`"));
            parts.add("one of " + String.join(", ", values));
        }
        if (field.get("const") != null) {
            parts.add("exactly `" + field.get("const").asText() + "`");
        }
        if (field.get("format") != null) {
            parts.add("format `" + field.get("format").asText() + "`");
        }
        if (field.get("pattern") != null) {
            parts.add("pattern `" + field.get("pattern").asText() + "`");
        }
        range(parts, field, "minLength", "maxLength", " characters");
        range(parts, field, "minimum", "maximum", "");
        range(parts, field, "minItems", "maxItems", " items");
        if (field.get("not") != null) {
            JsonNode not = field.get("not");
            parts.add("not " + (not.has("description") ? not.get("description").asText() : not.toString()));
        }
        return String.join("; ", parts);
    }

    private static void range(List<String> parts, SchemaDocuments.Node field, String min, String max, String unit) {
        JsonNode low = field.get(min);
        JsonNode high = field.get(max);
        if (low != null && high != null) {
            parts.add(low.asText() + ".." + high.asText() + unit);
        } else if (low != null) {
            parts.add("at least " + low.asText() + unit);
        } else if (high != null) {
            parts.add("at most " + high.asText() + unit);
        }
    }

    private static String text(SchemaDocuments.Node node, String keyword) {
        return node.get(keyword) == null ? null : node.get(keyword).asText();
    }

    private static String firstSentence(String text) {
        int end = text.indexOf(". ");
        return end < 0 ? text : text.substring(0, end + 1);
    }

    /** Table cells cannot hold a raw pipe or line break. */
    private static String cell(String text) {
        return text.replace("|", "\\|").replace("\n", " ");
    }

    private void line(String text) {
        out.append(text).append('\n');
    }

    private void line() {
        out.append('\n');
    }

    static List<String> eventNames() {
        return Arrays.stream(EventType.values()).map(EventType::detailType).toList();
    }
}
