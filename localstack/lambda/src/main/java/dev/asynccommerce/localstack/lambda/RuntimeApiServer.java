package dev.asynccommerce.localstack.lambda;

import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * A deliberately small HTTP/1.1 server on a raw socket, bound to 127.0.0.1, that serves one Lambda
 * execution environment's Runtime API. Raw sockets rather than {@code com.sun.net.httpserver}: the
 * runtime interface client's native (curl-based) client crashed against the JDK server and runs against
 * this one (docs/dependencies.md). It speaks only what the RIC needs: keep-alive, {@code Content-Length}
 * (and, defensively, chunked) request bodies, {@code Expect: 100-continue}, and always answers with a
 * {@code Content-Length} body.
 *
 * <p>One thread per connection: {@code /next} is a long poll that parks its connection's thread, while
 * the RIC posts errors on other connections.
 */
final class RuntimeApiServer implements AutoCloseable {
    private static final Logger LOG = LogManager.getLogger(RuntimeApiServer.class);
    private static final int MAX_HEADER_BYTES = 64 * 1024;
    private static final int MAX_BODY_BYTES = 16 * 1024 * 1024;

    /** A parsed request; header names are case-insensitive. */
    record Request(String method, String path, Map<String, String> headers, byte[] body) {
        String header(String name) {
            return headers.get(name);
        }
    }

    /** What to answer: status, extra headers, body. */
    record Response(int status, Map<String, String> headers, byte[] body) {
        static Response json(int status, String json) {
            return new Response(
                    status, Map.of("Content-Type", "application/json"), json.getBytes(StandardCharsets.UTF_8));
        }
    }

    @FunctionalInterface
    interface Handler {
        /** May block (the long poll); an {@link InterruptedException} closes the connection. */
        Response handle(Request request) throws InterruptedException;
    }

    private final ServerSocket socket;
    private final Handler handler;
    private final String name;
    private final Set<Socket> connections = ConcurrentHashMap.newKeySet();
    private final Set<Thread> threads = ConcurrentHashMap.newKeySet();
    private volatile boolean closed;

    RuntimeApiServer(String name, Handler handler) throws IOException {
        this.name = name;
        this.handler = handler;
        this.socket = new ServerSocket();
        socket.bind(new InetSocketAddress(InetAddress.getLoopbackAddress(), 0), 64);
        Thread acceptor =
                Thread.ofPlatform().daemon().name("runtime-api-" + name).unstarted(this::acceptLoop);
        threads.add(acceptor);
        acceptor.start();
    }

    /** {@code host:port}, the value of {@code AWS_LAMBDA_RUNTIME_API}. */
    String hostAndPort() {
        return "127.0.0.1:" + socket.getLocalPort();
    }

    private void acceptLoop() {
        while (!closed) {
            Socket connection;
            try {
                connection = socket.accept();
            } catch (IOException e) {
                if (!closed) {
                    LOG.warn("runtime API {} stopped accepting: {}", name, e.toString());
                }
                return;
            }
            connections.add(connection);
            Thread worker =
                    Thread.ofVirtual().name("runtime-api-" + name + "-conn").unstarted(() -> serve(connection));
            threads.add(worker);
            worker.start();
        }
    }

    private void serve(Socket connection) {
        try (connection) {
            connection.setTcpNoDelay(true);
            InputStream in = new BufferedInputStream(connection.getInputStream());
            OutputStream out = connection.getOutputStream();
            while (!closed) {
                Request request = read(in, out);
                if (request == null) {
                    return;
                }
                Response response;
                try {
                    response = handler.handle(request);
                } catch (InterruptedException e) {
                    return;
                } catch (RuntimeException e) {
                    LOG.warn(
                            "runtime API {} failed on {} {}: {}", name, request.method(), request.path(), e.toString());
                    response = Response.json(
                            500, "{\"errorMessage\":\"internal error\",\"errorType\":\"ServiceException\"}");
                }
                write(out, response);
                if ("close".equalsIgnoreCase(request.header("Connection"))) {
                    return;
                }
            }
        } catch (SocketException e) {
            // The runtime went away (its process ended or was stopped): nothing to answer.
        } catch (IOException e) {
            if (!closed) {
                LOG.debug("runtime API {} connection ended: {}", name, e.toString());
            }
        } finally {
            connections.remove(connection);
            threads.remove(Thread.currentThread());
        }
    }

