package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.HexFormat;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.StringTokenizer;
import java.util.function.Function;

/**
 * The States Language intrinsic functions ({@code States.Format(...)} and friends) for JSONPath
 * states: a parser for the call syntax and an evaluator with AWS's documented results. Failures are
 * {@code States.IntrinsicFailure}; an argument path that resolves to nothing is {@code
 * States.Runtime}, as on AWS.
 */
public final class Intrinsics {
    private static final int MAX_NESTING = 10;
    private static final int MAX_RANGE_ITEMS = 1000;
    private static final int MAX_TEXT = 10_000;
    private static final Map<String, String> HASHES =
            Map.of("MD5", "MD5", "SHA-1", "SHA-1", "SHA-256", "SHA-256", "SHA-384", "SHA-384", "SHA-512", "SHA-512");
    private static final Set<String> FUNCTIONS = Set.of(
            "States.Format",
            "States.StringToJson",
            "States.JsonToString",
            "States.Array",
            "States.ArrayPartition",
            "States.ArrayContains",
            "States.ArrayRange",
            "States.ArrayGetItem",
            "States.ArrayLength",
            "States.ArrayUnique",
            "States.Base64Encode",
            "States.Base64Decode",
            "States.Hash",
            "States.JsonMerge",
            "States.MathRandom",
            "States.MathAdd",
            "States.StringSplit",
            "States.UUID");

    private Intrinsics() {}

    /** A parsed intrinsic expression. */
    public sealed interface Expr permits Call, Literal, PathRef {}

    public record Call(String name, List<Expr> args) implements Expr {}

    public record Literal(JsonNode value) implements Expr {}

    public record PathRef(String path) implements Expr {}

    /** Resolves a path argument ({@code $.x}, {@code $$.Execution.Id}, {@code $var}) to a value. */
    @FunctionalInterface
    public interface PathResolver extends Function<String, JsonNode> {}

    /** Parses an intrinsic call; throws States.IntrinsicFailure on a syntax error. */
    public static Call parse(String text) {
        Parser parser = new Parser(text.trim());
        Expr expr = parser.expression(0);
        parser.skipSpaces();
        if (parser.pos != parser.text.length() || !(expr instanceof Call call)) {
            throw failure(text, "Invalid intrinsic function call");
        }
        return call;
    }

    /** Evaluates {@code text} (an intrinsic call) with {@code paths} resolving its path arguments. */
    public static JsonNode evaluate(String text, PathResolver paths) {
        return evaluate(text, parse(text), paths);
    }

    private static JsonNode evaluate(String source, Expr expr, PathResolver paths) {
        return switch (expr) {
            case Literal literal -> literal.value();
            case PathRef ref -> paths.apply(ref.path());
            case Call call -> {
                List<JsonNode> args = new ArrayList<>();
                for (Expr arg : call.args()) {
                    args.add(evaluate(source, arg, paths));
                }
                yield apply(source, call.name(), args);
            }
        };
    }

