package dev.asynccommerce.infra;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Supplier;
import software.amazon.awscdk.IAspect;
import software.amazon.awscdk.Stack;
import software.amazon.awscdk.services.events.CfnRule;
import software.amazon.awscdk.services.lambda.CfnAlias;
import software.amazon.awscdk.services.lambda.CfnEventInvokeConfig;
import software.amazon.awscdk.services.lambda.CfnEventSourceMapping;
import software.amazon.awscdk.services.lambda.CfnFunction;
import software.amazon.awscdk.services.lambda.CfnPermission;
import software.amazon.awscdk.services.lambda.CfnVersion;
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
 *       rule target a dead-letter queue, every stream event-source mapping an on-failure destination;
 *   <li>a function of the stack invoked asynchronously — the target of a rule, or allowed to be
 *       invoked by a service that only invokes asynchronously ({@link #ASYNC_INVOKERS}) — has an
 *       on-failure destination (or a dead-letter queue) for exactly the function, version or alias
 *       that is invoked; otherwise Lambda drops the event after its retries.
 * </ul>
 *
 * The checks run when validation runs, on the values as CloudFormation will receive them, because
 * the L2 constructs fill many properties in lazily.
 */
public final class Guardrails implements IAspect {
    /**
     * Service principals that invoke Lambda asynchronously only
     * (https://docs.aws.amazon.com/lambda/latest/dg/invocation-async.html). EventBridge is checked at
     * its rules, where the target is named.
     */
    static final Set<String> ASYNC_INVOKERS = Set.of(
            "s3.amazonaws.com",
            "sns.amazonaws.com",
            "ses.amazonaws.com",
            "iot.amazonaws.com",
            "logs.amazonaws.com",
            "lambda.alarms.cloudwatch.amazonaws.com");

    @Override
    public void visit(IConstruct node) {
        switch (node) {
            case CfnQueue queue -> validate(queue, () -> queueProblems(queue));
            case Function function -> validate(function, () -> functionProblems(function));
            case CfnRule rule -> validate(rule, () -> ruleProblems(rule));
            case CfnEventSourceMapping mapping -> validate(mapping, () -> mappingProblems(mapping));
            case CfnPermission permission -> validate(permission, () -> permissionProblems(permission));
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
            AsyncFailureDestinations destinations = AsyncFailureDestinations.of(Stack.of(rule));
            for (Object target : targets) {
                if (!(target instanceof Map<?, ?> t)) {
                    continue;
                }
                if (field(t, "DeadLetterConfig") == null) {
                    problems.add("rule " + path(rule) + " target " + field(t, "Id") + " has no dead-letter queue");
                }
                destinations
                        .missingFor(field(t, "Arn"))
                        .ifPresent(function -> problems.add("rule " + path(rule) + " target " + field(t, "Id")
                                + " invokes " + function
                                + " asynchronously, which has no on-failure destination"));
            }
        }
        return problems;
    }

    private static List<String> permissionProblems(CfnPermission permission) {
        Object principal = resolve(permission, permission.getPrincipal());
        if (!ASYNC_INVOKERS.contains(String.valueOf(principal))) {
            return List.of();
        }
        return AsyncFailureDestinations.of(Stack.of(permission))
                .missingFor(resolve(permission, permission.getFunctionName()))
                .map(function -> List.of("permission " + path(permission) + " lets " + principal + " invoke " + function
                        + " asynchronously, which has no on-failure destination"))
                .orElse(List.of());
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

    /**
     * The stack's Lambda functions, versions and aliases, each under the values a reference to it
     * resolves to ({@code Ref}, {@code Fn::GetAtt ... Arn}), and which of them have an on-failure
     * destination: an EventInvokeConfig with {@code DestinationConfig.OnFailure} for exactly that
     * function and qualifier, or a dead-letter queue on the function (its versions inherit it).
     * Functions outside the stack are not checked: their configuration is not in this template.
     */
    private record AsyncFailureDestinations(Map<String, Invoked> byReference, Set<String> covered) {
        private static final String LATEST = "$LATEST";

        /** A function (as its {@code FunctionName} resolves), the qualifier invoked, and where it is defined. */
        private record Invoked(String function, String qualifier, String path) {
            String key() {
                return function + "|" + qualifier;
            }
        }

        static AsyncFailureDestinations of(Stack stack) {
            Map<String, Invoked> byReference = new HashMap<>();
            Set<String> covered = new HashSet<>();
            Set<String> functionsWithDlq = new HashSet<>();
            List<CfnEventInvokeConfig> configured = new ArrayList<>();
            for (IConstruct node : stack.getNode().findAll()) {
                switch (node) {
                    case CfnFunction f -> {
                        Invoked invoked = new Invoked(
                                key(stack, f.getRef()), LATEST, path(f.getNode().getScope()));
                        byReference.put(key(stack, f.getRef()), invoked);
                        byReference.put(key(stack, f.getAttrArn()), invoked);
                        if (stack.resolve(f.getDeadLetterConfig()) instanceof Map<?, ?> dlq
                                && field(dlq, "TargetArn") != null) {
                            functionsWithDlq.add(invoked.function());
                        }
                    }
                    case CfnVersion v -> {
                        Invoked invoked =
                                new Invoked(key(stack, v.getFunctionName()), key(stack, v.getAttrVersion()), path(v));
                        byReference.put(key(stack, v.getRef()), invoked);
                        byReference.put(key(stack, v.getAttrFunctionArn()), invoked);
                    }
                    case CfnAlias a -> {
                        Invoked invoked = new Invoked(
                                key(stack, a.getFunctionName()),
                                key(stack, a.getName()),
                                path(a.getNode().getScope()));
                        byReference.put(key(stack, a.getRef()), invoked);
                        byReference.put(key(stack, a.getAttrAliasArn()), invoked);
                    }
                    case CfnEventInvokeConfig c -> {
                        if (stack.resolve(c.getDestinationConfig()) instanceof Map<?, ?> destinations
                                && field(destinations, "OnFailure") != null) {
                            configured.add(c);
                        }
                    }
                    default -> {}
                }
            }
            for (CfnEventInvokeConfig c : configured) {
                covered.add(key(stack, c.getFunctionName()) + "|"
                        + qualifier(stack.resolve(c.getQualifier()), byReference));
            }
            byReference.values().stream()
                    .filter(invoked -> functionsWithDlq.contains(invoked.function()))
                    .forEach(invoked -> covered.add(invoked.key()));
            return new AsyncFailureDestinations(byReference, covered);
        }

        /** The function {@code reference} names, if it is one of the stack's and has no failure destination. */
        Optional<String> missingFor(Object reference) {
            Invoked invoked = byReference.get(String.valueOf(reference));
            if (invoked == null || covered.contains(invoked.key())) {
                return Optional.empty();
            }
            return Optional.of(invoked.path() + " (" + invoked.qualifier() + ")");
        }

        /**
         * A qualifier as written, or as CDK derives it from an alias or version ARN: the eighth field
         * of {@code arn:aws:lambda:region:account:function:name:qualifier}
         * ({@code Fn::Select [7, Fn::Split [":", ref]]}).
         */
        private static String qualifier(Object resolved, Map<String, Invoked> byReference) {
            if (resolved instanceof Map<?, ?> select
                    && select.get("Fn::Select") instanceof List<?> args
                    && args.size() == 2
                    && args.get(0) instanceof Number index
                    && index.intValue() == 7
                    && args.get(1) instanceof Map<?, ?> split
                    && split.get("Fn::Split") instanceof List<?> splitArgs
                    && splitArgs.size() == 2
                    && ":".equals(splitArgs.get(0))) {
                Invoked named = byReference.get(String.valueOf(splitArgs.get(1)));
                if (named != null) {
                    return named.qualifier();
                }
            }
            return String.valueOf(resolved);
        }

        private static String key(Stack stack, Object value) {
            return String.valueOf(stack.resolve(value));
        }
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
