package dev.asynccommerce.localstack.stepfunctions;

import com.dashjoin.jsonata.Functions;
import com.dashjoin.jsonata.JException;
import com.dashjoin.jsonata.Jsonata.FnVarArgs;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Random;

/**
 * The functions Step Functions adds to JSONata, each the JSONata counterpart of an intrinsic
 * (developer guide, "Transforming data with JSONata", Step Functions-provided functions):
 * {@code $partition(array, size)}, {@code $range(start, end, step)} (end inclusive), {@code
 * $hash(value, algorithm)} (MD5, SHA-1, SHA-256, SHA-384, SHA-512; lowercase hex), {@code
 * $random([seed])} (a seed gives a repeatable number in [0, 1)), {@code $uuid()} (version 4) and
 * {@code $parse(jsonString)}; and JSONata's own {@code $now()} and {@code $millis()} on the execution's
 * time ({@link StateEnvironment#now()}), read once per evaluation. Argument errors raise a JException, which the engine reports as
 * States.QueryEvaluationError naming the expression and field, as for any JSONata error.
 */
final class AwsJsonataFunctions {
    private static final Map<String, String> HASHES =
            Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");

    private AwsJsonataFunctions() {}

    /**
     * Registers the functions on {@code expression}, which is evaluated once: {@code $now()} and {@code
     * $millis()} answer {@code evaluationTime}, as JSONata's answer the time the evaluation started
     * (https://docs.jsonata.org/date-time-functions#now: every call within one evaluation returns the
     * same value).
     */
    static void registerAll(com.dashjoin.jsonata.Jsonata expression, Instant evaluationTime) {
        register(expression, "partition", AwsJsonataFunctions::partition);
        register(expression, "range", AwsJsonataFunctions::range);
        register(expression, "hash", AwsJsonataFunctions::hash);
        register(expression, "random", AwsJsonataFunctions::random);
        register(expression, "uuid", args -> {
            arity("uuid", args, 0, 0);
            return StateEnvironment.uuid().toString();
        });
        register(expression, "now", args -> now(args, evaluationTime));
        register(expression, "millis", args -> {
            arity("millis", args, 0, 0);
            return evaluationTime.toEpochMilli();
        });
        register(expression, "parse", AwsJsonataFunctions::parse);
    }

    private static void register(com.dashjoin.jsonata.Jsonata expression, String name, FnVarArgs<Object> fn) {
        expression.registerFunction(name, com.dashjoin.jsonata.Jsonata.function(name, fn, null));
    }

    private static Object partition(List<?> args) {
        arity("partition", args, 2, 2);
        if (!(args.get(0) instanceof List<?> array)) {
            throw error("partition", "the first argument must be an array");
        }
        long size = integer("partition", args.get(1));
        if (size <= 0) {
            throw error("partition", "the chunk size must be a positive integer");
        }
        List<Object> chunks = new ArrayList<>();
        for (int i = 0; i < array.size(); i += (int) size) {
            chunks.add(new ArrayList<>(array.subList(i, (int) Math.min(array.size(), i + size))));
        }
        return chunks;
    }

    private static Object range(List<?> args) {
        arity("range", args, 3, 3);
        long start = integer("range", args.get(0));
        long end = integer("range", args.get(1));
        long step = integer("range", args.get(2));
        if (step == 0) {
            throw error("range", "the step must not be 0");
        }
        List<Object> values = new ArrayList<>();
        for (long v = start; step > 0 ? v <= end : v >= end; v += step) {
            values.add(v);
            if (values.size() > 1000) {
                throw error("range", "the range exceeds 1000 items");
            }
        }
        // A JSONata sequence of one value is that value: recorded on AWS, $range(1, 9, 9) yields 1.
        return values.size() == 1 ? values.getFirst() : values;
    }

    private static Object hash(List<?> args) {
        arity("hash", args, 2, 2);
        if (!(args.get(0) instanceof String data) || !(args.get(1) instanceof String name)) {
            throw error("hash", "the value and the algorithm must be strings");
        }
        String algorithm = HASHES.get(name);
        if (algorithm == null) {
            throw error("hash", "the algorithm must be one of MD5, SHA-1, SHA-256, SHA-384, SHA-512");
        }
        try {
            return HexFormat.of()
                    .formatHex(MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8)));
        } catch (NoSuchAlgorithmException e) {
            throw new IllegalStateException(e);
        }
    }

    private static Object random(List<?> args) {
        arity("random", args, 0, 1);
        if (args.isEmpty() || args.getFirst() == null) {
            return StateEnvironment.random().nextDouble();
        }
        return new Random(integer("random", args.getFirst())).nextDouble();
    }

    /**
     * JSONata's {@code $now([picture [, timezone]])} on the execution's time rather than the wall
     * clock: the default format is ISO 8601 with milliseconds in UTC, as JSONata's.
     */
    private static Object now(List<?> args, Instant evaluationTime) {
        arity("now", args, 0, 2);
        long millis = evaluationTime.toEpochMilli();
        String picture = args.isEmpty() ? null : (String) args.get(0);
        String timezone = args.size() < 2 ? null : (String) args.get(1);
        return Functions.dateTimeFromMillis(millis, picture, timezone);
    }

    private static Object parse(List<?> args) {
        arity("parse", args, 1, 1);
        if (!(args.getFirst() instanceof String text)) {
            throw error("parse", "the argument must be a string");
        }
        try {
            return Jsonata.toJava(Json.parse(text));
        } catch (IllegalArgumentException e) {
            throw error("parse", "the argument is not valid JSON");
        }
    }

    private static long integer(String function, Object value) {
        if (value instanceof Number n && n.doubleValue() == Math.rint(n.doubleValue())) {
            return n.longValue();
        }
        throw error(function, "expected an integer but got " + value);
    }

    private static void arity(String function, List<?> args, int min, int max) {
        if (args.size() < min || args.size() > max) {
            throw error(function, "expected " + (min == max ? min : min + " to " + max) + " arguments");
        }
    }

    private static JException error(String function, String reason) {
        return new JException("$" + function + ": " + reason);
    }
}
