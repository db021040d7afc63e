package dev.asynccommerce.localstack.stepfunctions;

import com.fasterxml.jackson.databind.JsonNode;
import java.util.List;
import java.util.Map;

/**
 * A parsed, validated Amazon States Language definition (or one Parallel branch or Map item
 * processor: the same shape). Built by {@link DefinitionParser}; immutable.
 */
public record Definition(
        String startAt, Map<String, State> states, QueryLanguage queryLanguage, Integer timeoutSeconds) {

    /** The language a state's expressions are written in. */
    public enum QueryLanguage {
        JSONPATH,
        JSONATA
    }

    /**
     * Fields every state may carry, validated per state type by the parser. A path field holds
     * {@code "$"} when absent and Java {@code null} when set to JSON null (AWS's "discard").
     */
    public record Common(
            String name,
            String type,
            QueryLanguage queryLanguage,
            String next,
            boolean end,
            String inputPath,
            String outputPath,
            JsonNode parameters,
            JsonNode resultSelector,
            String resultPath,
            JsonNode arguments,
            JsonNode output,
            JsonNode assign,
            List<Retrier> retry,
            List<Catcher> catchers) {

        boolean jsonata() {
            return queryLanguage == QueryLanguage.JSONATA;
        }
    }

    /** A state of the machine; one record per state type. */
    public sealed interface State
            permits PassState, TaskState, ChoiceState, WaitState, SucceedState, FailState, ParallelState, MapState {
        Common common();

        default String name() {
            return common().name();
        }
    }

    public record PassState(Common common, JsonNode result) implements State {}

    public record TaskState(
            Common common,
            String resource,
            JsonNode timeoutSeconds,
            String timeoutSecondsPath,
            JsonNode heartbeatSeconds,
            String heartbeatSecondsPath)
            implements State {}

    public record ChoiceState(Common common, List<ChoiceRule> choices, String defaultState) implements State {}

    /** One entry of Choices: the rule object (JSONPath operators or a JSONata Condition) and Next. */
    public record ChoiceRule(JsonNode rule, String next, JsonNode output, JsonNode assign) {}

    public record WaitState(
            Common common, JsonNode seconds, JsonNode timestamp, String secondsPath, String timestampPath)
            implements State {}

    public record SucceedState(Common common) implements State {}

    public record FailState(Common common, JsonNode error, JsonNode cause, String errorPath, String causePath)
            implements State {}

    public record ParallelState(Common common, List<Definition> branches) implements State {}

    public record MapState(
            Common common,
            Definition processor,
            String itemsPath,
            JsonNode items,
            JsonNode itemSelector,
            JsonNode maxConcurrency,
            String maxConcurrencyPath,
            JsonNode toleratedFailureCount,
            String toleratedFailureCountPath,
            JsonNode toleratedFailurePercentage,
            String toleratedFailurePercentagePath)
            implements State {}

    public record Retrier(
            List<String> errorEquals,
            double intervalSeconds,
            int maxAttempts,
            double backoffRate,
            Integer maxDelaySeconds,
            boolean fullJitter) {}

    public record Catcher(List<String> errorEquals, String resultPath, String next, JsonNode output, JsonNode assign) {}
}
