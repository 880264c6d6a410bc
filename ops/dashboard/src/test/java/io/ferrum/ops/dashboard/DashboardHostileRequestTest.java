package io.ferrum.ops.dashboard;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The dashboard's server on real Netty over loopback, spoken to as raw HTTP so that every hostile
 * request can be sent as written: what a page may read (the page, its bundled script, the state as
 * JSON and as an event stream) and what gets a clear refusal (other methods, other hosts and
 * origins, path tricks, oversized lines, headers and bodies, garbage).
 */
class DashboardHostileRequestTest
{
    private static DashboardServer server;
    private static String host;

    @BeforeAll
    static void start() throws Exception
    {
        server = DashboardServer.start(new DashboardContext().port(0));
        host = "127.0.0.1:" + server.port();
    }

    @AfterAll
    static void stop()
    {
        server.close();
    }

    @Test
    void servesThePageItsBundledScriptAndTheStateReadOnly() throws Exception
    {
        final Response page = get("/");
        assertEquals(200, page.status, page.text);
        assertTrue(page.header("content-type").startsWith("text/html"), page.head);
        assertTrue(page.header("content-security-policy").contains("script-src 'self'"), page.head);
        assertTrue(page.text.contains("<script defer src=\"/dashboard.js\">"), page.text);
        assertEquals(200, get("/backtest").status);

        final Response script = get("/dashboard.js");
        assertEquals(200, script.status);
        assertTrue(script.header("content-type").startsWith("text/javascript"), script.head);
        assertTrue(script.text.contains("new EventSource(\"/events\")"), "the page script, bundled");
        assertTrue(script.text.length() > 100_000, "the chart library is in the bundle, not fetched from a CDN");
        assertTrue(!script.text.contains("http://") || !script.text.matches("(?s).*(src|import)\\s*\\(?\\s*\"https?://.*"),
            "no script loaded from elsewhere");
        assertEquals(200, get("/dashboard.css").status);

        final Response state = get("/api/state");
        assertEquals(200, state.status);
        assertTrue(state.header("content-type").startsWith("application/json"), state.head);
        assertTrue(state.text.contains("\"following_log\":false"), state.text);
        assertTrue(state.text.contains("\"stage\":\"engine_step\""), state.text);

        final Response head = send("HEAD / HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertEquals(200, head.status);
        assertEquals("", head.text, "HEAD has no body");
    }

    @Test
    void theEventStreamStartsWithTheStateAndPushesMore() throws Exception
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write(("GET /events HTTP/1.1\r\nHost: " + host + "\r\nAccept: text/event-stream\r\n\r\n")
                .getBytes(StandardCharsets.US_ASCII));
            final InputStream in = socket.getInputStream();
            final StringBuilder seen = new StringBuilder();
            int states = 0;
            while (states < 2)
            {
                final int b = in.read();
                assertTrue(b >= 0, "the stream closed: " + seen);
                seen.append((char)b);
                if (seen.toString().endsWith("event: state\n"))
                {
                    states++;
                }
            }
            final String text = seen.toString();
            assertTrue(text.startsWith("HTTP/1.1 200 OK\r\n"), text);
            assertTrue(text.toLowerCase().contains("content-type: text/event-stream"), text);
            assertTrue(text.contains("retry: 1000"), text);
            assertEquals(1, server.streams());
        }
    }

    @ParameterizedTest
    @ValueSource(strings = { "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "TRACE", "CONNECT" })
    void anythingButAReadIs405(final String method) throws Exception
    {
        final String target = "CONNECT".equals(method) ? host : "/api/state";
        final Response response = send(method + " " + target + " HTTP/1.1\r\nHost: " + host +
            "\r\nContent-Length: 0\r\nConnection: close\r\n\r\n");
        assertEquals(405, response.status, response.text);
        assertEquals("GET, HEAD", response.header("allow"));
        assertTrue(response.text.startsWith("the dashboard is read-only"), response.text);
    }

    @ParameterizedTest
    @ValueSource(strings = { "evil.example", "evil.example:" + 80, "127.0.0.1.evil.example", "user@127.0.0.1", "" })
    void anotherHostIs403(final String otherHost) throws Exception
    {
        final Response response = send("GET / HTTP/1.1\r\nHost: " + otherHost + "\r\nConnection: close\r\n\r\n");
        assertEquals(403, response.status, response.text);
        assertTrue(response.text.startsWith("host not allowed"), response.text);
    }

    @Test
    void noHostIs403() throws Exception
    {
        final Response response = send("GET / HTTP/1.0\r\n\r\n");
        assertEquals(403, response.status, response.text);
        assertEquals(200, send("GET / HTTP/1.1\r\nHost: localhost:" + server.port() + "\r\nConnection: close\r\n\r\n").status);
    }

    @ParameterizedTest
    @ValueSource(strings = { "http://evil.example", "http://localhost:1", "https://127.0.0.1", "null" })
    void anotherOriginIs403(final String origin) throws Exception
    {
        final Response response = send("GET /events HTTP/1.1\r\nHost: " + host + "\r\nOrigin: " + origin +
            "\r\nConnection: close\r\n\r\n");
        assertEquals(403, response.status, response.text);
        assertTrue(response.text.startsWith("origin not allowed"), response.text);
        assertEquals(200, send("GET /api/state HTTP/1.1\r\nHost: " + host + "\r\nOrigin: http://" + host +
            "\r\nConnection: close\r\n\r\n").status, "the page's own origin");
    }

    @ParameterizedTest
    @ValueSource(strings = { "/../etc/passwd", "/%2e%2e/etc/passwd", "/..%2fetc%2fpasswd", "/dashboard.js/../index.html",
        "//etc/passwd", "/.git/config", "/..\\..\\windows", "/%00", "*", "http://evil.example/" })
    void pathTricksAre400(final String target) throws Exception
    {
        final Response response = send("GET " + target + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
        assertEquals(400, response.status, target + ": " + response.text);
        assertTrue(response.text.startsWith("not a plain path"), response.text);
    }

    @Test
    void unknownPagesAre404AndNoFileIsServed() throws Exception
    {
        for (final String path : new String[] { "/index.html", "/etc/passwd", "/io/ferrum/ops/dashboard/web/index.html",
            "/api", "/api/state/x", "/favicon.ico" })
        {
            final Response response = get(path);
            assertEquals(404, response.status, path);
            assertTrue(response.text.startsWith("no such page"), response.text);
        }
        final Response backtest = get("/api/backtest");
        assertEquals(404, backtest.status);
        assertTrue(backtest.text.contains("--backtest DIR"), backtest.text);
    }

    @Test
    void oversizedRequestsGetTheirStatus() throws Exception
    {
        final Response longLine = send("GET /" + "a".repeat(DashboardServer.MAX_LINE_BYTES + 10) + " HTTP/1.1\r\nHost: " +
            host + "\r\n\r\n");
        assertEquals(414, longLine.status, longLine.text);
        final Response longTarget = send("GET /?" + "a".repeat(RequestCheck.MAX_URI_LENGTH + 10) + " HTTP/1.1\r\nHost: " +
            host + "\r\nConnection: close\r\n\r\n");
        assertEquals(414, longTarget.status, longTarget.text);
        final Response hugeHeader = send("GET / HTTP/1.1\r\nHost: " + host + "\r\nX-Big: " +
            "b".repeat(DashboardServer.MAX_HEADER_BYTES * 2) + "\r\n\r\n");
        assertEquals(431, hugeHeader.status, hugeHeader.text);
        final Response body = send("GET / HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: 5\r\nConnection: close\r\n\r\nhello");
        assertEquals(400, body.status, body.text);
        final Response hugeBody = send("GET / HTTP/1.1\r\nHost: " + host + "\r\nContent-Length: " +
            (DashboardServer.MAX_BODY_BYTES * 4) + "\r\n\r\n" + "x".repeat(DashboardServer.MAX_BODY_BYTES * 4));
        assertEquals(413, hugeBody.status, hugeBody.text);
        final Response garbage = send("\u0001\u0002 garbage\r\n\r\n");
        assertEquals(400, garbage.status, garbage.text);
    }

    @Test
    void aClientThatNeverFinishesItsRequestIsClosed() throws Exception
    {
        try (DashboardServer strict = DashboardServer.start(new DashboardContext().port(0).requestTimeoutMs(300));
            Socket socket = new Socket(InetAddress.getLoopbackAddress(), strict.port()))
        {
            socket.setSoTimeout(10_000);
            socket.getOutputStream().write("GET / HTTP/1.1\r\nHost: 127.0.0.1\r\nX-Slow: ".getBytes(StandardCharsets.US_ASCII));
            assertEquals(-1, socket.getInputStream().read(), "closed without an answer");
        }
    }

    @Test
    void aFolderWithoutABacktestOrABrokenResultDoesNotStart(@TempDir final Path dir) throws Exception
    {
        final IllegalArgumentException empty = assertThrows(IllegalArgumentException.class,
            () -> DashboardServer.start(new DashboardContext().backtest(dir)));
        assertTrue(empty.getMessage().contains("holds no result.json nor sweep.txt"), empty.getMessage());
        Files.writeString(dir.resolve("result.json"), "{\"not\": \"a backtest\"}");
        final IllegalArgumentException notOne = assertThrows(IllegalArgumentException.class,
            () -> DashboardServer.start(new DashboardContext().backtest(dir)));
        assertTrue(notOne.getMessage().contains("not a backtest's result.json"), notOne.getMessage());
        Files.writeString(dir.resolve("result.json"), "{\"portfolio\": ");
        assertThrows(IllegalArgumentException.class, () -> DashboardServer.start(new DashboardContext().backtest(dir)));
    }

    private static Response get(final String path) throws IOException
    {
        return send("GET " + path + " HTTP/1.1\r\nHost: " + host + "\r\nConnection: close\r\n\r\n");
    }

    /** Sends the bytes as written and reads until the server closes. */
    private static Response send(final String request) throws IOException
    {
        try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), server.port()))
        {
            socket.setSoTimeout(10_000);
            final OutputStream out = socket.getOutputStream();
            try
            {
                out.write(request.getBytes(StandardCharsets.ISO_8859_1));
                out.flush();
            }
            catch (final IOException ex)
            {
                // the server may answer and close before reading a huge request to its end
            }
            final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
            final InputStream in = socket.getInputStream();
            final byte[] buffer = new byte[8192];
            try
            {
                for (int n; (n = in.read(buffer)) >= 0; )
                {
                    bytes.write(buffer, 0, n);
                    if (isComplete(bytes.toString(StandardCharsets.ISO_8859_1)))
                    {
                        break;
                    }
                }
            }
            catch (final java.net.SocketException ex)
            {
                // reset after the answer: what was read is the answer
            }
            return new Response(bytes.toString(StandardCharsets.UTF_8));
        }
    }

    private static boolean isComplete(final String text)
    {
        final int end = text.indexOf("\r\n\r\n");
        if (end < 0)
        {
            return false;
        }
        final java.util.regex.Matcher length = java.util.regex.Pattern.compile("(?i)\r\ncontent-length: *([0-9]+)")
            .matcher(text.substring(0, end));
        return length.find() && text.length() - end - 4 >= Integer.parseInt(length.group(1)) &&
            !text.startsWith("HTTP/1.1 200 OK\r\ncontent-type: text/event-stream");
    }

    private static final class Response
    {
        final int status;
        final String head;
        final String text;

        Response(final String raw)
        {
            final int end = raw.indexOf("\r\n\r\n");
            assertTrue(end > 0, "no HTTP response: " + raw);
            head = raw.substring(0, end);
            text = raw.substring(end + 4);
            status = Integer.parseInt(head.substring(9, 12));
        }

        String header(final String name)
        {
            for (final String line : head.split("\r\n"))
            {
                final int colon = line.indexOf(':');
                if (colon > 0 && line.substring(0, colon).equalsIgnoreCase(name))
                {
                    return line.substring(colon + 1).trim();
                }
            }
            return "";
        }
    }
}
