package dev.asynccommerce.payments;

import dev.asynccommerce.payments.adapter.dynamodb.DynamoDbPaymentLedgers;
import dev.asynccommerce.payments.adapter.emf.EmfPaymentMetrics;
import dev.asynccommerce.payments.adapter.random.RandomIdentities;
import dev.asynccommerce.payments.adapter.sfn.StepFunctionsCallbacks;
import dev.asynccommerce.payments.adapter.simulated.DynamoDbProviderConditions;
import dev.asynccommerce.payments.adapter.simulated.ProviderConditions;
import dev.asynccommerce.payments.adapter.simulated.SimulatedPaymentGateway;
import dev.asynccommerce.payments.adapter.simulated.SimulatorSettings;
import dev.asynccommerce.payments.adapter.sqs.SqsMessageVisibility;
import dev.asynccommerce.payments.adapter.time.ThreadSleeper;
import dev.asynccommerce.payments.application.AuthorizePayment;
import dev.asynccommerce.payments.application.Identities;
import dev.asynccommerce.payments.application.ListLedgerEntries;
import dev.asynccommerce.payments.application.MessageVisibility;
import dev.asynccommerce.payments.application.PaymentGateway;
import dev.asynccommerce.payments.application.PaymentLedgers;
import dev.asynccommerce.payments.application.PaymentMessages;
import dev.asynccommerce.payments.application.PaymentMetrics;
import dev.asynccommerce.payments.application.ProviderRetry;
import dev.asynccommerce.payments.application.RedeliveryPolicy;
import dev.asynccommerce.payments.application.RunPaymentCommand;
import dev.asynccommerce.payments.application.Sleeper;
import dev.asynccommerce.payments.application.WorkflowCallbacks;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.platform.metrics.EmfMetrics;
import java.time.Clock;
import java.time.Duration;
import java.util.Random;
import java.util.function.DoubleSupplier;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.sfn.SfnClient;
import software.amazon.awssdk.services.sqs.SqsClient;

/**
 * The payments context's composition root. Reads the environment once: {@code PAYMENTS_TABLE}
 * (required), {@code PAYMENTS_QUEUE_URL} (required by the queue consumer only), {@code
 * PAYMENTS_MAX_RECEIVES} (the queue's maxReceiveCount, default 5) and the simulated provider's
 * {@code PAYMENT_SIM_LATENCY_MS} (median, default 0), {@code PAYMENT_SIM_FAILURE_RATE} (0..1, default
 * 0), {@code PAYMENT_SIM_SLOW_MS} (default 3000) and {@code PAYMENT_SIM_SEED} (optional, for
 * repeatable runs). Built once per execution environment, never per request.
 */
public final class PaymentsWiring {
    static final int DEFAULT_MAX_RECEIVES = 5;

    /** The stack sets POWERTOOLS_METRICS_NAMESPACE; this is only for environments without it. */
    static final String DEFAULT_METRICS_NAMESPACE = "AsyncCommerce";

    private final AuthorizePayment authorizePayment;
    private final RunPaymentCommand runPaymentCommand;
    private final ListLedgerEntries listLedgerEntries;

    /**
     * @param visibility null when no queue is configured: then this wiring cannot serve the consumer
     */
    public PaymentsWiring(
            PaymentLedgers ledgers,
            PaymentGateway gateway,
            WorkflowCallbacks callbacks,
            MessageVisibility visibility,
            Identities identities,
            ProviderRetry retry,
            RedeliveryPolicy redelivery,
            PaymentMetrics paymentMetrics,
            Clock clock) {
        PaymentMessages messages = new PaymentMessages(identities);
        this.authorizePayment = visibility == null
                ? null
                : new AuthorizePayment(
                        ledgers, gateway, callbacks, visibility, messages, retry, redelivery, paymentMetrics, clock);
        this.runPaymentCommand = new RunPaymentCommand(ledgers, gateway, messages, clock);
        this.listLedgerEntries = new ListLedgerEntries(ledgers);
    }

    public static PaymentsWiring fromEnvironment() {
        Environment env = Environment.system();
        return fromEnvironment(
                env,
                AwsClients.dynamoDb(),
                SfnClient.builder()
                        .httpClient(AwsClients.httpClient())
                        .overrideConfiguration(AwsClients.overrides())
                        .build(),
                SqsClient.builder()
                        .httpClient(AwsClients.httpClient())
                        .overrideConfiguration(AwsClients.overrides())
                        .build(),
                new ThreadSleeper(),
                randomSource(env),
                Clock.systemUTC());
    }

