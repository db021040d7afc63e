package dev.asynccommerce.inventory.handler;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatExceptionOfType;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.inventory.TestWiring;
import dev.asynccommerce.inventory.application.InMemoryStockRepository;
import dev.asynccommerce.inventory.application.ReservationNotHeldException;
import dev.asynccommerce.inventory.domain.StockLevel;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import dev.asynccommerce.platform.json.Json;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import org.junit.jupiter.api.Test;

class ReservationCommandHandlerTest {
    private static final StoreId STORE = new StoreId("store-001");
    private static final String ORDER = "ord_01jdq8r5w3k7m2n9p4t6v8x0zb";
    private static final String RESERVE = """
            {"command":"RESERVE","orderId":"%s","correlationId":"req-5b0e1c7a9d3f4e2a",
             "reservationId":"%s#1","storeId":"store-001",
             "lines":[{"sku":"SKU-0001","quantity":2},{"sku":"SKU-0042","quantity":1}]}""".formatted(ORDER, ORDER);

    private final InMemoryStockRepository stock = new InMemoryStockRepository()
            .withStore(STORE)
            .withStock(new StockLevel(STORE, new Sku("SKU-0001"), 5, 0, 1))
            .withStock(new StockLevel(STORE, new Sku("SKU-0042"), 1, 0, 1));
    private final ReservationCommandHandler handler = new ReservationCommandHandler(TestWiring.of(stock));

    @Test
    void reserveAnswersReservedWithTheReservationId() throws Exception {
        assertThat(handle(RESERVE)).isEqualTo(json("{\"outcome\":\"RESERVED\",\"reservationId\":\"" + ORDER + "#1\"}"));
        assertThat(stock.stored(STORE, new Sku("SKU-0042")).available()).isZero();
    }

    @Test
    void reserveAnswersOutOfStockWithTheShortLines() throws Exception {
        stock.withStock(new StockLevel(STORE, new Sku("SKU-0042"), 0, 0, 2));

        assertThat(handle(RESERVE))
                .isEqualTo(json("{\"outcome\":\"OUT_OF_STOCK\",\"shortLines\":"
                        + "[{\"sku\":\"SKU-0042\",\"requested\":1,\"available\":0}]}"));
    }

    @Test
    void releaseAndCommitAnswerTheirOutcomesAlsoWhenRepeated() throws Exception {
        handle(RESERVE);
        String release = command("RELEASE");

        assertThat(handle(release)).isEqualTo(json("{\"outcome\":\"RELEASED\"}"));
        assertThat(handle(release)).isEqualTo(json("{\"outcome\":\"RELEASED\"}"));
        assertThat(stock.stored(STORE, new Sku("SKU-0001")).reserved()).isZero();
        assertThatExceptionOfType(ReservationNotHeldException.class).isThrownBy(() -> handle(command("COMMIT")));
    }

    @Test
    void commitAnswersCommitted() throws Exception {
        handle(RESERVE);

        assertThat(handle(command("COMMIT"))).isEqualTo(json("{\"outcome\":\"COMMITTED\"}"));
        assertThat(stock.stored(STORE, new Sku("SKU-0001")).onHand()).isEqualTo(3);
    }

    @Test
    void invalidInputNamesEveryProblemAndWritesNothing() {
        String bad = """
                {"command":"RESERVE","orderId":"ord_x","correlationId":"has space",
                 "reservationId":"rsv-1","storeId":"Store 1",
                 "lines":[{"sku":"SKU-0001","quantity":0},{"sku":"SKU-0001","quantity":1}]}""";

        assertThatExceptionOfType(InvalidCommandException.class)
                .isThrownBy(() -> handle(bad))
                .withMessageContaining("orderId")
                .withMessageContaining("correlationId")
                .withMessageContaining("reservationId")
                .withMessageContaining("storeId")
                .withMessageContaining("lines[0].quantity")
                .withMessageContaining("lines[1].sku")
                .withMessageNotContaining("Store 1");
        assertThat(stock.saves()).isZero();
    }

    @Test
    void refusesAnUnknownCommandAReservationOfAnotherOrderAndNonJson() {
        assertThatExceptionOfType(InvalidCommandException.class)
                .isThrownBy(() -> handle(command("CANCEL")))
                .withMessageContaining("command");
        assertThatExceptionOfType(InvalidCommandException.class)
                .isThrownBy(() -> handle(RESERVE.replace(ORDER + "#1", "ord_00000000000000000000000000#1")))
                .withMessageContaining("reservationId: must belong to orderId");
        assertThatExceptionOfType(InvalidCommandException.class).isThrownBy(() -> handle("[1,2"));
        assertThatExceptionOfType(InvalidCommandException.class)
                .isThrownBy(() -> handle(RESERVE.replace("\"lines\":[", "\"lines\":[],\"x\":[")))
                .withMessageContaining("lines");
    }

    private static String command(String command) {
        return """
                {"command":"%s","orderId":"%s","correlationId":"req-5b0e1c7a9d3f4e2a","reservationId":"%s#1"}""".formatted(command, ORDER, ORDER);
    }

    private JsonNode handle(String payload) throws Exception {
        ByteArrayOutputStream out = new ByteArrayOutputStream();
        handler.handleRequest(new ByteArrayInputStream(payload.getBytes(StandardCharsets.UTF_8)), out, null);
        return json(out.toString(StandardCharsets.UTF_8));
    }

    private static JsonNode json(String text) throws Exception {
        return Json.mapper().readTree(text);
    }
}
