package dev.asynccommerce.localstack.benchmarks;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import dev.asynccommerce.infra.Artifacts;
import dev.asynccommerce.infra.AsyncCommerceStack;
import dev.asynccommerce.localstack.deployer.CloudAssembly;
import dev.asynccommerce.localstack.server.BenchmarkAccess;
import dev.asynccommerce.localstack.server.LocalDeployment;
import dev.asynccommerce.localstack.server.LocalStack;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.locks.LockSupport;
import java.util.stream.Stream;
import org.HdrHistogram.Histogram;
import software.amazon.awscdk.App;
import software.amazon.awscdk.StackProps;

/**
 * The checkout benchmark (issue 6, "Speed"): a load driver, run by hand (see the module README), never
 * by {@code mvn verify}. For each simulated payment-provider latency it synthesizes the project's real
 * CDK app with that latency ({@code paymentSimLatencyMs} context), starts a local stack in this JVM,
 * deploys the app, seeds the demo data and then talks HTTP to the storefront output only:
 *
 * <ol>
 *   <li><b>checkout</b>: {@code POST /orders} sent open loop at a fixed rate (a send is never held back
 *       by a slow answer); latency runs from the <em>scheduled</em> send time to the {@code 202}, so a
 *       stall in the driver or the stack counts against the stack (no coordinated omission);
 *   <li><b>time to CONFIRMED</b>: each order is read with its order token every {@code --poll} ms until
 *       its timeline holds {@code OrderConfirmed}; reported as seen by that polling client, and exactly,
 *       as the timeline's {@code OrderConfirmed} instant minus the scheduled send (the function JVMs and
 *       this JVM read the same wall clock), plus the workflow's own share, {@code OrderPlaced} →
 *       {@code OrderConfirmed} on the timeline.
 * </ol>
 *
 * <p>The first latency given is the baseline the others are compared with. Everything started (stacks,
 * function JVMs, synthesized assemblies) is stopped or deleted at the end.
 */
public final class CheckoutBenchmark {
    private static final ObjectMapper JSON = new ObjectMapper();
    private static final String STACK_NAME = "AsyncCommerce";
    // Ten minutes in microseconds: anything slower is recorded at the ceiling rather than failing the run.
    private static final long HIGHEST_MICROS = TimeUnit.MINUTES.toMicros(10);
    private static final Duration PRIME_LIMIT = Duration.ofMinutes(3);
    private static final Duration PRIME_PAUSE = Duration.ofSeconds(3);
    private static final Duration REQUEST_TIMEOUT = Duration.ofSeconds(30);
    private static final Set<String> ENDED_UNCONFIRMED = Set.of("CANCELLED", "PAYMENT_FAILED", "EXPIRED");

    /** Run parameters. {@code latencies}: payment provider medians in ms; the first is the baseline. */
    record Settings(
            int rate,
            int warmupSeconds,
            int seconds,
            int pollMillis,
            int timeoutSeconds,
            int primeOrders,
            List<Integer> latencies) {
        static Settings parse(String[] args) {
            // 1/s: what a 2-core machine sustains with the whole system on it; at 2/s and 5/s the function
            // environments' cold starts fed on themselves and the system never settled (docs/benchmarks.md).
            int rate = 1;
            int warmup = 20;
            int seconds = 60;
            // Each read is a GET /orders/{id} through the gateway to a function: the reads are load too
            // (the exact time comes from the timeline; polling only says when to look).
            int poll = 50;
            int timeout = 60;
            int prime = 5;
            List<Integer> latencies = List.of(0, 300);
            for (int i = 0; i < args.length; i++) {
                String value = i + 1 < args.length ? args[i + 1] : "";
                switch (args[i]) {
                    case "--rate" -> rate = Integer.parseInt(value);
                    case "--warmup" -> warmup = Integer.parseInt(value);
                    case "--seconds" -> seconds = Integer.parseInt(value);
                    case "--poll" -> poll = Integer.parseInt(value);
                    case "--timeout" -> timeout = Integer.parseInt(value);
                    case "--prime" -> prime = Integer.parseInt(value);
                    case "--latencies" ->
                        latencies = Stream.of(value.split(","))
                                .map(String::trim)
                                .map(Integer::parseInt)
                                .toList();
                    default ->
                        throw new IllegalArgumentException(
                                "usage: [--rate PER_SECOND] [--warmup SECONDS] [--seconds SECONDS] [--poll MS]"
                                        + " [--timeout SECONDS] [--prime ORDERS] [--latencies BASELINE_MS,MS,...]; unknown: "
                                        + args[i]);
                }
                i++;
            }
            if (rate < 1
                    || rate > 100
                    || warmup < 0
                    || seconds < 1
                    || seconds > 3600
                    || poll < 10
                    || timeout < 5
                    || prime < 1) {
                throw new IllegalArgumentException(
                        "need 1 <= rate <= 100, warmup >= 0, 1 <= seconds <= 3600, poll >= 10, timeout >= 5,"
                                + " prime >= 1");
            }
            if (latencies.isEmpty() || latencies.stream().anyMatch(l -> l < 0 || l > 60_000)) {
                throw new IllegalArgumentException("latencies are 0..60000 ms, at least one");
            }
            return new Settings(rate, warmup, seconds, poll, timeout, prime, latencies);
        }

        int warmupOrders() {
            return rate * warmupSeconds;
        }

        int orders() {
            return rate * (warmupSeconds + seconds);
        }
    }

