package dev.asynccommerce.payments.application;

/** Event ids 00000000-0000-4000-8000-000000000001, ...2, ... */
public final class SequentialIdentities implements Identities {
    private long next = 1;

    @Override
    public String newEventId() {
        return "00000000-0000-4000-8000-%012d".formatted(next++);
    }
}
