package dev.asynccommerce.ordering.application;

import java.util.ArrayList;
import java.util.List;

/** Records how waiting tasks were answered, in order. */
public final class RecordingCallbacks implements WorkflowCallbacks {
    public record Answer(String taskToken, String kind, String detail) {}

    private final List<Answer> answers = new ArrayList<>();

    @Override
    public synchronized void resumePayment(String taskToken, int attempt, List<Method> methods) {
        answers.add(new Answer(taskToken, "resumePayment", "attempt " + attempt + " " + methods));
    }

    @Override
    public synchronized void fail(String taskToken, String error, String cause) {
        answers.add(new Answer(taskToken, "fail", error + ": " + cause));
    }

    public synchronized List<Answer> answers() {
        return List.copyOf(answers);
    }
}
