package dev.asynccommerce.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.logs.CfnLogGroup;
import software.amazon.awscdk.services.logs.LogGroup;
import software.amazon.awscdk.services.sqs.CfnQueue;
import software.constructs.IConstruct;
import software.constructs.IValidation;

/**
 * Rules every resource of the stack keeps, enforced at synthesis: each relevant construct gets a
 * validation, and synthesis fails listing every violation.
 *
 * <ul>
 *   <li>a queue has a dead-letter queue, unless it is one ({@link DeadLetters});
 *   <li>a function has active X-Ray tracing and a log group with a retention;
 *   <li>an asynchronous delivery has somewhere to put what it cannot deliver: every EventBridge
 *       rule target a dead-letter queue, every stream event-source mapping an on-failure destination.
 * </ul>
 *
 * The checks run when validation runs, on the values as CloudFormation will receive them, because
 * the L2 constructs fill many properties in lazily.
 */
public final class Guardrails implements IAspect {

    @Override
    public void visit(IConstruct node) {
        switch (node) {
            case CfnQueue queue -> validate(queue, () -> queueProblems(queue));
            case Function function -> validate(function, () -> functionProblems(function));
            case CfnRule rule -> validate(rule, () -> ruleProblems(rule));
            case CfnEventSourceMapping mapping -> validate(mapping, () -> mappingProblems(mapping));
            default -> {}
        }
    }

    private static List<String> queueProblems(CfnQueue queue) {
        if (resolve(queue, queue.getRedrivePolicy()) == null
                && !DeadLetters.isDeadLetterQueue(queue.getNode().getScope())) {
            return List.of("queue " + path(queue) + " has no dead-letter queue");
        }
        return List.of();
    }

    private static List<String> functionProblems(Function function) {
        List<String> problems = new ArrayList<>();
        CfnFunction cfn = (CfnFunction) function.getNode().getDefaultChild();
        if (!(resolve(cfn, cfn.getTracingConfig()) instanceof Map<?, ?> tracing)
                || !"Active".equals(field(tracing, "Mode"))) {
            problems.add("function " + path(function) + " does not have active X-Ray tracing");
        }
        if (!(function.getLogGroup() instanceof LogGroup logs)
                || ((CfnLogGroup) logs.getNode().getDefaultChild()).getRetentionInDays() == null) {
            problems.add("function " + path(function) + " has no log group with a retention");
        }
        return problems;
    }

    private static List<String> ruleProblems(CfnRule rule) {
        List<String> problems = new ArrayList<>();
        if (resolve(rule, rule.getTargets()) instanceof List<?> targets) {
            for (Object target : targets) {
                if (target instanceof Map<?, ?> t && field(t, "DeadLetterConfig") == null) {
                    problems.add("rule " + path(rule) + " target " + field(t, "Id") + " has no dead-letter queue");
                }
            }
        }
        return problems;
    }

    private static List<String> mappingProblems(CfnEventSourceMapping mapping) {
        boolean stream = mapping.getStartingPosition() != null;
        if (stream
                && !(resolve(mapping, mapping.getDestinationConfig()) instanceof Map<?, ?> destination
                        && field(destination, "OnFailure") != null)) {
            return List.of("stream event-source mapping " + path(mapping) + " has no on-failure destination");
        }
        return List.of();
    }

    private static Object resolve(IConstruct scope, Object value) {
        return value == null ? null : Stack.of(scope).resolve(value);
    }

    /** A property of a resolved L1 value, which comes back in camelCase or, rendered, in PascalCase. */
    private static Object field(Map<?, ?> map, String pascalCase) {
        Object value = map.get(pascalCase);
        return value != null ? value : map.get(Character.toLowerCase(pascalCase.charAt(0)) + pascalCase.substring(1));
    }

    private static void validate(IConstruct node, Supplier<List<String>> check) {
        node.getNode().addValidation(new Check(check));
    }

    private static String path(IConstruct construct) {
        return construct.getNode().getPath();
    }

    private record Check(Supplier<List<String>> check) implements IValidation {
        @Override
        public List<String> validate() {
            return check.get();
        }
    }
}
