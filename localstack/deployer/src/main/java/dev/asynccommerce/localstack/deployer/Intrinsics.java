package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.node.TextNode;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.Iterator;
import java.util.Map;
import java.util.function.Function;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Resolves CloudFormation intrinsic functions as CloudFormation does: Ref (resources, parameters,
 * pseudo parameters), Fn::GetAtt, Fn::Join, Fn::Sub (both forms, {@code ${!Literal}}), Fn::Select,
 * Fn::Split, Fn::If with AWS::NoValue, Fn::GetAZs, Fn::Base64, Fn::FindInMap, and the condition
 * functions. Anything else (Fn::ImportValue, Fn::Transform, ...) stops the deployment naming the
 * resource, since a local stack cannot honour it.
 */
public final class Intrinsics {
    private static final JsonNodeFactory NODES = JsonNodeFactory.instance;
    private static final Pattern SUB_VARIABLE = Pattern.compile("\\$\\{([^}]*)}");

    /** Stands in for {@code {"Ref": "AWS::NoValue"}} until the enclosing object or list drops it. */
    static final JsonNode NO_VALUE = new TextNode("\u0000AWS::NoValue");

    private final Template template;
    private final StackEnvironment environment;
    private final Function<String, Provisioned> deployed;
    private final Conditions conditions;

    /**
     * @param deployed what a logical id has become, or null while it is not deployed
     */
    public Intrinsics(Template template, StackEnvironment environment, Function<String, Provisioned> deployed) {
        this.template = template;
        this.environment = environment;
        this.deployed = deployed;
        this.conditions = new Conditions(template, this);
    }

    public Conditions conditions() {
        return conditions;
    }

    /** {@code value} with every intrinsic resolved; {@code where} names the resource or output for errors. */
    public JsonNode resolve(JsonNode value, String where) {
        JsonNode resolved = resolveNode(value, where);
        return resolved == NO_VALUE ? NODES.nullNode() : resolved;
    }

    private JsonNode resolveNode(JsonNode value, String where) {
        if (value.isArray()) {
            ArrayNode out = NODES.arrayNode();
            for (JsonNode element : value) {
                JsonNode resolved = resolveNode(element, where);
                if (resolved != NO_VALUE) {
                    out.add(resolved);
                }
            }
            return out;
        }
        if (!value.isObject()) {
            return value;
        }
        if (value.size() == 1) {
            String key = value.fieldNames().next();
            if (key.equals("Ref") || key.startsWith("Fn::") || key.equals("Condition")) {
                return function(key, value.get(key), where);
            }
        }
        ObjectNode out = NODES.objectNode();
        for (Iterator<Map.Entry<String, JsonNode>> it = value.fields(); it.hasNext(); ) {
            Map.Entry<String, JsonNode> e = it.next();
            JsonNode resolved = resolveNode(e.getValue(), where);
            if (resolved != NO_VALUE) {
                out.set(e.getKey(), resolved);
            }
        }
        return out;
    }

    private JsonNode function(String name, JsonNode args, String where) {
        return switch (name) {
            case "Ref" -> ref(args.asText(), where);
            case "Fn::GetAtt" -> getAtt(args, where);
            case "Fn::Join" -> join(args, where);
            case "Fn::Sub" -> sub(args, where);
            case "Fn::Select" -> select(args, where);
            case "Fn::Split" -> split(args, where);
            case "Fn::If" -> conditional(args, where);
            case "Fn::GetAZs" -> azs(args, where);
            case "Fn::Base64" ->
                new TextNode(Base64.getEncoder()
                        .encodeToString(
                                text(resolveNode(args, where), where, name).getBytes(StandardCharsets.UTF_8)));
            case "Fn::FindInMap" -> findInMap(args, where);
            case "Fn::Equals", "Fn::And", "Fn::Or", "Fn::Not", "Condition" ->
                NODES.booleanNode(conditions.evaluate(NODES.objectNode().set(name, args), where));
            default -> throw DeploymentException.at(where, name + " is not supported by the local stack");
        };
    }

    JsonNode ref(String name, String where) {
        String pseudo = switch (name) {
            case "AWS::Region" -> environment.region();
            case "AWS::AccountId" -> environment.accountId();
            case "AWS::Partition" -> environment.partition();
            case "AWS::URLSuffix" -> environment.urlSuffix();
            case "AWS::StackName" -> environment.stackName();
            case "AWS::StackId" -> environment.stackId();
            case "AWS::NotificationARNs" -> "";
            default -> null;
        };
        if (name.equals("AWS::NoValue")) {
            return NO_VALUE;
        }
        if (pseudo != null) {
            return name.equals("AWS::NotificationARNs") ? NODES.arrayNode() : new TextNode(pseudo);
        }
        if (template.parameters().containsKey(name)) {
            return new TextNode(parameter(name, where));
        }
        if (template.resources().containsKey(name)) {
            return new TextNode(resource(name, where).physicalId());
        }
        throw DeploymentException.at(where, "Ref to " + name + ", which the template does not define");
    }

    private String parameter(String name, String where) {
        String given = environment.parameterValues().get(name);
        if (given != null) {
            return given;
        }
        JsonNode declared = template.parameters().get(name);
        if (declared.has("Default") && !declared.path("Type").asText().startsWith("AWS::SSM::Parameter")) {
            return declared.get("Default").asText();
        }
        throw DeploymentException.at(
                where, "parameter " + name + " has no value (give it one; SSM-typed defaults are not read locally)");
    }

