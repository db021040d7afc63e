package dev.asynccommerce.localstack.spi;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The AWS JSON protocol (1.0 or 1.1) of a {@code POST /} with an {@code X-Amz-Target} header, free of
 * any HTTP server: reads the body, hands the operation to the service and writes AWS's answers,
 * errors included (HTTP 400 {@code {"__type": ..., "message": ...}}). Never throws and never answers
 * a stack trace: an unexpected failure is logged by name and answered as the service's internal error.
 */
public final class AwsJsonProtocol {
    private static final Logger LOG = LogManager.getLogger(AwsJsonProtocol.class);

    private final String contentType;
    private final String targetPrefix;
    private final ObjectMapper mapper;
    private final InternalError internalError;

    /** An HTTP response: status, content type and body. */
    public record Response(int status, String contentType, byte[] body) {
        /** The body as UTF-8 text. */
        public String text() {
            return new String(body, StandardCharsets.UTF_8);
        }
    }

    /** An error answered to the caller as HTTP 400 {@code {"__type": type, "message": message}}. */
    public static class ServiceException extends RuntimeException {
        private static final long serialVersionUID = 1L;
        private final String type;

        public ServiceException(String type, String message) {
            super(message, null, false, false);
            this.type = type;
        }

        /** AWS's error name, e.g. {@code ResourceNotFoundException}. */
        public String type() {
            return type;
        }
    }

    /** What the service answers (HTTP 500) when it fails unexpectedly; AWS's name differs per service. */
    public record InternalError(String type, String message) {}

    /** One operation of the service. */
    @FunctionalInterface
    public interface Operations {
        /** Answers {@code operation}, throwing {@link ServiceException} for AWS's errors. */
        JsonNode dispatch(String operation, JsonNode request) throws Exception;
    }

    /**
     * @param version "1.0" or "1.1"
     * @param targetPrefix the {@code X-Amz-Target} prefix, e.g. {@code AWSEvents.}
     * @param mapper the service's own JSON reading and writing (number handling differs per service)
     */
    public AwsJsonProtocol(String version, String targetPrefix, ObjectMapper mapper, InternalError internalError) {
        this.contentType = "application/x-amz-json-" + version;
        this.targetPrefix = targetPrefix;
        this.mapper = mapper;
        this.internalError = internalError;
    }

    /** The content type of every request and response. */
    public String contentType() {
        return contentType;
    }

    /** Whether {@code amzTarget} names an operation of this service (for routing on a shared endpoint). */
    public boolean handles(String amzTarget) {
        return amzTarget != null && amzTarget.startsWith(targetPrefix);
    }

    /** Handles one call. */
    public Response handle(String amzTarget, byte[] body, Operations operations) {
        try {
            if (!handles(amzTarget)) {
                throw new ServiceException("UnknownOperationException", "Unknown operation " + amzTarget);
            }
            JsonNode request;
            try {
                request = body == null || body.length == 0 ? mapper.createObjectNode() : mapper.readTree(body);
            } catch (IOException e) {
                throw new ServiceException("SerializationException", "Malformed JSON request body");
            }
            if (request == null || !request.isObject()) {
                throw new ServiceException("SerializationException", "The request body must be a JSON object");
            }
            JsonNode response = operations.dispatch(amzTarget.substring(targetPrefix.length()), request);
            return new Response(200, contentType, mapper.writeValueAsBytes(response));
        } catch (ServiceException e) {
            return error(400, e.type(), e.getMessage());
        } catch (Exception e) {
            // The failure's name and message only: no stack trace in logs (request data may be in it).
            LOG.error("{} call failed: {}", amzTarget, e.toString());
            return error(500, internalError.type(), internalError.message());
        }
    }

    private Response error(int status, String type, String message) {
        try {
            byte[] body = mapper.writeValueAsBytes(
                    mapper.createObjectNode().put("__type", type).put("message", message));
            return new Response(status, contentType, body);
        } catch (IOException e) {
            throw new IllegalStateException("an error body of two strings always serializes", e);
        }
    }
}
