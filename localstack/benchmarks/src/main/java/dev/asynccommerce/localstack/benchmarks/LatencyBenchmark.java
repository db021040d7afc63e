package dev.asynccommerce.localstack.benchmarks;

import dev.asynccommerce.localstack.apigateway.ApiGateway;
import dev.asynccommerce.localstack.apigateway.HttpApiConfig;
import dev.asynccommerce.localstack.eventsources.MappingDefinition;
import dev.asynccommerce.localstack.lambda.FunctionDefinition;
import dev.asynccommerce.localstack.server.LocalStack;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.locks.LockSupport;
import java.util.function.LongFunction;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.HdrHistogram.Histogram;
import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.awscore.client.builder.AwsClientBuilder;
import software.amazon.awssdk.core.client.builder.SdkSyncClientBuilder;
import software.amazon.awssdk.http.urlconnection.UrlConnectionHttpClient;
import software.amazon.awssdk.services.dynamodb.DynamoDbClient;
import software.amazon.awssdk.services.dynamodb.model.AttributeValue;
import software.amazon.awssdk.services.dynamodb.model.BillingMode;
import software.amazon.awssdk.services.dynamodb.model.KeyType;
import software.amazon.awssdk.services.dynamodb.model.ScalarAttributeType;
import software.amazon.awssdk.services.dynamodb.model.StreamViewType;
import software.amazon.awssdk.services.eventbridge.EventBridgeClient;
import software.amazon.awssdk.services.sqs.SqsClient;
import software.amazon.awssdk.services.sqs.model.Message;
import software.amazon.awssdk.services.sqs.model.QueueAttributeName;

/**
 * The local stack's latency benchmark: a load driver, run by hand (see the module README), never by
 * {@code mvn verify}. Starts a stack in this JVM on 127.0.0.1 and a free port, and measures p50/p99 of
 * four paths through it, each at a steady, open-loop rate after a discarded warm-up:
 *
 * <ol>
 *   <li>{@code sqs}: SendMessage → handler start of a function behind an SQS event-source mapping;
 *   <li>{@code stream}: PutItem → handler start of a function behind a DynamoDB stream mapping;
 *   <li>{@code events}: PutEvents → the event received (long poll) from the SQS target of a rule;
 *   <li>{@code api}: an HTTP API request end to end, a direct Invoke of the same function, and the
 *       function's own duration; the gateway's overhead is the first minus the second.
 * </ol>
 *
 * <p>Times are {@link System#nanoTime()} in this JVM and in the function's JVM: on Linux both read
 * CLOCK_MONOTONIC, so they are comparable across processes (the function reports through {@link
 * ReportSink}). Everything the run starts (the stack, its function JVMs, the sink) is stopped at the end.
 */
public final class LatencyBenchmark {
    private static final Pattern EVENT_ID = Pattern.compile("bench-events-(\\d+)");
    // Two minutes in microseconds: anything slower is recorded at the ceiling rather than failing the run.
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(2);
    private static final Duration REPORT_DEADLINE = Duration.ofSeconds(30);

    private final LocalStack stack;
    private final ReportSink sink;
    private final Settings settings;
    private final Path code;
    private final List<Row> rows = new ArrayList<>();
    // Per sample, gateway − direct Invoke in microseconds; may be negative, so kept out of HdrHistogram.
    private final List<Long> pairedOverhead = new ArrayList<>();

