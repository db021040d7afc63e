package dev.asynccommerce.relay.application;

/** What the event bus answered for one entry of a publish call. */
public sealed interface PublishResult {

    /** The bus took the event; {@code busEventId} is the id the bus gave it. */
    record Published(String busEventId) implements PublishResult {}

    /**
     * The bus refused the entry, or the whole call failed.
     *
     * @param errorCode the bus's error code for the entry (e.g. {@code InternalFailure},
     *     {@code ThrottlingException}), or for a failed call the service error code or the client
     *     failure's type; never a message that could echo event data
     */
    record Failed(String errorCode) implements PublishResult {}
}
