package dev.asynccommerce.localstack.server;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** What the stack's X-Ray store keeps when it is full. */
class XRayStoreTest {
    private static String traceId(int n) {
        return "1-5759e988-%024x".formatted(n);
    }

    private static String segment(int trace, String id, boolean inProgress) {
        return "{\"trace_id\":\"" + traceId(trace) + "\",\"id\":\"" + id + "\",\"name\":\"probe\",\"start_time\":1.0,"
                + (inProgress ? "\"in_progress\":true}" : "\"end_time\":2.0}");
    }

    @Test
    void whenFullItForgetsTheTraceWrittenToLongestAgoNotOneStillBeingWritten() {
        XRayStore store = new XRayStore();
        store.put(segment(0, "000000000000000a", true)); // a long-running execution, started first
        for (int n = 1; n < XRayStore.MAX_TRACES; n++) {
            store.put(segment(n, "000000000000000b", false));
        }
        store.put(segment(0, "000000000000000a", false)); // it ends, after every other trace was written

        store.put(segment(XRayStore.MAX_TRACES, "000000000000000b", false));

        assertThat(store.trace(traceId(0))).as("written last but one: kept").isNotNull();
        assertThat(store.trace(traceId(0)).segments().getFirst().fields().has("end_time"))
                .isTrue();
        assertThat(store.trace(traceId(1)))
                .as("written to longest ago: forgotten")
                .isNull();
        assertThat(store.all()).hasSize(XRayStore.MAX_TRACES);
    }
}
