package dev.asynccommerce.localstack.stepfunctions;

import static org.assertj.core.api.Assertions.assertThat;

import com.fasterxml.jackson.databind.JsonNode;
import dev.asynccommerce.localstack.stepfunctions.testing.AslHarness;
import dev.asynccommerce.localstack.stepfunctions.testing.AslRun;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;
import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;

/**
 * Conformance cases written from the AWS Step Functions developer guide's documented examples; each
 * names its source page (under https://docs.aws.amazon.com/step-functions/latest/dg/).
 */
class ConformanceTest {
    private static JsonNode json(String text) {
        return Json.parse(text);
    }

    @Nested
    class InputAndOutputProcessing {
        /** Source: input-output-inputpath-params.html, "InputPath" example. */
        @Test
        void inputPathSelectsPartOfTheInput() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"S","States":{"S":{"Type":"Pass","InputPath":"$.dataset2","End":true}}}""").start("""
                    {"comment":"Example for InputPath.","dataset1":{"val1":1,"val2":2,"val3":3},
                     "dataset2":{"val1":"a","val2":"b","val3":"c"}}""");

            assertThat(run.outputJson()).isEqualTo(json("{\"val1\":\"a\",\"val2\":\"b\",\"val3\":\"c\"}"));
        }

        /** Source: input-output-inputpath-params.html, "Parameters" example. */
        @Test
        void parametersBuildANewObjectFromStaticValuesAndPaths() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"S","States":{"S":{"Type":"Pass","Parameters":{"comment":"Selecting what I care about.",
                     "MyDetails":{"size.$":"$.product.details.size","exists.$":"$.product.availability","StaticValue":"foo"}},
                     "End":true}}}""").start("""
                    {"comment":"Example for Parameters.","product":{"details":{"color":"blue","size":"small",
                     "material":"cotton"},"availability":"in stock","sku":"2317","cost":"$23"}}""");

            assertThat(run.outputJson()).isEqualTo(json("""
                    {"comment":"Selecting what I care about.","MyDetails":{"size":"small","exists":"in stock","StaticValue":"foo"}}"""));
        }

        /** Source: input-output-resultpath.html, "Use ResultPath to include the result with the input". */
        @Test
        void resultPathPlacesTheResultInsideTheInput() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Hello","States":{"Hello":{"Type":"Task",
                     "Resource":"arn:aws:lambda:us-east-1:123456789012:function:HelloFunction",
                     "ResultPath":"$.taskresult","End":true}}}""")
                    .function(
                            "HelloFunction",
                            in -> Json.text("Hello, " + in.get("who").asText() + "!"))
                    .start("""
                    {"comment":"This is a test of the input and output of a Task state.","details":"Default example",
                     "who":"AWS Step Functions"}""");

            assertThat(run.outputJson()).isEqualTo(json("""
                    {"comment":"This is a test of the input and output of a Task state.","details":"Default example",
                     "who":"AWS Step Functions","taskresult":"Hello, AWS Step Functions!"}"""));
        }

        /** Source: input-output-resultpath.html, "Use ResultPath to update a node in the input with the result". */
        @Test
        void resultPathCreatesMissingNodesAndNullDiscardsTheResult() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"A","States":{
                     "A":{"Type":"Pass","Result":"Hello!","ResultPath":"$.strings.lambdaresult","Next":"B"},
                     "B":{"Type":"Pass","Result":"ignored","ResultPath":null,"End":true}}}""").start("{\"who\":\"AWS\"}");

            assertThat(run.outputJson()).isEqualTo(json("{\"who\":\"AWS\",\"strings\":{\"lambdaresult\":\"Hello!\"}}"));
        }

        /** Source: input-output-outputpath.html and input-output-example.html (the filter chain). */
        @Test
        void resultSelectorThenResultPathThenOutputPath() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f","Payload.$":"$"},
                     "ResultSelector":{"value.$":"$.Payload.value","code.$":"$.StatusCode"},
                     "ResultPath":"$.result","OutputPath":"$.result","End":true}}}""")
                    .function("f", in -> Json.object().put("value", in.get("n").asInt() * 2))
                    .start("{\"n\":21}");

            assertThat(run.outputJson()).isEqualTo(json("{\"value\":42,\"code\":200}"));
        }

        /**
         * Source: input-output-inputpath-params.html: a path with no match is a States.Runtime failure.
         * Cause text as AWS recorded it ("An error occurred while executing the state 'pass' (entered
         * at the event id #2). The JSONPath '$.no_such_jsonpath' specified for the field 'value.$'
         * could not be found in the input '...'"; localstack/localstack snapshot test_base.snapshot.json).
         */
        @Test
        void aParametersPathThatMatchesNothingFailsWithStatesRuntime() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Pick","States":{"Pick":{"Type":"Pass","Parameters":{"missing.$":"$.nope.deep"},"End":true}}}""").start("{\"other\":1}");

            assertThat(run.status()).isEqualTo("FAILED");
            assertThat(run.error()).isEqualTo("States.Runtime");
            assertThat(run.cause())
                    .isEqualTo("An error occurred while executing the state 'Pick' (entered at the event id #2). "
                            + "The JSONPath '$.nope.deep' specified for the field 'missing.$' could not be "
                            + "found in the input '{\"other\":1}'");
        }

        /**
         * Source: input-output-inputpath-params.html (InputPath) and input-output-outputpath.html
         * (OutputPath): a path that matches nothing fails the state with States.Runtime. Recorded AWS
         * causes: "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']" and,
         * for a missing intermediate property, "Invalid path '$.no.such.result.path' : Missing
         * property in path $['no']".
         */
        @Test
        void aPathThatMatchesNothingIsWordedAsAwsWordsIt() {
            AslRun leaf = AslHarness.of("""
                    {"StartAt":"pass","States":{"pass":{"Type":"Pass","InputPath":"$.NoSuchInputPath","End":true}}}""").start("{}");
            AslRun deep = AslHarness.of("""
                    {"StartAt":"pass","States":{"pass":{"Type":"Pass","OutputPath":"$.no.such.result.path","End":true}}}""").start("{}");

            assertThat(leaf.cause())
                    .isEqualTo("An error occurred while executing the state 'pass' (entered at the event id #2). "
                            + "Invalid path '$.NoSuchInputPath' : No results for path: $['NoSuchInputPath']");
            assertThat(deep.cause())
                    .isEqualTo("An error occurred while executing the state 'pass' (entered at the event id #2). "
                            + "Invalid path '$.no.such.result.path' : Missing property in path $['no']");
        }

        /** Source: input-output-contextobject.html: Execution, State, StateMachine fields and formats. */
        @Test
        void theContextObjectDescribesTheExecutionAndState() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Ctx","States":{"Ctx":{"Type":"Pass","Parameters":{"id.$":"$$.Execution.Id",
                     "name.$":"$$.Execution.Name","start.$":"$$.Execution.StartTime","state.$":"$$.State.Name",
                     "entered.$":"$$.State.EnteredTime","retries.$":"$$.State.RetryCount","machine.$":"$$.StateMachine.Name",
                     "input.$":"$$.Execution.Input"},"End":true}}}""")
                    .startingAt(Instant.parse("2019-03-26T20:14:13.192Z"))
                    .start("{\"a\":1}");

            JsonNode out = run.outputJson();
            assertThat(out.get("id").asText()).isEqualTo("arn:aws:states:us-east-1:000000000000:execution:harness:run");
            assertThat(out.get("name").asText()).isEqualTo("run");
            assertThat(out.get("start").asText()).isEqualTo("2019-03-26T20:14:13.192Z");
            assertThat(out.get("entered").asText()).isEqualTo("2019-03-26T20:14:13.192Z");
            assertThat(out.get("state").asText()).isEqualTo("Ctx");
            assertThat(out.get("retries").asInt()).isZero();
            assertThat(out.get("machine").asText()).isEqualTo("harness");
            assertThat(out.get("input")).isEqualTo(json("{\"a\":1}"));
        }
    }

    @Nested
    class ChoiceRules {
        private static final String CHOICE = """
                {"StartAt":"ChoiceStateX","States":{"ChoiceStateX":{"Type":"Choice","Choices":[
                  {"Not":{"Variable":"$.type","StringEquals":"Private"},"Next":"Public"},
                  {"Variable":"$.value","NumericEquals":0,"Next":"ValueIsZero"},
                  {"And":[{"Variable":"$.value","NumericGreaterThanEquals":20},{"Variable":"$.value","NumericLessThan":30}],
                   "Next":"ValueInTwenties"}],"Default":"DefaultState"},
                 "Public":{"Type":"Pass","Result":"Public","End":true},
                 "ValueIsZero":{"Type":"Pass","Result":"Zero","End":true},
                 "ValueInTwenties":{"Type":"Pass","Result":"Twenties","End":true},
                 "DefaultState":{"Type":"Fail","Error":"DefaultStateError","Cause":"No Matches!"}}}""";

        /** Source: state-choice.html, the Choice state example (Not, NumericEquals, And). */
        @Test
        void theDocumentedChoiceExampleRoutesEachInput() {
            assertThat(AslHarness.of(CHOICE)
                            .start("{\"type\":\"Public\",\"value\":22}")
                            .outputJson()
                            .asText())
                    .isEqualTo("Public");
            assertThat(AslHarness.of(CHOICE)
                            .start("{\"type\":\"Private\",\"value\":0}")
                            .outputJson()
                            .asText())
                    .isEqualTo("Zero");
            assertThat(AslHarness.of(CHOICE)
                            .start("{\"type\":\"Private\",\"value\":22}")
                            .outputJson()
                            .asText())
                    .isEqualTo("Twenties");
            AslRun fallThrough = AslHarness.of(CHOICE).start("{\"type\":\"Private\",\"value\":50}");
            assertThat(fallThrough.error()).isEqualTo("DefaultStateError");
            assertThat(fallThrough.cause()).isEqualTo("No Matches!");
        }

        /** Source: state-choice.html, "Choice Rules": type tests, Path variants, StringMatches, timestamps. */
        @Test
        void everyComparisonFamilyAndThePathVariants() {
            String definition = """
                    {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                      {"And":[
                        {"Variable":"$.s","StringMatches":"log-*.txt"},
                        {"Variable":"$.s","StringGreaterThan":"log-"},
                        {"Variable":"$.n","NumericLessThanEqualsPath":"$.limit"},
                        {"Variable":"$.flag","BooleanEquals":true},
                        {"Variable":"$.when","TimestampLessThan":"2030-01-01T00:00:00Z"},
                        {"Variable":"$.when","IsTimestamp":true},
                        {"Variable":"$.nothing","IsNull":true},
                        {"Variable":"$.n","IsNumeric":true},
                        {"Variable":"$.s","IsString":true},
                        {"Variable":"$.flag","IsBoolean":true},
                        {"Variable":"$.absent","IsPresent":false},
                        {"Or":[{"Variable":"$.s","StringEquals":"x"},{"Variable":"$.s","StringEqualsPath":"$.s"}]}
                      ],"Next":"Yes"}],"Default":"No"},
                     "Yes":{"Type":"Succeed"},"No":{"Type":"Fail","Error":"No"}}}""";

            AslRun run = AslHarness.of(definition).start("""
                    {"s":"log-2026.txt","n":5,"limit":5,"flag":true,"when":"2026-11-21T10:00:00+01:00","nothing":null}""");

            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.enteredStates()).containsExactly("C", "Yes");
        }

        /** Source: state-choice.html: comparing a value of another type is false, not an error. */
        @Test
        void aTypeMismatchIsFalseButAMissingVariableIsAStatesRuntimeError() {
            String definition = """
                    {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                      {"Variable":"$.v","NumericEquals":1,"Next":"Yes"}],"Default":"No"},
                     "Yes":{"Type":"Succeed"},"No":{"Type":"Succeed"}}}""";

            assertThat(AslHarness.of(definition).start("{\"v\":\"1\"}").enteredStates())
                    .containsExactly("C", "No");
            AslRun missing = AslHarness.of(definition).start("{}");
            assertThat(missing.error()).isEqualTo("States.Runtime");
            assertThat(missing.cause()).contains("Invalid path '$.v'");
        }

        /** Source: state-choice.html: without Default and no match, States.NoChoiceMatched. */
        @Test
        void noMatchWithoutDefaultIsNoChoiceMatched() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                      {"Variable":"$.v","StringEquals":"a","Next":"Y"}]},"Y":{"Type":"Succeed"}}}""").start("{\"v\":\"b\"}");

            assertThat(run.error()).isEqualTo("States.NoChoiceMatched");
        }
    }

    @Nested
    class WaitStates {
        /** Source: state-wait.html: Seconds, Timestamp, SecondsPath and TimestampPath. */
        @Test
        void eachWaitFormPassesOnlyWhenTheClockReachesIt() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Seconds","States":{
                     "Seconds":{"Type":"Wait","Seconds":10,"Next":"SecondsPath"},
                     "SecondsPath":{"Type":"Wait","SecondsPath":"$.expiryseconds","Next":"Timestamp"},
                     "Timestamp":{"Type":"Wait","Timestamp":"2026-01-01T01:00:00Z","Next":"TimestampPath"},
                     "TimestampPath":{"Type":"Wait","TimestampPath":"$.expirydate","End":true}}}""").start("{\"expiryseconds\":20,\"expirydate\":\"2026-01-02T00:00:00Z\"}");

            run.advance(Duration.ofSeconds(29));
            assertThat(run.enteredStates()).containsExactly("Seconds", "SecondsPath");
            run.advance(Duration.ofSeconds(1));
            assertThat(run.enteredStates()).containsExactly("Seconds", "SecondsPath", "Timestamp");
            run.advance(Duration.ofHours(1));
            assertThat(run.enteredStates()).endsWith("TimestampPath");
            assertThat(run.status()).isEqualTo("RUNNING");

            run.advance(Duration.ofDays(1));
            assertThat(run.status()).isEqualTo("SUCCEEDED");
        }
    }

    @Nested
    class ParallelAndMap {
        /** Source: state-parallel.html: the output is an array of each branch's output, in order. */
        @Test
        void parallelOutputsEachBranchResultInBranchOrder() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"LookupCustomerInfo","States":{"LookupCustomerInfo":{"Type":"Parallel","End":true,"Branches":[
                     {"StartAt":"LookupAddress","States":{"LookupAddress":{"Type":"Task",
                       "Resource":"arn:aws:lambda:us-east-1:123456789012:function:AddressFinder","End":true}}},
                     {"StartAt":"LookupPhone","States":{"LookupPhone":{"Type":"Task",
                       "Resource":"arn:aws:lambda:us-east-1:123456789012:function:PhoneFinder","End":true}}}]}}}""")
                    .stub("LookupAddress", "{\"address\":\"1 Main St\"}")
                    .stub("LookupPhone", "{\"phone\":\"555\"}")
                    .start("{}");

            assertThat(run.outputJson()).isEqualTo(json("[{\"address\":\"1 Main St\"},{\"phone\":\"555\"}]"));
            assertThat(run.eventTypes())
                    .contains(
                            "ParallelStateEntered",
                            "ParallelStateStarted",
                            "ParallelStateSucceeded",
                            "ParallelStateExited");
        }

        /** Source: state-parallel.html: one failing branch fails the Parallel state (Catch can handle it). */
        @Test
        void aFailingBranchFailsTheParallelStateWithTheBranchError() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"P","States":{"P":{"Type":"Parallel","Branches":[
                     {"StartAt":"Ok","States":{"Ok":{"Type":"Wait","Seconds":60,"End":true}}},
                     {"StartAt":"Bad","States":{"Bad":{"Type":"Fail","Error":"Branch.Broken","Cause":"b"}}}],
                     "Catch":[{"ErrorEquals":["States.ALL"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
                     "Handled":{"Type":"Pass","End":true}}}""").start("{}");

            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.outputJson().get("error")).isEqualTo(json("{\"Error\":\"Branch.Broken\",\"Cause\":\"b\"}"));
        }

        /** Source: state-map-inline.html, "Inline Map state example with ItemSelector". */
        @Test
        void inlineMapWithItemsPathAndItemSelector() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Validate-All","States":{"Validate-All":{"Type":"Map","InputPath":"$.detail",
                     "ItemsPath":"$.shipped","MaxConcurrency":0,
                     "ItemSelector":{"parcel.$":"$$.Map.Item.Value","courier.$":"$.delivery-partner","index.$":"$$.Map.Item.Index"},
                     "ItemProcessor":{"StartAt":"Validate","States":{"Validate":{"Type":"Pass","End":true}}},
                     "ResultPath":"$.detail.shipped","End":true}}}""").start("""
                    {"ship-date":"2016-03-14T01:59:00Z","detail":{"delivery-partner":"UQS","shipped":[
                     {"prod":"R31","dest-code":9511,"quantity":1344},{"prod":"S39","dest-code":9511,"quantity":40}]}}""");

            assertThat(run.outputJson().get("detail").get("shipped")).isEqualTo(json("""
                    [{"parcel":{"prod":"R31","dest-code":9511,"quantity":1344},"courier":"UQS","index":0},
                     {"parcel":{"prod":"S39","dest-code":9511,"quantity":40},"courier":"UQS","index":1}]"""));
            List<String> types = run.eventTypes();
            assertThat(types)
                    .contains(
                            "MapStateStarted",
                            "MapIterationStarted",
                            "MapIterationSucceeded",
                            "MapStateSucceeded",
                            "MapStateExited");
            assertThat(run.events().stream()
                            .filter(e -> e.has("mapStateStartedEventDetails"))
                            .findFirst()
                            .orElseThrow()
                            .get("mapStateStartedEventDetails")
                            .get("length")
                            .asInt())
                    .isEqualTo(2);
        }

        /** Source: state-map-inline.html: MaxConcurrency bounds how many iterations run at once. */
        @Test
        void maxConcurrencyOneRunsIterationsOneAfterAnother() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
                     "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}""").start("[1,2,3]");

            run.advance(Duration.ofSeconds(10));
            assertThat(run.status()).isEqualTo("RUNNING");
            run.advance(Duration.ofSeconds(20));
            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.outputJson()).isEqualTo(json("[1,2,3]"));
        }

        /**
         * Source: state-map-inline.html: an iteration's failure fails the Map. Items a MaxConcurrency
         * kept waiting never start, and the Map must not wait for them.
         */
        @Test
        void aFailureUnderMaxConcurrencyFailsTheMapWithoutStartingTheWaitingItems() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrency":1,
                     "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                       {"Variable":"$","NumericEquals":0,"Next":"Bad"}],"Default":"Slow"},
                       "Bad":{"Type":"Fail","Error":"Item.Bad"},
                       "Slow":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}""").start("[0,1,2]");

            assertThat(run.status()).isEqualTo("FAILED");
            assertThat(run.error()).isEqualTo("Item.Bad");
            assertThat(run.eventTypes().stream().filter("MapIterationStarted"::equals))
                    .hasSize(1);
        }

        /**
         * Source: amazon-states-language-map-state.html (now state-map-inline.html): "If any iteration
         * fails, entire Map state fails, and all iterations are terminated", here a sibling parked on
         * .waitForTaskToken (connect-to-resource.html, the BOPIS shape), however the failure races
         * the launch of the other iterations.
         */
        @Test
        void aFailingIterationAbortsASiblingWaitingForItsTaskToken() {
            String definition = """
                    {"StartAt":"M","States":{"M":{"Type":"Map",
                     "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                       {"Variable":"$","NumericEquals":0,"Next":"Bad"}],"Default":"Pickup"},
                       "Bad":{"Type":"Fail","Error":"Item.Bad"},
                       "Pickup":{"Type":"Task","Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                        "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},"End":true}}},
                     "End":true}}}""";

            for (int attempt = 0; attempt < 25; attempt++) {
                AslRun run = AslHarness.of(definition).start("[0,1,2]");

                assertThat(run.status()).as("attempt %d", attempt).isEqualTo("FAILED");
                assertThat(run.error()).isEqualTo("Item.Bad");
            }
        }

        /** Source: state-map-distributed.html (tolerated failure threshold), applied to an inline Map here. */
        @Test
        void toleratedFailureCountLetsSomeIterationsFailAndExceedingItFailsTheMap() {
            String definition = """
                    {"StartAt":"M","States":{"M":{"Type":"Map","ToleratedFailureCount":1,
                     "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                       {"Variable":"$","NumericGreaterThan":1,"Next":"Bad"}],"Default":"Good"},
                       "Bad":{"Type":"Fail","Error":"Item.Bad"},"Good":{"Type":"Succeed"}}},"End":true}}}""";

            AslRun tolerated = AslHarness.of(definition).start("[0,1,2]");
            AslRun exceeded = AslHarness.of(definition).start("[0,2,3]");

            assertThat(tolerated.status()).isEqualTo("SUCCEEDED");
            assertThat(tolerated.outputJson().get(2).get("Error").asText()).isEqualTo("Item.Bad");
            assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        }

        /** Source: state-map-inline.html, MaxConcurrencyPath: the bound read from the input. */
        @Test
        void maxConcurrencyPathBoundsTheIterationsRunningAtOnce() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"M","States":{"M":{"Type":"Map","MaxConcurrencyPath":"$.limit","ItemsPath":"$.items",
                     "ItemProcessor":{"StartAt":"W","States":{"W":{"Type":"Wait","Seconds":10,"End":true}}},"End":true}}}""").start("{\"limit\":2,\"items\":[1,2,3]}");

            assertThat(run.eventTypes().stream().filter("MapIterationStarted"::equals))
                    .hasSize(2);
            run.advance(Duration.ofSeconds(10));
            assertThat(run.status())
                    .as("the third item started only when one of two ended")
                    .isEqualTo("RUNNING");
            run.advance(Duration.ofSeconds(10));
            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.outputJson()).isEqualTo(json("[1,2,3]"));
        }

        private static final String FAIL_ABOVE_ONE = """
                "ItemProcessor":{"StartAt":"C","States":{"C":{"Type":"Choice","Choices":[
                  {"Variable":"$","NumericGreaterThan":1,"Next":"Bad"}],"Default":"Good"},
                  "Bad":{"Type":"Fail","Error":"Item.Bad"},"Good":{"Type":"Succeed"}}},"End":true}}}""";

        /**
         * Source: state-map-distributed.html, "Setting failure thresholds" (ToleratedFailurePercentage
         * and its Path form), applied to an inline Map here: half of four items may fail, three may not.
         */
        @Test
        void toleratedFailurePercentageAndItsPathForm() {
            String fixed = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ToleratedFailurePercentage\":50,"
                    + FAIL_ABOVE_ONE;
            String fromInput = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
                    + "\"ToleratedFailurePercentagePath\":\"$.percent\"," + FAIL_ABOVE_ONE;

            assertThat(AslHarness.of(fixed).start("[0,1,2,3]").status()).isEqualTo("SUCCEEDED");
            assertThat(AslHarness.of(fixed).start("[0,2,3,4]").error())
                    .isEqualTo("States.ExceedToleratedFailureThreshold");
            assertThat(AslHarness.of(fromInput)
                            .start("{\"percent\":50,\"items\":[0,1,2,3]}")
                            .status())
                    .isEqualTo("SUCCEEDED");
            assertThat(AslHarness.of(fromInput)
                            .start("{\"percent\":25,\"items\":[0,1,2,3]}")
                            .error())
                    .isEqualTo("States.ExceedToleratedFailureThreshold");
        }

        /** Source: state-map-distributed.html, "Setting failure thresholds" (ToleratedFailureCountPath). */
        @Test
        void toleratedFailureCountPathReadsTheCountFromTheInput() {
            String definition = "{\"StartAt\":\"M\",\"States\":{\"M\":{\"Type\":\"Map\",\"ItemsPath\":\"$.items\","
                    + "\"ToleratedFailureCountPath\":\"$.count\"," + FAIL_ABOVE_ONE;

            AslRun tolerated = AslHarness.of(definition).start("{\"count\":2,\"items\":[2,3,0]}");
            AslRun exceeded = AslHarness.of(definition).start("{\"count\":1,\"items\":[2,3,0]}");

            assertThat(tolerated.status()).isEqualTo("SUCCEEDED");
            assertThat(exceeded.error()).isEqualTo("States.ExceedToleratedFailureThreshold");
        }
    }

    @Nested
    class ErrorHandling {
        /** Source: concepts-error-handling.html, "Retry" example: 3 s, then 3 × 1.5 = 4.5 s. */
        @Test
        void retryWaitsIntervalTimesBackoffBetweenAttempts() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f"},
                     "Retry":[{"ErrorEquals":["States.Timeout"],"IntervalSeconds":3,"MaxAttempts":2,"BackoffRate":1.5}],
                     "End":true}}}""")
                    .stubSequence(
                            "T",
                            new TaskInterceptor.Throw("States.Timeout", "slow"),
                            new TaskInterceptor.Throw("States.Timeout", "slow"),
                            new TaskInterceptor.Return(json("{\"done\":true}")))
                    .start("{}");

            run.advance(Duration.ofSeconds(3));
            assertThat(run.eventTypes().stream().filter("TaskFailed"::equals)).hasSize(2);
            run.advance(Duration.ofMillis(4499));
            assertThat(run.status()).isEqualTo("RUNNING");
            run.advance(Duration.ofMillis(1));
            assertThat(run.status()).isEqualTo("SUCCEEDED");
        }

        /** Source: concepts-error-handling.html: MaxAttempts exhausted hands the error to Catch, with ResultPath. */
        @Test
        void exhaustedRetriesFallThroughToCatchWithErrorAndCause() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f"},
                     "Retry":[{"ErrorEquals":["CustomError"],"MaxAttempts":1}],
                     "Catch":[{"ErrorEquals":["CustomError"],"ResultPath":"$.error-info","Next":"Fallback"}],"End":true},
                     "Fallback":{"Type":"Pass","End":true}}}""")
                    .stubFailure("T", "CustomError", "This is a custom error!")
                    .start("{\"keep\":1}");

            run.awaitEnd();
            assertThat(run.outputJson())
                    .isEqualTo(
                            json(
                                    "{\"keep\":1,\"error-info\":{\"Error\":\"CustomError\",\"Cause\":\"This is a custom error!\"}}"));
            assertThat(run.eventTypes().stream().filter("TaskFailed"::equals)).hasSize(2);
        }

        /** Source: concepts-error-handling.html: States.ALL does not catch States.Runtime. */
        @Test
        void statesAllDoesNotCatchARuntimeError() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"x.$":"$.missing"},
                     "Catch":[{"ErrorEquals":["States.ALL"],"Next":"Caught"}],"End":true},
                     "Caught":{"Type":"Succeed"}}}""").stub("T", "{}").start("{}");

            assertThat(run.status()).isEqualTo("FAILED");
            assertThat(run.error()).isEqualTo("States.Runtime");
        }

        /** Source: concepts-error-handling.html: States.TaskFailed matches any error but States.Timeout. */
        @Test
        void taskFailedMatchesAFunctionErrorButNotATimeout() {
            String definition = """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f"},
                     "Catch":[{"ErrorEquals":["States.TaskFailed"],"Next":"Caught"}],"End":true},
                     "Caught":{"Type":"Succeed"}}}""";

            assertThat(AslHarness.of(definition)
                            .stubFailure("T", "Payment.Declined", "no")
                            .start("{}")
                            .status())
                    .isEqualTo("SUCCEEDED");
            assertThat(AslHarness.of(definition)
                            .stubFailure("T", "States.Timeout", "slow")
                            .start("{}")
                            .error())
                    .isEqualTo("States.Timeout");
        }

        /** Source: concepts-error-handling.html: MaxDelaySeconds caps the backoff. */
        @Test
        void maxDelaySecondsCapsTheBackoff() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f"},
                     "Retry":[{"ErrorEquals":["States.ALL"],"IntervalSeconds":10,"BackoffRate":10,"MaxAttempts":3,
                       "MaxDelaySeconds":15}],"End":true}}}""")
                    .stubSequence(
                            "T",
                            new TaskInterceptor.Throw("E", "1"),
                            new TaskInterceptor.Throw("E", "2"),
                            new TaskInterceptor.Throw("E", "3"),
                            new TaskInterceptor.Return(json("\"ok\"")))
                    .start("{}");

            run.advance(Duration.ofSeconds(10 + 15 + 14));
            assertThat(run.status()).isEqualTo("RUNNING");
            run.advance(Duration.ofSeconds(1));
            assertThat(run.status()).isEqualTo("SUCCEEDED");
        }

        /** Source: state-task.html, "Task state timeouts and heartbeat intervals" (TimeoutSecondsPath). */
        @Test
        void timeoutSecondsPathTimesOutAWaitingTask() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Pickup","States":{"Pickup":{"Type":"Task",
                     "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},
                     "TimeoutSecondsPath":"$.window","End":true}}}""").start("{\"window\":259200}");

            assertThat(run.recordedCalls()
                            .getFirst()
                            .parameters()
                            .get("MessageBody")
                            .get("token")
                            .asText())
                    .isEqualTo(run.taskToken("Pickup"));
            run.advance(Duration.ofDays(3));
            assertThat(run.error()).isEqualTo("States.Timeout");
            assertThat(run.eventTypes()).contains("TaskSubmitted", "TaskTimedOut");
        }

        /**
         * Source: concepts-error-handling.html lists States.HeartbeatTimeout as "only available inside
         * the Catch and Retry fields"; AWS reports the error itself as States.Timeout with no cause,
         * and a catcher receives {"Error":"States.Timeout","Cause":""} (recorded on AWS).
         */
        @Test
        void aMissedHeartbeatIsReportedAsTimeoutButCaughtByHeartbeatTimeout() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Pickup","States":{"Pickup":{"Type":"Task",
                     "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},
                     "TimeoutSeconds":600,"HeartbeatSeconds":5,
                     "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"Late"}],"End":true},
                     "Late":{"Type":"Pass","End":true}}}""").start("{}");

            run.advance(Duration.ofSeconds(5));

            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.outputJson()).isEqualTo(json("{\"Error\":\"States.Timeout\",\"Cause\":\"\"}"));
            JsonNode timedOut = run.events().stream()
                    .filter(e -> "TaskTimedOut".equals(e.get("type").asText()))
                    .findFirst()
                    .orElseThrow()
                    .get("taskTimedOutEventDetails");
            assertThat(timedOut.get("error").asText()).isEqualTo("States.Timeout");
            assertThat(timedOut.has("cause")).isFalse();
        }

        /** Source: state-fail.html: Error/Cause and their Path forms (a path or an intrinsic). */
        @Test
        void failStateErrorPathAndCausePath() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"F","States":{"F":{"Type":"Fail","ErrorPath":"$.code",
                     "CausePath":"States.Format('order {} failed', $.id)"}}}""").start("{\"code\":\"Order.Failed\",\"id\":7}");

            assertThat(run.error()).isEqualTo("Order.Failed");
            assertThat(run.cause()).isEqualTo("order 7 failed");
            assertThat(run.eventTypes()).containsSubsequence("FailStateEntered", "ExecutionFailed");
        }

        /** Source: state-task.html, HeartbeatSecondsPath: the heartbeat interval read from the input. */
        @Test
        void heartbeatSecondsPathSetsTheHeartbeatInterval() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Pickup","States":{"Pickup":{"Type":"Task",
                     "Resource":"arn:aws:states:::sqs:sendMessage.waitForTaskToken",
                     "Parameters":{"QueueUrl":"q","MessageBody":{"token.$":"$$.Task.Token"}},
                     "HeartbeatSecondsPath":"$.heartbeat",
                     "Catch":[{"ErrorEquals":["States.HeartbeatTimeout"],"Next":"Late"}],"End":true},
                     "Late":{"Type":"Pass","End":true}}}""").start("{\"heartbeat\":30}");

            run.advance(Duration.ofSeconds(29));
            assertThat(run.status()).isEqualTo("RUNNING");
            run.advance(Duration.ofSeconds(1));

            assertThat(run.status()).isEqualTo("SUCCEEDED");
            assertThat(run.enteredStates()).containsExactly("Pickup", "Late");
            JsonNode scheduled = run.events().stream()
                    .filter(e -> "TaskScheduled".equals(e.get("type").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(scheduled
                            .get("taskScheduledEventDetails")
                            .get("heartbeatInSeconds")
                            .asLong())
                    .isEqualTo(30);
        }

        private static long epochMillis(JsonNode event) {
            return Math.round(event.get("timestamp").asDouble() * 1000);
        }

        /**
         * Source: concepts-error-handling.html, JitterStrategy FULL: each retry waits a random time
         * between 0 and the computed interval (here IntervalSeconds 10), on the stack clock.
         */
        @Test
        void fullJitterWaitsBetweenZeroAndTheComputedInterval() {
            String definition = """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f"},
                     "Retry":[{"ErrorEquals":["Flaky"],"IntervalSeconds":10,"MaxAttempts":1,"JitterStrategy":"FULL"}],
                     "End":true}}}""";
            Set<Long> delays = new TreeSet<>();
            for (int attempt = 0; attempt < 20; attempt++) {
                AslRun run = AslHarness.of(definition)
                        .stubSequence(
                                "T",
                                new TaskInterceptor.Throw("Flaky", "once"),
                                new TaskInterceptor.Return(json("\"ok\"")))
                        .start("{}");
                run.advance(Duration.ofSeconds(10));

                assertThat(run.status()).as("attempt %d", attempt).isEqualTo("SUCCEEDED");
                List<JsonNode> events = run.events();
                long failedAt = epochMillis(events.stream()
                        .filter(e -> "TaskFailed".equals(e.get("type").asText()))
                        .findFirst()
                        .orElseThrow());
                long retriedAt = epochMillis(events.stream()
                        .filter(e -> "TaskScheduled".equals(e.get("type").asText()))
                        .skip(1)
                        .findFirst()
                        .orElseThrow());
                delays.add(retriedAt - failedAt);
            }

            assertThat(delays).allSatisfy(d -> assertThat(d).isBetween(0L, 10_000L));
            assertThat(delays).as("random, not the full interval every time").hasSizeGreaterThan(1);
        }

        /**
         * Source: concepts-error-handling.html lists States.IntrinsicFailure for an intrinsic function
         * that fails; raised while building a Task's Parameters it is the state's error, which a Catch
         * handles before anything is called.
         */
        @Test
        void anIntrinsicFailureFailsTheStateAndACatchHandlesIt() {
            String definition = """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f","Payload":{"third.$":"States.ArrayGetItem($.items, 2)"}},
                     "Catch":[{"ErrorEquals":["%s"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
                     "Handled":{"Type":"Pass","End":true}}}""";

            AslRun uncaught =
                    AslHarness.of(definition.formatted("Payment.Declined")).start("{\"items\":[1,2]}");
            AslRun handled = AslHarness.of(definition.formatted("States.IntrinsicFailure"))
                    .start("{\"items\":[1,2]}");

            assertThat(uncaught.error()).isEqualTo("States.IntrinsicFailure");
            assertThat(uncaught.cause())
                    .isEqualTo("The function 'States.ArrayGetItem($.items, 2)' had the following error: "
                            + "The index 2 is out of bounds for an array of 2");
            assertThat(handled.status()).isEqualTo("SUCCEEDED");
            assertThat(handled.outputJson().get("error").get("Error").asText()).isEqualTo("States.IntrinsicFailure");
            assertThat(handled.eventTypes()).doesNotContain("TaskScheduled");
        }

        private static String repeated(String text, int times) {
            return "\"" + text.repeat(times) + "\"";
        }

        /**
         * Source: concepts-error-handling.html, States.DataLimitExceeded: reported for a connector's
         * output over the payload quota, "a terminal error that can't be caught by the States.ALL
         * error type", and service-quotas.html: the quota is 256 KiB of UTF-8. 90,000 euro signs are
         * 270,000 bytes though only 90,000 characters; ResultPath null would discard them, but the
         * result itself is over the quota.
         */
        @Test
        void aTaskResultOverTheQuotaInUtf8IsDataLimitExceededCaughtOnlyByName() {
            String definition = """
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f"},"ResultPath":null,
                     "Catch":[{"ErrorEquals":["%s"],"ResultPath":"$.error","Next":"Handled"}],"End":true},
                     "Handled":{"Type":"Pass","End":true}}}""";
            String big = repeated("\u20ac", 90_000);

            AslRun byAll = AslHarness.of(definition.formatted("States.ALL"))
                    .stub("T", big)
                    .start("{}");
            AslRun byName = AslHarness.of(definition.formatted("States.DataLimitExceeded"))
                    .stub("T", big)
                    .start("{}");

            assertThat(byAll.status()).isEqualTo("FAILED");
            assertThat(byAll.error()).isEqualTo("States.DataLimitExceeded");
            assertThat(byAll.cause())
                    .isEqualTo("The state/task 'T' returned a result with a size exceeding the maximum number of"
                            + " bytes service limit.");
            assertThat(byName.status()).isEqualTo("SUCCEEDED");
            assertThat(byName.outputJson().get("error").get("Error").asText()).isEqualTo("States.DataLimitExceeded");
            assertThat(AslHarness.of(definition.formatted("States.ALL"))
                            .stub("T", repeated("e", 200_000))
                            .start("{}")
                            .status())
                    .as("200,000 one-byte characters are within the quota")
                    .isEqualTo("SUCCEEDED");
        }

        /**
         * Source: concepts-error-handling.html, States.DataLimitExceeded: also reported when "the state
         * input is larger than the payload size quota after Parameters processing" (the task is not
         * called), and when a state's output is (a Pass state, which has no Catch).
         */
        @Test
        void anInputAfterParametersOrAnOutputOverTheQuotaIsDataLimitExceeded() {
            String input = "{\"s\":" + repeated("\u20ac", 50_000) + "}";
            AslRun parameters = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"f","Payload":{"a.$":"$.s","b.$":"$.s"}},
                     "Catch":[{"ErrorEquals":["States.DataLimitExceeded"],"ResultPath":"$.error","Next":"Handled"}],
                     "End":true},"Handled":{"Type":"Pass","OutputPath":"$.error","End":true}}}""").stub("T", "{}").start(input);
            AslRun output = AslHarness.of("""
                    {"StartAt":"P","States":{"P":{"Type":"Pass","Parameters":{"a.$":"$.s","b.$":"$.s"},"End":true}}}""").start(input);

            assertThat(parameters.status()).isEqualTo("SUCCEEDED");
            assertThat(parameters.outputJson().get("Error").asText()).isEqualTo("States.DataLimitExceeded");
            assertThat(parameters.eventTypes()).doesNotContain("TaskScheduled");
            assertThat(output.error()).isEqualTo("States.DataLimitExceeded");
            assertThat(output.cause()).contains("'P'");
        }
    }

    @Nested
    class Variables {
        /** Source: workflow-variables.html: Assign in one state, read with $name in a later one. */
        @Test
        void assignedVariablesAreReadableInLaterStates() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"Save","States":{
                     "Save":{"Type":"Pass","Assign":{"productName.$":"$.product.name","count":3},"Next":"Use"},
                     "Use":{"Type":"Pass","Parameters":{"name.$":"$productName","n.$":"$count"},"End":true}}}""").start("{\"product\":{\"name\":\"Widget\"}}");

            assertThat(run.outputJson()).isEqualTo(json("{\"name\":\"Widget\",\"n\":3}"));
            JsonNode exited = run.events().stream()
                    .filter(e -> "PassStateExited".equals(e.get("type").asText()))
                    .findFirst()
                    .orElseThrow();
            assertThat(exited.get("stateExitedEventDetails")
                            .get("assignedVariables")
                            .get("productName")
                            .asText())
                    .isEqualTo("\"Widget\"");
        }
    }

    @Nested
    class Integrations {
        /** Source: connect-lambda.html: a function error surfaces under its errorType with the payload as cause. */
        @Test
        void aFunctionErrorSurfacesUnderItsOwnType() {
            AslRun run = AslHarness.of("""
                    {"StartAt":"T","States":{"T":{"Type":"Task","Resource":"arn:aws:states:::lambda:invoke",
                     "Parameters":{"FunctionName":"missing"},"End":true}}}""").start("{}");

            assertThat(run.error()).isEqualTo("Lambda.ResourceNotFoundException");
        }
    }
}
