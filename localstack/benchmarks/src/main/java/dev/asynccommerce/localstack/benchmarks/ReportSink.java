package dev.asynccommerce.localstack.benchmarks;

import com.sun.net.httpserver.HttpServer;
import java.io.IOException;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;

/**
 * Where {@link StartReporter} tells the driver when its handler started: lines {@code <kind> <n>
 * <nanoTime>} POSTed to a loopback HTTP server. Outside the measured path: the start instant is taken
 * before the report is sent, so how long reporting takes does not enter any latency.
 */
final class ReportSink implements AutoCloseable {
    private final HttpServer server;
    private final ExecutorService threads = Executors.newFixedThreadPool(4);
    private final Map<String, Long> starts = new ConcurrentHashMap<>();

    ReportSink() throws IOException {
        server = HttpServer.create(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 0);
        server.setExecutor(threads);
        server.createContext("/", exchange -> {
            try (exchange) {
                String body = new String(exchange.getRequestBody().readAllBytes(), StandardCharsets.UTF_8);
                for (String line : body.split("\n")) {
                    String[] parts = line.trim().split(" ");
                    if (parts.length == 3) {
                        // The first start wins: a redelivered message must not look faster than it was.
                        starts.putIfAbsent(parts[0] + " " + parts[1], Long.parseLong(parts[2]));
                    }
                }
                exchange.sendResponseHeaders(204, -1);
            }
        });
        server.start();
    }

    URI url() {
        return URI.create("http://127.0.0.1:" + server.getAddress().getPort() + "/");
    }

    /** The handler start of id {@code n} of {@code kind}, in nanoTime, or null when not (yet) reported. */
    Long start(String kind, long n) {
        return starts.get(kind + " " + n);
    }

    @Override
    public void close() {
        server.stop(0);
        threads.shutdownNow();
    }
}
