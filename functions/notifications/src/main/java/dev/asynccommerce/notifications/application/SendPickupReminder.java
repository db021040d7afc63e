package dev.asynccommerce.notifications.application;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.notifications.domain.Occasion;
import java.time.Clock;
import java.time.DateTimeException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Pattern;

/**
 * The workflow's reminder before the pickup window ends: one reminder per order, however often the
 * task runs (a retry, a redriven execution). Refuses a malformed request without sending anything.
 *
 * <p>The workflow says how long the window still lasts ({@code expiresInSeconds}), not when it
 * ends: a state machine cannot compute an instant. The deadline is therefore now (the context's
 * clock) plus those seconds.
 */
public final class SendPickupReminder {
    static final String COMMAND = "PICKUP_REMINDER";
    /** The envelope's correlationId rule, so the id can travel on into CustomerNotified. */
    private static final Pattern CORRELATION_ID = Pattern.compile("[\\x21-\\x7E]{1,128}");

    static final String EXPIRES_IN_SECONDS_PROBLEM = "expiresInSeconds: must be a positive whole number of seconds";

    private final NotifyCustomer notifyCustomer;
    private final Clock clock;

    public SendPickupReminder(NotifyCustomer notifyCustomer, Clock clock) {
        this.notifyCustomer = notifyCustomer;
        this.clock = clock;
    }

    public sealed interface Outcome {
        record Done(NotifyCustomer.Outcome outcome) implements Outcome {}

        /** The request breaks the task contract; nothing was sent. Problems name fields, not values. */
        record Rejected(List<String> problems) implements Outcome {
            public Rejected {
                problems = List.copyOf(problems);
            }
        }
    }

    public Outcome execute(PickupReminderRequest request, String traceHeader) {
        List<String> problems = new ArrayList<>();
        if (!COMMAND.equals(request.command())) {
            problems.add("command: must be " + COMMAND);
        }
        if (!OrderId.isValid(request.orderId())) {
            problems.add("orderId: must be an order id (ord_ and 26 lower-case letters or digits)");
        }
        if (request.correlationId() == null
                || !CORRELATION_ID.matcher(request.correlationId()).matches()) {
            problems.add("correlationId: must be 1 to 128 printable ASCII characters");
        }
        if (!StoreId.isValid(request.storeId())) {
            problems.add("storeId: must be a store id (lower-case letters, digits and dashes)");
        }
        Instant expiresAt = deadline(request.expiresInSeconds());
        if (expiresAt == null) {
            problems.add(EXPIRES_IN_SECONDS_PROBLEM);
        }
        if (!problems.isEmpty()) {
            return new Outcome.Rejected(problems);
        }
        OrderId orderId = new OrderId(request.orderId());
        Occasion.PickupReminder reminder =
                new Occasion.PickupReminder(orderId, new StoreId(request.storeId()), expiresAt);
        return new Outcome.Done(notifyCustomer.execute(
                reminder, Trigger.pickupReminder(orderId, request.correlationId(), traceHeader)));
    }

    /** Now plus the seconds left; null when they are missing, not positive, or beyond any date. */
    private Instant deadline(Long expiresInSeconds) {
        if (expiresInSeconds == null || expiresInSeconds <= 0) {
            return null;
        }
        try {
            return clock.instant().plusSeconds(expiresInSeconds);
        } catch (DateTimeException | ArithmeticException e) {
            return null;
        }
    }
}
