package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.jayway.jsonpath.Configuration;
import com.jayway.jsonpath.InvalidPathException;
import com.jayway.jsonpath.JsonPath;
import com.jayway.jsonpath.Option;
import com.jayway.jsonpath.PathNotFoundException;
import com.jayway.jsonpath.spi.json.JacksonJsonNodeJsonProvider;
import com.jayway.jsonpath.spi.mapper.JacksonMappingProvider;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;

/**
 * JSONPath as the States Language uses it. Reference paths ({@code $.a.b[0]}, {@code $['a']}) are
 * walked directly, which is both faster and exact about "not found"; anything richer (wildcards,
 * filters, slices, deep scan) goes to Jayway JsonPath, which is what AWS documents its syntax by.
 */
public final class JsonPaths {
    private static final Configuration JAYWAY = Configuration.builder()
            .jsonProvider(new JacksonJsonNodeJsonProvider(Json.MAPPER))
            .mappingProvider(new JacksonMappingProvider(Json.MAPPER))
            .options(EnumSet.noneOf(Option.class))
            .build();
    private static final Map<String, Optional<List<Object>>> REFERENCE_CACHE = new ConcurrentHashMap<>();
    private static final Map<String, JsonPath> COMPILED = new ConcurrentHashMap<>();

    private JsonPaths() {}

    /** Whether {@code path} is a syntactically valid path (reference or full JSONPath). */
    public static boolean isValid(String path) {
        if (path == null || !path.startsWith("$")) {
            return false;
        }
        if (reference(path).isPresent()) {
            return true;
        }
        try {
            compile(path);
            return true;
        } catch (InvalidPathException | IllegalArgumentException e) {
            return false;
        }
    }

    /** Whether {@code path} is a reference path: it can name only one node (ResultPath's rule). */
    public static boolean isReferencePath(String path) {
        return path != null && reference(path).isPresent();
    }

    /**
     * Reads {@code path} from {@code root}; empty when nothing is there. An indefinite path answers
     * the array of matches (possibly empty), as AWS does.
     */
    public static Optional<JsonNode> read(JsonNode root, String path) {
        Optional<List<Object>> steps = reference(path);
        if (steps.isPresent()) {
            JsonNode node = root;
            for (Object step : steps.get()) {
                if (step instanceof String field) {
                    if (node == null || !node.isObject() || !node.has(field)) {
                        return Optional.empty();
                    }
                    node = node.get(field);
                } else {
                    int index = (Integer) step;
                    if (node == null || !node.isArray() || index >= node.size()) {
                        return Optional.empty();
                    }
                    node = node.get(index);
                }
            }
            return Optional.of(node);
        }
        try {
            Object result = compile(path).read(root, JAYWAY);
            return Optional.of(result instanceof JsonNode node ? node : Json.toNode(result));
        } catch (PathNotFoundException e) {
            return Optional.empty();
        } catch (InvalidPathException e) {
            throw StatesError.runtime("Invalid path '" + path + "' : " + e.getMessage());
        }
    }

    /**
     * Why {@code path} matches nothing in {@code root}, in the words of Jayway JsonPath that AWS
     * prints after "Invalid path '...' : " (recorded: "No results for path: $['NoSuchInputPath']"
     * for a missing leaf, "Missing property in path $['no']" for a missing intermediate property).
     */
    public static String notFound(JsonNode root, String path) {
        Optional<List<Object>> steps = reference(path);
        if (steps.isEmpty()) {
            try {
                compile(path).read(root, JAYWAY);
                return "No results for path: " + path;
            } catch (InvalidPathException e) {
                return e.getMessage();
            }
        }
        StringBuilder normalised = new StringBuilder("$");
        JsonNode node = root;
        List<Object> list = steps.get();
        for (int i = 0; i < list.size(); i++) {
            Object step = list.get(i);
            normalised.append(step instanceof String field ? "['" + field + "']" : "[" + step + "]");
            JsonNode next = step instanceof String field
                    ? (node != null && node.isObject() ? node.get(field) : null)
                    : (node != null && node.isArray() ? node.get((Integer) step) : null);
            if (next == null) {
                if (i == list.size() - 1) {
                    StringBuilder full = new StringBuilder("$");
                    list.forEach(s -> full.append(s instanceof String f ? "['" + f + "']" : "[" + s + "]"));
                    return "No results for path: " + full;
                }
                return "Missing property in path " + normalised;
            }
            node = next;
        }
        return "No results for path: " + normalised;
    }

