package dev.asynccommerce.platform.metrics;

import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import java.io.PrintStream;
import java.time.Clock;
import java.util.Collection;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Writes counts in CloudWatch's embedded metric format (EMF): one JSON document per line on the
 * function's standard output, which CloudWatch Logs turns into metrics with no API call and no
 * added latency (AWS, "Specification: Embedded metric format").
 *
 * <p>The metrics carry no dimensions (an empty DimensionSet), so the dashboard and alarms read them
 * by namespace and name alone. Properties (orderId, correlationId, ...) travel in the same document
 * for Logs Insights but create no metrics. Each document is written with one {@code println}, so it
 * stays one log event even when the log framework writes to the same stream.
 */
public final class EmfMetrics {
    /** What CloudWatch accepts as a metric or property name; anything else is a programming error. */
    private static final Pattern NAME = Pattern.compile("[A-Za-z][A-Za-z0-9_.-]{0,254}");

    private static final JsonNodeFactory JSON = JsonNodeFactory.instance;

    private final String namespace;
    private final PrintStream out;
    private final Clock clock;

    /**
     * @param namespace the CloudWatch namespace (POWERTOOLS_METRICS_NAMESPACE in the functions' environment)
     * @param out where log lines go: {@code System.out} in Lambda
     */
    public EmfMetrics(String namespace, PrintStream out, Clock clock) {
        if (namespace == null || namespace.isBlank() || namespace.length() > 255) {
            throw new IllegalArgumentException("a metrics namespace is 1 to 255 characters");
        }
        this.namespace = namespace;
        this.out = out;
        this.clock = clock;
    }

    /**
     * Counts one occurrence of each named metric, in one document.
     *
     * @param metricNames the metrics to add one to; nothing is written when empty
     * @param properties searchable context, never personal data; null values are left out
     */
    public void count(Collection<String> metricNames, Map<String, String> properties) {
        if (metricNames.isEmpty()) {
            return;
        }
        ObjectNode document = JSON.objectNode();
        ObjectNode aws = document.putObject("_aws");
        aws.put("Timestamp", clock.millis());
        ObjectNode directive = aws.putArray("CloudWatchMetrics").addObject();
        directive.put("Namespace", namespace);
        directive.putArray("Dimensions").addArray();
        ArrayNode metrics = directive.putArray("Metrics");
        for (String name : metricNames) {
            metrics.addObject().put("Name", checked(name)).put("Unit", "Count");
            document.put(name, 1);
        }
        properties.forEach((key, value) -> {
            if (value != null && !document.has(checked(key))) {
                document.put(key, value);
            }
        });
        out.println(document.toString());
    }

    private static String checked(String name) {
        if (!NAME.matcher(name).matches()) {
            throw new IllegalArgumentException("not a metric or property name: " + name);
        }
        return name;
    }
}
