package dev.asynccommerce.audit;

import dev.asynccommerce.audit.adapter.dynamodb.DynamoDbAuditTrail;
import dev.asynccommerce.audit.adapter.emf.EmfMetricsPublisher;
import dev.asynccommerce.audit.application.AuditEvents;
import dev.asynccommerce.audit.application.AuditTrail;
import dev.asynccommerce.audit.application.MetricsPublisher;
import dev.asynccommerce.audit.application.RecordEvent;
import dev.asynccommerce.platform.aws.AwsClients;
import dev.asynccommerce.platform.aws.Environment;
import dev.asynccommerce.platform.metrics.EmfMetrics;
import java.time.Clock;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;

/**
 * The audit context's composition root: reads the environment once ({@code AUDIT_TABLE}, {@code
 * POWERTOOLS_METRICS_NAMESPACE}), builds the client and the use case. Built once per Lambda
 * execution environment, never per request.
 */
public final class AuditWiring {
    private final AuditEvents auditEvents = new AuditEvents();
    private final AuditTrail trail;
    private final RecordEvent recordEvent;

    public AuditWiring(AuditTrail trail, MetricsPublisher metrics) {
        this.trail = trail;
        this.recordEvent = new RecordEvent(trail, metrics);
    }

    public static AuditWiring fromEnvironment() {
        return fromEnvironment(Environment.system(), AwsClients.dynamoDb(), Clock.systemUTC());
    }

    /** For the local stack and tests: its own environment, client and clock. */
    public static AuditWiring fromEnvironment(Environment env, DynamoDbClient dynamoDb, Clock clock) {
        return new AuditWiring(
                new DynamoDbAuditTrail(dynamoDb, env.require("AUDIT_TABLE")),
                new EmfMetricsPublisher(
                        new EmfMetrics(env.require("POWERTOOLS_METRICS_NAMESPACE"), System.out, clock)));
    }

    public AuditEvents auditEvents() {
        return auditEvents;
    }

    public RecordEvent recordEvent() {
        return recordEvent;
    }

    public AuditTrail trail() {
        return trail;
    }
}
