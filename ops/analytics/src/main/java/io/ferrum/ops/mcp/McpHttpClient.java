package io.ferrum.ops.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.IOException;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;

/**
 * A minimal MCP Streamable HTTP client for {@code ./ferrum report --url}: one session,
 * JSON responses only (what {@link HttpMcpServer} sends), ended with DELETE on close.
 */
public final class McpHttpClient implements AutoCloseable
{
    private final ObjectMapper mapper = new ObjectMapper();
    private final HttpClient http = HttpClient.newBuilder().connectTimeout(Duration.ofSeconds(5)).build();
    private final URI endpoint;
    private String sessionId;
    private int nextId;

    public McpHttpClient(final URI endpoint)
    {
        this.endpoint = endpoint;
    }

    /** initialize, then notifications/initialized. */
    public void connect() throws IOException, InterruptedException
    {
        final ObjectNode params = mapper.createObjectNode();
        params.put("protocolVersion", McpProtocol.LATEST_VERSION);
        params.putObject("capabilities");
        params.putObject("clientInfo").put("name", "ferrum-report").put("version", "1");
        final HttpResponse<String> response = post(request("initialize", params));
        sessionId = response.headers().firstValue("Mcp-Session-Id").orElse(null);
        result(response);
        final ObjectNode initialized = mapper.createObjectNode();
        initialized.put("jsonrpc", "2.0");
        initialized.put("method", "notifications/initialized");
        final HttpResponse<String> ack = post(initialized);
        if (202 != ack.statusCode())
        {
            throw new IOException("initialized notification refused: HTTP " + ack.statusCode());
        }
    }

    /** @return the tool's result object (content, structuredContent, isError) */
    public JsonNode callGetReport(final String symbol) throws IOException, InterruptedException
    {
        final ObjectNode params = mapper.createObjectNode();
        params.put("name", McpProtocol.TOOL_NAME);
        params.putObject("arguments").put("symbol", symbol);
        return result(post(request("tools/call", params)));
    }

    /** Ends the session; a server already gone is not an error here. */
    public void close()
    {
        if (null != sessionId)
        {
            try
            {
                http.send(base().DELETE().build(), HttpResponse.BodyHandlers.discarding());
            }
            catch (final IOException ex)
            {
                // Nothing left to end.
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
    }

    private ObjectNode request(final String method, final ObjectNode params)
    {
        final ObjectNode r = mapper.createObjectNode();
        r.put("jsonrpc", "2.0");
        r.put("id", nextId++);
        r.put("method", method);
        r.set("params", params);
        return r;
    }

    private HttpRequest.Builder base()
    {
        final HttpRequest.Builder b = HttpRequest.newBuilder(endpoint).timeout(Duration.ofSeconds(10))
            .header("Accept", "application/json, text/event-stream");
        if (null != sessionId)
        {
            b.header("Mcp-Session-Id", sessionId).header("MCP-Protocol-Version", McpProtocol.LATEST_VERSION);
        }
        return b;
    }

    private HttpResponse<String> post(final ObjectNode message) throws IOException, InterruptedException
    {
        return http.send(base().header("Content-Type", "application/json")
            .POST(HttpRequest.BodyPublishers.ofString(mapper.writeValueAsString(message))).build(),
            HttpResponse.BodyHandlers.ofString());
    }

    private JsonNode result(final HttpResponse<String> response) throws IOException
    {
        if (200 != response.statusCode())
        {
            throw new IOException("MCP server answered HTTP " + response.statusCode() + ": " + response.body());
        }
        final JsonNode body = mapper.readTree(response.body());
        if (body.has("error"))
        {
            throw new IOException("MCP error " + body.path("error"));
        }
        return body.path("result");
    }
}
