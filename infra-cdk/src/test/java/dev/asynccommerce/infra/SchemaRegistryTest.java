package dev.asynccommerce.infra;

import static dev.asynccommerce.infra.Resources.ofType;
import static dev.asynccommerce.infra.Resources.props;
import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.events.EventType;
import java.util.Arrays;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Every events-schema contract is in the EventBridge schema registry, in a form the registry takes. */
class SchemaRegistryTest {

    @Test
    void everyEventHasItsDraft4SchemaNamedLikeADiscoveredSchema() throws Exception {
        Map<String, Map<String, Object>> schemas = ofType("AWS::EventSchemas::Schema");

        assertThat(ofType("AWS::EventSchemas::Registry")).hasSize(1);
        assertThat(schemas.values().stream().map(s -> props(s).get("SchemaName")))
                .containsExactlyInAnyOrderElementsOf(Arrays.stream(EventType.values())
                        .map(t -> t.source() + "@" + t.detailType())
                        .toList());
        for (Map<String, Object> schema : schemas.values()) {
            Map<String, Object> p = props(schema);
            assertThat(p.get("Type")).isEqualTo("JSONSchemaDraft4");
            String content = String.valueOf(p.get("Content"));
            assertThat(new ObjectMapper().readTree(content).path("$schema").asText())
                    .isEqualTo("http://json-schema.org/draft-04/schema#");
            assertThat(content.length()).isLessThanOrEqualTo(100_000);
            assertThat(String.valueOf(p.get("Description")).length()).isLessThanOrEqualTo(256);
        }
    }
}
