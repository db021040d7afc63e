package dev.asynccommerce.localstack.deployer;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Intrinsic functions resolve as the CloudFormation template reference documents them. */
class IntrinsicsTest {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final Template TEMPLATE = Template.parse("""
            {"Parameters": {"Stage": {"Type": "String", "Default": "dev"},
                            "Size": {"Type": "Number"},
                            "BootstrapVersion": {"Type": "AWS::SSM::Parameter::Value<String>", "Default": "/cdk-bootstrap/hnb659fds/version"}},
             "Mappings": {"Sizes": {"dev": {"Memory": "512"}}},
             "Conditions": {"IsDev": {"Fn::Equals": [{"Ref": "Stage"}, "dev"]},
                            "IsProd": {"Fn::Not": [{"Condition": "IsDev"}]},
                            "Both": {"Fn::And": [{"Condition": "IsDev"}, {"Fn::Or": [{"Condition": "IsProd"}, true]}]}},
             "Resources": {"Queue": {"Type": "AWS::SQS::Queue"}}}
            """);
    private static final Provisioned QUEUE = new Provisioned(
            "https://sqs.eu-west-1.amazonaws.com/111122223333/q",
            Map.of("Arn", "arn:aws:sqs:eu-west-1:111122223333:q", "QueueName", "q"));
    private static final StackEnvironment ENV =
            new StackEnvironment("Shop", "111122223333", "eu-west-1", "aws", "amazonaws.com", Map.of("Size", "3"));
    private final Intrinsics intrinsics = new Intrinsics(TEMPLATE, ENV, id -> id.equals("Queue") ? QUEUE : null);

    private JsonNode resolve(String json) throws Exception {
        return intrinsics.resolve(JSON.readTree(json), "Test");
    }

    @Test
    void refAnswersParametersPseudoParametersAndPhysicalIds() throws Exception {
        assertThat(resolve("{\"Ref\": \"Stage\"}").asText()).isEqualTo("dev");
        assertThat(resolve("{\"Ref\": \"Size\"}").asText()).isEqualTo("3");
        assertThat(resolve("{\"Ref\": \"AWS::Region\"}").asText()).isEqualTo("eu-west-1");
        assertThat(resolve("{\"Ref\": \"AWS::AccountId\"}").asText()).isEqualTo("111122223333");
        assertThat(resolve("{\"Ref\": \"AWS::URLSuffix\"}").asText()).isEqualTo("amazonaws.com");
        assertThat(resolve("{\"Ref\": \"AWS::StackName\"}").asText()).isEqualTo("Shop");
        assertThat(resolve("{\"Ref\": \"Queue\"}").asText()).isEqualTo(QUEUE.physicalId());
    }

    @Test
    void getAttTakesBothForms() throws Exception {
        assertThat(resolve("{\"Fn::GetAtt\": [\"Queue\", \"Arn\"]}").asText())
                .isEqualTo("arn:aws:sqs:eu-west-1:111122223333:q");
        assertThat(resolve("{\"Fn::GetAtt\": \"Queue.QueueName\"}").asText()).isEqualTo("q");
    }

    @Test
    void joinSplitAndSelect() throws Exception {
        assertThat(resolve("{\"Fn::Join\": [\":\", [\"a\", {\"Ref\": \"Stage\"}, 3]]}")
                        .asText())
                .isEqualTo("a:dev:3");
        assertThat(resolve("{\"Fn::Select\": [1, {\"Fn::Split\": [\"/\", \"x/y/z\"]}]}")
                        .asText())
                .isEqualTo("y");
        // CDK names a function from its alias ARN this way: arn:aws:lambda:<region>:<account>:function:<name>:<alias>
        assertThat(resolve(
                                "{\"Fn::Select\": [6, {\"Fn::Split\": [\":\", \"arn:aws:lambda:eu-west-1:1:function:PlaceOrder:live\"]}]}")
                        .asText())
                .isEqualTo("PlaceOrder");
    }

    @Test
    void selectOutsideTheListStopsTheDeployment() {
        assertThatThrownBy(() -> resolve("{\"Fn::Select\": [3, [\"a\"]]}"))
                .isInstanceOf(DeploymentException.class)
                .hasMessageStartingWith("Test: Fn::Select index 3");
    }

    @Test
    void subReplacesParametersAttributesAndPseudoParametersAndKeepsEscapedLiterals() throws Exception {
        assertThat(resolve(
                                "{\"Fn::Sub\": \"https://${Queue.QueueName}.${AWS::Region}.${AWS::URLSuffix}/${Stage}/${!Literal}\"}")
                        .asText())
                .isEqualTo("https://q.eu-west-1.amazonaws.com/dev/${Literal}");
        assertThat(resolve(
                                "{\"Fn::Sub\": [\"${Greeting}, ${Queue}\", {\"Greeting\": {\"Fn::Join\": [\"\", [\"hel\", \"lo\"]]}}]}")
                        .asText())
                .isEqualTo("hello, " + QUEUE.physicalId());
    }

    @Test
    void ifChoosesByConditionAndNoValueRemovesThePropertyOrElement() throws Exception {
        JsonNode resolved = resolve("""
                {"Kept": {"Fn::If": ["IsDev", "yes", "no"]},
                 "Dropped": {"Fn::If": ["IsProd", "x", {"Ref": "AWS::NoValue"}]},
                 "List": ["a", {"Fn::If": ["IsProd", "b", {"Ref": "AWS::NoValue"}]}, "c"],
                 "Nested": {"Fn::If": ["Both", {"Fn::FindInMap": ["Sizes", {"Ref": "Stage"}, "Memory"]}, "0"]}}
                """);
        assertThat(resolved.get("Kept").asText()).isEqualTo("yes");
        assertThat(resolved.has("Dropped")).isFalse();
        assertThat(resolved.get("List")).hasSize(2);
        assertThat(resolved.get("Nested").asText()).isEqualTo("512");
    }

    @Test
    void getAzsAndBase64() throws Exception {
        assertThat(resolve("{\"Fn::Select\": [0, {\"Fn::GetAZs\": \"\"}]}").asText())
                .isEqualTo("eu-west-1a");
        assertThat(resolve("{\"Fn::Base64\": \"hi\"}").asText()).isEqualTo("aGk=");
    }

    @Test
    void whatALocalStackCannotHonourIsRefusedNamingTheResource() {
        assertThatThrownBy(() -> resolve("{\"Fn::ImportValue\": \"SharedVpc\"}"))
                .hasMessage("Test: Fn::ImportValue is not supported by the local stack");
        assertThatThrownBy(() -> resolve("{\"Ref\": \"Nowhere\"}"))
                .hasMessage("Test: Ref to Nowhere, which the template does not define");
        assertThatThrownBy(() -> resolve("{\"Fn::GetAtt\": [\"Queue\", \"Colour\"]}"))
                .hasMessageContaining("Fn::GetAtt Queue.Colour")
                .hasMessageContaining("AWS::SQS::Queue");
        assertThatThrownBy(() -> resolve("{\"Ref\": \"BootstrapVersion\"}"))
                .hasMessageContaining("parameter BootstrapVersion has no value");
    }
}
