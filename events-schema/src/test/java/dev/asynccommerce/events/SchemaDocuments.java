package dev.asynccommerce.events;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.net.URI;
import java.util.HashMap;
import java.util.Map;

/**
 * The schema files as plain JSON, with a {@code $ref} resolver good enough to read them: the tests
 * look at what the schemas say (names, types, bounds, descriptions) rather than validate with them.
 */
final class SchemaDocuments {
    private final Map<URI, JsonNode> byId = new HashMap<>();

    SchemaDocuments() {
        for (String file :
                new String[] {"common.schema.json", "envelope.schema.json", "eventbridge-event.schema.json"}) {
            add("schemas/" + file);
        }
        for (EventType type : EventType.values()) {
            add(type.schemaResource());
        }
    }

    JsonNode event(EventType type) {
        return byId.get(
                URI.create(EventValidator.ID_BASE + type.schemaResource().substring("schemas/".length())));
    }

    JsonNode document(String file) {
        return byId.get(URI.create(EventValidator.ID_BASE + file));
    }

    /** A located schema node: the node and the id of the document it is in, against which refs resolve. */
    record Node(JsonNode schema, URI base) {
        JsonNode get(String keyword) {
            return schema.get(keyword);
        }
    }

    Node root(EventType type) {
        return new Node(event(type), URI.create(event(type).get("$id").asText()));
    }

    Node child(Node parent, String... path) {
        JsonNode node = parent.schema();
        for (String step : path) {
            node = node.get(step);
        }
        return new Node(node, parent.base());
    }

    /**
     * The node with its {@code $ref} chain followed and the keywords along the way merged, the
     * referring node's own keywords winning (they only narrow or describe in these schemas).
     */
    Node resolve(Node node) {
        if (!node.schema().has("$ref")) {
            return node;
        }
        URI target = node.base().resolve(node.schema().get("$ref").asText());
        URI documentId = URI.create(target.getScheme() + ":" + target.getSchemeSpecificPart());
        JsonNode document = byId.get(documentId);
        if (document == null) {
            throw new IllegalStateException("no schema document " + documentId);
        }
        JsonNode referenced = target.getFragment() == null ? document : document.at(target.getFragment());
        Node resolved = resolve(new Node(referenced, documentId));
        ObjectNode merged = ((ObjectNode) resolved.schema()).deepCopy();
        node.schema().properties().forEach(field -> {
            if (!field.getKey().equals("$ref")) {
                merged.set(field.getKey(), field.getValue());
            }
        });
        return new Node(merged, resolved.base());
    }

    private void add(String resource) {
        JsonNode document = Examples.tree(EventValidator.resource(resource));
        byId.put(URI.create(document.get("$id").asText()), document);
    }
}
