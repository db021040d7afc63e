package dev.asynccommerce.localstack.lambda;

import static org.assertj.core.api.Assertions.assertThat;

import dev.asynccommerce.localstack.lambda.RuntimeApiServer.Response;
import java.io.BufferedInputStream;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;

/** The raw-socket HTTP/1.1 server the runtime interface client talks to. */
class RuntimeApiServerTest {
    private final List<RuntimeApiServer.Request> received = new CopyOnWriteArrayList<>();

    private RuntimeApiServer echoServer() throws IOException {
        return new RuntimeApiServer("test", request -> {
            received.add(request);
            return new Response(202, Map.of("X-Seen", request.method() + " " + request.path()), request.body());
        });
    }

    @Test
    void servesSeveralRequestsOnOneKeptAliveConnection() throws IOException {
        try (RuntimeApiServer server = echoServer();
                Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            out.write(ascii("POST /a HTTP/1.1\r\nHost: x\r\nContent-Length: 5\r\n\r\nhello"));
            out.write(ascii("GET /b HTTP/1.1\r\nhost: x\r\n\r\n"));
            out.flush();

            assertThat(readResponse(in))
                    .startsWith("HTTP/1.1 202 Accepted")
                    .contains("X-Seen: POST /a")
                    .endsWith("hello");
            assertThat(readResponse(in)).contains("X-Seen: GET /b").contains("Content-Length: 0");
            assertThat(received.get(0).header("content-length")).isEqualTo("5"); // names are case-insensitive
        }
    }

    @Test
    void readsChunkedBodiesAndAnswersExpectContinue() throws IOException {
        try (RuntimeApiServer server = echoServer();
                Socket socket = connect(server)) {
            OutputStream out = socket.getOutputStream();
            InputStream in = new BufferedInputStream(socket.getInputStream());

            out.write(ascii("POST /c HTTP/1.1\r\nExpect: 100-continue\r\nTransfer-Encoding: chunked\r\n\r\n"));
            out.flush();
            assertThat(readHead(in)).startsWith("HTTP/1.1 100 Continue");
            out.write(ascii("3\r\nabc\r\n4;ext=1\r\ndefg\r\n0\r\n\r\n"));
            out.flush();

            assertThat(readResponse(in)).endsWith("abcdefg");
        }
    }

    private static Socket connect(RuntimeApiServer server) throws IOException {
        String[] hostPort = server.hostAndPort().split(":");
        assertThat(hostPort[0]).isEqualTo("127.0.0.1");
        return new Socket(InetAddress.getLoopbackAddress(), Integer.parseInt(hostPort[1]));
    }

    private static byte[] ascii(String s) {
        return s.getBytes(StandardCharsets.US_ASCII);
    }

    private static String readHead(InputStream in) throws IOException {
        ByteArrayOutputStream head = new ByteArrayOutputStream();
        while (!head.toString(StandardCharsets.US_ASCII).endsWith("\r\n\r\n")) {
            int b = in.read();
            if (b < 0) {
                break;
            }
            head.write(b);
        }
        return head.toString(StandardCharsets.US_ASCII);
    }

    private static String readResponse(InputStream in) throws IOException {
        String head = readHead(in);
        int length = 0;
        for (String line : head.split("\r\n")) {
            if (line.toLowerCase(java.util.Locale.ROOT).startsWith("content-length:")) {
                length = Integer.parseInt(line.substring(line.indexOf(':') + 1).trim());
            }
        }
        return head + new String(in.readNBytes(length), StandardCharsets.UTF_8);
    }
}
