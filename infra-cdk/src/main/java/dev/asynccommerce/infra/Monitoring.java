package dev.asynccommerce.infra;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import software.amazon.awscdk.Duration;
import software.amazon.awscdk.services.cloudwatch.Alarm;
import software.amazon.awscdk.services.cloudwatch.ComparisonOperator;
import software.amazon.awscdk.services.cloudwatch.Dashboard;
import software.amazon.awscdk.services.cloudwatch.GraphWidget;
import software.amazon.awscdk.services.cloudwatch.IMetric;
import software.amazon.awscdk.services.cloudwatch.MathExpression;
import software.amazon.awscdk.services.cloudwatch.Metric;
import software.amazon.awscdk.services.cloudwatch.MetricOptions;
import software.amazon.awscdk.services.cloudwatch.TextWidget;
import software.amazon.awscdk.services.cloudwatch.TreatMissingData;
import software.amazon.awscdk.services.cloudwatch.actions.SnsAction;
import software.amazon.awscdk.services.events.EventBus;
import software.amazon.awscdk.services.events.Rule;
import software.amazon.awscdk.services.kms.Alias;
import software.amazon.awscdk.services.lambda.Function;
import software.amazon.awscdk.services.sns.Topic;
import software.amazon.awscdk.services.sqs.Queue;
import software.amazon.awscdk.services.stepfunctions.StateMachine;
import software.constructs.Construct;

/**
 * Alarms on everything that means work is stuck or lost — a dead-letter queue not empty, old
 * messages, a lagging stream, failed or timed-out executions, API 5xx (and the WebSocket API's failed
 * integration calls), failed rule invocations — to one SNS topic, and one dashboard of the domain: the
 * order funnel, payment approval and fallback, pickup expiries, queue depth and age.
 */
public final class Monitoring extends Construct {
    /** Domain metrics the functions emit as EMF in {@link ServiceFunction#METRICS_NAMESPACE}. */
    public static final List<String> FUNNEL =
            List.of("OrdersPlaced", "OrdersConfirmed", "OrdersReadyForPickup", "OrdersCollected");

    public static final String PAYMENTS_AUTHORIZED = "PaymentsAuthorized";
    public static final String PAYMENTS_DECLINED = "PaymentsDeclined";
    public static final String PAYMENT_FALLBACKS = "PaymentFallbacks";
    public static final String ORDERS_EXPIRED = "OrdersExpired";

    /** A message older than this in a work queue means its consumer is not keeping up. */
    public static final Duration MAX_MESSAGE_AGE = Duration.minutes(5);

    /** Records older than this on an outbox stream mean events reach consumers late. */
    public static final Duration MAX_ITERATOR_AGE = Duration.minutes(1);

    private final Topic alerts;
    private final List<Alarm> alarms = new ArrayList<>();
    private final Dashboard dashboard;

    public record Inputs(
            List<Queue> deadLetterQueues,
            List<Queue> workQueues,
            Function relay,
            List<StateMachine> stateMachines,
            StorefrontApi api,
            StoreSocketApi storeSocket,
            EventBus bus,
            List<Rule> rules) {}

