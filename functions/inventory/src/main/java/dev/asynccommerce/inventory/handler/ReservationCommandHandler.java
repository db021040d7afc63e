package dev.asynccommerce.inventory.handler;

import com.amazonaws.services.lambda.runtime.Context;
import com.amazonaws.services.lambda.runtime.RequestStreamHandler;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import dev.asynccommerce.inventory.InventoryWiring;
import dev.asynccommerce.inventory.application.CommitReservation;
import dev.asynccommerce.inventory.application.ReleaseReservation;
import dev.asynccommerce.inventory.application.ReserveStock;
import dev.asynccommerce.platform.http.RequestContext;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * The BOPIS workflow's stock steps ({@code lambda:invoke} on {@code InventoryReservationsFunction};
 * docs/bopis-workflow.md, "inventory").
 *
 * <ul>
 *   <li>{@code {"command":"RESERVE","orderId","correlationId","reservationId","storeId","lines":[{"sku","quantity"}]}}
 *       → {@code {"outcome":"RESERVED","reservationId"}} or
 *       {@code {"outcome":"OUT_OF_STOCK","shortLines":[{"sku","requested","available"}]}}: all
 *       lines or none, never oversold; a repeated reservation id answers the first outcome.
 *   <li>{@code {"command":"RELEASE","orderId","correlationId","reservationId","reason"?}} →
 *       {@code {"outcome":"RELEASED"}}, also when nothing was left to release.
 *   <li>{@code {"command":"COMMIT","orderId","correlationId","reservationId"}} →
 *       {@code {"outcome":"COMMITTED"}}: on hand and reserved both go down; idempotent.
 * </ul>
 *
 * <p>Failures are errors for the state machine: {@link InvalidCommandException} (bad input, nothing
 * written, do not retry), {@code ReservationMismatchException} (a reservation id reused for other
 * lines), {@code ReservationNotHeldException} (COMMIT of a reservation that holds nothing), and
 * transient ones to retry with backoff: {@code StockContentionException} and AWS SDK exceptions.
 */
public final class ReservationCommandHandler implements RequestStreamHandler {
    private static final Logger LOG = LogManager.getLogger(ReservationCommandHandler.class);

    private final ReserveStock reserveStock;
    private final ReleaseReservation releaseReservation;
    private final CommitReservation commitReservation;

    public ReservationCommandHandler() {
        this(InventoryWiring.fromEnvironment());
    }

    public ReservationCommandHandler(InventoryWiring wiring) {
        this.reserveStock = wiring.reserveStock();
        this.releaseReservation = wiring.releaseReservation();
        this.commitReservation = wiring.commitReservation();
    }

    @Override
    public void handleRequest(InputStream in, OutputStream out, Context context) throws IOException {
        ReservationCommand command = ReservationCommand.read(in, RequestContext.traceHeader());
        RequestContext.log(command.correlationId(), command.orderId());
        ObjectNode answer = switch (command) {
            case ReservationCommand.Reserve reserve -> reserved(reserveStock.execute(reserve.command()));
            case ReservationCommand.Release release -> {
                ReleaseReservation.Outcome outcome = releaseReservation.execute(release.command());
                LOG.info(
                        "release {}: releasedNow={} statusBefore={}",
                        release.command().reservationId(),
                        outcome.releasedNow(),
                        outcome.statusBefore().map(Enum::name).orElse("UNKNOWN"));
                yield outcome("RELEASED");
            }
            case ReservationCommand.Commit commit -> {
                CommitReservation.Outcome outcome = commitReservation.execute(commit.command());
                LOG.info("commit {}: committedNow={}", commit.command().reservationId(), outcome.committedNow());
                yield outcome("COMMITTED");
            }
        };
        ReservationCommand.JSON.writeValue(out, answer);
    }

    private static ObjectNode reserved(ReserveStock.Outcome outcome) {
        return switch (outcome) {
            case ReserveStock.Outcome.Reserved reserved -> {
                LOG.info("reserve {}: RESERVED", reserved.reservationId());
                yield outcome("RESERVED")
                        .put("reservationId", reserved.reservationId().value());
            }
            case ReserveStock.Outcome.OutOfStock outOfStock -> {
                LOG.info(
                        "reserve: OUT_OF_STOCK on {} lines",
                        outOfStock.shortLines().size());
                ObjectNode answer = outcome("OUT_OF_STOCK");
                ArrayNode lines = answer.putArray("shortLines");
                outOfStock
                        .shortLines()
                        .forEach(line -> lines.addObject()
                                .put("sku", line.sku().value())
                                .put("requested", line.requested())
                                .put("available", line.available()));
                yield answer;
            }
        };
    }

    private static ObjectNode outcome(String outcome) {
        return ReservationCommand.JSON.createObjectNode().put("outcome", outcome);
    }
}
