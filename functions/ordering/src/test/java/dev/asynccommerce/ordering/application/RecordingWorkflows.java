package dev.asynccommerce.ordering.application;

import java.util.LinkedHashMap;
import java.util.Map;

/** Executions by name, as Step Functions keeps them unique. */
public final class RecordingWorkflows implements FulfillmentWorkflows {
    private final Map<String, String> executions = new LinkedHashMap<>();

    @Override
    public synchronized boolean start(String orderId, String inputJson) {
        return executions.putIfAbsent(orderId, inputJson) == null;
    }

    public synchronized Map<String, String> executions() {
        return Map.copyOf(executions);
    }
}
