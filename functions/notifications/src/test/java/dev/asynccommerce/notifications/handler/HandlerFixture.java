package dev.asynccommerce.notifications.handler;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.notifications.NotificationsWiring;
import dev.asynccommerce.notifications.application.InMemoryCustomerContacts;
import dev.asynccommerce.notifications.application.InMemoryNotificationSender;
import dev.asynccommerce.testkit.MutableClock;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;

/** The wiring over in-memory ports, recorded inputs, and a way to run a stream handler on them. */
final class HandlerFixture {
    static final String ORDER_ID = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";

    final MutableClock clock = MutableClock.at("2026-11-21T09:10:43Z");
    final InMemoryCustomerContacts contacts = new InMemoryCustomerContacts().with(ORDER_ID, "c-123", "ana@example.com");
    final InMemoryNotificationSender sender = new InMemoryNotificationSender();
    final NotificationsWiring wiring = new NotificationsWiring(contacts, sender, clock);

    static String recorded(String name) {
        try (InputStream in = HandlerFixture.class.getResourceAsStream("/events/" + name)) {
            if (in == null) {
                throw new IllegalArgumentException("no recorded input " + name);
            }
            return new String(in.readAllBytes(), StandardCharsets.UTF_8);
        } catch (IOException e) {
            throw new UncheckedIOException(e);
        }
    }

    interface StreamHandler {
        void handle(InputStream in, java.io.OutputStream out);
    }

    static JsonNode run(StreamHandler handler, String input) {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handle(new ByteArrayInputStream(input.getBytes(StandardCharsets.UTF_8)), out);
        try {
            return new ObjectMapper().readTree(out.toByteArray());
        } catch (IOException e) {
            throw new AssertionError("the answer is not JSON: " + out, e);
        }
    }
}
