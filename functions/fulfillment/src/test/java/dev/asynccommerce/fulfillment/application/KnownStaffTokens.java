package dev.asynccommerce.fulfillment.application;

import dev.asynccommerce.fulfillment.domain.StaffIdentity;
import dev.asynccommerce.kernel.StoreId;
import java.util.HashMap;
import java.util.Map;

/**
 * Staff tokens as plain strings a test hands out: each known token verifies to its staff member,
 * or is refused for the reason it was given; any other string is malformed.
 */
public final class KnownStaffTokens implements StaffTokens {
    public static final String SUBJECT = "7f3c1a52-9d4e-4b8a-a1c6-2e5f8d9b0c13";

    private final Map<String, Verification> tokens = new HashMap<>();

    public KnownStaffTokens issue(String token, String storeId) {
        tokens.put(token, new Verification.Verified(new StaffIdentity(SUBJECT, new StoreId(storeId))));
        return this;
    }

    public KnownStaffTokens refuse(String token, Reason reason) {
        tokens.put(token, new Verification.Refused(reason));
        return this;
    }

    @Override
    public Verification verify(String token) {
        return tokens.getOrDefault(token, new Verification.Refused(Reason.MALFORMED));
    }
}
