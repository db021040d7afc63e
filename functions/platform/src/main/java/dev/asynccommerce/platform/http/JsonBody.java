package dev.asynccommerce.platform.http;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.exc.StreamConstraintsException;
import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.platform.json.Json;
import java.io.IOException;

/** Reads a request body as a JSON object, refusing oversize, non-JSON and malformed bodies. */
public final class JsonBody {
    private JsonBody() {}

    /** What reading the body gave: the JSON object, or the problem to answer with. */
    public sealed interface Parsed {
        record Ok(JsonNode json) implements Parsed {}

        record Refused(Problem problem) implements Parsed {}
    }

    public static Parsed read(ApiRequest request, int maxBytes) {
        byte[] body = request.bodyBytes();
        if (body.length > maxBytes) {
            return new Parsed.Refused(Problem.of(
                    413,
                    "payload-too-large",
                    "Payload too large",
                    "The body is " + body.length + " bytes; at most " + maxBytes + " are accepted."));
        }
        if (body.length == 0) {
            return new Parsed.Refused(Problem.badRequest("A JSON body is required."));
        }
        if (request.header("Content-Type").isPresent() && !request.hasJsonContentType()) {
            return new Parsed.Refused(Problem.of(
                    415, "unsupported-media-type", "Unsupported media type", "Send the body as application/json."));
        }
        try {
            JsonNode json = Json.mapper().readTree(body);
            if (json == null || !json.isObject()) {
                return new Parsed.Refused(Problem.badRequest("The body must be a JSON object."));
            }
            return new Parsed.Ok(json);
        } catch (StreamConstraintsException e) {
            return new Parsed.Refused(Problem.badRequest("The body is nested too deeply or holds an oversize value."));
        } catch (JsonProcessingException e) {
            // The parser's message may echo the body; answer with the position only.
            return new Parsed.Refused(Problem.badRequest(
                    "The body is not well-formed JSON (line " + e.getLocation().getLineNr() + ", column "
                            + e.getLocation().getColumnNr() + ")."));
        } catch (IOException e) {
            return new Parsed.Refused(Problem.badRequest("The body could not be read as JSON."));
        }
    }
}
