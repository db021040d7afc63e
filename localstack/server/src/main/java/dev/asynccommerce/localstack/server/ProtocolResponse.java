package dev.asynccommerce.localstack.server;

import java.util.Map;

/** What an emulated service answers: an HTTP status, a content type, extra headers and the body bytes. */
record ProtocolResponse(int status, String contentType, byte[] body, Map<String, String> headers) {
    ProtocolResponse(int status, String contentType, byte[] body) {
        this(status, contentType, body, Map.of());
    }
}