    private Provisioned resource(String logicalId, String where) {
        Provisioned resource = deployed.apply(logicalId);
        if (resource == null) {
            throw DeploymentException.at(
                    where, "refers to " + logicalId + ", which is not deployed (a condition excluded it?)");
        }
        return resource;
    }

    private JsonNode getAtt(JsonNode args, String where) {
        String logicalId;
        String attribute;
        if (args.isTextual()) {
            int dot = args.asText().indexOf('.');
            logicalId = args.asText().substring(0, Math.max(dot, 0));
            attribute = args.asText().substring(dot + 1);
        } else {
            logicalId = args.path(0).asText();
            attribute = text(resolveNode(args.path(1), where), where, "Fn::GetAtt");
        }
        return new TextNode(attribute(logicalId, attribute, where));
    }

    String attribute(String logicalId, String attribute, String where) {
        if (!template.resources().containsKey(logicalId)) {
            throw DeploymentException.at(where, "Fn::GetAtt on " + logicalId + ", which the template does not define");
        }
        String value = resource(logicalId, where).attributes().get(attribute);
        if (value == null) {
            throw DeploymentException.at(
                    where,
                    "Fn::GetAtt " + logicalId + "." + attribute + ": the local stack provides no such attribute for "
                            + template.resources().get(logicalId).type());
        }
        return value;
    }

    private JsonNode join(JsonNode args, String where) {
        String delimiter = args.path(0).asText();
        JsonNode values = resolveNode(args.path(1), where);
        StringBuilder out = new StringBuilder();
        for (int i = 0; i < values.size(); i++) {
            if (i > 0) {
                out.append(delimiter);
            }
            out.append(text(values.get(i), where, "Fn::Join"));
        }
        return new TextNode(out.toString());
    }

    private JsonNode sub(JsonNode args, String where) {
        String format;
        JsonNode variables = NODES.objectNode();
        if (args.isTextual()) {
            format = args.asText();
        } else {
            format = args.path(0).asText();
            variables = resolveNode(args.path(1), where);
        }
        Matcher m = SUB_VARIABLE.matcher(format);
        StringBuilder out = new StringBuilder();
        while (m.find()) {
            String name = m.group(1);
            String replacement;
            if (name.startsWith("!")) {
                replacement = "${" + name.substring(1) + "}";
            } else if (variables.has(name)) {
                replacement = text(variables.get(name), where, "Fn::Sub");
            } else if (name.contains(".") && template.resources().containsKey(name.substring(0, name.indexOf('.')))) {
                replacement =
                        attribute(name.substring(0, name.indexOf('.')), name.substring(name.indexOf('.') + 1), where);
            } else {
                replacement = text(ref(name, where), where, "Fn::Sub");
            }
            m.appendReplacement(out, Matcher.quoteReplacement(replacement));
        }
        m.appendTail(out);
        return new TextNode(out.toString());
    }

    private JsonNode select(JsonNode args, String where) {
        int index = Integer.parseInt(text(resolveNode(args.path(0), where), where, "Fn::Select"));
        JsonNode list = resolveNode(args.path(1), where);
        if (index < 0 || index >= list.size()) {
            throw DeploymentException.at(where, "Fn::Select index " + index + " is outside a list of " + list.size());
        }
        return list.get(index);
    }

    private JsonNode split(JsonNode args, String where) {
        String delimiter = args.path(0).asText();
        String source = text(resolveNode(args.path(1), where), where, "Fn::Split");
        ArrayNode out = NODES.arrayNode();
        for (String part : source.split(Pattern.quote(delimiter), -1)) {
            out.add(part);
        }
        return out;
    }

    private JsonNode conditional(JsonNode args, String where) {
        boolean holds = conditions.holds(args.path(0).asText(), where);
        return resolveNode(args.path(holds ? 1 : 2), where);
    }

    private JsonNode azs(JsonNode args, String where) {
        String region = text(resolveNode(args, where), where, "Fn::GetAZs");
        String r = region.isEmpty() ? environment.region() : region;
        ArrayNode out = NODES.arrayNode();
        out.add(r + "a").add(r + "b").add(r + "c");
        return out;
    }

    private JsonNode findInMap(JsonNode args, String where) {
        String map = text(resolveNode(args.path(0), where), where, "Fn::FindInMap");
        String top = text(resolveNode(args.path(1), where), where, "Fn::FindInMap");
        String second = text(resolveNode(args.path(2), where), where, "Fn::FindInMap");
        JsonNode value = template.mappings()
                .getOrDefault(map, NODES.missingNode())
                .path(top)
                .path(second);
        if (value.isMissingNode()) {
            throw DeploymentException.at(
                    where, "Fn::FindInMap " + map + "/" + top + "/" + second + " is not in the template");
        }
        return value;
    }

    private static String text(JsonNode value, String where, String function) {
        if (value.isTextual() || value.isNumber() || value.isBoolean()) {
            return value.asText();
        }
        throw DeploymentException.at(where, function + " needs a string here, got " + value.getNodeType());
    }
}
