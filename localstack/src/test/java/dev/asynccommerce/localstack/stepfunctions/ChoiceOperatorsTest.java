package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import java.util.Set;
import java.util.TreeSet;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;

/**
 * Every JSONPath Choice comparison operator, each with an input that makes it true and one that
 * makes it false, run through an execution. Source: state-choice.html, "Choice Rules (JSONPath)":
 * the list of comparison operators, the {@code Path} variants comparing {@code Variable} with
 * another value of the input, {@code StringMatches} with {@code *} wildcards and {@code \*} for a
 * literal star, and the type tests (IsNull, IsPresent, IsNumeric, IsString, IsBoolean, IsTimestamp).
 */
class ChoiceOperatorsTest {
    private static final String T = "2026-01-01T00:00:00Z";
    private static final String EARLIER = "2025-12-31T23:59:59Z";
    private static final String LATER = "2026-01-01T00:00:01Z";

    /** operator, its operand (JSON), an input where it holds, an input where it does not. */
    static Stream<Arguments> operators() {
        return Stream.of(
                row("StringEquals", "\"abc\"", "{\"v\":\"abc\"}", "{\"v\":\"abd\"}"),
                row("StringEqualsPath", "\"$.o\"", "{\"v\":\"abc\",\"o\":\"abc\"}", "{\"v\":\"abc\",\"o\":\"ABC\"}"),
                row("StringLessThan", "\"b\"", "{\"v\":\"a\"}", "{\"v\":\"b\"}"),
                row("StringLessThanPath", "\"$.o\"", "{\"v\":\"a\",\"o\":\"b\"}", "{\"v\":\"b\",\"o\":\"b\"}"),
                row("StringGreaterThan", "\"b\"", "{\"v\":\"c\"}", "{\"v\":\"b\"}"),
                row("StringGreaterThanPath", "\"$.o\"", "{\"v\":\"c\",\"o\":\"b\"}", "{\"v\":\"a\",\"o\":\"b\"}"),
                row("StringLessThanEquals", "\"b\"", "{\"v\":\"b\"}", "{\"v\":\"c\"}"),
                row("StringLessThanEqualsPath", "\"$.o\"", "{\"v\":\"b\",\"o\":\"b\"}", "{\"v\":\"c\",\"o\":\"b\"}"),
                row("StringGreaterThanEquals", "\"b\"", "{\"v\":\"b\"}", "{\"v\":\"a\"}"),
                row("StringGreaterThanEqualsPath", "\"$.o\"", "{\"v\":\"c\",\"o\":\"b\"}", "{\"v\":\"a\",\"o\":\"b\"}"),
                row("StringMatches", "\"log-*.txt\"", "{\"v\":\"log-2026.txt\"}", "{\"v\":\"log-2026.csv\"}"),
                row("StringMatches", "\"price\\\\*\"", "{\"v\":\"price*\"}", "{\"v\":\"prices\"}"),
                row("NumericEquals", "1", "{\"v\":1.0}", "{\"v\":1.0001}"),
                row("NumericEqualsPath", "\"$.o\"", "{\"v\":2.5,\"o\":2.5}", "{\"v\":2.5,\"o\":2}"),
                row("NumericLessThan", "10", "{\"v\":9.99}", "{\"v\":10}"),
                row("NumericLessThanPath", "\"$.o\"", "{\"v\":-1,\"o\":0}", "{\"v\":0,\"o\":0}"),
                row("NumericGreaterThan", "10", "{\"v\":10.01}", "{\"v\":10}"),
                row("NumericGreaterThanPath", "\"$.o\"", "{\"v\":11,\"o\":10}", "{\"v\":9,\"o\":10}"),
                row("NumericLessThanEquals", "10", "{\"v\":10}", "{\"v\":10.5}"),
                row("NumericLessThanEqualsPath", "\"$.o\"", "{\"v\":10,\"o\":10}", "{\"v\":11,\"o\":10}"),
                row("NumericGreaterThanEquals", "10", "{\"v\":10}", "{\"v\":9}"),
                row("NumericGreaterThanEqualsPath", "\"$.o\"", "{\"v\":10,\"o\":10}", "{\"v\":9,\"o\":10}"),
                row("BooleanEquals", "true", "{\"v\":true}", "{\"v\":false}"),
                row("BooleanEqualsPath", "\"$.o\"", "{\"v\":false,\"o\":false}", "{\"v\":true,\"o\":false}"),
                row("TimestampEquals", q(T), v(T), v(LATER)),
                row("TimestampEqualsPath", "\"$.o\"", vo(T, T), vo(T, LATER)),
                row("TimestampLessThan", q(T), v(EARLIER), v(T)),
                row("TimestampLessThanPath", "\"$.o\"", vo(EARLIER, T), vo(LATER, T)),
                row("TimestampGreaterThan", q(T), v(LATER), v(T)),
                row("TimestampGreaterThanPath", "\"$.o\"", vo(LATER, T), vo(EARLIER, T)),
                row("TimestampLessThanEquals", q(T), v(T), v(LATER)),
                row("TimestampLessThanEqualsPath", "\"$.o\"", vo(T, T), vo(LATER, T)),
                row("TimestampGreaterThanEquals", q(T), v(T), v(EARLIER)),
                row("TimestampGreaterThanEqualsPath", "\"$.o\"", vo(T, T), vo(EARLIER, T)),
                row("IsNull", "true", "{\"v\":null}", "{\"v\":0}"),
                row("IsPresent", "true", "{\"v\":null}", "{\"w\":1}"),
                row("IsPresent", "false", "{\"w\":1}", "{\"v\":1}"),
                row("IsNumeric", "true", "{\"v\":-0.5}", "{\"v\":\"1\"}"),
                row("IsString", "true", "{\"v\":\"1\"}", "{\"v\":1}"),
                row("IsBoolean", "true", "{\"v\":false}", "{\"v\":\"false\"}"),
                row("IsTimestamp", "true", v(T), "{\"v\":\"2026-01-01\"}"),
                row("IsTimestamp", "false", "{\"v\":\"tomorrow\"}", v(T)));
    }

