package dev.asynccommerce.fulfillment.domain;

import dev.asynccommerce.kernel.StoreId;
import java.util.Objects;

/**
 * A store-staff member as a verified token names them: the identity provider's subject (a
 * pseudonymous user id) and the one store they work at, which only an administrator can set.
 */
public record StaffIdentity(String subject, StoreId storeId) {

    public StaffIdentity {
        if (subject == null || subject.isBlank()) {
            throw new IllegalArgumentException("a staff identity needs a subject");
        }
        Objects.requireNonNull(storeId, "storeId");
    }

    /** Staff act at their own store only: a token for one store is refused at every other. */
    public boolean worksAt(StoreId store) {
        return storeId.equals(store);
    }

    /** Leaves the subject out: it identifies a person, and toString ends up in logs. */
    @Override
    public String toString() {
        return "StaffIdentity[storeId=" + storeId + "]";
    }
}
