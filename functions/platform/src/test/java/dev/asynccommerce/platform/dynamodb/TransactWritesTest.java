package dev.asynccommerce.platform.dynamodb;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Map;
import org.junit.jupiter.api.Test;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.Put;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

class TransactWritesTest {

    private static TransactionCanceledException cancelled(String... codes) {
        CancellationReason[] reasons = new CancellationReason[codes.length];
        for (int i = 0; i < codes.length; i++) {
            reasons[i] = CancellationReason.builder().code(codes[i]).build();
        }
        return TransactionCanceledException.builder()
                .cancellationReasons(reasons)
                .build();
    }

    @Test
    void aNewItemIsPutOnlyWhileItsKeyIsFree() {
        Map<String, AttributeValue> item = Map.of("pk", AttributeValue.fromS("A"), "sk", AttributeValue.fromS("B"));

        Put put = TransactWrites.putNew("table-1", item).put();

        assertThat(put.tableName()).isEqualTo("table-1");
        assertThat(put.item()).isEqualTo(item);
        assertThat(put.conditionExpression()).isEqualTo("attribute_not_exists(pk)");
    }

    @Test
    void namesTheWriteWhoseConditionFailed() {
        TransactionCanceledException e = cancelled("None", "ConditionalCheckFailed");

        assertThat(TransactWrites.conditionFailed(e, 0)).isFalse();
        assertThat(TransactWrites.conditionFailed(e, 1)).isTrue();
        assertThat(TransactWrites.conditionFailed(e, 2)).isFalse();
    }

    @Test
    void anotherCauseIsNoFailedCondition() {
        assertThat(TransactWrites.conditionFailed(cancelled("TransactionConflict"), 0))
                .isFalse();
        assertThat(TransactWrites.conditionFailed(cancelled("ThrottlingError"), 0))
                .isFalse();
        assertThat(TransactWrites.conditionFailed(
                        TransactionCanceledException.builder()
                                .message("no reasons")
                                .build(),
                        0))
                .isFalse();
    }
}
