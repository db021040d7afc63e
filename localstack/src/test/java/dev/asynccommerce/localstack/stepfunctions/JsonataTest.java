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
    }

    @Test
    void jsonPathFieldsAreRefusedInAJsonataState() {
        org.assertj.core.api.Assertions.assertThatThrownBy(() -> DefinitionParser.parse("""
                {"QueryLanguage":"JSONata","StartAt":"P","States":{"P":{"Type":"Pass","InputPath":"$.x","End":true}}}"""))
                .hasMessageContaining("'InputPath' is not supported when the QueryLanguage is JSONata");
    }
}
