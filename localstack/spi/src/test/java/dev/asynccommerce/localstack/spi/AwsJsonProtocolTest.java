package dev.asynccommerce.localstack.spi;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.ObjectMapper;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class AwsJsonProtocolTest {
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private final AwsJsonProtocol protocol = new AwsJsonProtocol(
            "1.1", "Demo.", MAPPER, new AwsJsonProtocol.InternalError("InternalException", "demo failed"));

    private AwsJsonProtocol.Response call(String target, String body) {
        return protocol.handle(
                target, body.getBytes(StandardCharsets.UTF_8), (operation, request) -> switch (operation) {
                    case "Echo" ->
                        MAPPER.createObjectNode()
                                .put("said", request.path("say").asText());
                    case "Missing" ->
                        throw new AwsJsonProtocol.ServiceException("ResourceNotFoundException", "no such thing");
                    default -> throw new IllegalStateException("secret internals at line 42");
                });
    }

    @Test
    void answersAnOperationWithItsResultInTheProtocolsContentType() {
        AwsJsonProtocol.Response response = call("Demo.Echo", "{\"say\":\"hi\"}");

        assertThat(response.status()).isEqualTo(200);
        assertThat(response.contentType()).isEqualTo("application/x-amz-json-1.1");
        assertThat(response.text()).isEqualTo("{\"said\":\"hi\"}");
    }

    @Test
    void answersServiceErrorsMalformedBodiesAndOtherTargetsAsAwsDoes() {
        assertThat(call("Demo.Missing", "{}").text())
                .isEqualTo("{\"__type\":\"ResourceNotFoundException\",\"message\":\"no such thing\"}");
        assertThat(call("Demo.Echo", "{not json").text()).contains("\"__type\":\"SerializationException\"");
        assertThat(call("Demo.Echo", "[1]").status()).isEqualTo(400);
        assertThat(call("Other.Echo", "{}").text()).contains("\"__type\":\"UnknownOperationException\"");
        assertThat(protocol.handles("Other.Echo")).isFalse();
    }

    @Test
    void anUnexpectedFailureIsTheServicesInternalErrorWithoutItsDetails() {
        AwsJsonProtocol.Response response = call("Demo.Crash", "{}");

        assertThat(response.status()).isEqualTo(500);
        assertThat(response.text()).isEqualTo("{\"__type\":\"InternalException\",\"message\":\"demo failed\"}");
    }
}