    /** What became of one order; times are nanoTime in this JVM, instants from the wall clock. */
    private static final class Journey {
        final int n;
        final long scheduled;
        final Instant scheduledAt;
        volatile long accepted = -1;
        volatile long seenConfirmed = -1;
        volatile Instant placedAt;
        volatile Instant confirmedAt;
        volatile String failure;

        Journey(int n, long scheduled, Instant scheduledAt) {
            this.n = n;
            this.scheduled = scheduled;
            this.scheduledAt = scheduledAt;
        }
    }

    /** The outcome of one payment latency's run. */
    record Result(
            int latencyMs,
            Histogram checkout,
            Histogram confirmedSeen,
            Histogram confirmedExact,
            Histogram workflow,
            String checkoutTrend,
            String confirmedTrend,
            int measured,
            Map<String, Integer> failures,
            long reads,
            Map<Integer, Integer> readFailures,
            int environmentsAtStart,
            List<String> startedDuringMeasurement) {}

    private final Settings settings;
    private final HttpClient http;

    private CheckoutBenchmark(Settings settings, HttpClient http) {
        this.settings = settings;
        this.http = http;
    }

    public static void main(String[] args) {
        int status = 1;
        try {
            runAll(Settings.parse(args));
            status = 0;
        } catch (Exception | Error e) {
            e.printStackTrace();
        } finally {
            // The stacks are closed by then; some library threads (ElasticMQ's actor system, jsii) are not
            // daemons, and a benchmark must end by itself, also when it failed.
            System.exit(status);
        }
    }

    private static void runAll(Settings settings) throws Exception {
        System.out.printf(
                "JDK %s, %d processors; %d checkouts/s, warm-up %d s, measured %d s, poll every %d ms;"
                        + " payment latencies %s ms (first = baseline)%n",
                System.getProperty("java.runtime.version"),
                Runtime.getRuntime().availableProcessors(),
                settings.rate(),
                settings.warmupSeconds(),
                settings.seconds(),
                settings.pollMillis(),
                settings.latencies());
        List<Result> results = new ArrayList<>();
        try (HttpClient http = HttpClient.newBuilder()
                .version(HttpClient.Version.HTTP_1_1)
                .connectTimeout(Duration.ofSeconds(10))
                .build()) {
            CheckoutBenchmark benchmark = new CheckoutBenchmark(settings, http);
            for (int latency : settings.latencies()) {
                results.add(benchmark.run(latency));
            }
        }
        printResults(results, settings);
    }

