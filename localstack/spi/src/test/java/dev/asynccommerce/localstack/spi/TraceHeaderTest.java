package dev.asynccommerce.localstack.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;

class TraceHeaderTest {
    private static final String ROOT = "1-5759e988-bd862e3fe1be46a994272793";

    @Test
    void readsRootParentAndSamplingDecision() {
        TraceHeader header = TraceHeader.parse("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");

        assertThat(header.root()).isEqualTo(ROOT);
        assertThat(header.parent()).isEqualTo("53995c3f42cd8ad8");
        assertThat(header.isSampled()).isTrue();
        assertThat(header).hasToString("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");
    }

    @Test
    void aMissingOrQuestionedSamplingDecisionIsLeftToTheCallee() {
        assertThat(TraceHeader.parse("Root=" + ROOT).sampled()).isNull();
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Sampled=?").sampled()).isNull();
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Sampled=0").sampled()).isFalse();
    }

    @Test
    void otherFieldsAndSpacesAreTolerated() {
        TraceHeader header = TraceHeader.parse(" Self=1-5759e988-aaaaaaaaaaaaaaaaaaaaaaaa; Root=" + ROOT
                + "; Lineage=a87bd80c:1|68fd508a:5 ;Sampled=1");

        assertThat(header).isEqualTo(new TraceHeader(ROOT, null, true));
    }

    @Test
    void anInvalidHeaderIsDropped() {
        assertThat(TraceHeader.parse(null)).isNull();
        assertThat(TraceHeader.parse("")).isNull();
        assertThat(TraceHeader.parse("Parent=53995c3f42cd8ad8;Sampled=1")).isNull();
        assertThat(TraceHeader.parse("Root=2-5759e988-bd862e3fe1be46a994272793"))
                .isNull();
        assertThat(TraceHeader.parse("Root=1-5759e988-bd862e3f")).isNull();
        assertThat(TraceHeader.parse("Root=" + ROOT + ";Parent=xyz")).isNull();
    }

    @Test
    void aNewTraceCarriesTheClocksSecondsInItsRoot() {
        TraceHeader header = TraceHeader.newTrace(Instant.ofEpochSecond(0x5759e988L), true);

        assertThat(header.root()).matches("1-5759e988-[0-9a-f]{24}");
        assertThat(header.parent()).isNull();
        assertThat(TraceHeader.parse(header.withParent(TraceHeader.newId()).toString()))
                .isNotNull()
                .extracting(TraceHeader::isSampled)
                .isEqualTo(true);
    }

    @Test
    void linkingKeepsOneLinkPerTraceAndAtMostTwenty() {
        List<String> headers = new java.util.ArrayList<>();
        headers.add("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");
        headers.add("Root=" + ROOT + ";Parent=0000000000000001;Sampled=1");
        headers.add("not a header");
        for (int i = 0; i < 30; i++) {
            headers.add(TraceHeader.newTrace(Instant.now(), true).toString());
        }

        TraceContext context = TraceContext.linkedTo(headers);

        assertThat(context.caller()).isNull();
        assertThat(context.links()).hasSize(TraceContext.MAX_LINKS);
        assertThat(context.links().getFirst().parent()).isEqualTo("53995c3f42cd8ad8");
        assertThat(TraceContext.linkedTo(List.of("nonsense"))).isSameAs(TraceContext.NONE);
    }

    @Test
    void aSegmentDocumentHasXRaysFieldNames() throws Exception {
        TraceHeader caller = TraceHeader.parse("Root=" + ROOT + ";Parent=53995c3f42cd8ad8;Sampled=1");
        String json = SegmentDocument.of("checkout", "1111111111111111", caller)
                .origin("AWS::Lambda")
                .aws("request_id", "r-1")
                .timing(Instant.ofEpochSecond(100, 250_000_000), Instant.ofEpochSecond(101))
                .subsegment("Authorize", "2222222222222222", Instant.ofEpochSecond(100), null, false)
                .links(List.of(caller))
                .toJson();

        JsonNode document = new ObjectMapper().readTree(json);
        assertThat(document.path("trace_id").asText()).isEqualTo(ROOT);
        assertThat(document.path("parent_id").asText()).isEqualTo("53995c3f42cd8ad8");
        assertThat(document.path("origin").asText()).isEqualTo("AWS::Lambda");
        assertThat(document.path("start_time").asDouble()).isEqualTo(100.25);
        assertThat(document.path("end_time").asDouble()).isEqualTo(101.0);
        assertThat(document.has("in_progress")).isFalse();
        assertThat(document.path("aws").path("request_id").asText()).isEqualTo("r-1");
        assertThat(document.path("subsegments").get(0).path("in_progress").asBoolean())
                .isTrue();
        assertThat(document.path("links").get(0).path("trace_id").asText()).isEqualTo(ROOT);
        assertThat(document.path("links").get(0).path("id").asText()).isEqualTo("53995c3f42cd8ad8");
    }
}
