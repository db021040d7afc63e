package dev.asynccommerce.fulfillment.adapter.apigateway;

import com.fasterxml.jackson.core.JsonProcessingException;
import dev.asynccommerce.fulfillment.application.OpenPickTask;
import dev.asynccommerce.fulfillment.application.StoreMessage;
import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.platform.json.Json;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** The JSON a store device receives: {@code {"type": ..., "orderId": ..., ...}} (API.md, Store devices). */
final class StoreMessageJson {
    private StoreMessageJson() {}

    static String write(StoreMessage message) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("type", message.type());
        switch (message) {
            case StoreMessage.PickTaskCreated c ->
                task(json, c.orderId().value(), c.storeId().value(), c.lines(), c.createdAt(), c.dueAt());
            case StoreMessage.PickTaskEscalated e ->
                task(json, e.orderId().value(), e.storeId().value(), e.lines(), e.createdAt(), e.dueAt());
            case StoreMessage.OrderCancelled c -> {
                json.put("orderId", c.orderId().value());
                json.put("storeId", c.storeId().value());
                json.put("reason", c.reason());
            }
            case StoreMessage.PickTasks p -> {
                json.put("storeId", p.storeId().value());
                json.put(
                        "tasks",
                        p.tasks().stream().map(StoreMessageJson::openTask).toList());
            }
        }
        try {
            return Json.mapper().writeValueAsString(json);
        } catch (JsonProcessingException e) {
            throw new IllegalStateException("maps of strings, numbers and lists always serialize", e);
        }
    }

    private static void task(
            Map<String, Object> json,
            String orderId,
            String storeId,
            List<PickLine> lines,
            Instant createdAt,
            Instant dueAt) {
        json.put("orderId", orderId);
        json.put("storeId", storeId);
        json.put("lines", lines(lines));
        json.put("createdAt", createdAt.toString());
        json.put("dueAt", dueAt.toString());
    }

    private static Map<String, Object> openTask(OpenPickTask task) {
        Map<String, Object> json = new LinkedHashMap<>();
        json.put("orderId", task.orderId().value());
        json.put("lines", lines(task.lines()));
        json.put("createdAt", task.createdAt().toString());
        json.put("dueAt", task.dueAt().toString());
        json.put("escalated", task.escalated());
        return json;
    }

    private static List<Map<String, Object>> lines(List<PickLine> lines) {
        return lines.stream()
                .map(l -> Map.<String, Object>of("sku", l.sku().value(), "quantity", l.quantity()))
                .toList();
    }
}