    private Result run(int latencyMs) throws Exception {
        Path cdkOut = Files.createTempDirectory("checkout-benchmark-cdk");
        try {
            long synthStart = System.nanoTime();
            App app = App.Builder.create()
                    .outdir(cdkOut.toString())
                    .context(Map.of("paymentSimLatencyMs", Integer.toString(latencyMs)))
                    .build();
            new AsyncCommerceStack(app, STACK_NAME, StackProps.builder().build(), Artifacts.locate());
            app.synth();
            System.out.printf(
                    "[%d ms] synthesized in %d ms%n",
                    latencyMs, TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - synthStart));
            // The clock follows the wall clock: the timeline's instants are comparable with this JVM's.
            try (LocalStack stack =
                    LocalStack.start(LocalStack.Options.defaults().withPort(0))) {
                LocalDeployment.Result deployed = stack.deploy(CloudAssembly.read(cdkOut, STACK_NAME), Map.of());
                BenchmarkAccess.seedDemoData(stack, deployed);
                Storefront storefront = new Storefront(http, deployed.outputs().get("StorefrontApiUrl"));
                List<Placement> placements = stockUp(storefront, BenchmarkAccess.staffTokens(stack, deployed));
                System.out.printf(
                        "[%d ms] deployed at %s; %d store/SKU pairs in stock%n",
                        latencyMs, stack.endpoint(), placements.size());
                prime(storefront, placements);
                return measure(latencyMs, stack, deployed, storefront, placements);
            }
        } finally {
            deleteRecursively(cdkOut);
        }
    }

    /** Where an order goes: one unit of one SKU at one store. */
    record Placement(String storeId, String sku) {}

    /**
     * Counts every SKU at every demo store up to what the run needs (the seed has 25 of each), with the
     * store staff's own route, so no order of the run is refused for stock; orders cycle through the
     * pairs. Reservations of unpicked orders never come back during a run.
     */
    private List<Placement> stockUp(Storefront storefront, Map<String, String> staffTokens) throws Exception {
        List<String> stores = new ArrayList<>();
        storefront
                .get("/stores", null)
                .path("stores")
                .forEach(s -> stores.add(s.path("storeId").asText()));
        List<String> skus = new ArrayList<>();
        storefront
                .get("/catalog/items", null)
                .path("items")
                .forEach(i -> skus.add(i.path("sku").asText()));
        List<Placement> placements = new ArrayList<>();
        for (String sku : skus) {
            for (String store : stores) {
                placements.add(new Placement(store, sku));
            }
        }
        if (placements.isEmpty()) {
            throw new IllegalStateException("the storefront lists no stores or no items: was the demo data seeded?");
        }
        // The priming orders plus every scheduled one, spread evenly, with room to spare.
        int units = Math.max(25, (settings.orders() + settings.primeOrders()) / placements.size() + 2);
        for (Placement p : placements) {
            String token = staffTokens.get(p.storeId());
            if (token == null) {
                throw new IllegalStateException("no staff token for " + p.storeId());
            }
            HttpResponse<String> counted = storefront.send(
                    "POST",
                    "/stores/" + p.storeId() + "/stock",
                    "{\"sku\": \"%s\", \"quantity\": %d, \"reason\": \"COUNT_CORRECTION\"}".formatted(p.sku(), units),
                    Map.of("Authorization", "Bearer " + token));
            if (counted.statusCode() != 202
                    || JSON.readTree(counted.body()).path("available").asInt() < units) {
                throw new IllegalStateException(
                        "stock count of " + p + " refused: " + counted.statusCode() + " " + counted.body());
            }
        }
        return placements;
    }

    /**
     * Orders placed one at a time, each awaited, before the clock starts: every function on the path
     * starts its first environment (a JVM cold start) here, one at a time. Without it, the first
     * scheduled orders find every function cold, each waiting invocation starts another JVM, and on a
     * small machine those starts are the load (see docs/benchmarks.md). The pause after each order lets
     * the work that follows a confirmation (picking, notifications) start its functions too.
     */
    private void prime(Storefront storefront, List<Placement> placements) {
        List<Long> took = new ArrayList<>();
        for (int i = 0; i < settings.primeOrders(); i++) {
            long start = System.nanoTime();
            long deadline = start + PRIME_LIMIT.toNanos();
            Journey journey = new Journey(-1 - i, start, Instant.now());
            while (true) {
                follow(storefront, journey, placements.get(i % placements.size()), deadline);
                if (journey.failure == null) {
                    break;
                }
                // A cold function may answer 5xx while its environment starts: try again until the limit.
                if (System.nanoTime() > deadline) {
                    throw new IllegalStateException(
                            "priming order " + i + " did not get confirmed: " + journey.failure);
                }
                journey = new Journey(-1 - i, System.nanoTime(), Instant.now());
                LockSupport.parkNanos(TimeUnit.SECONDS.toNanos(1));
            }
            took.add(TimeUnit.NANOSECONDS.toMillis(journey.seenConfirmed - start));
            LockSupport.parkNanos(PRIME_PAUSE.toNanos());
        }
        System.out.println("priming orders, checkout to CONFIRMED one at a time (ms): " + took);
    }

    private Result measure(
            int latencyMs,
            LocalStack stack,
            LocalDeployment.Result deployed,
            Storefront storefront,
            List<Placement> placements)
            throws InterruptedException {
        int total = settings.orders();
        Journey[] journeys = new Journey[total];
        List<Thread> threads = new ArrayList<>(total);
        long period = TimeUnit.SECONDS.toNanos(1) / settings.rate();
        // nanoTime and the wall clock tied once: a scheduled instant is begin + offset on both.
        long begin = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(100);
        Instant beginAt = Instant.now().plusNanos(begin - System.nanoTime());
        long timeout = TimeUnit.SECONDS.toNanos(settings.timeoutSeconds());
        Set<Long> environmentsAtStart = new HashSet<>();
        for (int n = 0; n < total; n++) {
            long scheduled = begin + n * period;
            if (n == settings.warmupOrders()) {
                stack.lambda().processes().forEach(p -> environmentsAtStart.add(p.pid()));
                System.out.printf("[%d ms] warm-up done, measuring%n", latencyMs);
            }
            LockSupport.parkNanos(scheduled - System.nanoTime());
            Journey journey = new Journey(n, scheduled, beginAt.plusNanos(scheduled - begin));
            journeys[n] = journey;
            Placement placement = placements.get(n % placements.size());
            threads.add(Thread.ofVirtual()
                    .name("order-" + n)
                    .start(() -> follow(storefront, journey, placement, journey.scheduled + timeout)));
        }
        List<String> started = new ArrayList<>();
        for (String function : deployed.physicalIdsOf("AWS::Lambda::Function")) {
            stack.lambda().processes(function).stream()
                    .filter(p -> !environmentsAtStart.contains(p.pid()))
                    .forEach(p -> started.add(function));
        }
        for (Thread thread : threads) {
            thread.join();
        }
        return collect(latencyMs, journeys, storefront, environmentsAtStart.size(), started);
    }

    /**
     * One customer: checkout, then reads of the order every poll interval until it is confirmed, ends
     * otherwise, or the deadline passes. Never retries a checkout: a failed one is an error of the run.
     */
    private void follow(Storefront storefront, Journey journey, Placement placement, long deadline) {
        String body = """
                {"customer": {"customerId": "bench-%d", "email": "bench@example.com"},
                 "lines": [{"sku": "%s", "quantity": 1}],
                 "fulfillment": {"type": "PICKUP", "storeId": "%s"},
                 "payment": {"methods": [{"type": "CARD", "token": "tok_visa"}]}}""".formatted(journey.n, placement.sku(), placement.storeId());
        String orderId;
        String token;
        try {
            HttpResponse<String> placed = storefront.send(
                    "POST",
                    "/orders",
                    body,
                    Map.of("Idempotency-Key", "bench-" + journey.scheduledAt + "-" + journey.n));
            journey.accepted = System.nanoTime();
            if (placed.statusCode() != 202) {
                journey.failure = "checkout HTTP " + placed.statusCode();
                return;
            }
            JsonNode answer = JSON.readTree(placed.body());
            orderId = answer.path("orderId").asText();
            token = answer.path("orderToken").asText();
        } catch (IOException | InterruptedException e) {
            journey.failure = "checkout " + e.getClass().getSimpleName();
            return;
        }
        Map<String, String> bearer = Map.of("Authorization", "Bearer " + token);
        long pollPeriod = TimeUnit.MILLISECONDS.toNanos(settings.pollMillis());
        for (long read = journey.accepted; ; read += pollPeriod) {
            LockSupport.parkNanos(read - System.nanoTime());
            JsonNode order = storefront.read("/orders/" + orderId, bearer);
            long seen = System.nanoTime();
            if (order != null) {
                Instant placedAt = null;
                for (JsonNode step : order.path("timeline")) {
                    String event = step.path("event").asText();
                    if (event.equals("OrderPlaced")) {
                        placedAt = Instant.parse(step.path("at").asText());
                    } else if (event.equals("OrderConfirmed")) {
                        journey.placedAt = placedAt;
                        journey.confirmedAt = Instant.parse(step.path("at").asText());
                        journey.seenConfirmed = seen;
                        return;
                    }
                }
                String status = order.path("status").asText();
                if (ENDED_UNCONFIRMED.contains(status)) {
                    journey.failure = "ended " + status;
                    return;
                }
            }
            if (seen > deadline) {
                journey.failure = "not confirmed within " + settings.timeoutSeconds() + " s";
                return;
            }
        }
    }

    private Result collect(
            int latencyMs, Journey[] journeys, Storefront storefront, int environmentsAtStart, List<String> started) {
        Histogram checkout = histogram();
        Histogram confirmedSeen = histogram();
        Histogram confirmedExact = histogram();
        Histogram workflow = histogram();
        Histogram checkoutFirst = histogram();
        Histogram checkoutLast = histogram();
        Histogram confirmedFirst = histogram();
        Histogram confirmedLast = histogram();
        Map<String, Integer> failures = new TreeMap<>();
        int from = settings.warmupOrders();
        int tenth = Math.max(1, (journeys.length - from) / 10);
        for (int n = from; n < journeys.length; n++) {
            Journey j = journeys[n];
            boolean first = n < from + tenth;
            boolean last = n >= journeys.length - tenth;
            if (j.accepted >= 0 && (j.failure == null || !j.failure.startsWith("checkout"))) {
                long micros = micros(j.accepted - j.scheduled);
                checkout.recordValue(micros);
                record(first ? checkoutFirst : null, micros);
                record(last ? checkoutLast : null, micros);
            }
            if (j.failure != null) {
                failures.merge(j.failure, 1, Integer::sum);
                continue;
            }
            confirmedSeen.recordValue(micros(j.seenConfirmed - j.scheduled));
            Duration exact = Duration.between(j.scheduledAt, j.confirmedAt);
            if (exact.isNegative()) {
                throw new IllegalStateException(
                        "order " + n + " was confirmed before it was sent: the clocks disagree");
            }
            long exactMicros = micros(exact.toNanos());
            confirmedExact.recordValue(exactMicros);
            record(first ? confirmedFirst : null, exactMicros);
            record(last ? confirmedLast : null, exactMicros);
            if (j.placedAt != null) {
                workflow.recordValue(
                        micros(Duration.between(j.placedAt, j.confirmedAt).toNanos()));
            }
        }
        return new Result(
                latencyMs,
                checkout,
                confirmedSeen,
                confirmedExact,
                workflow,
                trend(checkoutFirst, checkoutLast),
                trend(confirmedFirst, confirmedLast),
                journeys.length - from,
                failures,
                storefront.reads.get(),
                Map.copyOf(storefront.readStatuses),
                environmentsAtStart,
                started);
    }

    private static void record(Histogram histogram, long micros) {
        if (histogram != null) {
            histogram.recordValue(micros);
        }
    }

    // Medians of the first and last tenth: a rate beyond what the system sustains shows as a latency
    // that keeps growing (a queue), which a single percentile would hide.
    private static String trend(Histogram first, Histogram last) {
        return String.format(Locale.ROOT, "%.0f → %.0f", millis(first, 50), millis(last, 50));
    }

    private static void printResults(List<Result> results, Settings settings) {
        System.out.println();
        System.out.println("| payment sim median | measurement | samples | p50 (ms) | p99 (ms) | max (ms) |"
                + " p50 first → last tenth (ms) |");
        System.out.println("|---|---|---|---|---|---|---|");
        for (Result r : results) {
            row(r, "checkout, POST /orders → 202", r.checkout(), r.checkoutTrend());
            row(
                    r,
                    "checkout → CONFIRMED seen by polling every " + settings.pollMillis() + " ms",
                    r.confirmedSeen(),
                    "");
            row(r, "checkout → OrderConfirmed instant on the timeline", r.confirmedExact(), r.confirmedTrend());
            row(r, "OrderPlaced → OrderConfirmed on the timeline (the workflow)", r.workflow(), "");
        }
        System.out.println();
        for (Result r : results) {
            System.out.printf(
                    Locale.ROOT,
                    "[%d ms] %d orders measured; failures: %s; %d order reads in the whole run (≈ %.0f/s of"
                            + " schedule), not 200 (status: count, -1 = I/O error): %s;"
                            + " %d function environments when measuring began, started during it: %s%n",
                    r.latencyMs(),
                    r.measured(),
                    r.failures().isEmpty() ? "none" : r.failures(),
                    r.reads(),
                    r.reads() / (double) (settings.warmupSeconds() + settings.seconds()),
                    r.readFailures().isEmpty() ? "none" : new TreeMap<>(r.readFailures()),
                    r.environmentsAtStart(),
                    r.startedDuringMeasurement().isEmpty() ? "none" : r.startedDuringMeasurement());
        }
        Result baseline = results.getFirst();
        if (results.size() > 1) {
            System.out.println();
            System.out.printf(
                    "| measurement | payment sim | p50 ratio to %d ms | p99 ratio to %d ms | p50 difference (ms) |%n",
                    baseline.latencyMs(), baseline.latencyMs());
            System.out.println("|---|---|---|---|---|");
            for (Result r : results.subList(1, results.size())) {
                ratio("checkout", r, baseline.checkout(), r.checkout());
                ratio("checkout → CONFIRMED (polled)", r, baseline.confirmedSeen(), r.confirmedSeen());
                ratio("checkout → CONFIRMED (timeline)", r, baseline.confirmedExact(), r.confirmedExact());
                ratio("OrderPlaced → OrderConfirmed", r, baseline.workflow(), r.workflow());
            }
        }
    }

    private static void row(Result r, String measurement, Histogram h, String trend) {
        System.out.printf(
                Locale.ROOT,
                "| %d ms | %s | %d | %.1f | %.1f | %.1f | %s |%n",
                r.latencyMs(),
                measurement,
                h.getTotalCount(),
                millis(h, 50),
                millis(h, 99),
                h.getMaxValue() / 1000.0,
                trend);
    }

    private static void ratio(String measurement, Result r, Histogram base, Histogram h) {
        System.out.printf(
                Locale.ROOT,
                "| %s | %d ms | %.2f | %.2f | %+.1f |%n",
                measurement,
                r.latencyMs(),
                millis(h, 50) / millis(base, 50),
                millis(h, 99) / millis(base, 99),
                millis(h, 50) - millis(base, 50));
    }

    private static double millis(Histogram h, double percentile) {
        return h.getTotalCount() == 0 ? Double.NaN : h.getValueAtPercentile(percentile) / 1000.0;
    }

    private static Histogram histogram() {
        return new Histogram(HIGHEST_MICROS, 3);
    }

    private static long micros(long nanos) {
        return Math.min(HIGHEST_MICROS, Math.max(0, TimeUnit.NANOSECONDS.toMicros(nanos)));
    }

    private static void deleteRecursively(Path dir) {
        try (Stream<Path> paths = Files.walk(dir)) {
            for (Path p : paths.sorted(Comparator.reverseOrder()).toList()) {
                Files.deleteIfExists(p);
            }
        } catch (IOException e) {
            throw new UncheckedIOException("cannot delete " + dir, e);
        }
    }

    /** The storefront API at its output URL, over one shared HTTP/1.1 client (kept-alive connections). */
    private static final class Storefront {
        final HttpClient http;
        final String base;
        final AtomicLong reads = new AtomicLong();
        final Map<Integer, Integer> readStatuses = new ConcurrentHashMap<>();

        Storefront(HttpClient http, String base) {
            this.http = http;
            this.base = base;
        }

        HttpResponse<String> send(String method, String path, String body, Map<String, String> headers)
                throws IOException, InterruptedException {
            HttpRequest.Builder request = HttpRequest.newBuilder(URI.create(base + path))
                    .timeout(REQUEST_TIMEOUT)
                    .method(
                            method,
                            body == null
                                    ? HttpRequest.BodyPublishers.noBody()
                                    : HttpRequest.BodyPublishers.ofString(body));
            if (body != null) {
                request.header("Content-Type", "application/json");
            }
            headers.forEach(request::header);
            return http.send(request.build(), HttpResponse.BodyHandlers.ofString());
        }

        JsonNode get(String path, Map<String, String> headers) throws IOException, InterruptedException {
            HttpResponse<String> response = send("GET", path, null, headers == null ? Map.of() : headers);
            if (response.statusCode() != 200) {
                throw new IllegalStateException("GET " + path + ": " + response.statusCode() + " " + response.body());
            }
            return JSON.readTree(response.body());
        }

        /** A read while polling: null when it failed (counted), so the poller just reads again. */
        JsonNode read(String path, Map<String, String> headers) {
            reads.incrementAndGet();
            try {
                HttpResponse<String> response = send("GET", path, null, headers);
                if (response.statusCode() == 200) {
                    return JSON.readTree(response.body());
                }
                readStatuses.merge(response.statusCode(), 1, Integer::sum);
            } catch (IOException | InterruptedException e) {
                readStatuses.merge(-1, 1, Integer::sum);
            }
            return null;
        }
    }
}
