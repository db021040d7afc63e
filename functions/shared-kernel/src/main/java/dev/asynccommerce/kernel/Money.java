package dev.asynccommerce.kernel;

import java.util.Currency;
import java.util.Objects;

/**
 * An amount of money in integer minor units (cents for EUR/USD) of one currency.
 *
 * <p>Never floating point: totals must add up to the cent. Arithmetic is exact and refuses
 * overflow and mixed currencies with an exception, because either is a programming error, not a
 * business outcome.
 */
public record Money(long minorUnits, Currency currency) {

    public Money {
        Objects.requireNonNull(currency, "currency");
    }

    public static Money of(long minorUnits, String currencyCode) {
        return new Money(minorUnits, Currency.getInstance(currencyCode));
    }

    public static Money zero(Currency currency) {
        return new Money(0, currency);
    }

    public Money plus(Money other) {
        requireSameCurrency(other);
        return new Money(Math.addExact(minorUnits, other.minorUnits), currency);
    }

    public Money times(int quantity) {
        return new Money(Math.multiplyExact(minorUnits, (long) quantity), currency);
    }

    public boolean isNegative() {
        return minorUnits < 0;
    }

    public String currencyCode() {
        return currency.getCurrencyCode();
    }

    private void requireSameCurrency(Money other) {
        if (!currency.equals(other.currency)) {
            throw new IllegalArgumentException(
                    "cannot combine " + currency.getCurrencyCode() + " with " + other.currency.getCurrencyCode());
        }
    }

    @Override
    public String toString() {
        return minorUnits + " " + currency.getCurrencyCode() + " (minor units)";
    }
}
