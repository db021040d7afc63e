package dev.asynccommerce.fulfillment.domain;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;

/**
 * What a store must pick for one order, and the workflow step waiting for the answer.
 *
 * <p>One task per order. It is open until the store reports what it picked (in full or short) or
 * the order is cancelled; a closed task keeps its result, so repeating the same report is
 * recognised and changes nothing. While open, the workflow may hand it a new token (the picking
 * SLA passed and the task was escalated): the same task, answered through the new token.
 *
 * @param picked what the store reported, one line per ordered SKU in the order's line order; empty
 *     until reported
 * @param correlationId the order flow's correlation id, carried into the events the task causes
 * @param version increases with every change: the store's optimistic concurrency check
 * @param closedAt when it was reported or cancelled; null while open
 */
public record PickTask(
        OrderId orderId,
        StoreId storeId,
        List<PickLine> lines,
        Instant createdAt,
        Instant dueAt,
        TaskToken token,
        boolean escalated,
        PickStatus status,
        List<PickLine> picked,
        String correlationId,
        long version,
        Instant closedAt) {

    /** The schema's bound on lines in one event. */
    public static final int MAX_LINES = 50;

    public PickTask {
        Objects.requireNonNull(orderId, "orderId");
        Objects.requireNonNull(storeId, "storeId");
        lines = List.copyOf(lines);
        Objects.requireNonNull(createdAt, "createdAt");
        Objects.requireNonNull(dueAt, "dueAt");
        Objects.requireNonNull(token, "token");
        Objects.requireNonNull(status, "status");
        picked = List.copyOf(picked);
        Objects.requireNonNull(correlationId, "correlationId");
        if (lines.isEmpty() || lines.size() > MAX_LINES) {
            throw new IllegalArgumentException("a pick task has 1.." + MAX_LINES + " lines");
        }
        Set<Sku> skus = new HashSet<>();
        for (PickLine line : lines) {
            if (line.quantity() < 1 || !skus.add(line.sku())) {
                throw new IllegalArgumentException("a pick task orders each SKU once, at least one unit");
            }
        }
    }

    /** A new open task, version 1. */
    public static PickTask open(
            OrderId orderId,
            StoreId storeId,
            List<PickLine> lines,
            Instant createdAt,
            Instant dueAt,
            TaskToken token,
            String correlationId) {
        return new PickTask(
                orderId,
                storeId,
                lines,
                createdAt,
                dueAt,
                token,
                false,
                PickStatus.OPEN,
                List.of(),
                correlationId,
                1,
                null);
    }

    public boolean isOpenAt(StoreId store) {
        return status.isOpen() && storeId.equals(store);
    }

    /** The result once reported: PICKED or SHORT_PICKED. */
    public Optional<PickOutcome> outcome() {
        return switch (status) {
            case PICKED -> Optional.of(PickOutcome.PICKED);
            case SHORT_PICKED -> Optional.of(PickOutcome.SHORT_PICKED);
            case OPEN, CANCELLED -> Optional.empty();
        };
    }

    /**
     * The workflow waits on this task again with a new token: after a retry of the step, or once
     * escalated. The same token again changes nothing. Only an open task takes a token.
     */
    public PickTask withToken(TaskToken newToken, boolean nowEscalated, Instant newDueAt) {
        requireOpen();
        boolean escalation = escalated || nowEscalated;
        if (newToken.equals(token) && escalation == escalated && newDueAt.equals(dueAt)) {
            return this;
        }
        return new PickTask(
                orderId,
                storeId,
                lines,
                createdAt,
                newDueAt,
                newToken,
                escalation,
                status,
                picked,
                correlationId,
                version + 1,
                null);
    }

    /**
     * The store reports what it picked: one line per ordered SKU, never more than ordered. Fewer
     * units on any line is a short pick. Repeating the report that closed the task is recognised.
     */
    public PickDecision report(List<PickLine> reported, Instant at) {
        if (status == PickStatus.CANCELLED) {
            return new PickDecision.Closed(this);
        }
        if (!status.isOpen()) {
            return sameQuantities(reported, picked)
                    ? new PickDecision.AlreadyReported(this)
                    : new PickDecision.ConflictingReport(this);
        }
        List<LineProblem> problems = problemsOf(reported);
        if (!problems.isEmpty()) {
            return new PickDecision.Refused(problems);
        }
        Map<Sku, Integer> bySku = quantities(reported);
        List<PickLine> inOrder = lines.stream()
                .map(l -> new PickLine(l.sku(), bySku.get(l.sku())))
                .toList();
        boolean complete = lines.stream().allMatch(l -> bySku.get(l.sku()) == l.quantity());
        return new PickDecision.Reported(closed(complete ? PickStatus.PICKED : PickStatus.SHORT_PICKED, inOrder, at));
    }

    /** The order was cancelled: the task closes without a result. Cancelling again changes nothing. */
    public PickTask cancel(Instant at) {
        if (!status.isOpen()) {
            return this;
        }
        return closed(PickStatus.CANCELLED, picked, at);
    }

    /** The next version of this task, closed {@code at} with {@code status} and what was picked. */
    private PickTask closed(PickStatus status, List<PickLine> picked, Instant at) {
        return new PickTask(
                orderId,
                storeId,
                lines,
                createdAt,
                dueAt,
                token,
                escalated,
                status,
                picked,
                correlationId,
                version + 1,
                at);
    }

    private List<LineProblem> problemsOf(List<PickLine> reported) {
        Map<Sku, Integer> ordered = quantities(lines);
        List<LineProblem> problems = new ArrayList<>();
        Set<Sku> seen = new HashSet<>();
        for (int i = 0; i < reported.size(); i++) {
            PickLine line = reported.get(i);
            Integer orderedQuantity = ordered.get(line.sku());
            if (orderedQuantity == null) {
                problems.add(new LineProblem("lines[" + i + "].sku", "is not on this pick task"));
            } else if (!seen.add(line.sku())) {
                problems.add(new LineProblem("lines[" + i + "].sku", "is given more than once"));
            } else if (line.quantity() > orderedQuantity) {
                problems.add(new LineProblem(
                        "lines[" + i + "].quantity", "is more than the " + orderedQuantity + " ordered"));
            }
        }
        for (PickLine line : lines) {
            if (!seen.contains(line.sku())
                    && reported.stream().noneMatch(r -> r.sku().equals(line.sku()))) {
                problems.add(new LineProblem(
                        "lines", "has no line for " + line.sku() + "; send quantity 0 when none could be picked"));
            }
        }
        return problems;
    }

    private static boolean sameQuantities(List<PickLine> a, List<PickLine> b) {
        return a.size() == b.size() && quantities(a).equals(quantities(b));
    }

    private static Map<Sku, Integer> quantities(List<PickLine> lines) {
        Map<Sku, Integer> bySku = new LinkedHashMap<>();
        lines.forEach(l -> bySku.putIfAbsent(l.sku(), l.quantity()));
        return bySku;
    }

    private void requireOpen() {
        if (!status.isOpen()) {
            throw new IllegalStateException("only an open pick task takes a new token");
        }
    }
}
