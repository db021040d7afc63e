package dev.asynccommerce.inventory.handler;

import com.fasterxml.jackson.core.JsonParser;
import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.core.StreamReadFeature;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.json.JsonMapper;
import dev.asynccommerce.inventory.application.CommandContext;
import dev.asynccommerce.inventory.application.CommitReservation;
import dev.asynccommerce.inventory.application.ReleaseReservation;
import dev.asynccommerce.inventory.application.ReservationRequest;
import dev.asynccommerce.inventory.application.ReserveStock;
import dev.asynccommerce.inventory.domain.Reservation;
import dev.asynccommerce.inventory.domain.ReservationId;
import dev.asynccommerce.inventory.domain.ReservationLine;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.io.IOException;
import java.io.InputStream;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

/**
 * A reservation command of the BOPIS workflow (docs/bopis-workflow.md, "inventory"), read and
 * checked: every problem is collected, none echoes a value. Fields the contract does not name are
 * ignored, so the state machine may pass more of its state along.
 */
sealed interface ReservationCommand {
    JsonMapper JSON = JsonMapper.builder()
            .enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION)
            .build();

    /** The use case's command: the reservation and the step's context, whichever the command. */
    ReservationRequest command();

    default String orderId() {
        return command().reservationId().orderId().value();
    }

    default String correlationId() {
        return command().context().correlationId();
    }

    record Reserve(ReserveStock.Command command) implements ReservationCommand {}

    record Release(ReleaseReservation.Command command) implements ReservationCommand {}

    record Commit(CommitReservation.Command command) implements ReservationCommand {}

    /**
     * @throws InvalidCommandException naming every problem with the input
     */
    static ReservationCommand read(InputStream in, String traceHeader) {
        JsonNode json;
        try (JsonParser parser = JSON.createParser(in)) {
            json = JSON.readTree(parser);
        } catch (JsonProcessingException e) {
            throw new InvalidCommandException(List.of("the payload is not well-formed JSON"));
        } catch (IOException e) {
            throw new InvalidCommandException(List.of("the payload could not be read"));
        }
        if (json == null || !json.isObject()) {
            throw new InvalidCommandException(List.of("the payload must be a JSON object"));
        }
        List<String> problems = new ArrayList<>();
        String command = text(json, "command");
        if (command == null || !List.of("RESERVE", "RELEASE", "COMMIT").contains(command)) {
            problems.add("command: must be RESERVE, RELEASE or COMMIT");
        }
        String orderId = text(json, "orderId");
        if (!OrderId.isValid(orderId)) {
            problems.add("orderId: must be ord_ followed by 26 lower-case letters or digits");
        }
        String correlationId = text(json, "correlationId");
        if (!CommandContext.isValidId(correlationId)) {
            problems.add("correlationId: must be 1 to 128 printable ASCII characters without spaces");
        }
        String reservationId = text(json, "reservationId");
        if (!ReservationId.isValid(reservationId)) {
            problems.add("reservationId: must be <orderId>#<attempt>, attempt 1 to " + ReservationId.MAX_ATTEMPT);
        } else if (OrderId.isValid(orderId)
                && !ReservationId.parse(reservationId).orderId().value().equals(orderId)) {
            problems.add("reservationId: must belong to orderId");
        }
        StoreId storeId = null;
        List<ReservationLine> lines = List.of();
        String reason = ReleaseReservation.DEFAULT_REASON;
        if ("RESERVE".equals(command)) {
            String rawStore = text(json, "storeId");
            if (StoreId.isValid(rawStore)) {
                storeId = new StoreId(rawStore);
            } else {
                problems.add("storeId: must be a store id: lower-case letters, digits and dashes");
            }
            lines = lines(json.get("lines"), problems);
        } else if ("RELEASE".equals(command) && json.has("reason")) {
            reason = text(json, "reason");
            if (!ReleaseReservation.isValidReason(reason)) {
                problems.add("reason: must be 1 to 200 characters without control characters");
            }
        }
        if (!problems.isEmpty()) {
            throw new InvalidCommandException(problems);
        }
        ReservationId id = ReservationId.parse(reservationId);
        CommandContext context = new CommandContext(correlationId, command + ":" + id.value(), traceHeader);
        return switch (command) {
            case "RESERVE" -> new Reserve(new ReserveStock.Command(id, storeId, lines, context));
            case "RELEASE" -> new Release(new ReleaseReservation.Command(id, reason, context));
            default -> new Commit(new CommitReservation.Command(id, context));
        };
    }

    private static List<ReservationLine> lines(JsonNode node, List<String> problems) {
        if (node == null || !node.isArray() || node.isEmpty() || node.size() > Reservation.MAX_LINES) {
            problems.add("lines: must be an array of 1 to " + Reservation.MAX_LINES + " lines");
            return List.of();
        }
        List<ReservationLine> lines = new ArrayList<>();
        Set<String> seen = new HashSet<>();
        for (int i = 0; i < node.size(); i++) {
            JsonNode line = node.get(i);
            String sku = line.isObject() ? text(line, "sku") : null;
            JsonNode quantity = line.isObject() ? line.get("quantity") : null;
            boolean good = true;
            if (!Sku.isValid(sku)) {
                problems.add("lines[" + i + "].sku: must be a SKU: upper-case letters, digits and dashes");
                good = false;
            } else if (!seen.add(sku)) {
                problems.add("lines[" + i + "].sku: names a SKU of an earlier line; one line per SKU");
                good = false;
            }
            if (quantity == null
                    || !quantity.isIntegralNumber()
                    || !quantity.canConvertToInt()
                    || quantity.intValue() < 1
                    || quantity.intValue() > ReservationLine.MAX_QUANTITY) {
                problems.add(
                        "lines[" + i + "].quantity: must be a whole number from 1 to " + ReservationLine.MAX_QUANTITY);
                good = false;
            }
            if (good) {
                lines.add(new ReservationLine(new Sku(sku), quantity.intValue()));
            }
        }
        return lines;
    }

    private static String text(JsonNode json, String field) {
        JsonNode value = json.get(field);
        return value != null && value.isTextual() ? value.asText() : null;
    }
}
