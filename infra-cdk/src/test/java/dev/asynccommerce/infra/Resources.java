package dev.asynccommerce.infra;

import java.util.List;
import java.util.Map;

/** Reads the synthesized template as plain maps, for assertions AssertJ can explain. */
final class Resources {
    private Resources() {}

    @SuppressWarnings("unchecked")
    static Map<String, Map<String, Object>> ofType(String type) {
        return (Map<String, Map<String, Object>>) (Map<?, ?>) SynthesizedStack.TEMPLATE.findResources(type);
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> props(Map<String, Object> resource) {
        return (Map<String, Object>) resource.getOrDefault("Properties", Map.of());
    }

    @SuppressWarnings("unchecked")
    static Map<String, Object> map(Object value) {
        return (Map<String, Object>) value;
    }

    @SuppressWarnings("unchecked")
    static List<Object> list(Object value) {
        return (List<Object>) value;
    }

    /** The logical id of the one resource of {@code type} whose id starts with {@code prefix}. */
    static String logicalId(String type, String prefix) {
        List<String> ids = ofType(type).keySet().stream()
                .filter(id -> id.startsWith(prefix))
                .toList();
        if (ids.size() != 1) {
            throw new AssertionError("expected one " + type + " starting with " + prefix + ", found " + ids);
        }
        return ids.getFirst();
    }

    /** A CloudFormation {"Ref": id} or {"Fn::GetAtt": [id, ...]} names {@code id}. */
    static boolean refersTo(Object value, String logicalId) {
        return String.valueOf(value).contains(logicalId);
    }
}