    public static PaymentsWiring fromEnvironment(
            Environment env,
            DynamoDbClient dynamoDb,
            SfnClient sfn,
            SqsClient sqs,
            Sleeper sleeper,
            DoubleSupplier random,
            Clock clock) {
        String queueUrl = env.getOrDefault("PAYMENTS_QUEUE_URL", null);
        return new PaymentsWiring(
                new DynamoDbPaymentLedgers(dynamoDb, env.require("PAYMENTS_TABLE")),
                new SimulatedPaymentGateway(simulatorSettings(env), providerConditions(env, dynamoDb), random, sleeper),
                new StepFunctionsCallbacks(sfn),
                queueUrl == null ? null : new SqsMessageVisibility(sqs, queueUrl),
                new RandomIdentities(),
                ProviderRetry.standard(sleeper),
                RedeliveryPolicy.withMaxReceives(
                        (int) number(env, "PAYMENTS_MAX_RECEIVES", DEFAULT_MAX_RECEIVES, 1, 1000)),
                // Business counts as embedded-metric-format lines on standard output (CloudWatch Logs).
                new EmfPaymentMetrics(new EmfMetrics(
                        env.getOrDefault("POWERTOOLS_METRICS_NAMESPACE", DEFAULT_METRICS_NAMESPACE),
                        System.out,
                        clock)),
                clock);
    }

    /** Injected provider faults, when the stack names where they are kept (PAYMENT_SIM_CONDITIONS_TABLE). */
    static ProviderConditions providerConditions(Environment env, DynamoDbClient dynamoDb) {
        String table = env.getOrDefault("PAYMENT_SIM_CONDITIONS_TABLE", null);
        return table == null ? ProviderConditions.NONE : new DynamoDbProviderConditions(dynamoDb, table);
    }

    static SimulatorSettings simulatorSettings(Environment env) {
        SimulatorSettings defaults = SimulatorSettings.defaults();
        long latency = number(env, "PAYMENT_SIM_LATENCY_MS", 0, 0, 60_000);
        long slow = number(env, "PAYMENT_SIM_SLOW_MS", defaults.slowDelay().toMillis(), 0, 600_000);
        String rate = env.getOrDefault("PAYMENT_SIM_FAILURE_RATE", "0");
        double failureRate;
        try {
            failureRate = Double.parseDouble(rate);
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable PAYMENT_SIM_FAILURE_RATE is not a number");
        }
        if (!(failureRate >= 0 && failureRate <= 1)) {
            throw new IllegalStateException("environment variable PAYMENT_SIM_FAILURE_RATE must be between 0 and 1");
        }
        return new SimulatorSettings(Duration.ofMillis(latency), failureRate, Duration.ofMillis(slow));
    }

    private static DoubleSupplier randomSource(Environment env) {
        String seed = env.getOrDefault("PAYMENT_SIM_SEED", null);
        Random random = seed == null
                ? new Random()
                : new Random(number(env, "PAYMENT_SIM_SEED", 0, Long.MIN_VALUE, Long.MAX_VALUE));
        return random::nextDouble;
    }

    private static long number(Environment env, String name, long fallback, long min, long max) {
        String value = env.getOrDefault(name, null);
        if (value == null) {
            return fallback;
        }
        long parsed;
        try {
            parsed = Long.parseLong(value.trim());
        } catch (NumberFormatException e) {
            throw new IllegalStateException("environment variable " + name + " is not a whole number");
        }
        if (parsed < min || parsed > max) {
            throw new IllegalStateException("environment variable " + name + " must be between " + min + " and " + max);
        }
        return parsed;
    }

    /**
     * The AUTHORIZE use case of the payments-queue consumer.
     *
     * @throws IllegalStateException when PAYMENTS_QUEUE_URL was not configured (a deployment error)
     */
    public AuthorizePayment authorizePayment() {
        if (authorizePayment == null) {
            throw new IllegalStateException("environment variable PAYMENTS_QUEUE_URL is not set");
        }
        return authorizePayment;
    }

    public RunPaymentCommand runPaymentCommand() {
        return runPaymentCommand;
    }

    public ListLedgerEntries listLedgerEntries() {
        return listLedgerEntries;
    }
}
