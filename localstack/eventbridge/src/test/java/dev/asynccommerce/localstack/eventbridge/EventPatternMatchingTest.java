package dev.asynccommerce.localstack.eventbridge;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import software.amazon.awssdk.services.eventbridge.model.EventBridgeException;
import software.amazon.awssdk.services.eventbridge.model.InvalidEventPatternException;

/**
 * Content filtering as AWS documents it (eb-create-pattern-operators.html), through TestEventPattern:
 * each operator matches its example and rejects a near miss.
 */
class EventPatternMatchingTest {
    private static final EventBridgeServer EB = new EventBridgeServer();

    private static final String EVENT = """
            {"version":"0","id":"6a7e8feb-b491-4cf7-a9f1-bf3703467718","detail-type":"OrderPlaced",
             "source":"commerce.ordering","account":"000000000000","time":"2026-11-21T09:00:00Z",
             "region":"us-east-1","resources":["arn:aws:s3:::orders/eu/o-1.json"],
             "detail":{"orderId":"o-1","store":"store-001","totalCents":2599,"currency":"EUR",
                       "channel":"Web","lines":[{"sku":"SKU-0001"},{"sku":"SKU-0002"}]}}""";

    @AfterAll
    static void close() {
        EB.close();
    }

    @ParameterizedTest(name = "{0}")
    @CsvSource(
            delimiter = '|',
            value = {
                "exact | {\"detail\":{\"orderId\":[\"o-1\"]}} | {\"detail\":{\"orderId\":[\"o-2\"]}}",
                "prefix | {\"detail\":{\"store\":[{\"prefix\":\"store-\"}]}} | {\"detail\":{\"store\":[{\"prefix\":\"shop-\"}]}}",
                "suffix | {\"resources\":[{\"suffix\":\".json\"}]} | {\"resources\":[{\"suffix\":\".jsonl\"}]}",
                "anything-but | {\"detail\":{\"currency\":[{\"anything-but\":[\"USD\"]}]}} | {\"detail\":{\"currency\":[{\"anything-but\":[\"EUR\",\"USD\"]}]}}",
                "anything-but prefix | {\"detail\":{\"store\":[{\"anything-but\":{\"prefix\":\"shop\"}}]}} | {\"detail\":{\"store\":[{\"anything-but\":{\"prefix\":\"store\"}}]}}",
                "numeric range | {\"detail\":{\"totalCents\":[{\"numeric\":[\">\",2000,\"<=\",2599]}]}} | {\"detail\":{\"totalCents\":[{\"numeric\":[\">\",2000,\"<\",2599]}]}}",
                "exists | {\"detail\":{\"orderId\":[{\"exists\":true}]}} | {\"detail\":{\"pickupCode\":[{\"exists\":true}]}}",
                "not exists | {\"detail\":{\"pickupCode\":[{\"exists\":false}]}} | {\"detail\":{\"orderId\":[{\"exists\":false}]}}",
                "wildcard | {\"detail\":{\"store\":[{\"wildcard\":\"store-*1\"}]}} | {\"detail\":{\"store\":[{\"wildcard\":\"store-*2\"}]}}",
                "equals-ignore-case | {\"detail\":{\"channel\":[{\"equals-ignore-case\":\"WEB\"}]}} | {\"detail\":{\"channel\":[{\"equals-ignore-case\":\"WEBS\"}]}}",
                "array member | {\"detail\":{\"lines\":{\"sku\":[\"SKU-0002\"]}}} | {\"detail\":{\"lines\":{\"sku\":[\"SKU-0003\"]}}}",
                "$or | {\"$or\":[{\"detail\":{\"store\":[\"x\"]}},{\"source\":[\"commerce.ordering\"]}]} | {\"$or\":[{\"detail\":{\"store\":[\"x\"]}},{\"source\":[\"commerce.payments\"]}]}",
                "several fields all must match | {\"source\":[\"commerce.ordering\"],\"detail-type\":[\"OrderPlaced\"]} | {\"source\":[\"commerce.ordering\"],\"detail-type\":[\"OrderCancelled\"]}"
            })
    void anOperatorMatchesItsExampleAndNotANearMiss(String operator, String matching, String nearMiss) {
        assertThat(matches(matching)).as(operator).isTrue();
        assertThat(matches(nearMiss)).as(operator + " near miss").isFalse();
    }

    @Test
    void anInvalidPatternIsRefusedWithInvalidEventPatternException() {
        assertThatThrownBy(() -> matches("{\"detail\":{\"totalCents\":[{\"numeric\":[\">>\",1]}]}}"))
                .isInstanceOf(InvalidEventPatternException.class)
                .hasMessageContaining("Event pattern is not valid.");
        assertThatThrownBy(() -> matches("[\"source\"]")).isInstanceOf(InvalidEventPatternException.class);
    }

    @Test
    void anEventMissingEnvelopeFieldsIsAValidationError() {
        assertThatThrownBy(() -> EB.client.testEventPattern(
                        b -> b.eventPattern("{\"source\":[\"a\"]}").event("{\"source\":\"a\"}")))
                .isInstanceOf(EventBridgeException.class)
                .satisfies(e -> assertThat(
                                ((EventBridgeException) e).awsErrorDetails().errorCode())
                        .isEqualTo("ValidationException"));
    }

    private static boolean matches(String pattern) {
        return EB.client
                .testEventPattern(b -> b.eventPattern(pattern).event(EVENT))
                .result();
    }
}
