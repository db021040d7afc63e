package dev.asynccommerce.platform.dynamodb;

import java.util.List;
import java.util.Map;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.CancellationReason;
import software.amazon.awssdk.services.dynamodb.model.TransactWriteItem;
import software.amazon.awssdk.services.dynamodb.model.TransactionCanceledException;

/**
 * The two halves of a conditional {@code TransactWriteItems} that every context writes the same way:
 * a put that only succeeds while its key is free, and telling from a cancelled transaction which
 * write's condition failed. Tables are keyed by {@code pk} (and a sort key where they have one), the
 * stack's convention, so a free key is an absent {@code pk}.
 */
public final class TransactWrites {
    /** The cancellation reason code of a write whose condition expression was false. */
    public static final String CONDITIONAL_CHECK_FAILED = "ConditionalCheckFailed";

    /** The condition of a put that must not replace an item: {@code pk} is in every key. */
    public static final String KEY_IS_FREE = "attribute_not_exists(pk)";

    private TransactWrites() {}

    /** A put of {@code item} into {@code tableName} that fails its condition if the key is taken. */
    public static TransactWriteItem putNew(String tableName, Map<String, AttributeValue> item) {
        return TransactWriteItem.builder()
                .put(p -> p.tableName(tableName).item(item).conditionExpression(KEY_IS_FREE))
                .build();
    }

    /**
     * Whether {@code e} cancelled the transaction because the condition of the write at {@code
     * index} (its position in the request) was false; false for every other cause (a conflict with
     * another transaction, throttling), which the caller treats as a technical failure.
     */
    public static boolean conditionFailed(TransactionCanceledException e, int index) {
        List<CancellationReason> reasons = e.hasCancellationReasons() ? e.cancellationReasons() : List.of();
        return reasons.size() > index
                && CONDITIONAL_CHECK_FAILED.equals(reasons.get(index).code());
    }
}
