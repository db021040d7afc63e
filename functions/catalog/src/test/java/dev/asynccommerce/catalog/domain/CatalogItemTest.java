package dev.asynccommerce.catalog.domain;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatIllegalArgumentException;

import dev.asynccommerce.kernel.Money;
import dev.asynccommerce.kernel.Sku;
import dev.asynccommerce.kernel.StoreId;
import org.junit.jupiter.api.Test;

class CatalogItemTest {
    private static final Sku SKU = new Sku("SKU-0001");

    @Test
    void keepsTheNameWithoutSurroundingWhitespace() {
        CatalogItem item = new CatalogItem(SKU, "  Pepper Mill ", Money.of(1599, "EUR"));

        assertThat(item.name()).isEqualTo("Pepper Mill");
    }

    @Test
    void allowsAFreeItemButRefusesANegativePrice() {
        assertThat(new CatalogItem(SKU, "Sticker", Money.of(0, "EUR")).price().minorUnits())
                .isZero();
        assertThatIllegalArgumentException()
                .isThrownBy(() -> new CatalogItem(SKU, "Refund", Money.of(-1, "EUR")))
                .withMessageContaining("negative");
    }

    @Test
    void refusesABlankOverlongOrControlCharacterName() {
        Money price = Money.of(100, "EUR");
        assertThatIllegalArgumentException().isThrownBy(() -> new CatalogItem(SKU, " ", price));
        assertThatIllegalArgumentException().isThrownBy(() -> new CatalogItem(SKU, null, price));
        assertThatIllegalArgumentException().isThrownBy(() -> new CatalogItem(SKU, "x".repeat(201), price));
        assertThatIllegalArgumentException().isThrownBy(() -> new CatalogItem(SKU, "Pepper\nMill", price));
        assertThat(new CatalogItem(SKU, "x".repeat(200), price).name()).hasSize(200);
    }

    @Test
    void aStoreNeedsAName() {
        StoreId id = new StoreId("store-001");
        assertThatIllegalArgumentException().isThrownBy(() -> new Store(id, ""));
        assertThat(new Store(id, "Amsterdam Centraal").name()).isEqualTo("Amsterdam Centraal");
    }
}