    private static JsonNode apply(String source, String name, List<JsonNode> a) {
        JsonNodeFactory nodes = JsonNodeFactory.instance;
        return switch (name) {
            case "States.Format" -> {
                atLeast(source, a, 1);
                yield nodes.textNode(format(source, string(source, a.get(0), 1), a.subList(1, a.size())));
            }
            case "States.StringToJson" -> {
                exactly(source, a, 1);
                String text = string(source, a.get(0), 1);
                if (text.isBlank()) {
                    // AWS answers null for an empty or blank string (recorded: "" and " " -> null).
                    yield nodes.nullNode();
                }
                try {
                    yield Json.parse(text);
                } catch (IllegalArgumentException e) {
                    throw failure(source, "The argument could not be parsed as JSON: " + e.getMessage());
                }
            }
            case "States.JsonToString" -> {
                exactly(source, a, 1);
                yield nodes.textNode(Json.write(a.get(0)));
            }
            case "States.Array" -> {
                ArrayNode array = Json.array();
                a.forEach(array::add);
                yield array;
            }
            case "States.ArrayPartition" -> {
                exactly(source, a, 2);
                ArrayNode input = array(source, a.get(0), 1);
                int size = integer(source, a.get(1), 2);
                if (size <= 0) {
                    throw failure(source, "The chunk size must be a positive integer");
                }
                ArrayNode result = Json.array();
                ArrayNode chunk = null;
                for (int i = 0; i < input.size(); i++) {
                    if (i % size == 0) {
                        chunk = result.addArray();
                    }
                    chunk.add(input.get(i));
                }
                yield result;
            }
            case "States.ArrayContains" -> {
                exactly(source, a, 2);
                ArrayNode input = array(source, a.get(0), 1);
                boolean found = false;
                for (JsonNode item : input) {
                    found |= sameValue(item, a.get(1));
                }
                yield nodes.booleanNode(found);
            }
            case "States.ArrayRange" -> {
                exactly(source, a, 3);
                int start = rounded(source, a.get(0), 1);
                int end = rounded(source, a.get(1), 2);
                int step = integer(source, a.get(2), 3);
                if (step == 0) {
                    throw failure(source, "The step must not be zero");
                }
                ArrayNode result = Json.array();
                for (long i = start; step > 0 ? i <= end : i >= end; i += step) {
                    if (result.size() == MAX_RANGE_ITEMS) {
                        throw failure(source, "The array cannot contain more than " + MAX_RANGE_ITEMS + " items");
                    }
                    result.add((int) i);
                }
                yield result;
            }
            case "States.ArrayGetItem" -> {
                exactly(source, a, 2);
                ArrayNode input = array(source, a.get(0), 1);
                int index = integer(source, a.get(1), 2);
                if (index < 0 || index >= input.size()) {
                    throw failure(source, "The index " + index + " is out of bounds for an array of " + input.size());
                }
                yield input.get(index);
            }
            case "States.ArrayLength" -> {
                exactly(source, a, 1);
                yield nodes.numberNode(array(source, a.get(0), 1).size());
            }
            case "States.ArrayUnique" -> {
                exactly(source, a, 1);
                Set<JsonNode> seen = new LinkedHashSet<>();
                for (JsonNode item : array(source, a.get(0), 1)) {
                    if (seen.stream().noneMatch(s -> sameValue(s, item))) {
                        seen.add(item);
                    }
                }
                ArrayNode result = Json.array();
                seen.forEach(result::add);
                yield result;
            }
            case "States.Base64Encode" -> {
                exactly(source, a, 1);
                String text = limited(source, string(source, a.get(0), 1));
                yield nodes.textNode(Base64.getEncoder().encodeToString(text.getBytes(StandardCharsets.UTF_8)));
            }
            case "States.Base64Decode" -> {
                exactly(source, a, 1);
                String text = limited(source, string(source, a.get(0), 1));
                try {
                    yield nodes.textNode(new String(Base64.getDecoder().decode(text), StandardCharsets.UTF_8));
                } catch (IllegalArgumentException e) {
                    throw failure(source, "The argument is not valid Base64: " + e.getMessage());
                }
            }
            case "States.Hash" -> {
                exactly(source, a, 2);
                String data = limited(source, a.get(0).isTextual() ? a.get(0).asText() : Json.write(a.get(0)));
                String algorithm = HASHES.get(string(source, a.get(1), 2));
                if (algorithm == null) {
                    throw failure(
                            source,
                            "The hash algorithm must be one of "
                                    + HASHES.keySet().stream().sorted().toList());
                }
                try {
                    byte[] digest = MessageDigest.getInstance(algorithm).digest(data.getBytes(StandardCharsets.UTF_8));
                    yield nodes.textNode(HexFormat.of().formatHex(digest));
                } catch (NoSuchAlgorithmException e) {
                    throw new IllegalStateException(e);
                }
            }
            case "States.JsonMerge" -> {
                exactly(source, a, 3);
                if (!a.get(0).isObject() || !a.get(1).isObject()) {
                    throw failure(source, "The first two arguments must be JSON objects");
                }
                if (!a.get(2).isBoolean() || a.get(2).asBoolean()) {
                    throw failure(source, "Deep merge is not supported: the third argument must be false");
                }
                ObjectNode merged = a.get(0).deepCopy();
                merged.setAll((ObjectNode) a.get(1).deepCopy());
                yield merged;
            }
            case "States.MathRandom" -> {
                if (a.size() != 2 && a.size() != 3) {
                    throw failure(source, "Expected 2 or 3 arguments but got " + a.size());
                }
                int start = rounded(source, a.get(0), 1);
                int end = rounded(source, a.get(1), 2);
                if (end <= start) {
                    throw failure(source, "The end must be greater than the start");
                }
                // Without a seed, the state's random values (StateEnvironment): a replay draws the same.
                int drawn = a.size() == 3
                        ? new Random(integer(source, a.get(2), 3)).nextInt(end - start)
                        : StateEnvironment.random().nextInt(end - start);
                yield nodes.numberNode(start + drawn);
            }
            case "States.MathAdd" -> {
                exactly(source, a, 2);
                long sum = (long) rounded(source, a.get(0), 1) + rounded(source, a.get(1), 2);
                if (sum > Integer.MAX_VALUE || sum < Integer.MIN_VALUE) {
                    throw failure(source, "The sum is outside the range of an integer");
                }
                yield nodes.numberNode((int) sum);
            }
            case "States.StringSplit" -> {
                exactly(source, a, 2);
                StringTokenizer tokens = new StringTokenizer(string(source, a.get(0), 1), string(source, a.get(1), 2));
                ArrayNode result = Json.array();
                while (tokens.hasMoreTokens()) {
                    result.add(tokens.nextToken());
                }
                yield result;
            }
            case "States.UUID" -> {
                exactly(source, a, 0);
                yield nodes.textNode(StateEnvironment.uuid().toString());
            }
            default -> throw failure(source, "Unknown intrinsic function " + name);
        };
    }

