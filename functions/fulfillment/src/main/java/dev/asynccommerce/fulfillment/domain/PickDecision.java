package dev.asynccommerce.fulfillment.domain;

import java.util.List;

/** What a pick task made of the store's report: refusals are values, not exceptions. */
public sealed interface PickDecision {

    /** Recorded now: {@code task} is closed with its result, one version on. */
    record Reported(PickTask task) implements PickDecision {}

    /** The very report that closed the task, again: nothing changes. */
    record AlreadyReported(PickTask task) implements PickDecision {}

    /** The task was closed by another report, with other quantities. */
    record ConflictingReport(PickTask task) implements PickDecision {}

    /** The order was cancelled: there is nothing to pick any more. */
    record Closed(PickTask task) implements PickDecision {}

    /** The report does not fit the task (unknown SKU, more than ordered, a line missing). */
    record Refused(List<LineProblem> problems) implements PickDecision {
        public Refused {
            problems = List.copyOf(problems);
        }
    }
}
