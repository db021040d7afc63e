package dev.asynccommerce.localstack.deployer;

import com.fasterxml.jackson.databind.JsonNode;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HashMap;
import java.util.HexFormat;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.TreeMap;

/**
 * The resource types the local stack knows: what each answers to Ref and Fn::GetAtt when it is
 * named as AWS would name it, and whether the stack must emulate it ({@link Emulation#REQUIRED}: a
 * provisioner has to create it for real) or may merely name it ({@link Emulation#NOT_EMULATED}: IAM,
 * logs, alarms and the like, which have no local meaning and are listed once at start-up).
 */
public final class ResourceTypes {

    public enum Emulation {
        REQUIRED,
        NOT_EMULATED
    }

    /** How a type is named and what it answers, before (or instead of) a provisioner creating it. */
    public record Kind(String type, Emulation emulation, Namer namer) {}

    @FunctionalInterface
    public interface Namer {
        Provisioned name(ResourceDefinition resource, JsonNode properties, StackEnvironment env);
    }

    private static final Map<String, Kind> KINDS = new TreeMap<>();

    static {
        required("AWS::DynamoDB::Table", (r, p, env) -> {
            String name = nameOr(p, "TableName", env, r, 255);
            String arn = env.arn("dynamodb", "table/" + name);
            return provisioned(name, "Arn", arn, "StreamArn", arn + "/stream/1970-01-01T00:00:00.000");
        });
        required("AWS::SQS::Queue", (r, p, env) -> {
            boolean fifo = p.path("FifoQueue").asBoolean(false);
            String name = p.has("QueueName")
                    ? p.get("QueueName").asText()
                    : generated(env, r, fifo ? 75 : 80) + (fifo ? ".fifo" : "");
            String url = "https://sqs." + env.region() + "." + env.urlSuffix() + "/" + env.accountId() + "/" + name;
            return provisioned(url, "Arn", env.arn("sqs", name), "QueueName", name, "QueueUrl", url);
        });
        required("AWS::Lambda::Function", (r, p, env) -> {
            String name = nameOr(p, "FunctionName", env, r, 64);
            return provisioned(name, "Arn", env.arn("lambda", "function:" + name));
        });
        required("AWS::Lambda::Version", (r, p, env) -> {
            String function = functionArn(p.path("FunctionName").asText(), env);
            return provisioned(function + ":1", "Version", "1", "FunctionArn", function + ":1");
        });
        required("AWS::Lambda::Alias", (r, p, env) -> {
            String arn = functionArn(p.path("FunctionName").asText(), env) + ":"
                    + p.path("Name").asText();
            return provisioned(arn, "AliasArn", arn);
        });
        required("AWS::Lambda::EventSourceMapping", (r, p, env) -> {
            String id = uuidFor(env, r);
            return provisioned(id, "Id", id, "EventSourceMappingArn", env.arn("lambda", "event-source-mapping:" + id));
        });
        // Ref of an EventInvokeConfig is a generated id; it has no attributes.
        required("AWS::Lambda::EventInvokeConfig", (r, p, env) -> provisioned(generated(env, r, 100)));
        notEmulated("AWS::Lambda::Permission", (r, p, env) -> provisioned(generated(env, r, 100)));
        required("AWS::Events::EventBus", (r, p, env) -> {
            String name = nameOr(p, "Name", env, r, 256);
            return provisioned(name, "Arn", env.arn("events", "event-bus/" + name), "Name", name);
        });
        required("AWS::Events::Rule", (r, p, env) -> {
            String name = nameOr(p, "Name", env, r, 64);
            String bus = p.path("EventBusName").asText("default");
            String bare = bus.contains("/") ? bus.substring(bus.lastIndexOf('/') + 1) : bus;
            String arn = env.arn("events", "rule/" + (bare.equals("default") ? "" : bare + "/") + name);
            return provisioned(bare.equals("default") ? name : bare + "|" + name, "Arn", arn);
        });
        required("AWS::Events::Archive", (r, p, env) -> {
            String name = nameOr(p, "ArchiveName", env, r, 48);
            return provisioned(name, "Arn", env.arn("events", "archive/" + name), "ArchiveName", name);
        });
        required("AWS::StepFunctions::StateMachine", (r, p, env) -> {
            String name = nameOr(p, "StateMachineName", env, r, 80);
            String arn = env.arn("states", "stateMachine:" + name);
            return provisioned(arn, "Arn", arn, "Name", name, "StateMachineRevisionId", "1");
        });
        required("AWS::ApiGatewayV2::Api", (r, p, env) -> {
            String id = shortId(env, r);
            boolean socket = "WEBSOCKET".equals(p.path("ProtocolType").asText());
            String endpoint =
                    (socket ? "wss://" : "https://") + id + ".execute-api." + env.region() + "." + env.urlSuffix();
            return provisioned(id, "ApiId", id, "ApiEndpoint", endpoint);
        });
        required(
                "AWS::ApiGatewayV2::Stage",
                (r, p, env) -> provisioned(p.path("StageName").asText()));
        required("AWS::ApiGatewayV2::Route", (r, p, env) -> provisioned(shortId(env, r), "RouteId", shortId(env, r)));
        required(
                "AWS::ApiGatewayV2::Integration",
                (r, p, env) -> provisioned(shortId(env, r), "IntegrationId", shortId(env, r)));
        required(
                "AWS::ApiGatewayV2::Authorizer",
                (r, p, env) -> provisioned(shortId(env, r), "AuthorizerId", shortId(env, r)));
        notEmulated("AWS::Cognito::UserPool", (r, p, env) -> {
            String id = env.region() + "_" + shortId(env, r);
            String providerName = "cognito-idp." + env.region() + "." + env.urlSuffix() + "/" + id;
            return provisioned(
                    id,
                    "Arn",
                    env.arn("cognito-idp", "userpool/" + id),
                    "UserPoolId",
                    id,
                    "ProviderName",
                    providerName,
                    "ProviderURL",
                    "https://" + providerName);
        });
        notEmulated(
                "AWS::Cognito::UserPoolClient",
                (r, p, env) ->
                        provisioned(shortId(env, r) + shortId(env, r), "ClientId", shortId(env, r) + shortId(env, r)));
        notEmulated(
                "AWS::Cognito::UserPoolGroup",
                (r, p, env) -> provisioned(p.path("GroupName").asText(generated(env, r, 128))));
        notEmulated("AWS::IAM::Role", (r, p, env) -> {
            String name = nameOr(p, "RoleName", env, r, 64);
            return provisioned(
                    name,
                    "Arn",
                    "arn:" + env.partition() + ":iam::" + env.accountId() + ":role/" + name,
                    "RoleId",
                    "AROA" + shortId(env, r).toUpperCase());
        });
        notEmulated("AWS::IAM::Policy", (r, p, env) -> provisioned(generated(env, r, 128)));
        notEmulated("AWS::Logs::LogGroup", (r, p, env) -> {
            String name = p.has("LogGroupName") ? p.get("LogGroupName").asText() : "/local/" + generated(env, r, 200);
            return provisioned(name, "Arn", env.arn("logs", "log-group:" + name + ":*"));
        });
        notEmulated("AWS::CloudWatch::Alarm", (r, p, env) -> {
            String name = nameOr(p, "AlarmName", env, r, 255);
            return provisioned(name, "Arn", env.arn("cloudwatch", "alarm:" + name));
        });
        notEmulated("AWS::CloudWatch::Dashboard", (r, p, env) -> provisioned(nameOr(p, "DashboardName", env, r, 255)));
        notEmulated("AWS::SNS::Topic", (r, p, env) -> {
            String name = nameOr(p, "TopicName", env, r, 256);
            String arn = env.arn("sns", name);
            return provisioned(arn, "TopicArn", arn, "TopicName", name);
        });
        notEmulated("AWS::SNS::TopicPolicy", (r, p, env) -> provisioned(generated(env, r, 128)));
        notEmulated("AWS::SQS::QueuePolicy", (r, p, env) -> provisioned(generated(env, r, 128)));
        notEmulated("AWS::S3::Bucket", (r, p, env) -> {
            String name = p.has("BucketName")
                    ? p.get("BucketName").asText()
                    : generated(env, r, 63).toLowerCase();
            return provisioned(
                    name,
                    "Arn",
                    "arn:" + env.partition() + ":s3:::" + name,
                    "DomainName",
                    name + ".s3." + env.urlSuffix(),
                    "RegionalDomainName",
                    name + ".s3." + env.region() + "." + env.urlSuffix());
        });
        notEmulated("AWS::S3::BucketPolicy", (r, p, env) -> provisioned(generated(env, r, 128)));
        notEmulated("AWS::CloudFront::Distribution", (r, p, env) -> {
            String id = "E" + shortId(env, r).toUpperCase();
            return provisioned(id, "Id", id, "DomainName", "d" + shortId(env, r) + ".cloudfront.net");
        });
        notEmulated(
                "AWS::CloudFront::OriginAccessControl",
                (r, p, env) -> provisioned(
                        shortId(env, r).toUpperCase(), "Id", shortId(env, r).toUpperCase()));
        notEmulated("AWS::EventSchemas::Registry", (r, p, env) -> {
            String name = nameOr(p, "RegistryName", env, r, 64);
            String arn = env.arn("schemas", "registry/" + name);
            return provisioned(arn, "RegistryArn", arn, "RegistryName", name);
        });
        notEmulated("AWS::EventSchemas::Schema", (r, p, env) -> {
            String arn = env.arn(
                    "schemas",
                    "schema/" + p.path("RegistryName").asText() + "/"
                            + p.path("SchemaName").asText());
            return provisioned(
                    arn, "SchemaArn", arn, "SchemaName", p.path("SchemaName").asText(), "SchemaVersion", "1");
        });
        notEmulated("AWS::CDK::Metadata", (r, p, env) -> provisioned(r.logicalId()));
    }