    private static String format(String source, String template, List<JsonNode> values) {
        StringBuilder out = new StringBuilder();
        int next = 0;
        for (int i = 0; i < template.length(); i++) {
            char c = template.charAt(i);
            if (c == '\\' && i + 1 < template.length()) {
                out.append(template.charAt(++i));
            } else if (c == '{' && i + 1 < template.length() && template.charAt(i + 1) == '}') {
                if (next >= values.size()) {
                    throw failure(source, "Number of arguments do not match the number of placeholders");
                }
                render(values.get(next++), out);
                i++;
            } else {
                out.append(c);
            }
        }
        if (next != values.size()) {
            throw failure(source, "Number of arguments do not match the number of placeholders");
        }
        return out.toString();
    }

    /**
     * A placeholder value as AWS prints it: scalars as JSON text (strings unquoted), objects and
     * arrays in the {@code {key=value, ...}} / {@code [a, b]} notation AWS answers with, e.g. {@code
     * {"Arg1":1,"Arg2":[]}} renders as {@code {Arg1=1, Arg2=[]}} (recorded AWS output, see
     * IntrinsicsTest).
     */
    private static void render(JsonNode value, StringBuilder out) {
        if (value.isObject()) {
            out.append('{');
            boolean first = true;
            for (Map.Entry<String, JsonNode> e : value.properties()) {
                out.append(first ? "" : ", ").append(e.getKey()).append('=');
                render(e.getValue(), out);
                first = false;
            }
            out.append('}');
        } else if (value.isArray()) {
            out.append('[');
            for (int i = 0; i < value.size(); i++) {
                out.append(i == 0 ? "" : ", ");
                render(value.get(i), out);
            }
            out.append(']');
        } else {
            out.append(value.isTextual() ? value.asText() : Json.write(value));
        }
    }

    private static boolean sameValue(JsonNode a, JsonNode b) {
        if (a.isNumber() && b.isNumber()) {
            return a.decimalValue().compareTo(b.decimalValue()) == 0;
        }
        return a.equals(b);
    }

    private static String limited(String source, String text) {
        if (text.length() > MAX_TEXT) {
            throw failure(source, "The input cannot be longer than " + MAX_TEXT + " characters");
        }
        return text;
    }

    private static void exactly(String source, List<JsonNode> args, int n) {
        if (args.size() != n) {
            throw failure(source, "Expected " + n + " argument(s) but got " + args.size());
        }
    }

    private static void atLeast(String source, List<JsonNode> args, int n) {
        if (args.size() < n) {
            throw failure(source, "Expected at least " + n + " argument(s) but got " + args.size());
        }
    }

    private static String string(String source, JsonNode node, int position) {
        if (!node.isTextual()) {
            throw failure(source, "Argument " + position + " must be a string");
        }
        return node.asText();
    }

    private static ArrayNode array(String source, JsonNode node, int position) {
        if (!(node instanceof ArrayNode array)) {
            throw failure(source, "Argument " + position + " must be an array");
        }
        return array;
    }

