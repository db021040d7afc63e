package dev.asynccommerce.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class IdentifiersTest {

    @ParameterizedTest
    @ValueSource(strings = {"SKU-0001", "A", "ABC-123-XYZ"})
    void acceptsSkus(String value) {
        assertThat(new Sku(value).value()).isEqualTo(value);
    }

    @ParameterizedTest
    @ValueSource(strings = {"", "sku-0001", "-SKU", "SKU 1", "SKU-00000000000000000000000000000000000001"})
    void refusesMalformedSkus(String value) {
        assertThat(Sku.isValid(value)).isFalse();
        assertThatThrownBy(() -> new Sku(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"ord_0123456789abcdefghijklmnop", "ord_ABCDEFGHIJKLMNOPQRSTUVWXYZ", "ord_123", "../etc"})
    void orderIdsAreOrdFollowedBy26LowerCaseBase32Characters(String value) {
        assertThat(OrderId.isValid(value)).isEqualTo(value.equals("ord_0123456789abcdefghijklmnop"));
    }

    @ParameterizedTest
    @ValueSource(strings = {"ana@example.com", "", "with space"})
    void aCustomerIdIsNeverAnEmailAddressOrFreeText(String value) {
        assertThat(CustomerId.isValid(value)).isFalse();
        assertThatThrownBy(() -> new CustomerId(value)).isInstanceOf(IllegalArgumentException.class);
    }

    @ParameterizedTest
    @ValueSource(strings = {"store-001", "store-\n001"})
    void aRefusalDoesNotCarryControlCharactersIntoLogs(String value) {
        if (StoreId.isValid(value)) {
            assertThat(new StoreId(value).value()).isEqualTo(value);
        } else {
            assertThatThrownBy(() -> new StoreId(value)).hasMessageNotContaining("\n");
        }
    }
}