    private static Arguments row(String operator, String operand, String trueInput, String falseInput) {
        return Arguments.of(operator, operand, trueInput, falseInput);
    }

    private static String q(String text) {
        return "\"" + text + "\"";
    }

    private static String v(String timestamp) {
        return "{\"v\":\"" + timestamp + "\"}";
    }

    private static String vo(String value, String other) {
        return "{\"v\":\"" + value + "\",\"o\":\"" + other + "\"}";
    }

    private static String branchTaken(String operator, String operand, String input) {
        String definition = """
                {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                  {"Variable":"$.v","%s":%s,"Next":"Yes"}],"Default":"No"},
                 "Yes":{"Type":"Succeed"},"No":{"Type":"Succeed"}}}""".formatted(operator, operand);
        return AslHarness.of(definition).start(input).enteredStates().getLast();
    }

    @ParameterizedTest(name = "{0} {1}")
    @MethodSource("operators")
    void eachOperatorHoldsForOneInputAndNotForTheOther(
            String operator, String operand, String trueInput, String falseInput) {
        assertThat(branchTaken(operator, operand, trueInput)).as(trueInput).isEqualTo("Yes");
        assertThat(branchTaken(operator, operand, falseInput)).as(falseInput).isEqualTo("No");
    }

    @Test
    void theTableCoversEveryOperatorTheEngineAccepts() {
        Set<String> tested = new TreeSet<>();
        operators().forEach(row -> tested.add((String) row.get()[0]));

        assertThat(tested).containsExactlyInAnyOrderElementsOf(DefinitionParser.CHOICE_OPERATORS);
        assertThat(tested).hasSize(39);
    }
}
