package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every intrinsic function with the inputs and results of the developer guide's examples. Source:
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html
 */
class IntrinsicsTest {
    private static JsonNode eval(String expression, String input) {
        JsonNode root = Json.parse(input);
        return Intrinsics.evaluate(
                expression, path -> JsonPaths.read(root, path).orElseThrow());
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(delimiter = '|', textBlock = """
            States.Format('Hello, my name is {}.', $.name)          | {"name":"Arnav"}                                  | "Hello, my name is Arnav."
            States.StringToJson($.someString)                     | {"someString":"{\\"number\\": 20}"}              | {"number":20}
            States.JsonToString($.someJson)                       | {"someJson":{"name":"Foo","zebra":"Bar"}}         | "{\\"name\\":\\"Foo\\",\\"zebra\\":\\"Bar\\"}"
            States.Array($.Id)                                    | {"Id":123456}                                     | [123456]
            States.ArrayPartition($.inputArray, 4)                | {"inputArray":[1,2,3,4,5,6,7,8,9]}                | [[1,2,3,4],[5,6,7,8],[9]]
            States.ArrayContains($.inputArray, $.lookingFor)      | {"inputArray":[1,2,3,4,5,6,7,8,9],"lookingFor":5} | true
            States.ArrayRange(1, 9, 2)                            | {}                                                | [1,3,5,7,9]
            States.ArrayGetItem($.inputArray, $.index)            | {"inputArray":[1,2,3,4,5,6,7,8,9],"index":5}      | 6
            States.ArrayLength($.inputArray)                      | {"inputArray":[1,2,3,4,5,6,7,8,9]}                | 9
            States.ArrayUnique($.inputArray)                      | {"inputArray":[1,2,3,3,3,3,3,3,4]}                | [1,2,3,4]
            States.Base64Encode($.input)                          | {"input":"Data to encode"}                        | "RGF0YSB0byBlbmNvZGU="
            States.Base64Decode($.base64)                         | {"base64":"RGF0YSB0byBlbmNvZGU="}                 | "Data to encode"
            States.Hash($.Data, $.Algorithm)                      | {"Data":"input data","Algorithm":"SHA-1"}         | "aaff4a450a104cd177d28d18d74485e8cae074b7"
            States.JsonMerge($.json1, $.json2, false)             | {"json1":{"a":{"a1":1,"a2":2},"b":2},"json2":{"a":{"a3":1,"a4":2},"c":3}} | {"a":{"a3":1,"a4":2},"b":2,"c":3}
            States.MathAdd($.value1, $.step)                      | {"value1":111,"step":-1}                          | 110
            States.StringSplit($.inputString, $.splitter)         | {"inputString":"1,2,3,4,5","splitter":","}        | ["1","2","3","4","5"]
            States.StringSplit($.inputString, $.splitter)         | {"inputString":"This.is+a,test=string","splitter":".+,="} | ["This","is","a","test","string"]
            States.Format('{} and \\\\{literal\\\\}', States.ArrayLength($.a)) | {"a":[1,2]}                          | "2 and {literal}"
            """)
    void theDocumentedExamples(String expression, String input, String expected) {
        assertThat(eval(expression, input)).isEqualTo(Json.parse(expected));
    }

    @Test
    void mathRandomStaysInRangeAndASeedMakesItRepeatable() {
        for (int i = 0; i < 50; i++) {
            int value = eval("States.MathRandom($.start, $.end)", "{\"start\":1,\"end\":999}")
                    .asInt();
            assertThat(value).isBetween(1, 998);
        }
        assertThat(eval("States.MathRandom(1, 999, 42)", "{}")).isEqualTo(eval("States.MathRandom(1, 999, 42)", "{}"));
    }

    @Test
    void uuidIsAVersionFourUuid() {
        assertThat(eval("States.UUID()", "{}").asText())
                .matches("[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}");
    }

    @Test
    void nineNestedCallsAsInTheGuideEvaluate() {
        JsonNode result = eval(
                "States.Format('{}.{}.{}', States.ArrayGetItem(States.StringSplit(States.ArrayGetItem("
                        + "States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 0), States.ArrayGetItem(States.StringSplit("
                        + "States.ArrayGetItem(States.StringSplit($.ImageRecipe.Arn, '/'), 2), '.'), 1), 'x')",
                "{\"ImageRecipe\":{\"Arn\":\"arn:aws:imagebuilder:us-east-1:1:image-recipe/my-recipe/1.0.1\"}}");

        assertThat(result.asText()).isEqualTo("1.0.x");
    }

    @Test
    void badArgumentsAreIntrinsicFailures() {
        assertThatThrownBy(() -> eval("States.Format('{} {}', $.a)", "{\"a\":1}"))
                .isInstanceOf(StatesError.class)
                .extracting(e -> ((StatesError) e).error())
                .isEqualTo("States.IntrinsicFailure");
        assertThatThrownBy(() -> eval("States.ArrayGetItem($.a, 5)", "{\"a\":[1]}"))
                .extracting(e -> ((StatesError) e).error())
                .isEqualTo("States.IntrinsicFailure");
        assertThatThrownBy(() -> eval("States.JsonMerge($.a, $.a, true)", "{\"a\":{}}"))
                .extracting(e -> ((StatesError) e).error())
                .isEqualTo("States.IntrinsicFailure");
        assertThatThrownBy(() -> eval("States.Hash($.a, 'SHA-999')", "{\"a\":\"x\"}"))
                .extracting(e -> ((StatesError) e).error())
                .isEqualTo("States.IntrinsicFailure");
        assertThatThrownBy(() -> Intrinsics.parse("States.Nope(1)")).isInstanceOf(StatesError.class);
        assertThat(Intrinsics.parse("States.Array( 1 , 'a' , $.b , null , true )")
                        .args())
                .hasSize(5);
    }
}
