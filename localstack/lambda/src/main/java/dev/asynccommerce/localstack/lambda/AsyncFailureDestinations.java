package dev.asynccommerce.localstack.lambda;

/**
 * Where the record of an asynchronous invocation that failed every attempt (or waited too long) goes:
 * the stack sends it to the on-failure SQS queue of the invoked qualifier.
 */
@FunctionalInterface
public interface AsyncFailureDestinations {
    /**
     * @param destinationArn the queue's ARN
     * @param record the invocation record, JSON as Lambda writes it
     * @throws RuntimeException when the queue cannot take it (the record is then lost, as on AWS)
     */
    void send(String destinationArn, String record);
}
