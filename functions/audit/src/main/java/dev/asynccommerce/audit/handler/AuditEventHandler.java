package dev.asynccommerce.audit.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.asynccommerce.audit.AuditWiring;
import dev.asynccommerce.audit.application.AuditEvents;
import dev.asynccommerce.audit.application.RecordEvent;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.apache.logging.log4j.ThreadContext;

/**
 * Target of the EventBridge rule on every {@code commerce.*} event: the whole event in, kept once
 * in the audit trail and counted in the business metrics; answers {@code {"outcome": "RECORDED" |
 * "ALREADY_RECORDED"}}. An event that breaks the schema is refused with {@link
 * RefusedInputException} and nothing is kept; a technical failure is an exception with nothing
 * kept, and the retry keeps it once. Logs carry the ids, never the detail.
 */
public final class AuditEventHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(AuditEventHandler.class);

    /** Far above any event of ours (EventBridge's own limit is 256 KB). */
    private static final int MAX_INPUT_BYTES = 256 * 1024;

    private static final JsonMapper JSON = JsonMapper.builder().build();

    private final AuditEvents auditEvents;
    private final RecordEvent recordEvent;

    public AuditEventHandler() {
        this(AuditWiring.fromEnvironment());
    }

    public AuditEventHandler(AuditWiring wiring) {
        this.auditEvents = wiring.auditEvents();
        this.recordEvent = wiring.recordEvent();
    }

    @Override
    public void handleRequest(InputStream input, OutputStream output, Context context) throws IOException {
        ThreadContext.clearMap();
        byte[] bytes = input.readNBytes(MAX_INPUT_BYTES + 1);
        if (bytes.length > MAX_INPUT_BYTES) {
            throw new RefusedInputException("event refused", List.of("$: larger than " + MAX_INPUT_BYTES + " bytes"));
        }
        switch (auditEvents.read(new String(bytes, StandardCharsets.UTF_8))) {
            case AuditEvents.Read.Invalid invalid -> {
                LOG.error("event refused: {}", String.join("; ", invalid.problems()));
                throw new RefusedInputException("event refused", invalid.problems());
            }
            case AuditEvents.Read.Valid valid -> {
                // Schema-checked ids (printable ASCII, at most 128): fit for a log line as they are.
                RequestContext.log(valid.event().correlationId(), null);
                ThreadContext.put("aggregateId", valid.event().aggregateId());
                RecordEvent.Outcome outcome = recordEvent.execute(valid.event());
                LOG.info("{} {}: {}", valid.event().eventType(), valid.event().eventId(), outcome);
                write(output, Map.of("outcome", outcome.name()));
            }
        }
    }

    private static void write(OutputStream output, Map<String, ?> answer) {
        try {
            JSON.writeValue(output, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }
}