    private static int integer(String source, JsonNode node, int position) {
        if (!node.isNumber()) {
            throw failure(source, "Argument " + position + " must be an integer");
        }
        BigDecimal value = node.decimalValue();
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw failure(source, "Argument " + position + " must be an integer");
        }
    }

    /**
     * MathAdd and MathRandom take numbers with a fraction too: AWS rounds each half up towards
     * positive infinity (recorded: 1.49 + 1.5 = 3, -1.5 + 0 = -1, -0.5 + 0.5 = 1, -2.5 + 0 = -2).
     */
    private static int rounded(String source, JsonNode node, int position) {
        if (!node.isNumber()) {
            throw failure(source, "Argument " + position + " must be a number");
        }
        BigDecimal value = node.decimalValue().add(new BigDecimal("0.5")).setScale(0, java.math.RoundingMode.FLOOR);
        try {
            return value.intValueExact();
        } catch (ArithmeticException e) {
            throw failure(source, "Argument " + position + " is outside the range of an integer");
        }
    }

    static StatesError failure(String source, String reason) {
        return new StatesError(
                StatesError.Errors.INTRINSIC_FAILURE,
                "The function '" + source + "' had the following error: " + reason);
    }

    private static final class Parser {
        private final String text;
        private int pos;

        Parser(String text) {
            this.text = text;
        }

        void skipSpaces() {
            while (pos < text.length() && Character.isWhitespace(text.charAt(pos))) {
                pos++;
            }
        }

        Expr expression(int depth) {
            skipSpaces();
            if (pos >= text.length()) {
                throw failure(text, "Unexpected end of expression");
            }
            char c = text.charAt(pos);
            if (c == '\'') {
                return new Literal(Json.text(stringLiteral()));
            }
            if (c == '$') {
                return new PathRef(path());
            }
            if (text.startsWith("States.", pos)) {
                if (depth >= MAX_NESTING) {
                    throw failure(text, "Intrinsic functions can be nested at most " + MAX_NESTING + " deep");
                }
                int open = text.indexOf('(', pos);
                if (open < 0) {
                    throw failure(text, "Missing '('");
                }
                String name = text.substring(pos, open).trim();
                if (!FUNCTIONS.contains(name)) {
                    throw failure(text, "Unknown intrinsic function " + name);
                }
                pos = open + 1;
                List<Expr> args = new ArrayList<>();
                skipSpaces();
                if (pos < text.length() && text.charAt(pos) == ')') {
                    pos++;
                    return new Call(name, List.copyOf(args));
                }
                while (true) {
                    args.add(expression(depth + 1));
                    skipSpaces();
                    if (pos >= text.length()) {
                        throw failure(text, "Missing ')'");
                    }
                    char sep = text.charAt(pos++);
                    if (sep == ')') {
                        return new Call(name, List.copyOf(args));
                    }
                    if (sep != ',') {
                        throw failure(text, "Expected ',' or ')' at position " + (pos - 1));
                    }
                }
            }
            return new Literal(literal());
        }

        private String stringLiteral() {
            StringBuilder out = new StringBuilder();
            pos++;
            while (pos < text.length()) {
                char c = text.charAt(pos++);
                if (c == '\\' && pos < text.length()) {
                    char escaped = text.charAt(pos++);
                    // Braces stay escaped so that States.Format can tell a literal brace from a placeholder.
                    if (escaped == '{' || escaped == '}') {
                        out.append('\\');
                    }
                    out.append(escaped);
                } else if (c == '\'') {
                    return out.toString();
                } else {
                    out.append(c);
                }
            }
            throw failure(text, "Unterminated string literal");
        }

        private String path() {
            int start = pos;
            int brackets = 0;
            boolean quoted = false;
            while (pos < text.length()) {
                char c = text.charAt(pos);
                if (c == '\'' && brackets > 0) {
                    quoted = !quoted;
                } else if (!quoted && c == '[') {
                    brackets++;
                } else if (!quoted && c == ']') {
                    brackets--;
                } else if (!quoted && brackets == 0 && (c == ',' || c == ')')) {
                    break;
                }
                pos++;
            }
            return text.substring(start, pos).trim();
        }

        private JsonNode literal() {
            int start = pos;
            while (pos < text.length() && text.charAt(pos) != ',' && text.charAt(pos) != ')') {
                pos++;
            }
            String token = text.substring(start, pos).trim();
            try {
                JsonNode node = Json.parse(token);
                if (node.isContainerNode()) {
                    throw failure(text, "Invalid argument " + token);
                }
                return node;
            } catch (IllegalArgumentException e) {
                throw failure(text, "Invalid argument " + token);
            }
        }
    }
}
