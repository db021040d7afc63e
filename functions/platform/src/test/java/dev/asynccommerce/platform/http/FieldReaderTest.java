package dev.asynccommerce.platform.http;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.platform.json.Json;
import java.util.Set;
import org.junit.jupiter.api.Test;

class FieldReaderTest {

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }

    @Test
    void readsAStringAndNotesNothing() throws Exception {
        FieldReader fields = new FieldReader();

        assertThat(fields.string(json("{\"code\":\"048213\"}"), "code", "code")).isEqualTo("048213");
        assertThat(fields.valid()).isTrue();
        assertThat(fields.errors()).isEmpty();
    }

    @Test
    void notesEveryBadStringWithoutEchoingItsValue() throws Exception {
        FieldReader fields = new FieldReader();
        JsonNode body = json("{\"a\":null,\"b\":7,\"c\":\"  \"}");

        assertThat(fields.string(body, "a", "x.a")).isNull();
        assertThat(fields.string(body, "b", "x.b")).isNull();
        assertThat(fields.string(body, "c", "x.c")).isNull();
        assertThat(fields.string(body, "d", "x.d")).isNull();

        assertThat(fields.valid()).isFalse();
        assertThat(fields.errors())
                .containsExactly(
                        new FieldError("x.a", "is required"),
                        new FieldError("x.b", "must be a string"),
                        new FieldError("x.c", "must not be blank"),
                        new FieldError("x.d", "is required"));
    }

    @Test
    void namesUnknownMembersByTheirPath() throws Exception {
        FieldReader fields = new FieldReader();

        fields.refuseUnknown(json("{\"sku\":\"A\",\"qty\":1}"), "", Set.of("sku"));
        fields.refuseUnknown(json("{\"sku\":\"A\",\"colour\":1}"), "lines[1]", Set.of("sku"));

        assertThat(fields.errors())
                .containsExactly(
                        new FieldError("qty", "is not a known field"),
                        new FieldError("lines[1].colour", "is not a known field"));
    }

    @Test
    void keepsTheNotesOfAReaderToItself() {
        FieldReader fields = new FieldReader();
        fields.invalid("pickupCode", "must be six digits");

        assertThat(fields.errors()).containsExactly(new FieldError("pickupCode", "must be six digits"));
        assertThat(new FieldReader().valid()).isTrue();
    }
}