    /**
     * Places {@code value} at reference path {@code path} inside a copy of {@code root}, creating
     * missing objects on the way, as ResultPath does. Throws a States.Runtime error when the path
     * crosses a value that is not an object.
     */
    public static JsonNode write(JsonNode root, String path, JsonNode value) {
        List<Object> steps =
                reference(path).orElseThrow(() -> StatesError.runtime("Invalid ResultPath '" + path + "'"));
        if (steps.isEmpty()) {
            return value;
        }
        if (!root.isObject() && !(root.isArray() && steps.getFirst() instanceof Integer)) {
            throw resultPathFailure(path, root);
        }
        JsonNode copy = root.deepCopy();
        JsonNode node = copy;
        for (int i = 0; i < steps.size(); i++) {
            Object step = steps.get(i);
            boolean last = i == steps.size() - 1;
            if (step instanceof String field && node instanceof ObjectNode object) {
                if (last) {
                    object.set(field, value);
                } else {
                    JsonNode child = object.get(field);
                    if (child == null || child.isNull()) {
                        child = object.putObject(field);
                    } else if (!child.isContainerNode()) {
                        throw resultPathFailure(path, root);
                    }
                    node = child;
                }
            } else if (step instanceof Integer index && node instanceof ArrayNode array && index < array.size()) {
                if (last) {
                    array.set(index, value);
                } else {
                    node = array.get(index);
                }
            } else {
                throw resultPathFailure(path, root);
            }
        }
        return copy;
    }

    private static StatesError resultPathFailure(String path, JsonNode input) {
        return StatesError.runtime("Unable to apply ReferencePath " + path + " to input " + Json.write(input));
    }

    private static JsonPath compile(String path) {
        return COMPILED.computeIfAbsent(path, JsonPath::compile);
    }

    /** The steps of a reference path (String field names, Integer indexes), or empty if not one. */
    static Optional<List<Object>> reference(String path) {
        return REFERENCE_CACHE.computeIfAbsent(path, JsonPaths::parseReference);
    }

    private static Optional<List<Object>> parseReference(String path) {
        if (!path.startsWith("$")) {
            return Optional.empty();
        }
        List<Object> steps = new ArrayList<>();
        int i = 1;
        int n = path.length();
        while (i < n) {
            char c = path.charAt(i);
            if (c == '.') {
                int start = ++i;
                while (i < n && path.charAt(i) != '.' && path.charAt(i) != '[') {
                    char ch = path.charAt(i);
                    if (ch == '*' || ch == '@' || ch == '(' || ch == ')' || ch == '?' || ch == ',' || ch == ' ') {
                        return Optional.empty();
                    }
                    i++;
                }
                if (i == start) {
                    return Optional.empty();
                }
                steps.add(path.substring(start, i));
            } else if (c == '[') {
                int close = path.indexOf(']', i);
                if (close < 0) {
                    return Optional.empty();
                }
                String inner = path.substring(i + 1, close).trim();
                if (inner.length() >= 2
                        && (inner.startsWith("'") && inner.endsWith("'")
                                || inner.startsWith("\"") && inner.endsWith("\""))) {
                    String name = inner.substring(1, inner.length() - 1);
                    if (name.contains("'") || name.contains("\"")) {
                        return Optional.empty();
                    }
                    steps.add(name);
                } else if (!inner.isEmpty() && inner.chars().allMatch(Character::isDigit)) {
                    steps.add(Integer.parseInt(inner));
                } else {
                    return Optional.empty();
                }
                i = close + 1;
            } else {
                return Optional.empty();
            }
        }
        return Optional.of(List.copyOf(steps));
    }
}
