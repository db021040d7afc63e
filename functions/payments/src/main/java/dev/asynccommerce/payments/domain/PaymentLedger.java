package dev.asynccommerce.payments.domain;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.OrderId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * An order's payment ledger: every provider call made for the order and its result, in order.
 *
 * <p>The ledger is the memory that makes payments idempotent: before any provider call, the policy
 * reads the ledger, and an operation it already holds is answered from it without calling the
 * provider again. The ledger's version is its last sequence; the store appends an entry only at
 * the next sequence, so two writers that decided on the same version cannot both write.
 */
public final class PaymentLedger {
    private final OrderId orderId;
    private final List<LedgerEntry> entries;

    public PaymentLedger(OrderId orderId, List<LedgerEntry> entries) {
        this.orderId = Objects.requireNonNull(orderId, "orderId");
        this.entries = List.copyOf(entries);
        for (int i = 0; i < this.entries.size(); i++) {
            if (this.entries.get(i).sequence() != i + 1) {
                throw new IllegalArgumentException("ledger entries must be numbered 1, 2, 3, ... without gaps");
            }
        }
    }

    public static PaymentLedger empty(OrderId orderId) {
        return new PaymentLedger(orderId, List.of());
    }

    public OrderId orderId() {
        return orderId;
    }

    public List<LedgerEntry> entries() {
        return entries;
    }

    /** The sequence of the last entry; 0 for an empty ledger. */
    public long version() {
        return entries.size();
    }

    /** This ledger with {@code entry} appended; the entry must come from this ledger's factories. */
    public PaymentLedger with(LedgerEntry entry) {
        if (entry.sequence() != version() + 1) {
            throw new IllegalArgumentException("entry " + entry.sequence() + " does not follow version " + version());
        }
        List<LedgerEntry> next = new ArrayList<>(entries);
        next.add(entry);
        return new PaymentLedger(orderId, next);
    }

    // ---- the authorization policy ----

    /**
     * The next step of a payment attempt with {@code methodCount} methods. Methods are tried in the
     * customer's order; a SOFT decline moves on to the next method; a HARD decline ends the attempt
     * (card-testing safety: a declined list of cards is not walked through); an approval ends it; when
     * every method was softly declined, the attempt is declined.
     */
    public AuthorizationStep nextAuthorizationStep(int attempt, int methodCount) {
        if (methodCount < 1) {
            throw new IllegalArgumentException("an attempt has at least one method");
        }
        Optional<LedgerEntry.Failed> failed = entries.stream()
                .filter(e -> e instanceof LedgerEntry.Failed f && f.attempt() == attempt)
                .map(LedgerEntry.Failed.class::cast)
                .findFirst();
        if (failed.isPresent()) {
            return new AuthorizationStep.Decided(
                    new AuthorizationOutcome.Failed(AuthorizationOutcome.Failed.PROVIDER_UNAVAILABLE));
        }
        String lastSoftReason = null;
        for (int index = 0; index < methodCount; index++) {
            Optional<LedgerEntry> result = authorizationResult(attempt, index);
            if (result.isEmpty()) {
                return new AuthorizationStep.TryMethod(index);
            }
            switch (result.get()) {
                case LedgerEntry.Authorized a -> {
                    return new AuthorizationStep.Decided(
                            new AuthorizationOutcome.Authorized(a.paymentId(), a.methodType(), a.methodIndex()));
                }
                case LedgerEntry.Declined d
                when d.declineKind() == DeclineKind.HARD -> {
                    return new AuthorizationStep.Decided(
                            new AuthorizationOutcome.Declined("payment method declined (" + d.reasonCode() + ")"));
                }
                case LedgerEntry.Declined d -> lastSoftReason = d.reasonCode();
                default -> throw new IllegalStateException("not an authorization result");
            }
        }
        return new AuthorizationStep.Decided(
                new AuthorizationOutcome.Declined("every payment method was declined (" + lastSoftReason + ")"));
    }

    private Optional<LedgerEntry> authorizationResult(int attempt, int methodIndex) {
        return entries.stream()
                .filter(e -> switch (e) {
                    case LedgerEntry.Authorized a -> a.attempt() == attempt && a.methodIndex() == methodIndex;
                    case LedgerEntry.Declined d -> d.attempt() == attempt && d.methodIndex() == methodIndex;
                    default -> false;
                })
                .findFirst();
    }

    // ---- the capture / void / refund policy ----

