package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.PickLine;
import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.List;

/**
 * What a store device is told, as {@code {"type": "<type>", ...}} JSON. Devices may get a message
 * more than once (a redelivered event, a retried push); they recognise it by type and order id.
 */
public sealed interface StoreMessage {

    String type();

    StoreId storeId();

    /** A new pick task: {@code {"type":"PickTaskCreated","orderId","storeId","lines","createdAt","dueAt"}}. */
    record PickTaskCreated(OrderId orderId, StoreId storeId, List<PickLine> lines, Instant createdAt, Instant dueAt)
            implements StoreMessage {
        public PickTaskCreated {
            lines = List.copyOf(lines);
        }

        @Override
        public String type() {
            return "PickTaskCreated";
        }
    }

    /** The picking SLA passed and the task is still open: same shape as {@link PickTaskCreated}. */
    record PickTaskEscalated(OrderId orderId, StoreId storeId, List<PickLine> lines, Instant createdAt, Instant dueAt)
            implements StoreMessage {
        public PickTaskEscalated {
            lines = List.copyOf(lines);
        }

        @Override
        public String type() {
            return "PickTaskEscalated";
        }
    }

    /** Stop picking or handing over: {@code {"type":"OrderCancelled","orderId","storeId","reason"}}. */
    record OrderCancelled(OrderId orderId, StoreId storeId, String reason) implements StoreMessage {
        @Override
        public String type() {
            return "OrderCancelled";
        }
    }

    /**
     * Every open task of the store, for a device that asked to catch up: {@code
     * {"type":"PickTasks","storeId","tasks":[{"orderId","lines","createdAt","dueAt","escalated"}]}}.
     */
    record PickTasks(StoreId storeId, List<OpenPickTask> tasks) implements StoreMessage {
        public PickTasks {
            tasks = List.copyOf(tasks);
        }

        @Override
        public String type() {
            return "PickTasks";
        }
    }
}
