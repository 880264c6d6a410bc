package io.ferrum.ops.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.ops.analytics.ReportCache;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Malformed and hostile input on both transports: a clear error each time, never a crash. */
class McpHostileInputTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String INIT = "{\"jsonrpc\":\"2.0\",\"id\":0,\"method\":\"initialize\",\"params\":" +
        "{\"protocolVersion\":\"2025-11-25\",\"capabilities\":{},\"clientInfo\":{\"name\":\"t\",\"version\":\"1\"}}}";

    private final ReportCache cache = new ReportCache();
    private final HttpClient http = HttpClient.newHttpClient();
    private HttpMcpServer server;

    @BeforeEach
    void start() throws Exception
    {
        cache.put("BTCUSDT", "{\"symbol\":\"BTCUSDT\"}");
        server = new HttpMcpServer(McpProtocol.forSource(cache, 150), "127.0.0.1", 0);
    }

    @AfterEach
    void stop()
    {
        server.close();
    }

    private HttpResponse<String> post(final String body, final String... headers) throws Exception
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(URI.create(server.url()))
            .header("Accept", "application/json, text/event-stream")
            .POST(HttpRequest.BodyPublishers.ofString(body));
        boolean contentType = false;
        for (int i = 0; i < headers.length; i += 2)
        {
            b.header(headers[i], headers[i + 1]);
            contentType |= "Content-Type".equals(headers[i]);
        }
        if (!contentType)
        {
            b.header("Content-Type", "application/json");
        }
        return http.send(b.build(), HttpResponse.BodyHandlers.ofString());
    }

    private String session() throws Exception
    {
        final HttpResponse<String> r = post(INIT);
        assertEquals(200, r.statusCode());
        assertEquals("2025-11-25", MAPPER.readTree(r.body()).path("result").path("protocolVersion").asText());
        return r.headers().firstValue("Mcp-Session-Id").orElseThrow();
    }

    @Test
    void httpRefusesWhatTheTransportForbids() throws Exception
    {
        final String session = session();
        assertTrue(session.chars().allMatch(c -> c >= 0x21 && c <= 0x7E));

        assertEquals(403, post(INIT, "Origin", "http://evil.example").statusCode());
        assertEquals(200, post(INIT, "Origin", "http://localhost:5173").statusCode());
        final String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";
        assertEquals(400, post(list).statusCode(), "no session header");
        assertEquals(404, post(list, "Mcp-Session-Id", "not-a-session").statusCode());
        assertEquals(400, post(list, "Mcp-Session-Id", session, "MCP-Protocol-Version", "1999-01-01").statusCode());
        assertEquals(415, post(list, "Mcp-Session-Id", session, "Content-Type", "text/plain").statusCode());

        final HttpResponse<String> parse = post("{\"jsonrpc\":", "Mcp-Session-Id", session);
        assertEquals(400, parse.statusCode());
        assertEquals(-32700, MAPPER.readTree(parse.body()).path("error").path("code").asInt());
        assertEquals(400, post("[" + list + "]", "Mcp-Session-Id", session).statusCode(), "no batches since 2025-06-18");
        assertEquals(413, post("{\"x\":\"" + "a".repeat(HttpMcpServer.MAX_BODY_BYTES) + "\"}",
            "Mcp-Session-Id", session).statusCode());

        final HttpResponse<String> get = http.send(HttpRequest.newBuilder(URI.create(server.url()))
            .header("Accept", "text/event-stream").header("Mcp-Session-Id", session).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(405, get.statusCode());
        final HttpResponse<String> other = http.send(HttpRequest.newBuilder(URI.create(server.url() + "x")).GET().build(),
            HttpResponse.BodyHandlers.ofString());
        assertEquals(404, other.statusCode());

        // Still serving after all that.
        final HttpResponse<String> call = post("{\"jsonrpc\":\"2.0\",\"id\":7,\"method\":\"tools/call\",\"params\":" +
            "{\"name\":\"get_report\",\"arguments\":{\"symbol\":\"BTCUSDT\"}}}", "Mcp-Session-Id", session);
        assertEquals(200, call.statusCode());
        assertEquals("BTCUSDT", MAPPER.readTree(call.body()).path("result").path("structuredContent").path("symbol").asText());

        final HttpRequest delete = HttpRequest.newBuilder(URI.create(server.url())).header("Mcp-Session-Id", session).DELETE().build();
        assertEquals(200, http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, http.send(delete, HttpResponse.BodyHandlers.ofString()).statusCode());
        assertEquals(404, post(list, "Mcp-Session-Id", session).statusCode(), "an ended session is gone");
    }

    @Test
    void notificationsGet202AndNoBody() throws Exception
    {
        final String session = session();
        final HttpResponse<String> r = post("{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "Mcp-Session-Id", session, "MCP-Protocol-Version", "2025-11-25");
        assertEquals(202, r.statusCode());
        assertTrue(r.body().isEmpty());
    }

    @Test
    void stdioAnswersEveryBadLineAndKeepsGoing() throws Exception
    {
        final List<String> lines = List.of(
            INIT,
            "not json",
            "[1,2]",
            "{\"jsonrpc\":\"1.0\",\"id\":1,\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":{\"a\":1},\"method\":\"ping\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"resources/list\"}",
            "{\"jsonrpc\":\"2.0\",\"method\":\"notifications/initialized\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\"," +
                "\"arguments\":{\"symbol\":\"BTC/USDT\"}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":4,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\"," +
                "\"arguments\":{\"symbol\":\"BTCUSDT\",\"extra\":1}}}",
            "{\"jsonrpc\":\"2.0\",\"id\":5,\"method\":\"tools/call\",\"params\":\"get_report\"}",
            "",
            "{\"jsonrpc\":\"2.0\",\"id\":6,\"method\":\"tools/call\",\"params\":{\"name\":\"get_report\"," +
                "\"arguments\":{\"symbol\":\"btcusdt\"}}}");
        final List<JsonNode> replies = stdio(lines);
        assertEquals(10, replies.size(), "one reply per request or bad line, none for the notification: " + replies);
        assertEquals("2025-11-25", byId(replies, "0", 0).path("result").path("protocolVersion").asText());
        assertEquals(-32700, byId(replies, null, 0).path("error").path("code").asInt());
        assertEquals(-32600, byId(replies, null, 1).path("error").path("code").asInt());
        assertEquals(-32600, byId(replies, "1", 0).path("error").path("code").asInt());
        assertEquals(-32600, byId(replies, null, 2).path("error").path("code").asInt());
        assertEquals(-32601, byId(replies, "2", 0).path("error").path("code").asInt());
        assertTrue(byId(replies, "3", 0).path("result").path("isError").asBoolean());
        assertTrue(byId(replies, "4", 0).path("result").path("isError").asBoolean());
        assertEquals(-32602, byId(replies, "5", 0).path("error").path("code").asInt());
        final JsonNode ok = byId(replies, "6", 0).path("result");
        assertFalse(ok.path("isError").asBoolean());
        assertEquals("BTCUSDT", ok.path("structuredContent").path("symbol").asText());
    }

    @Test
    void stdioRefusesRequestsBeforeInitializeButAnswersPing() throws Exception
    {
        final String call = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/call\",\"params\":" +
            "{\"name\":\"get_report\",\"arguments\":{\"symbol\":\"BTCUSDT\"}}}";
        final List<String> lines = List.of(
            call,
            "{\"jsonrpc\":\"2.0\",\"id\":2,\"method\":\"tools/list\"}",
            "{\"jsonrpc\":\"2.0\",\"id\":3,\"method\":\"ping\"}",
            INIT,
            call.replace("\"id\":1", "\"id\":4"));
        final List<JsonNode> replies = stdio(lines);
        assertEquals(5, replies.size(), replies.toString());
        final JsonNode early = byId(replies, "1", 0).path("error");
        assertEquals(-32600, early.path("code").asInt());
        assertTrue(early.path("message").asText().startsWith("initialize first"), early.toString());
        assertEquals(-32600, byId(replies, "2", 0).path("error").path("code").asInt());
        assertTrue(byId(replies, "3", 0).has("result"), "ping is allowed before initialize");
        assertEquals("BTCUSDT", byId(replies, "4", 0).path("result").path("structuredContent").path("symbol").asText());
    }

    @Test
    void httpRefusesAForeignHostHeader() throws Exception
    {
        // java.net.http will not let a caller set Host, so speak HTTP/1.1 on a plain socket, as a rebinding page would.
        assertTrue(rawPost("evil.example:" + server.port()).startsWith("HTTP/1.1 403"));
        assertTrue(rawPost("localhost:" + server.port()).startsWith("HTTP/1.1 200"));
        assertTrue(rawPost("127.0.0.1").startsWith("HTTP/1.1 200"));
        assertTrue(rawPost(null).startsWith("HTTP/1.1 403"), "no Host at all");
        assertTrue(rawPost("[::1]:" + server.port()).startsWith("HTTP/1.1 200"));
        assertTrue(rawPost("local host").startsWith("HTTP/1.1 403"));
    }

    private String rawPost(final String host) throws Exception
    {
        try (java.net.Socket socket = new java.net.Socket("127.0.0.1", server.port()))
        {
            socket.setSoTimeout(5_000);
            final byte[] body = INIT.getBytes(StandardCharsets.UTF_8);
            final String request = "POST /mcp HTTP/1.1\r\n" + (null == host ? "" : "Host: " + host + "\r\n") +
                "Content-Type: application/json\r\nAccept: application/json, text/event-stream\r\n" +
                "Connection: close\r\nContent-Length: " + body.length + "\r\n\r\n";
            socket.getOutputStream().write(request.getBytes(StandardCharsets.US_ASCII));
            socket.getOutputStream().write(body);
            socket.getOutputStream().flush();
            return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
        }
    }

    @Test
    void httpSessionsAreCappedAndExpireWhenIdle() throws Exception
    {
        server.close();
        final java.util.concurrent.atomic.AtomicLong now = new java.util.concurrent.atomic.AtomicLong();
        final long idleNs = java.util.concurrent.TimeUnit.MINUTES.toNanos(1);
        server = new HttpMcpServer(McpProtocol.forSource(cache, 150), "127.0.0.1", 0, new McpSessions(2, idleNs, now::get));
        final String list = "{\"jsonrpc\":\"2.0\",\"id\":1,\"method\":\"tools/list\"}";

        final String first = session();
        now.addAndGet(idleNs / 2);
        final String second = session();
        final HttpResponse<String> full = post(INIT);
        assertEquals(503, full.statusCode());
        assertTrue(full.body().contains("too many sessions (2)"), full.body());
        assertEquals(2, server.sessionCount());

        now.addAndGet(idleNs / 2 + 1); // first has been idle for longer than the timeout, second has not
        assertEquals(404, post(list, "Mcp-Session-Id", first).statusCode(), "an idle session expires");
        assertEquals(200, post(list, "Mcp-Session-Id", second).statusCode());
        now.addAndGet(idleNs - 1); // use restarted second's idle time
        assertEquals(200, post(list, "Mcp-Session-Id", second).statusCode());
        final String third = session(); // the expired one's place is free again
        assertEquals(2, server.sessionCount());
        assertEquals(200, post(list, "Mcp-Session-Id", third).statusCode());
    }

    /** The stdio server's replies to {@code lines}, one JSON message each. */
    private List<JsonNode> stdio(final List<String> lines) throws Exception
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        new StdioMcpServer(McpProtocol.forSource(cache, 150), out)
            .run(new ByteArrayInputStream(String.join("\n", lines).getBytes(StandardCharsets.UTF_8)));
        final List<JsonNode> replies = new ArrayList<>();
        for (final String line : out.toString(StandardCharsets.UTF_8).split("\n"))
        {
            replies.add(MAPPER.readTree(line));
        }
        return replies;
    }

    private static JsonNode byId(final List<JsonNode> replies, final String id, final int nth)
    {
        int seen = 0;
        for (final JsonNode r : replies)
        {
            final boolean match = null == id ? r.path("id").isNull() : id.equals(r.path("id").asText());
            if (match && seen++ == nth)
            {
                return r;
            }
        }
        throw new AssertionError("no reply #" + nth + " with id " + id + " in " + replies);
    }
}
