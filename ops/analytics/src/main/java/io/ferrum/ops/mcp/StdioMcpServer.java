package io.ferrum.ops.mcp;

import com.fasterxml.jackson.core.JsonProcessingException;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.node.ObjectNode;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletableFuture;

/**
 * MCP over stdio: one JSON-RPC message per line on stdin, one per line on stdout and
 * nothing else on stdout (logs go to stderr). Runs until stdin closes, then waits for the
 * replies still in flight. The lifecycle is enforced as the specification states it: until
 * an initialize has been answered, every request but initialize and ping is refused.
 */
public final class StdioMcpServer
{
    /** Longest line read; a longer one is refused as an invalid request. */
    static final int MAX_LINE_CHARS = 1 << 20;

    private final McpProtocol protocol;
    private final PrintStream out;
    /** Set by the reply to initialize, which may complete on another thread. */
    private volatile boolean initialized;

    public StdioMcpServer(final McpProtocol protocol, final OutputStream out)
    {
        this.protocol = protocol;
        this.out = new PrintStream(out, false, StandardCharsets.UTF_8);
    }

    public void run(final InputStream in) throws IOException
    {
        final BufferedReader reader = new BufferedReader(new InputStreamReader(in, StandardCharsets.UTF_8));
        CompletableFuture<?> inFlight = CompletableFuture.completedFuture(null);
        String line;
        while (null != (line = reader.readLine()))
        {
            if (line.isBlank())
            {
                continue;
            }
            if (line.length() > MAX_LINE_CHARS)
            {
                write(protocol.error(null, McpProtocol.INVALID_REQUEST, "message longer than " + MAX_LINE_CHARS + " characters"));
                continue;
            }
            final JsonNode message;
            try
            {
                message = protocol.mapper().readTree(line);
            }
            catch (final JsonProcessingException ex)
            {
                write(protocol.parseError(ex.getOriginalMessage()));
                continue;
            }
            final String method = message.path("method").asText("");
            if (!initialized && McpProtocol.isRequest(message) && !"initialize".equals(method) && !"ping".equals(method))
            {
                write(protocol.error(message.get("id"), McpProtocol.INVALID_REQUEST,
                    "initialize first: " + method + " before the initialize request"));
                continue;
            }
            final boolean initialize = "initialize".equals(method);
            final CompletableFuture<Void> reply = protocol.handle(message).thenAccept(response ->
            {
                if (null != response)
                {
                    initialized |= initialize && response.has("result");
                    write(response);
                }
            });
            inFlight = CompletableFuture.allOf(inFlight, reply);
        }
        inFlight.join();
        out.flush();
    }

    private void write(final ObjectNode message)
    {
        final String json;
        try
        {
            json = protocol.mapper().writeValueAsString(message);
        }
        catch (final JsonProcessingException ex)
        {
            throw new IllegalStateException(ex);
        }
        synchronized (out)
        {
            out.print(json);
            out.print('\n');
            out.flush();
        }
    }
}
