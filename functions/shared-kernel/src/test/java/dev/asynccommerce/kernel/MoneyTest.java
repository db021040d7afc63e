package dev.asynccommerce.kernel;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class MoneyTest {

    @Test
    void addsAndMultipliesInExactMinorUnits() {
        Money price = Money.of(1999, "EUR");

        assertThat(price.times(3).plus(Money.of(1, "EUR"))).isEqualTo(Money.of(5998, "EUR"));
    }

    @Test
    void refusesToMixCurrencies() {
        assertThatThrownBy(() -> Money.of(100, "EUR").plus(Money.of(100, "USD")))
                .isInstanceOf(IllegalArgumentException.class)
                .hasMessageContaining("EUR")
                .hasMessageContaining("USD");
    }

    @Test
    void refusesToOverflowRatherThanWrapAround() {
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE / 2 + 1, "EUR").times(2))
                .isInstanceOf(ArithmeticException.class);
        assertThatThrownBy(() -> Money.of(Long.MAX_VALUE, "EUR").plus(Money.of(1, "EUR")))
                .isInstanceOf(ArithmeticException.class);
    }

    @Test
    void refusesAnUnknownCurrencyCode() {
        assertThatThrownBy(() -> Money.of(1, "XYZW")).isInstanceOf(IllegalArgumentException.class);
    }
}
