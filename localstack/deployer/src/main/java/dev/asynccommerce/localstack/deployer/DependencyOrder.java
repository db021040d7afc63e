package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.ArrayList;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The order to create resources in: every resource after what it references (Ref, Fn::GetAtt,
 * Fn::Sub variables) and what it DependsOn, template order otherwise. A cycle stops the deployment.
 */
public final class DependencyOrder {
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}!][^}.]*)(?:\\.[^}]*)?}");

    private DependencyOrder() {}

    public static List<ResourceDefinition> of(Template template) {
        Map<String, Set<String>> needs = new LinkedHashMap<>();
        for (ResourceDefinition resource : template.resources().values()) {
            Set<String> refs = new LinkedHashSet<>(resource.dependsOn());
            collect(resource.properties(), template, refs);
            refs.remove(resource.logicalId());
            for (String dependency : resource.dependsOn()) {
                if (!template.resources().containsKey(dependency)) {
                    throw DeploymentException.at(
                            resource.logicalId(), "DependsOn " + dependency + ", which the template does not define");
                }
            }
            needs.put(resource.logicalId(), refs);
        }
        List<ResourceDefinition> ordered = new ArrayList<>();
        Set<String> done = new LinkedHashSet<>();
        Set<String> visiting = new LinkedHashSet<>();
        for (String id : needs.keySet()) {
            visit(id, needs, template, done, visiting, ordered);
        }
        return ordered;
    }

    /** The logical ids of resources {@code value} refers to. */
    public static Set<String> references(JsonNode value, Template template) {
        Set<String> refs = new LinkedHashSet<>();
        collect(value, template, refs);
        return refs;
    }

    private static void visit(
            String id,
            Map<String, Set<String>> needs,
            Template template,
            Set<String> done,
            Set<String> visiting,
            List<ResourceDefinition> ordered) {
        if (done.contains(id)) {
            return;
        }
        if (!visiting.add(id)) {
            throw DeploymentException.at(
                    id, "is part of a dependency cycle: " + String.join(" → ", visiting) + " → " + id);
        }
        for (String dependency : needs.get(id)) {
            visit(dependency, needs, template, done, visiting, ordered);
        }
        visiting.remove(id);
        done.add(id);
        ordered.add(template.resources().get(id));
    }

    private static void collect(JsonNode value, Template template, Set<String> refs) {
        if (value.isArray()) {
            value.forEach(v -> collect(v, template, refs));
            return;
        }
        if (!value.isObject()) {
            return;
        }
        if (value.size() == 1) {
            String key = value.fieldNames().next();
            JsonNode args = value.get(key);
            switch (key) {
                case "Ref" -> addIfResource(args.asText(), template, refs);
                case "Fn::GetAtt" ->
                    addIfResource(
                            args.isTextual()
                                    ? args.asText().split("\\.", 2)[0]
                                    : args.path(0).asText(),
                            template,
                            refs);
                case "Fn::Sub" -> {
                    String format =
                            args.isTextual() ? args.asText() : args.path(0).asText();
                    Matcher m = SUB_VARIABLE.matcher(format);
                    while (m.find()) {
                        addIfResource(m.group(1), template, refs);
                    }
                    if (args.isArray()) {
                        collect(args.path(1), template, refs);
                    }
                }
                default -> collect(args, template, refs);
            }
            return;
        }
        for (Iterator<JsonNode> it = value.elements(); it.hasNext(); ) {
            collect(it.next(), template, refs);
        }
    }

    private static void addIfResource(String name, Template template, Set<String> refs) {
        if (template.resources().containsKey(name)) {
            refs.add(name);
        }
    }
}
