package dev.asynccommerce.localstack.eventsources;

import java.io.IOException;
import java.util.List;
import software.amazon.event.ruler.JsonRuleCompiler;
import software.amazon.event.ruler.Machine;

/**
 * A mapping's {@code FilterCriteria}: Lambda's filter patterns share EventBridge's syntax, so they are
 * compiled and matched by AWS's own matcher (event-ruler). A record passes when any pattern matches;
 * no patterns pass everything.
 */
final class RecordFilter {
    private final Machine machine;

    private RecordFilter(Machine machine) {
        this.machine = machine;
    }

    static RecordFilter of(List<String> patterns) {
        if (patterns.isEmpty()) {
            return new RecordFilter(null);
        }
        Machine machine = Machine.builder().build();
        for (int i = 0; i < patterns.size(); i++) {
            String pattern = patterns.get(i);
            String error = JsonRuleCompiler.check(pattern);
            if (error != null) {
                throw new IllegalArgumentException(
                        "FilterCriteria.Filters[" + i + "].Pattern: not a valid filter pattern: " + error);
            }
            try {
                machine.addRule("filter-" + i, pattern);
            } catch (IOException | RuntimeException e) {
                throw new IllegalArgumentException(
                        "FilterCriteria.Filters[" + i + "].Pattern: not a valid filter pattern: " + e.getMessage());
            }
        }
        return new RecordFilter(machine);
    }

    /** Whether the record (as the JSON Lambda filters on) passes. */
    boolean accepts(String recordJson) {
        if (machine == null) {
            return true;
        }
        try {
            return !machine.rulesForJSONEvent(recordJson).isEmpty();
        } catch (Exception e) {
            return false;
        }
    }

    boolean acceptsEverything() {
        return machine == null;
    }
}
