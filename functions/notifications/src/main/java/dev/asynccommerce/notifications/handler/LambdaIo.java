package dev.asynccommerce.notifications.handler;

import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.json.JsonMapper;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.regex.Pattern;
import org.apache.logging.log4j.ThreadContext;

/** Raw Lambda input and output for the stream handlers, and the ids every log line carries. */
final class LambdaIo {
    /** Far above any event or task input of ours; keeps a hostile input from costing much. */
    static final int MAX_INPUT_BYTES = 256 * 1024;

    static final JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    private static final Pattern SANE_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    private LambdaIo() {}

    static String read(InputStream input) {
        try {
            byte[] bytes = input.readNBytes(MAX_INPUT_BYTES + 1);
            if (bytes.length > MAX_INPUT_BYTES) {
                throw new RefusedInputException(
                        "input refused", java.util.List.of("$: larger than " + MAX_INPUT_BYTES + " bytes"));
            }
            return new String(bytes, StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    static void write(OutputStream output, Map<String, ?> answer) {
        try {
            JSON.writeValue(output, answer);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    /** Puts the ids on this invocation's log lines, clearing the last one's; insane values are left out. */
    static void logContext(String correlationId, String orderId) {
        ThreadContext.clearMap();
        if (correlationId != null && SANE_ID.matcher(correlationId).matches()) {
            ThreadContext.put("correlationId", correlationId);
        }
        if (orderId != null && SANE_ID.matcher(orderId).matches()) {
            ThreadContext.put("orderId", orderId);
        }
    }
}
