package dev.asynccommerce.localstack.eventbridge;

import dev.asynccommerce.localstack.eventbridge.delivery.DeliveryException;
import dev.asynccommerce.localstack.eventbridge.delivery.LambdaTargets;
import dev.asynccommerce.localstack.eventbridge.delivery.StepFunctionsTargets;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * An in-memory Lambda and Step Functions side: records what it is given, and fails the first {@link
 * #failures} calls with a retryable THROTTLING, as a function out of concurrency would.
 */
class RecordingTargets implements LambdaTargets, StepFunctionsTargets {
    record Call(String arn, String input, String traceHeader) {}

    final List<Call> calls = new ArrayList<>();
    final AtomicInteger failures = new AtomicInteger();
    final AtomicInteger attempts = new AtomicInteger();

    @Override
    public synchronized void invokeAsync(String functionArn, String payload) {
        record(functionArn, payload, null);
    }

    @Override
    public synchronized void invokeAsync(String functionArn, String payload, String traceHeader) {
        record(functionArn, payload, traceHeader);
    }

    @Override
    public synchronized void startExecution(String stateMachineArn, String input) {
        record(stateMachineArn, input, null);
    }

    @Override
    public synchronized void startExecution(String stateMachineArn, String input, String traceHeader) {
        record(stateMachineArn, input, traceHeader);
    }

    private void record(String arn, String input, String traceHeader) {
        attempts.incrementAndGet();
        if (failures.getAndUpdate(n -> Math.max(0, n - 1)) > 0) {
            throw DeliveryException.retryable("THROTTLING", "Rate exceeded");
        }
        calls.add(new Call(arn, input, traceHeader));
    }

    synchronized List<Call> calls() {
        return List.copyOf(calls);
    }
}