    public Monitoring(Construct scope, String id, Inputs in) {
        super(scope, id);
        this.alerts = Topic.Builder.create(this, "Alerts")
                .displayName("async-commerce alarms")
                .masterKey(Alias.fromAliasName(this, "SnsKey", "alias/aws/sns"))
                .enforceSsl(true)
                .build();

        for (Queue dlq : in.deadLetterQueues()) {
            alarm(
                    dlq.getNode().getId() + "NotEmpty",
                    "Messages are waiting in dead-letter queue " + dlq.getNode().getId(),
                    dlq.metricApproximateNumberOfMessagesVisible(every(Duration.minutes(1), "Maximum")),
                    0,
                    ComparisonOperator.GREATER_THAN_THRESHOLD);
        }
        for (Queue queue : in.workQueues()) {
            alarm(
                    queue.getNode().getId() + "OldestMessage",
                    "The oldest message in " + queue.getNode().getId() + " is older than " + MAX_MESSAGE_AGE.toMinutes()
                            + " minutes",
                    queue.metricApproximateAgeOfOldestMessage(every(Duration.minutes(1), "Maximum")),
                    MAX_MESSAGE_AGE.toSeconds(),
                    ComparisonOperator.GREATER_THAN_THRESHOLD);
        }
        alarm(
                "RelayIteratorAge",
                "Outbox records wait more than a minute before the relay publishes them",
                in.relay().metric("IteratorAge", every(Duration.minutes(1), "Maximum")),
                MAX_ITERATOR_AGE.toMilliseconds(),
                ComparisonOperator.GREATER_THAN_THRESHOLD);
        for (StateMachine machine : in.stateMachines()) {
            String name = machine.getNode().getId();
            alarm(
                    name + "ExecutionsFailed",
                    name + " executions failed",
                    machine.metricFailed(every(Duration.minutes(5), "Sum")),
                    0,
                    ComparisonOperator.GREATER_THAN_THRESHOLD);
            alarm(
                    name + "ExecutionsTimedOut",
                    name + " executions timed out",
                    machine.metricTimedOut(every(Duration.minutes(5), "Sum")),
                    0,
                    ComparisonOperator.GREATER_THAN_THRESHOLD);
        }
        alarm(
                "Api5xx",
                "The HTTP API answered 5xx",
                in.api().api().metricServerError(every(Duration.minutes(5), "Sum")),
                5,
                ComparisonOperator.GREATER_THAN_THRESHOLD);
        // WebSocket APIs publish no 5xx metric. ExecutionError counts the calls API Gateway could not
        // make to the integration (function errors, timeouts, throttles): the server side's failures.
        // IntegrationError is left out: it also counts the 401/403 $connect answers a wrong token gets.
        // https://docs.aws.amazon.com/apigateway/latest/developerguide/apigateway-websocket-api-logging.html
        alarm(
                "StoreSocketExecutionErrors",
                "The store devices' WebSocket API could not run its functions",
                in.storeSocket().api().metric("ExecutionError", every(Duration.minutes(5), "Sum")),
                5,
                ComparisonOperator.GREATER_THAN_THRESHOLD);
        for (Rule rule : in.rules()) {
            alarm(
                    rule.getNode().getId() + "FailedInvocations",
                    "EventBridge could not deliver to the targets of "
                            + rule.getNode().getId(),
                    Metric.Builder.create()
                            .namespace("AWS/Events")
                            .metricName("FailedInvocations")
                            .dimensionsMap(Map.of(
                                    "RuleName",
                                    rule.getRuleName(),
                                    "EventBusName",
                                    in.bus().getEventBusName()))
                            .period(Duration.minutes(5))
                            .statistic("Sum")
                            .build(),
                    0,
                    ComparisonOperator.GREATER_THAN_THRESHOLD);
        }

        this.dashboard = Dashboard.Builder.create(this, "Domain").build();
        dashboard.addWidgets(TextWidget.Builder.create()
                .markdown("# async-commerce: orders, payments, pickups")
                .width(24)
                .height(1)
                .build());
        dashboard.addWidgets(
                graph(
                        "Order funnel: placed → confirmed → ready → collected",
                        FUNNEL.stream()
                                .map(Monitoring::domainMetric)
                                .map(IMetric.class::cast)
                                .toList()),
                graph(
                        "Payment approval and fallback rate (%)",
                        List.of(
                                MathExpression.Builder.create()
                                        .expression("100 * authorized / (authorized + declined)")
                                        .usingMetrics(Map.of(
                                                "authorized",
                                                domainMetric(PAYMENTS_AUTHORIZED),
                                                "declined",
                                                domainMetric(PAYMENTS_DECLINED)))
                                        .label("approval rate")
                                        .period(Duration.minutes(5))
                                        .build(),
                                MathExpression.Builder.create()
                                        .expression("100 * fallbacks / (authorized + declined)")
                                        .usingMetrics(Map.of(
                                                "fallbacks",
                                                domainMetric(PAYMENT_FALLBACKS),
                                                "authorized",
                                                domainMetric(PAYMENTS_AUTHORIZED),
                                                "declined",
                                                domainMetric(PAYMENTS_DECLINED)))
                                        .label("fallback rate")
                                        .period(Duration.minutes(5))
                                        .build())),
                graph("Pickup expiries", List.of(domainMetric(ORDERS_EXPIRED))));
        List<IMetric> depth = new ArrayList<>();
        List<IMetric> age = new ArrayList<>();
        for (Queue queue : in.workQueues()) {
            depth.add(queue.metricApproximateNumberOfMessagesVisible(every(Duration.minutes(1), "Maximum")));
            age.add(queue.metricApproximateAgeOfOldestMessage(every(Duration.minutes(1), "Maximum")));
        }
        dashboard.addWidgets(graph("Queue depth", depth), graph("Oldest message age (s)", age));
    }

    private void alarm(String id, String description, IMetric metric, Number threshold, ComparisonOperator comparison) {
        Alarm alarm = Alarm.Builder.create(this, id)
                .alarmDescription(description)
                .metric(metric)
                .threshold(threshold)
                .evaluationPeriods(1)
                .comparisonOperator(comparison)
                .treatMissingData(TreatMissingData.NOT_BREACHING)
                .build();
        alarm.addAlarmAction(new SnsAction(alerts));
        alarms.add(alarm);
    }

    private static MetricOptions every(Duration period, String statistic) {
        return MetricOptions.builder().period(period).statistic(statistic).build();
    }

    private static Metric domainMetric(String name) {
        return Metric.Builder.create()
                .namespace(ServiceFunction.METRICS_NAMESPACE)
                .metricName(name)
                .statistic("Sum")
                .period(Duration.minutes(5))
                .build();
    }

    private static GraphWidget graph(String title, List<IMetric> metrics) {
        return GraphWidget.Builder.create()
                .title(title)
                .left(metrics)
                .width(8)
                .height(6)
                .build();
    }

    public Topic alerts() {
        return alerts;
    }

    public List<Alarm> alarms() {
        return List.copyOf(alarms);
    }

    public Dashboard dashboard() {
        return dashboard;
    }
}
