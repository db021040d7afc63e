package dev.asynccommerce.testkit;

import java.util.concurrent.atomic.AtomicInteger;

/** Table and resource names unique within a test JVM, so tests sharing one engine stay apart. */
public final class UniqueNames {
    private static final AtomicInteger COUNTER = new AtomicInteger();

    private UniqueNames() {}

    public static String next(String prefix) {
        return prefix + "-" + ProcessHandle.current().pid() + "-" + COUNTER.incrementAndGet();
    }
}
