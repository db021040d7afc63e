package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.spi.AwsJsonProtocol;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import java.nio.charset.StandardCharsets;

/** Calls the API behind an {@link AslRun} the way the SDK would, for assertions on its answers. */
final class AslRunCalls {
    private AslRunCalls() {}

    static JsonNode call(AslRun run, String operation, JsonNode request) {
        AwsJsonProtocol.Response response = run.api()
                .handle("AWSStepFunctions." + operation, Json.write(request).getBytes(StandardCharsets.UTF_8));
        return Json.parse(new String(response.body(), StandardCharsets.UTF_8));
    }

    static JsonNode describe(AslRun run) {
        return call(run, "DescribeExecution", Json.object().put("executionArn", run.executionArn()));
    }
}
