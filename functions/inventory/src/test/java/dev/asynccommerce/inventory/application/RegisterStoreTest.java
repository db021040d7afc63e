package dev.asynccommerce.inventory.application;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.kernel.StoreId;
import org.junit.jupiter.api.Test;

class RegisterStoreTest {
    private static final StoreId STORE = new StoreId("store-004");

    @Test
    void registersAStoreOnceAndSaysSoWhenRepeated() {
        InMemoryStockRepository stock = new InMemoryStockRepository();
        RegisterStore registerStore = new RegisterStore(stock);

        assertThat(registerStore.execute(STORE)).isEqualTo(new RegisterStore.Outcome.Registered(STORE));
        assertThat(registerStore.execute(STORE)).isEqualTo(new RegisterStore.Outcome.AlreadyRegistered(STORE));
        assertThat(stock.isRegistered(STORE)).isTrue();
    }
}
