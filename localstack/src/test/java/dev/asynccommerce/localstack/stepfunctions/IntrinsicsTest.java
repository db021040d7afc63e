package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

/**
 * Every intrinsic function with the inputs and results of the developer guide's examples. Source:
 * https://docs.aws.amazon.com/step-functions/latest/dg/intrinsic-functions.html — e.g. its
 * ArrayPartition example: input {@code {"inputArray": [1,2,3,4,5,6,7,8,9]}}, {@code
 * "inputArray.$": "States.ArrayPartition($.inputArray,4)"} "would return the following array
 * chunks: {@code [[1,2,3,4],[5,6,7,8],[9]]}"; ArrayLength: "In this example, States.ArrayLength
 * would return ... {@code { "length": 9 }}".
 *
 * <p>Where the guide is silent (a blank string to StringToJson, a fraction to MathAdd, an object
 * in a Format placeholder) the expected values are the outputs AWS itself returned, as recorded in
 * GetExecutionHistory responses published with localstack/localstack's Step Functions snapshot
 * tests (tests/aws/services/stepfunctions/v2/intrinsic_functions/*.snapshot.json) — data recorded
 * against AWS, not another emulator's opinion. The guide's JsonToString example prints {@code
 * {\"foo\": \"bar\"}} with a space; AWS answers compact JSON ({@code {"Arg1":1,"Arg2":[]}}
 * recorded), which is what the engine does.
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

    /** Outputs AWS returned for edge inputs (see the class comment for where they were recorded). */
    @ParameterizedTest(name = "{0} with {1}")
    @CsvSource(delimiter = '|', textBlock = """
            States.Format('Formatting argument {}.', $.v)  | {"v":null}                          | "Formatting argument null."
            States.Format('Formatting argument {}.', $.v)  | {"v":1.1}                           | "Formatting argument 1.1."
            States.Format('Formatting argument {}.', $.v)  | {"v":{"Arg1":1,"Arg2":[]}}          | "Formatting argument {Arg1=1, Arg2=[]}."
            States.StringToJson($.v)                      | {"v":""}                            | null
            States.StringToJson($.v)                      | {"v":" "}                           | null
            States.StringToJson($.v)                      | {"v":"-0"}                          | 0
            States.JsonToString($.v)                      | {"v":{"Arg1":1,"Arg2":[]}}          | "{\\"Arg1\\":1,\\"Arg2\\":[]}"
            States.JsonToString($.v)                      | {"v":"HelloWorld"}                  | "\\"HelloWorld\\""
            States.ArrayPartition($.a, 2)                 | {"a":[]}                            | []
            States.ArrayContains($.a, $.b)                | {"a":[[1,2,3],2],"b":[1,2,3]}       | true
            States.ArrayRange(0, 10, 3)                   | {}                                  | [0,3,6,9]
            States.ArrayRange(1, 9, 9)                    | {}                                  | [1]
            States.Hash($.v, 'MD5')                       | {"v":"input data"}                  | "812f45842bc6d66ee14572ce20db8e86"
            States.Hash($.v, 'SHA-256')                   | {"v":"input data"}                  | "b4a697a057313163aee33cd8d40c66e9f0f177e00cac2de32475ffff6169c3e3"
            States.JsonMerge($.a, $.b, false)             | {"a":{"a":{"a1":1},"d":3},"b":{"a":{"a3":1},"d":4}} | {"a":{"a3":1},"d":4}
            States.MathAdd($.a, $.b)                      | {"a":1.49,"b":1.5}                  | 3
            States.MathAdd($.a, $.b)                      | {"a":1.5,"b":1.51}                  | 4
            States.MathAdd($.a, $.b)                      | {"a":-1.5,"b":-1.51}                | -3
            States.MathAdd($.a, $.b)                      | {"a":-0.5,"b":0.5}                  | 1
            States.MathAdd($.a, $.b)                      | {"a":-2.5,"b":0}                    | -2
            States.StringSplit($.a, $.b)                  | {"a":", , ,","b":","}               | [" "," "]
            States.StringSplit($.a, $.b)                  | {"a":",,,,","b":","}                | []
            """)
    void theOutputsAwsRecordedForEdgeInputs(String expression, String input, String expected) {
        assertThat(eval(expression, input)).isEqualTo(Json.parse(expected));
    }

    @Test
    void mathRandomAcceptsFractionsAsAwsDoes() {
        // Recorded: States.MathRandom(12.5, 44.51) succeeds on AWS.
        for (int i = 0; i < 50; i++) {
            assertThat(eval("States.MathRandom($.a, $.b)", "{\"a\":12.5,\"b\":44.51}")
                            .asInt())
                    .isBetween(13, 44);
        }
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
