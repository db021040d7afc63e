package dev.asynccommerce.localstack.spi;

/**
 * Where the stack's services write the X-Ray segments they record (the stack's segment store, served
 * over X-Ray's API). A document is a segment document as {@code PutTraceSegments} takes it; putting a
 * document with an id already stored replaces it (an in-progress segment, then the completed one).
 */
@FunctionalInterface
public interface TraceSegments {
    /** Records nothing: tracing off, or a service used without the stack. */
    TraceSegments DISCARD = document -> {};

    /** Stores one segment document (UTF-8 JSON text). Must not throw for a well-formed document. */
    void put(String document);
}