    /** Run parameters; every measurement sends {@code warmup + samples} requests at {@code rate}/s. */
    record Settings(int warmup, int samples, int rate, Set<String> only) {
        static Settings parse(String[] args) {
            int warmup = 200;
            int samples = 1000;
            // 25/s: PutEvents → SQS target did not keep up with 50/s on a 2-vCPU machine (a queue formed),
            // and a latency benchmark must stay under the path's capacity.
            int rate = 25;
            Set<String> only = Set.of("sqs", "stream", "events", "api");
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--samples" -> samples = Integer.parseInt(value);
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--only" -> only = Set.of(value.split(","));
                    default ->
                        throw new IllegalArgumentException("usage: [--warmup N] [--samples N] [--rate PER_SECOND]"
                                + " [--only sqs,stream,events,api]; unknown: " + args[i]);
                }
                i++;
            }
            // Bounds that keep one run of all four under about five minutes on loopback.
            if (warmup < 1 || samples < 1 || samples > 10_000 || rate < 1 || rate > 500) {
                throw new IllegalArgumentException("need warmup >= 1, 1 <= samples <= 10000, 1 <= rate <= 500");
            }
            return new Settings(warmup, samples, rate, only);
        }

        int total() {
            return warmup + samples;
        }
    }

    /** One line of the result table; latencies in microseconds. */
    record Row(String measurement, Histogram histogram, int missing, String trend) {
        Row(String measurement, Histogram histogram, int missing) {
            this(measurement, histogram, missing, "");
        }
    }

    private LatencyBenchmark(LocalStack stack, ReportSink sink, Settings settings, Path code) {
        this.stack = stack;
        this.sink = sink;
        this.settings = settings;
        this.code = code;
    }

    public static void main(String[] args) throws Exception {
        Settings settings = Settings.parse(args);
        // The function JVMs load the handlers from wherever this class came from: target/classes or the jar.
        Path code = Path.of(LatencyBenchmark.class
                .getProtectionDomain()
                .getCodeSource()
                .getLocation()
                .toURI());
        System.out.printf(
                "JDK %s (%s), %d processors; warm-up %d, samples %d, %d/s%n",
                System.getProperty("java.runtime.version"),
                System.getProperty("java.vm.name"),
                Runtime.getRuntime().availableProcessors(),
                settings.warmup(),
                settings.samples(),
                settings.rate());
        List<Row> rows;
        List<Long> paired;
        try (LocalStack stack = LocalStack.start(LocalStack.Options.defaults().withPort(0));
                ReportSink sink = new ReportSink()) {
            System.out.println("stack at " + stack.endpoint());
            LatencyBenchmark benchmark = new LatencyBenchmark(stack, sink, settings, code);
            if (settings.only().contains("sqs")) {
                benchmark.sqsToHandler();
            }
            if (settings.only().contains("stream")) {
                benchmark.streamToHandler();
            }
            if (settings.only().contains("events")) {
                benchmark.putEventsToQueue();
            }
            if (settings.only().contains("api")) {
                benchmark.apiGateway();
            }
            rows = benchmark.rows;
            paired = benchmark.pairedOverhead;
        }
        printTable(rows, paired);
        // Stack and function processes are closed above; some library threads (ElasticMQ's actor system)
        // are not daemons, and a benchmark must end by itself.
        System.exit(0);
    }

    private void sqsToHandler() {
        try (SqsClient sqs = configure(SqsClient.builder()).build()) {
            String url = sqs.createQueue(b -> b.queueName("bench-sqs")).queueUrl();
            String arn = queueArn(sqs, url);
            createFunction("bench-sqs-start", StartReporter.class);
            // MaximumConcurrency 2 stays under the function's 4 environments: a throttled batch would wait
            // out the visibility timeout and measure that instead.
            String mapping = stack.mappings()
                    .create(MappingDefinition.fromCloudFormation(
                            """
                            {"FunctionName": "bench-sqs-start", "EventSourceArn": "%s", "BatchSize": 10,
                             "ScalingConfig": {"MaximumConcurrency": 2}}""".formatted(arn), stack.region().id(), LocalStack.ACCOUNT));
            long[] sent = drive("sqs", n -> {
                long at = System.nanoTime();
                sqs.sendMessage(b -> b.queueUrl(url).messageBody("bench-sqs-" + n));
                return at;
            });
            // A mapping left polling would load the machine during the measurements that follow.
            stack.mappings().delete(mapping);
            rows.add(collect("SQS send → handler start", "sqs", sent));
        }
    }

    private void streamToHandler() {
        try (DynamoDbClient dynamo = configure(DynamoDbClient.builder()).build()) {
            String streamArn = dynamo.createTable(b -> b.tableName("bench-stream")
                            .billingMode(BillingMode.PAY_PER_REQUEST)
                            .attributeDefinitions(a -> a.attributeName("pk").attributeType(ScalarAttributeType.S))
                            .keySchema(k -> k.attributeName("pk").keyType(KeyType.HASH))
                            .streamSpecification(s -> s.streamEnabled(true).streamViewType(StreamViewType.NEW_IMAGE)))
                    .tableDescription()
                    .latestStreamArn();
            createFunction("bench-stream-relay", StartReporter.class);
            String mapping = stack.mappings()
                    .create(MappingDefinition.fromCloudFormation(
                            """
                            {"FunctionName": "bench-stream-relay", "EventSourceArn": "%s", "BatchSize": 100,
                             "StartingPosition": "LATEST"}""".formatted(streamArn), stack.region().id(), LocalStack.ACCOUNT));
            long[] sent = drive("stream", n -> {
                long at = System.nanoTime();
                dynamo.putItem(b -> b.tableName("bench-stream")
                        .item(Map.of("pk", AttributeValue.fromS("bench-stream-" + n), "v", AttributeValue.fromN("1"))));
                return at;
            });
            stack.mappings().delete(mapping);
            rows.add(collect("stream record (PutItem) → relay handler start", "stream", sent));
        }
    }

    private void putEventsToQueue() throws InterruptedException {
        try (SqsClient sqs = configure(SqsClient.builder()).build();
                EventBridgeClient events =
                        configure(EventBridgeClient.builder()).build()) {
            // A visibility timeout longer than the run: a received message is never seen twice, so the
            // receiver need not delete (a delete between two long polls would delay the next receive).
            String url = sqs.createQueue(b -> b.queueName("bench-events")
                            .attributes(Map.of(QueueAttributeName.VISIBILITY_TIMEOUT, "43200")))
                    .queueUrl();
            String arn = queueArn(sqs, url);
            events.createEventBus(b -> b.name("bench-bus"));
            events.putRule(b -> b.name("bench-to-queue")
                    .eventBusName("bench-bus")
                    .eventPattern("{\"source\": [\"bench.latency\"]}"));
            events.putTargets(b -> b.rule("bench-to-queue")
                    .eventBusName("bench-bus")
                    .targets(t -> t.id("queue").arn(arn)));

            Map<Long, Long> received = new ConcurrentHashMap<>();
            // A flag, not an interrupt: an interrupted SDK call aborts with an exception mid-receive.
            AtomicBoolean receiving = new AtomicBoolean(true);
            Thread receiver = Thread.ofPlatform().name("bench-receiver").start(() -> {
                while (receiving.get()) {
                    List<Message> messages = sqs.receiveMessage(
                                    b -> b.queueUrl(url).waitTimeSeconds(1).maxNumberOfMessages(10))
                            .messages();
                    long at = System.nanoTime();
                    for (Message message : messages) {
                        Matcher id = EVENT_ID.matcher(message.body());
                        if (id.find()) {
                            received.putIfAbsent(Long.parseLong(id.group(1)), at);
                        }
                    }
                }
            });
            try {
                long[] sent = drive(n -> received.containsKey(n), n -> {
                    long at = System.nanoTime();
                    events.putEvents(b -> b.entries(e -> e.eventBusName("bench-bus")
                            .source("bench.latency")
                            .detailType("Ping")
                            .detail("{\"id\": \"bench-events-" + n + "\"}")));
                    return at;
                });
                rows.add(collect("PutEvents → message received from the SQS target", sent, received::get));
            } finally {
                receiving.set(false);
                receiver.join(Duration.ofSeconds(5)); // at most one more 1 s long poll
            }
        }
    }

    private void apiGateway() throws Exception {
        String arn = createFunction("bench-api", PingHandler.class);
        stack.apis()
                .addHttpApi(
                        new HttpApiConfig("benchapi", null, null, List.of(new HttpApiConfig.Route("GET /ping", arn))));
        URI gateway = URI.create(ApiGateway.httpApiUrl(stack.endpoint(), "benchapi") + "/ping");
        URI invoke = stack.endpoint().resolve("/2015-03-31/functions/bench-api/invocations");
        // What the gateway hands the function for GET /ping, in size and shape, so the direct Invoke
        // carries a comparable payload.
        String event = """
                {"version":"2.0","routeKey":"GET /ping","rawPath":"/ping","rawQueryString":"",
                 "headers":{"host":"127.0.0.1","user-agent":"Java-http-client","x-forwarded-for":"127.0.0.1",
                  "x-forwarded-port":"80","x-forwarded-proto":"http","x-amzn-trace-id":"Root=1-00000000-000000000000000000000000"},
                 "requestContext":{"accountId":"000000000000","apiId":"benchapi","domainName":"127.0.0.1",
                  "domainPrefix":"benchapi","http":{"method":"GET","path":"/ping","protocol":"HTTP/1.1",
                  "sourceIp":"127.0.0.1","userAgent":"Java-http-client"},"requestId":"bench","routeKey":"GET /ping",
                  "stage":"$default","time":"21/Nov/2026:09:00:00 +0000","timeEpoch":1795251600000},
                 "isBase64Encoded":false}""";
        Histogram endToEnd = histogram();
        Histogram direct = histogram();
        Histogram function = histogram();
        int failed = 0;
        // HTTP/1.1 and one client: both paths reuse one kept-alive connection, as an SDK would.
        try (HttpClient http =
                HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build()) {
            HttpRequest viaGateway = HttpRequest.newBuilder(gateway).GET().build();
            HttpRequest viaInvoke = HttpRequest.newBuilder(invoke)
                    .header("Content-Type", "application/json")
                    .POST(HttpRequest.BodyPublishers.ofString(event))
                    .build();
            // The first request starts the function's JVM (a cold start, not measured).
            http.send(viaGateway, HttpResponse.BodyHandlers.ofString());
            long period = TimeUnit.SECONDS.toNanos(1) / settings.rate();
            long begin = System.nanoTime();
            for (int n = 0; n < settings.total(); n++) {
                LockSupport.parkNanos(begin + n * period - System.nanoTime());
                boolean measured = n >= settings.warmup();
                long[] legs = {-1, -1};
                // Alternating which path goes first keeps either from always finding a warmer process.
                for (int leg = 0; leg < 2; leg++) {
                    boolean gatewayLeg = (n + leg) % 2 == 0;
                    long at = System.nanoTime();
                    HttpResponse<String> response =
                            http.send(gatewayLeg ? viaGateway : viaInvoke, HttpResponse.BodyHandlers.ofString());
                    long took = System.nanoTime() - at;
                    if (response.statusCode() != 200) {
                        failed++;
                        continue;
                    }
                    if (!measured) {
                        continue;
                    }
                    legs[gatewayLeg ? 0 : 1] = micros(took);
                    if (gatewayLeg) {
                        endToEnd.recordValue(micros(took));
                        function.recordValue(
                                micros(Long.parseLong(response.body().trim())));
                    } else {
                        direct.recordValue(micros(took));
                    }
                }
                if (measured && legs[0] >= 0 && legs[1] >= 0) {
                    pairedOverhead.add(legs[0] - legs[1]);
                }
            }
        }
        rows.add(new Row("API request → handler → response, end to end (HTTP API)", endToEnd, failed));
        rows.add(new Row("direct Lambda Invoke of the same function (Lambda REST API)", direct, failed));
        rows.add(new Row("the function's own duration (inside handleRequest)", function, failed));
    }

    private String createFunction(String name, Class<?> handler) {
        return stack.lambda()
                .createFunction(FunctionDefinition.of(
                                name,
                                handler.getName() + "::handleRequest",
                                code,
                                handler == StartReporter.class
                                        ? Map.of("REPORT_URL", sink.url().toString())
                                        : Map.of())
                        .withMemoryMb(256)
                        .withTimeout(Duration.ofSeconds(10)));
    }

    /** A send: returns the nanoTime taken just before the request that id {@code n} rides on. */
    private interface Send {
        long send(long n);
    }

    /** Whether id {@code n} has arrived at the far end. */
    private interface Arrived {
        boolean arrived(long n);
    }

    private long[] drive(String kind, Send send) {
        return drive(n -> sink.start(kind, n) != null, send);
    }

    /**
     * Sends id 0 and waits for it (the function's or target's cold start, outside the warm-up), then
     * sends ids 1..total-1 at the fixed rate: open loop, so a slow delivery does not slow the sender.
     */
    private long[] drive(Arrived arrived, Send send) {
        long[] sent = new long[settings.total()];
        sent[0] = send.send(0);
        awaitAll(arrived, 0, 1, Duration.ofSeconds(60));
        long period = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        long begin = System.nanoTime();
        for (int n = 1; n < sent.length; n++) {
            LockSupport.parkNanos(begin + n * period - System.nanoTime());
            sent[n] = send.send(n);
        }
        awaitAll(arrived, settings.warmup(), sent.length, REPORT_DEADLINE);
        return sent;
    }

    private static void awaitAll(Arrived arrived, int from, int to, Duration limit) {
        long deadline = System.nanoTime() + limit.toNanos();
        for (int n = from; n < to; n++) {
            while (!arrived.arrived(n)) {
                if (System.nanoTime() > deadline) {
                    return; // counted as missing by collect
                }
                LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(5));
            }
        }
    }

    private Row collect(String measurement, String kind, long[] sent) {
        return collect(measurement, sent, n -> sink.start(kind, n));
    }

    private Row collect(String measurement, long[] sent, LongFunction<Long> arrivedAt) {
        Histogram histogram = histogram();
        // Medians of the first and the last tenth: a rate beyond what the path sustains shows as a
        // latency that keeps growing (a queue), which a single percentile would hide.
        Histogram first = histogram();
        Histogram last = histogram();
        int tenth = Math.max(1, settings.samples() / 10);
        int missing = 0;
        for (int n = settings.warmup(); n < sent.length; n++) {
            Long at = arrivedAt.apply(n);
            if (at == null) {
                missing++;
            } else if (at < sent[n]) {
                throw new IllegalStateException("id " + n + " arrived before it was sent: the clocks disagree");
            } else {
                long latency = micros(at - sent[n]);
                histogram.recordValue(latency);
                if (n < settings.warmup() + tenth) {
                    first.recordValue(latency);
                }
                if (n >= sent.length - tenth) {
                    last.recordValue(latency);
                }
            }
        }
        String trend = String.format(
                Locale.ROOT,
                "%.2f → %.2f",
                first.getValueAtPercentile(50) / 1000.0,
                last.getValueAtPercentile(50) / 1000.0);
        return new Row(measurement, histogram, missing, trend);
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    private static void printTable(List<Row> rows, List<Long> paired) {
        System.out.println();
        System.out.println(
                "| measurement | samples | missing/failed | p50 (ms) | p99 (ms) | max (ms) | p50 first → last tenth (ms) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Row row : rows) {
            Histogram h = row.histogram();
            System.out.printf(
                    Locale.ROOT,
                    "| %s | %d | %d | %.3f | %.3f | %.3f | %s |%n",
                    row.measurement(),
                    h.getTotalCount(),
                    row.missing(),
                    h.getValueAtPercentile(50) / 1000.0,
                    h.getValueAtPercentile(99) / 1000.0,
                    h.getMaxValue() / 1000.0,
                    row.trend());
        }
        Histogram gateway = find(rows, "API request");
        Histogram direct = find(rows, "direct Lambda Invoke");
        if (gateway != null && direct != null) {
            System.out.printf(
                    Locale.ROOT,
                    "| gateway overhead (end to end − direct Invoke, per percentile) | | | %.3f | %.3f | | |%n",
                    (gateway.getValueAtPercentile(50) - direct.getValueAtPercentile(50)) / 1000.0,
                    (gateway.getValueAtPercentile(99) - direct.getValueAtPercentile(99)) / 1000.0);
        }
        if (!paired.isEmpty()) {
            // Nearest-rank percentiles of the per-sample differences: both legs of a sample ran
            // back to back, so machine noise common to both cancels.
            List<Long> sorted = paired.stream().sorted().toList();
            System.out.printf(
                    Locale.ROOT,
                    "| gateway overhead, paired (end to end − direct Invoke of the same sample) | %d | | %.3f | %.3f | %.3f | |%n",
                    sorted.size(),
                    rank(sorted, 50) / 1000.0,
                    rank(sorted, 99) / 1000.0,
                    sorted.getLast() / 1000.0);
        }
    }

    private static long rank(List<Long> sorted, int percentile) {
        int index = (int) Math.ceil(percentile / 100.0 * sorted.size()) - 1;
        return sorted.get(Math.max(0, index));
    }

    private static Histogram find(List<Row> rows, String prefix) {
        return rows.stream()
                .filter(r -> r.measurement().startsWith(prefix))
                .map(Row::histogram)
                .findFirst()
                .orElse(null);
    }

    private static String queueArn(SqsClient sqs, String url) {
        return sqs.getQueueAttributes(b -> b.queueUrl(url).attributeNames(QueueAttributeName.QUEUE_ARN))
                .attributes()
                .get(QueueAttributeName.QUEUE_ARN);
    }

    private <B extends AwsClientBuilder<B, ?> & SdkSyncClientBuilder<B, ?>> B configure(B builder) {
        return builder.endpointOverride(stack.endpoint())
                .region(stack.region())
                .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create("local", "local")))
                .httpClient(UrlConnectionHttpClient.create());
    }
}