    private ResourceTypes() {}

    public static Optional<Kind> of(String type) {
        return Optional.ofNullable(KINDS.get(type));
    }

    public static Set<String> known() {
        return KINDS.keySet();
    }

    private static void required(String type, Namer namer) {
        KINDS.put(type, new Kind(type, Emulation.REQUIRED, namer));
    }

    private static void notEmulated(String type, Namer namer) {
        KINDS.put(type, new Kind(type, Emulation.NOT_EMULATED, namer));
    }

    private static Provisioned provisioned(String physicalId, String... attributes) {
        Map<String, String> map = new HashMap<>();
        for (int i = 0; i + 1 < attributes.length; i += 2) {
            map.put(attributes[i], attributes[i + 1]);
        }
        return new Provisioned(physicalId, map);
    }

    private static String nameOr(
            JsonNode properties, String property, StackEnvironment env, ResourceDefinition r, int max) {
        return properties.has(property) ? properties.get(property).asText() : generated(env, r, max);
    }

    private static String functionArn(String nameOrArn, StackEnvironment env) {
        return nameOrArn.startsWith("arn:") ? nameOrArn : env.arn("lambda", "function:" + nameOrArn);
    }

    /**
     * A name like CloudFormation generates ({@code <stack>-<logicalId>-<suffix>}), but stable across
     * deployments so that a restarted local stack finds its resources again.
     */
    public static String generated(StackEnvironment env, ResourceDefinition r, int maxLength) {
        String suffix = shortId(env, r).toUpperCase();
        String base = env.stackName() + "-" + r.logicalId();
        int room = maxLength - suffix.length() - 1;
        if (base.length() > room) {
            base = base.substring(0, Math.max(1, room));
        }
        return base + "-" + suffix;
    }

    private static String shortId(StackEnvironment env, ResourceDefinition r) {
        return digest(env.stackName() + "/" + r.logicalId()).substring(0, 10);
    }

    private static String uuidFor(StackEnvironment env, ResourceDefinition r) {
        String h = digest(env.stackName() + "/" + r.logicalId());
        return h.substring(0, 8) + "-" + h.substring(8, 12) + "-4" + h.substring(13, 16) + "-8" + h.substring(17, 20)
                + "-" + h.substring(20, 32);
    }

    private static String digest(String text) {
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException("every JDK has SHA-256", e);
        }
    }
}
