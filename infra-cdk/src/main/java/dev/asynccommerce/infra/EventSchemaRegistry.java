package dev.asynccommerce.infra;

import dev.asynccommerce.events.Draft4Export;
import dev.asynccommerce.events.EventType;
import java.util.Map;
import software.amazon.awscdk.services.eventschemas.CfnRegistry;
import software.amazon.awscdk.services.eventschemas.CfnSchema;
import software.constructs.Construct;

/**
 * The events-schema contracts in the EventBridge schema registry, one schema per event, named
 * {@code <source>@<DetailType>} as EventBridge's discovered schemas are. The registry takes JSON
 * Schema draft-04, so each 2020-12 schema goes in through events-schema's {@link Draft4Export}.
 */
public final class EventSchemaRegistry extends Construct {
    private final CfnRegistry registry;

    public EventSchemaRegistry(Construct scope, String id) {
        super(scope, id);
        this.registry = CfnRegistry.Builder.create(this, "Registry")
                .description("async-commerce domain events (events-schema)")
                .build();
        for (Map.Entry<EventType, String> entry : Draft4Export.all().entrySet()) {
            EventType type = entry.getKey();
            CfnSchema schema = CfnSchema.Builder.create(this, type.detailType())
                    .registryName(registry.getAttrRegistryName())
                    .schemaName(type.source() + "@" + type.detailType())
                    .type("JSONSchemaDraft4")
                    .description(type.detailType() + " v" + type.schemaVersion())
                    .content(entry.getValue())
                    .build();
            schema.addDependency(registry);
        }
    }

    public CfnRegistry registry() {
        return registry;
    }
}