    /**
     * What to do with a command. Capture only an authorization that is neither captured nor voided,
     * for at most its amount; void only an uncaptured authorization (without a payment id: the order's
     * latest); refund only a capture, for at most its amount, once. A command the ledger already holds
     * is a repeat.
     *
     * @param paymentId the payment; may be null for VOID only
     */
    public CommandStep nextCommandStep(PaymentCommand command, PaymentId paymentId, Money amount) {
        Objects.requireNonNull(command, "command");
        Objects.requireNonNull(amount, "amount");
        Optional<LedgerEntry.Authorized> authorization =
                paymentId == null ? latestAuthorization() : authorization(paymentId);
        if (authorization.isEmpty()) {
            return new CommandStep.Refuse(
                    switch (command) {
                        case CAPTURE -> CommandOutcome.NOT_AUTHORIZED;
                        case VOID -> CommandOutcome.NOTHING_TO_VOID;
                        case REFUND -> CommandOutcome.NOTHING_TO_REFUND;
                    });
        }
        LedgerEntry.Authorized auth = authorization.get();
        PaymentId id = auth.paymentId();
        Optional<LedgerEntry.Captured> captured = find(LedgerEntry.Captured.class, id);
        Optional<LedgerEntry.Voided> voided = find(LedgerEntry.Voided.class, id);
        String key = IdempotencyKeys.command(orderId, id, command);
        return switch (command) {
            case CAPTURE -> {
                if (captured.isPresent()) {
                    yield new CommandStep.Repeat(CommandOutcome.CAPTURED);
                }
                if (voided.isPresent()) {
                    yield new CommandStep.Refuse(CommandOutcome.ALREADY_VOIDED);
                }
                if (!fits(amount, auth.amount())) {
                    yield new CommandStep.Refuse(CommandOutcome.AMOUNT_MISMATCH);
                }
                yield new CommandStep.CallProvider(id, amount, key);
            }
            case VOID -> {
                if (voided.isPresent()) {
                    yield new CommandStep.Repeat(CommandOutcome.VOIDED);
                }
                if (captured.isPresent()) {
                    yield new CommandStep.Refuse(CommandOutcome.ALREADY_CAPTURED);
                }
                // A void releases the whole hold, whatever amount the caller quoted.
                yield new CommandStep.CallProvider(id, auth.amount(), key);
            }
            case REFUND -> {
                if (find(LedgerEntry.Refunded.class, id).isPresent()) {
                    yield new CommandStep.Repeat(CommandOutcome.REFUNDED);
                }
                if (captured.isEmpty()) {
                    yield new CommandStep.Refuse(CommandOutcome.NOTHING_TO_REFUND);
                }
                if (!fits(amount, captured.get().amount())) {
                    yield new CommandStep.Refuse(CommandOutcome.AMOUNT_MISMATCH);
                }
                yield new CommandStep.CallProvider(id, amount, key);
            }
        };
    }

    private static boolean fits(Money asked, Money limit) {
        return asked.currency().equals(limit.currency()) && asked.minorUnits() <= limit.minorUnits();
    }

    public Optional<LedgerEntry.Authorized> authorization(PaymentId paymentId) {
        return find(LedgerEntry.Authorized.class, paymentId);
    }

    private Optional<LedgerEntry.Authorized> latestAuthorization() {
        return entries.reversed().stream()
                .filter(LedgerEntry.Authorized.class::isInstance)
                .map(LedgerEntry.Authorized.class::cast)
                .findFirst();
    }

    private <T extends LedgerEntry> Optional<T> find(Class<T> kind, PaymentId paymentId) {
        return entries.stream()
                .filter(kind::isInstance)
                .map(kind::cast)
                .filter(e -> paymentId.equals(paymentIdOf(e)))
                .findFirst();
    }

    private static PaymentId paymentIdOf(LedgerEntry entry) {
        return switch (entry) {
            case LedgerEntry.Authorized a -> a.paymentId();
            case LedgerEntry.Captured c -> c.paymentId();
            case LedgerEntry.Voided v -> v.paymentId();
            case LedgerEntry.Refunded r -> r.paymentId();
            case LedgerEntry.Declined d -> null;
            case LedgerEntry.Failed f -> null;
        };
    }

    // ---- new entries, numbered to follow this ledger ----

    /** The entry for the provider's answer to authorizing method {@code methodIndex} of an attempt. */
    public LedgerEntry authorizationResult(
            int attempt, int methodIndex, MethodType methodType, Money amount, ProviderAnswer answer, Instant at) {
        String key = IdempotencyKeys.authorize(orderId, attempt, methodIndex);
        return switch (answer) {
            case ProviderAnswer.Approved ignored ->
                new LedgerEntry.Authorized(
                        version() + 1,
                        at,
                        attempt,
                        methodIndex,
                        methodType,
                        PaymentId.forAuthorization(orderId, attempt, methodIndex),
                        amount,
                        key);
            case ProviderAnswer.Declined declined ->
                new LedgerEntry.Declined(
                        version() + 1,
                        at,
                        attempt,
                        methodIndex,
                        methodType,
                        declined.kind(),
                        declined.reasonCode(),
                        amount,
                        key);
        };
    }

    /** The entry that gives an attempt up after the provider stayed unavailable on method {@code methodIndex}. */
    public LedgerEntry.Failed failure(int attempt, int methodIndex, Money amount, String reason, Instant at) {
        return new LedgerEntry.Failed(
                version() + 1, at, attempt, reason, amount, IdempotencyKeys.authorize(orderId, attempt, methodIndex));
    }

    /** The entry for a capture, void or refund the provider approved. */
    public LedgerEntry commandResult(
            PaymentCommand command, CommandStep.CallProvider call, String refundReason, Instant at) {
        long sequence = version() + 1;
        return switch (command) {
            case CAPTURE ->
                new LedgerEntry.Captured(sequence, at, call.paymentId(), call.amount(), call.idempotencyKey());
            case VOID -> new LedgerEntry.Voided(sequence, at, call.paymentId(), call.amount(), call.idempotencyKey());
            case REFUND ->
                new LedgerEntry.Refunded(
                        sequence,
                        at,
                        call.paymentId(),
                        call.paymentId().refundId(),
                        Objects.requireNonNull(refundReason, "refundReason"),
                        call.amount(),
                        call.idempotencyKey());
        };
    }

    /** The outcome a successful command answers. */
    public static CommandOutcome success(PaymentCommand command) {
        return switch (command) {
            case CAPTURE -> CommandOutcome.CAPTURED;
            case VOID -> CommandOutcome.VOIDED;
            case REFUND -> CommandOutcome.REFUNDED;
        };
    }
}