    /** Reads one request, or null at a clean end of stream between requests. */
    static Request read(InputStream in, OutputStream out) throws IOException {
        String requestLine = readLine(in);
        if (requestLine == null) {
            return null;
        }
        while (requestLine.isEmpty()) { // tolerate stray CRLF between pipelined requests (RFC 9112 §2.2)
            requestLine = readLine(in);
            if (requestLine == null) {
                return null;
            }
        }
        String[] parts = requestLine.split(" ");
        if (parts.length < 2) {
            throw new IOException("malformed request line: " + requestLine);
        }
        Map<String, String> headers = new TreeMap<>(String.CASE_INSENSITIVE_ORDER);
        int headerBytes = 0;
        for (String line = readLine(in); ; line = readLine(in)) {
            if (line == null) {
                throw new IOException("connection closed inside the headers");
            }
            if (line.isEmpty()) {
                break;
            }
            headerBytes += line.length();
            if (headerBytes > MAX_HEADER_BYTES) {
                throw new IOException("headers too large");
            }
            int colon = line.indexOf(':');
            if (colon > 0) {
                headers.put(
                        line.substring(0, colon).trim(),
                        line.substring(colon + 1).trim());
            }
        }
        if ("100-continue".equalsIgnoreCase(headers.get("Expect"))) {
            out.write("HTTP/1.1 100 Continue\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
            out.flush();
        }
        byte[] body;
        String transferEncoding = headers.get("Transfer-Encoding");
        if (transferEncoding != null
                && transferEncoding.toLowerCase(Locale.ROOT).contains("chunked")) {
            body = readChunked(in);
        } else {
            String length = headers.get("Content-Length");
            int n = length == null ? 0 : Integer.parseInt(length.trim());
            if (n < 0 || n > MAX_BODY_BYTES) {
                throw new IOException("unacceptable Content-Length " + n);
            }
            body = in.readNBytes(n);
            if (body.length != n) {
                throw new IOException("connection closed inside the body");
            }
        }
        return new Request(parts[0], parts[1], headers, body);
    }

    private static byte[] readChunked(InputStream in) throws IOException {
        ByteArrayOutputStream body = new ByteArrayOutputStream();
        while (true) {
            String sizeLine = readLine(in);
            if (sizeLine == null) {
                throw new IOException("connection closed inside a chunked body");
            }
            int semicolon = sizeLine.indexOf(';');
            int size = Integer.parseInt((semicolon >= 0 ? sizeLine.substring(0, semicolon) : sizeLine).trim(), 16);
            if (size == 0) {
                // Trailers, if any, end with an empty line.
                for (String line = readLine(in); line != null && !line.isEmpty(); line = readLine(in)) {}
                return body.toByteArray();
            }
            if (body.size() + size > MAX_BODY_BYTES) {
                throw new IOException("body too large");
            }
            body.write(in.readNBytes(size));
            readLine(in);
        }
    }

    /** A CRLF- (or LF-) terminated ISO-8859-1 line without its terminator; null at end of stream. */
    private static String readLine(InputStream in) throws IOException {
        StringBuilder line = new StringBuilder();
        while (true) {
            int b = in.read();
            if (b < 0) {
                return line.isEmpty() ? null : line.toString();
            }
            if (b == '\n') {
                int last = line.length() - 1;
                if (last >= 0 && line.charAt(last) == '\r') {
                    line.setLength(last);
                }
                return line.toString();
            }
            if (line.length() > MAX_HEADER_BYTES) {
                throw new IOException("line too long");
            }
            line.append((char) b);
        }
    }

    static void write(OutputStream out, Response response) throws IOException {
        StringBuilder head = new StringBuilder()
                .append("HTTP/1.1 ")
                .append(response.status())
                .append(' ')
                .append(reason(response.status()))
                .append("\r\n");
        Map<String, String> headers = new LinkedHashMap<>(response.headers());
        headers.put("Content-Length", Integer.toString(response.body().length));
        headers.forEach((k, v) -> head.append(k).append(": ").append(v).append("\r\n"));
        head.append("\r\n");
        out.write(head.toString().getBytes(StandardCharsets.ISO_8859_1));
        out.write(response.body());
        out.flush();
    }

    private static String reason(int status) {
        return switch (status) {
            case 200 -> "OK";
            case 202 -> "Accepted";
            case 400 -> "Bad Request";
            case 403 -> "Forbidden";
            case 404 -> "Not Found";
            case 413 -> "Payload Too Large";
            case 500 -> "Internal Server Error";
            default -> "Status";
        };
    }

    @Override
    public void close() {
        closed = true;
        try {
            socket.close();
        } catch (IOException e) {
            // Closing: the port is released either way.
        }
        for (Socket connection : connections) {
            try {
                connection.close();
            } catch (IOException e) {
                // Same: the peer is gone or going.
            }
        }
        // Connections parked in the long poll wait on a queue, not the socket: interrupt them.
        threads.forEach(Thread::interrupt);
    }
}
