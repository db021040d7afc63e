package dev.asynccommerce.localstack.stepfunctions.integration;

import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.localstack.stepfunctions.Json;

/** The SdkHttpMetadata / SdkResponseMetadata objects Step Functions adds to integration results. */
final class SdkMetadata {
    private SdkMetadata() {}

    static ObjectNode http(int status, String requestId) {
        return http(status, requestId, "application/json");
    }

    /** SQS answers with {@code application/x-amz-json-1.0} (recorded SdkHttpMetadata on AWS). */
    static ObjectNode http(int status, String requestId, String contentType) {
        ObjectNode http = Json.object();
        ObjectNode headers = http.putObject("HttpHeaders");
        headers.put("Content-Type", contentType);
        headers.put("x-amzn-RequestId", requestId);
        ObjectNode all = http.putObject("AllHttpHeaders");
        all.putArray("Content-Type").add(contentType);
        all.putArray("x-amzn-RequestId").add(requestId);
        http.put("HttpStatusCode", status);
        return http;
    }

    static ObjectNode response(String requestId) {
        return Json.object().put("RequestId", requestId);
    }
}
