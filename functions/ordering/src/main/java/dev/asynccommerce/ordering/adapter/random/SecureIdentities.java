package dev.asynccommerce.ordering.adapter.random;

import dev.asynccommerce.kernel.OrderId;
import dev.asynccommerce.ordering.application.Identities;
import dev.asynccommerce.ordering.domain.PickupCode;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.UUID;

/** Identifiers and tokens from the JDK's cryptographically strong random source. */
public final class SecureIdentities implements Identities {
    private static final char[] BASE32 = "0123456789abcdefghijklmnopqrstuv".toCharArray();

    private final SecureRandom random = new SecureRandom();

    @Override
    public OrderId newOrderId() {
        // 26 base-32 characters carry 130 random bits: collisions are not a concern.
        StringBuilder id = new StringBuilder("ord_");
        for (int i = 0; i < 26; i++) {
            id.append(BASE32[random.nextInt(32)]);
        }
        return new OrderId(id.toString());
    }

    @Override
    public String newEventId() {
        return UUID.randomUUID().toString();
    }

    @Override
    public String newOrderToken() {
        byte[] bytes = new byte[32];
        random.nextBytes(bytes);
        return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
    }

    @Override
    public PickupCode newPickupCode() {
        return new PickupCode("%06d".formatted(random.nextInt(1_000_000)));
    }
}
