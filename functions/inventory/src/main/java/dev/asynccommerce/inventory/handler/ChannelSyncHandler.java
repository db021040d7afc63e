package dev.asynccommerce.inventory.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestHandler;
import com.amazonaws.services.lambda.runtime.events.SQSBatchResponse;
import com.amazonaws.services.lambda.runtime.events.SQSEvent;
import dev.asynccommerce.inventory.InventoryWiring;
import dev.asynccommerce.inventory.application.ApplyChannelAdjustment;
import dev.asynccommerce.platform.http.RequestContext;
import java.util.ArrayList;
import java.util.List;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Channel sync: applies {@code InventoryAdjusted} events from the inventory FIFO queue (bodies are
 * whole EventBridge events) to the channels' copy of stock, in {@code skuSequence} order per store
 * and SKU.
 *
 * <p>Trigger: SQS event-source mapping with {@code ReportBatchItemFailures}. A stale event (already
 * applied: a redelivery or a duplicate) is acknowledged. A gap (an earlier adjustment is missing),
 * a message that is not a valid {@code InventoryAdjusted}, or a failure reaching the table fails
 * that message and every later one of the batch, since FIFO order must hold: SQS delivers them
 * again until the gap is filled, and after {@code maxReceiveCount} moves the message to the DLQ,
 * whose alarm pages.
 */
public final class ChannelSyncHandler implements RequestHandler<SQSEvent, SQSBatchResponse> {
    private static final Logger LOG = LogManager.getLogger(ChannelSyncHandler.class);

    private final ApplyChannelAdjustment applyChannelAdjustment;

    public ChannelSyncHandler() {
        this(InventoryWiring.fromEnvironment());
    }

    public ChannelSyncHandler(InventoryWiring wiring) {
        this.applyChannelAdjustment = wiring.applyChannelAdjustment();
    }

    @Override
    public SQSBatchResponse handleRequest(SQSEvent event, Context context) {
        List<SQSEvent.SQSMessage> messages =
                event == null || event.getRecords() == null ? List.of() : event.getRecords();
        List<SQSBatchResponse.BatchItemFailure> failures = new ArrayList<>();
        for (int i = 0; i < messages.size(); i++) {
            SQSEvent.SQSMessage message = messages.get(i);
            if (!applied(message)) {
                messages.subList(i, messages.size())
                        .forEach(m -> failures.add(new SQSBatchResponse.BatchItemFailure(m.getMessageId())));
                break;
            }
        }
        return new SQSBatchResponse(failures);
    }

    /** Whether the message is done with (applied or stale); false leaves it and those after it queued. */
    private boolean applied(SQSEvent.SQSMessage message) {
        ApplyChannelAdjustment.Outcome outcome;
        try {
            outcome = applyChannelAdjustment.execute(message.getBody());
        } catch (RuntimeException e) {
            RequestContext.log(message.getMessageId(), null);
            LOG.error(
                    "channel sync failed: {} (message {} and the rest of the batch stay queued)",
                    e.getClass().getName(),
                    message.getMessageId());
            return false;
        }
        return switch (outcome) {
            case ApplyChannelAdjustment.Outcome.Applied applied -> {
                RequestContext.log(applied.correlationId(), null);
                LOG.info(
                        "applied {} #{} at {} (event {})",
                        applied.sku(),
                        applied.skuSequence(),
                        applied.storeId(),
                        applied.eventId());
                yield true;
            }
            case ApplyChannelAdjustment.Outcome.Stale stale -> {
                RequestContext.log(stale.correlationId(), null);
                LOG.info(
                        "ignored stale {} #{} at {} (applied up to #{}, event {})",
                        stale.sku(),
                        stale.skuSequence(),
                        stale.storeId(),
                        stale.applied(),
                        stale.eventId());
                yield true;
            }
            case ApplyChannelAdjustment.Outcome.Gap gap -> {
                RequestContext.log(gap.correlationId(), null);
                LOG.warn(
                        "gap before {} #{} at {} (applied up to #{}, event {}): waiting for redelivery",
                        gap.sku(),
                        gap.skuSequence(),
                        gap.storeId(),
                        gap.applied(),
                        gap.eventId());
                yield false;
            }
            case ApplyChannelAdjustment.Outcome.Rejected rejected -> {
                RequestContext.log(message.getMessageId(), null);
                LOG.error(
                        "message {} is not a valid InventoryAdjusted: {}", message.getMessageId(), rejected.problem());
                yield false;
            }
        };
    }
}
