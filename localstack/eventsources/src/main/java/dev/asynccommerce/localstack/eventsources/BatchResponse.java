package dev.asynccommerce.localstack.eventsources;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.Set;

/**
 * A successful invocation's response read as a partial batch response ({@code
 * ReportBatchItemFailures}), by Lambda's rules: an empty or null response, or an empty or null
 * {@code batchItemFailures} list, is complete success; an item without an identifier, with an empty
 * one, or naming a record that is not in the batch makes the whole batch a failure.
 */
sealed interface BatchResponse {
    /** Every record succeeded. */
    record Complete() implements BatchResponse {}

    /** These records failed (identifiers are in the batch, in the order the function gave them). */
    record Partial(List<String> failedItems) implements BatchResponse {}

    /** The response breaks the contract: Lambda treats the batch as failed. */
    record Invalid(String reason) implements BatchResponse {}

    ObjectMapper JSON = new ObjectMapper();

    static BatchResponse parse(byte[] payload, Set<String> identifiersInBatch) {
        if (payload == null || payload.length == 0) {
            return new Complete();
        }
        JsonNode response;
        try {
            response = JSON.readTree(payload);
        } catch (IOException e) {
            return new Invalid("the response is not JSON");
        }
        if (response == null || response.isNull() || !response.isObject()) {
            return new Complete();
        }
        JsonNode failures = response.get("batchItemFailures");
        if (failures == null || failures.isNull()) {
            return new Complete();
        }
        if (!failures.isArray()) {
            return new Invalid("batchItemFailures is not a list");
        }
        if (failures.isEmpty()) {
            return new Complete();
        }
        List<String> ids = new ArrayList<>();
        for (JsonNode failure : failures) {
            JsonNode id = failure.get("itemIdentifier");
            if (id == null || id.isNull() || !id.isTextual() || id.asText().isEmpty()) {
                return new Invalid("a batch item failure without an itemIdentifier: " + failure);
            }
            if (!identifiersInBatch.contains(id.asText())) {
                return new Invalid("itemIdentifier " + id.asText() + " is not in the batch");
            }
            ids.add(id.asText());
        }
        return new Partial(List.copyOf(ids));
    }
}
