package dev.asynccommerce.payments.application;

import java.time.Duration;

/** Waits. A port so that retries and simulated latency cost tests nothing. */
public interface Sleeper {

    void sleep(Duration duration);
}
