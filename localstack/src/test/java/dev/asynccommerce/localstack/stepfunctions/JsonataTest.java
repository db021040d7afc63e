package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import org.junit.jupiter.api.Test;

/**
 * JSONata states. Sources: transforming-data.html (Arguments, Output, $states, Condition) and
 * workflow-variables.html (Assign with JSONata).
 */
class JsonataTest {
    @Test
    void argumentsOutputAndStatesResultOfATask() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"T","States":{"T":{"Type":"Task",
                 "Resource":"arn:aws:states:::lambda:invoke",
                 "Arguments":{"FunctionName":"total","Payload":{"lines":"{% $states.input.lines %}"}},
                 "Output":{"orderId":"{% $states.input.orderId %}","total":"{% $states.result.Payload.total %}"},
                 "End":true}}}""")
                .function(
                        "total",
                        in -> Json.object().put("total", in.get("lines").size() * 10))
                .start("{\"orderId\":\"o-1\",\"lines\":[1,2,3]}");

        assertThat(run.outputJson()).isEqualTo(Json.parse("{\"orderId\":\"o-1\",\"total\":30}"));
    }

    @Test
    void choiceConditionsAndAssignedVariables() {
        String definition = """
                {"QueryLanguage":"JSONata","StartAt":"Remember","States":{
                 "Remember":{"Type":"Pass","Assign":{"limit":"{% $states.input.limit %}"},"Next":"Check"},
                 "Check":{"Type":"Choice","Choices":[
                   {"Condition":"{% $states.input.value > $limit %}","Next":"Big","Output":{"size":"big"}}],
                   "Default":"Small"},
                 "Big":{"Type":"Succeed"},
                 "Small":{"Type":"Pass","Output":{"size":"small","sum":"{% $sum([$states.input.value, $limit]) %}"},"End":true}}}""";

        assertThat(AslHarness.of(definition)
                        .start("{\"value\":50,\"limit\":10}")
                        .outputJson())
                .isEqualTo(Json.parse("{\"size\":\"big\"}"));
        assertThat(AslHarness.of(definition).start("{\"value\":5,\"limit\":10}").outputJson())
                .isEqualTo(Json.parse("{\"size\":\"small\",\"sum\":15}"));
    }

    @Test
    void aFailingExpressionIsAQueryEvaluationError() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass",
                 "Output":"{% $undefinedFunction(1) %}","End":true}}}""").start("{}");

        assertThat(run.error()).isEqualTo("States.QueryEvaluationError");
        // Recorded AWS cause: "... The JSONata expression '$randomSeeded(...)' specified for the field
        // 'Output/FunctionResult' threw an error during evaluation. T1006: Attempted to invoke a non-function"
        assertThat(run.cause())
                .startsWith("An error occurred while executing the state 'P' (entered at the event id #2). "
                        + "The JSONata expression '$undefinedFunction(1)' specified for the field 'Output' "
                        + "threw an error during evaluation. T1006: ");
    }

    /**
     * Recorded AWS cause: "An error occurred while executing the state 'State0' (entered at the
     * event id #2). The JSONata expression '$doesNotExist' specified for the field 'Output/result'
     * returned nothing (undefined)."
     */
    @Test
    void anUndefinedResultNamesTheExpressionAndTheFieldPath() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"State0","States":{"State0":{"Type":"Pass",
                 "Output":{"result":"{% $doesNotExist %}"},"End":true}}}""").start("{}");

        assertThat(run.error()).isEqualTo("States.QueryEvaluationError");
        assertThat(run.cause())
                .isEqualTo("An error occurred while executing the state 'State0' (entered at the event id #2). "
                        + "The JSONata expression '$doesNotExist' specified for the field 'Output/result' "
                        + "returned nothing (undefined).");
    }

    /** Recorded AWS cause for Items that is not an array. */
    @Test
    void itemsThatAreNotAnArrayAreRefusedWithAwsWording() {
        AslRun run = AslHarness.of("""
                {"QueryLanguage":"JSONata","StartAt":"MapIterateState","States":{"MapIterateState":{"Type":"Map",
                 "Items":"{% 1 %}","ItemProcessor":{"StartAt":"P","States":{"P":{"Type":"Pass","End":true}}},
                 "End":true}}}""").start("{}");

        assertThat(run.cause())
                .isEqualTo(
                        "An error occurred while executing the state 'MapIterateState' (entered at the event id #2). "
                                + "The JSONata expression '1' specified for the field 'Items' returned an unexpected result "
                                + "type. Expected 'array', but was 'number' for value: 1");
    }

    @Test
    void jsonPathFieldsAreRefusedInAJsonataState() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefinitionParser.parse("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.x","End":true}}}"""))
                .hasMessageContaining("'InputPath' is not supported when the QueryLanguage is JSONata");
    }
}
