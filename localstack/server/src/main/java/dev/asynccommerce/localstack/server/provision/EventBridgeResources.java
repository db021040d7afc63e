package dev.asynccommerce.localstack.server.provision;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.deployer.DeploymentException;
import dev.asynccommerce.localstack.deployer.Provisioned;
import dev.asynccommerce.localstack.deployer.Provisioner;
import dev.asynccommerce.localstack.deployer.ResourceDefinition;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.function.Consumer;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.eventbridge.model.ResourceAlreadyExistsException;
import software.amazon.awssdk.services.eventbridge.model.Target;

/** AWS::Events::EventBus, Rule (with its targets) and Archive in the stack's EventBridge. */
public final class EventBridgeResources {
    private final EventBridgeClient events;
    private final Consumer<String> notEmulated;

    public EventBridgeResources(EventBridgeClient events, Consumer<String> notEmulated) {
        this.events = events;
        this.notEmulated = notEmulated;
    }

    public Provisioner buses() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of("Name", "Description"),
                            Set.of("Tags", "Policy", "KmsKeyIdentifier", "DeadLetterConfig"))
                    .forEach(notEmulated);
            String name = named.attributes().get("Name");
            String arn;
            try {
                arn = events.createEventBus(b -> b.name(name)).eventBusArn();
            } catch (ResourceAlreadyExistsException exists) {
                arn = events.describeEventBus(b -> b.name(name)).arn();
            }
            return new Provisioned(name, Map.of("Arn", arn, "Name", name));
        };
    }

    public Provisioner rules() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of(
                                    "Name",
                                    "EventBusName",
                                    "EventPattern",
                                    "ScheduleExpression",
                                    "State",
                                    "Description",
                                    "Targets"),
                            Set.of("RoleArn", "Tags"))
                    .forEach(notEmulated);
            String name = bareName(named);
            String bus = busName(p.path("EventBusName").asText("default"));
            String arn = events.putRule(b -> b.name(name)
                            .eventBusName(bus)
                            .eventPattern(
                                    p.has("EventPattern")
                                            ? p.get("EventPattern").toString()
                                            : null)
                            .scheduleExpression(p.path("ScheduleExpression").asText(null))
                            .state(p.path("State").asText("ENABLED"))
                            .description(p.path("Description").asText(null)))
                    .ruleArn();
            List<Target> targets = new ArrayList<>();
            for (JsonNode target : p.path("Targets")) {
                targets.add(target(resource, target));
            }
            if (!targets.isEmpty()) {
                var result =
                        events.putTargets(b -> b.rule(name).eventBusName(bus).targets(targets));
                if (result.failedEntryCount() > 0) {
                    throw DeploymentException.at(resource.logicalId(), "targets refused: " + result.failedEntries());
                }
            }
            return new Provisioned(named.physicalId(), Map.of("Arn", arn));
        };
    }

    public Provisioner archives() {
        return (resource, p, named) -> {
            Properties.check(
                            resource,
                            p,
                            Set.of("ArchiveName", "SourceArn", "EventPattern", "RetentionDays", "Description"),
                            Set.of("KmsKeyIdentifier"))
                    .forEach(notEmulated);
            String name = named.attributes().get("ArchiveName");
            String arn;
            try {
                arn = events.createArchive(b -> {
                            b.archiveName(name)
                                    .eventSourceArn(p.path("SourceArn").asText())
                                    .retentionDays(p.path("RetentionDays").asInt(0));
                            if (p.has("EventPattern")) {
                                b.eventPattern(p.get("EventPattern").toString());
                            }
                        })
                        .archiveArn();
            } catch (ResourceAlreadyExistsException exists) {
                arn = events.describeArchive(b -> b.archiveName(name)).archiveArn();
            }
            return new Provisioned(name, Map.of("Arn", arn, "ArchiveName", name));
        };
    }

    private static Target target(ResourceDefinition rule, JsonNode t) {
        Set<String> honoured = Set.of(
                "Id",
                "Arn",
                "DeadLetterConfig",
                "RetryPolicy",
                "SqsParameters",
                "Input",
                "InputPath",
                "InputTransformer",
                "RoleArn");
        for (Iterator<String> names = t.fieldNames(); names.hasNext(); ) {
            String name = names.next();
            if (!honoured.contains(name)) {
                throw DeploymentException.at(
                        rule.logicalId(), "target property " + name + " is not supported by the local stack");
            }
        }
        Target.Builder b =
                Target.builder().id(t.path("Id").asText()).arn(t.path("Arn").asText());
        if (t.has("DeadLetterConfig")) {
            b.deadLetterConfig(d -> d.arn(t.path("DeadLetterConfig").path("Arn").asText()));
        }
        if (t.has("RetryPolicy")) {
            JsonNode r = t.get("RetryPolicy");
            b.retryPolicy(rp -> {
                if (r.has("MaximumRetryAttempts")) {
                    rp.maximumRetryAttempts(r.get("MaximumRetryAttempts").asInt());
                }
                if (r.has("MaximumEventAgeInSeconds")) {
                    rp.maximumEventAgeInSeconds(
                            r.get("MaximumEventAgeInSeconds").asInt());
                }
            });
        }
        if (t.has("SqsParameters")) {
            b.sqsParameters(s -> s.messageGroupId(
                    t.path("SqsParameters").path("MessageGroupId").asText()));
        }
        if (t.has("Input")) {
            b.input(t.get("Input").asText());
        }
        if (t.has("InputPath")) {
            b.inputPath(t.get("InputPath").asText());
        }
        if (t.has("InputTransformer")) {
            JsonNode x = t.get("InputTransformer");
            Map<String, String> paths = new HashMap<>();
            x.path("InputPathsMap")
                    .fields()
                    .forEachRemaining(e -> paths.put(e.getKey(), e.getValue().asText()));
            b.inputTransformer(it -> it.inputPathsMap(paths)
                    .inputTemplate(x.path("InputTemplate").asText()));
        }
        if (t.has("RoleArn")) {
            b.roleArn(t.get("RoleArn").asText());
        }
        return b.build();
    }

    /** A rule on a custom bus answers Ref with "bus|rule"; the API wants the rule's own name. */
    private static String bareName(Provisioned named) {
        String id = named.physicalId();
        return id.contains("|") ? id.substring(id.indexOf('|') + 1) : id;
    }

    private static String busName(String nameOrArn) {
        return nameOrArn.contains("/") ? nameOrArn.substring(nameOrArn.lastIndexOf('/') + 1) : nameOrArn;
    }
}
