package io.ferrum.ops.mcp;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.ObjectNode;
import com.fasterxml.jackson.databind.util.RawValue;
import io.ferrum.ops.analytics.ReportSource;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.regex.Pattern;

/**
 * The MCP (2025-11-25) server side of JSON-RPC, independent of transport: initialize,
 * ping, tools/list and tools/call of the one read-only tool {@code get_report}. The tool
 * reads the report cache only; the read runs on the reader executor under a deadline so
 * that a reply, or a timeout error, always comes within {@link #timeoutMs()}.
 */
public final class McpProtocol
{
    public static final String LATEST_VERSION = "2025-11-25";
    /** Versions whose tools/call semantics this server meets; others are answered with the latest. */
    public static final List<String> SUPPORTED_VERSIONS = List.of(LATEST_VERSION, "2025-06-18", "2025-03-26");
    public static final String TOOL_NAME = "get_report";

    static final int PARSE_ERROR = -32700;
    static final int INVALID_REQUEST = -32600;
    static final int METHOD_NOT_FOUND = -32601;
    static final int INVALID_PARAMS = -32602;
    static final int INTERNAL_ERROR = -32603;

    private static final Pattern SYMBOL = Pattern.compile("[A-Z0-9]{1,16}");

    private final ObjectMapper mapper;
    private final ReportSource source;
    private final Executor readers;
    private final long timeoutMs;
    private final String serverVersion;

    public McpProtocol(
        final ObjectMapper mapper, final ReportSource source, final Executor readers, final long timeoutMs,
        final String serverVersion)
    {
        this.mapper = mapper;
        this.source = source;
        this.readers = readers;
        this.timeoutMs = timeoutMs;
        this.serverVersion = serverVersion;
    }

    /** Default deadline of a tools/call (requirement A3). */
    public static final long DEFAULT_TIMEOUT_MS = 150;

    /** A protocol reading {@code source} on two daemon reader threads under the default deadline. */
    public static McpProtocol forSource(final ReportSource source, final long timeoutMs)
    {
        final java.util.concurrent.atomic.AtomicInteger n = new java.util.concurrent.atomic.AtomicInteger();
        final Executor readers = java.util.concurrent.Executors.newFixedThreadPool(2, r ->
        {
            final Thread t = new Thread(r, "mcp-reader-" + n.incrementAndGet());
            t.setDaemon(true);
            return t;
        });
        final String version = McpProtocol.class.getPackage().getImplementationVersion();
        return new McpProtocol(new ObjectMapper(), source, readers, timeoutMs, null == version ? "dev" : version);
    }

    public long timeoutMs()
    {
        return timeoutMs;
    }

    public ObjectMapper mapper()
    {
        return mapper;
    }

    /** True for a JSON-RPC request (it has a method and an id), which needs a response. */
    public static boolean isRequest(final JsonNode message)
    {
        return message.isObject() && message.has("method") && message.has("id");
    }

    /**
     * Handles one parsed JSON-RPC message.
     *
     * @return the response, or a future of null for notifications and responses
     */
    public CompletableFuture<ObjectNode> handle(final JsonNode message)
    {
        if (!message.isObject() || !"2.0".equals(message.path("jsonrpc").asText(null)))
        {
            return CompletableFuture.completedFuture(error(idOf(message), INVALID_REQUEST, "not a JSON-RPC 2.0 message"));
        }
        final JsonNode id = message.get("id");
        final JsonNode method = message.get("method");
        if (null == method)
        {
            // A response to a request we never sent, or junk without a method: nothing to answer.
            return CompletableFuture.completedFuture(
                message.has("result") || message.has("error") || null == id ? null :
                error(id, INVALID_REQUEST, "missing method"));
        }
        if (!method.isTextual() || (null != id && !(id.isTextual() || id.isIntegralNumber())))
        {
            return CompletableFuture.completedFuture(error(null == id || !id.isValueNode() ? null : id,
                INVALID_REQUEST, "method must be a string and id a string or integer"));
        }
        if (null == id)
        {
            // Notifications (initialized, cancelled, ...) need no answer.
            return CompletableFuture.completedFuture(null);
        }
        final JsonNode params = message.path("params");
        switch (method.asText())
        {
            case "initialize":
                return CompletableFuture.completedFuture(result(id, initializeResult(params)));
            case "ping":
                return CompletableFuture.completedFuture(result(id, mapper.createObjectNode()));
            case "tools/list":
                return CompletableFuture.completedFuture(result(id, toolsList()));
            case "tools/call":
                return callTool(id, params);
            default:
                return CompletableFuture.completedFuture(error(id, METHOD_NOT_FOUND, "method not found: " + method.asText()));
        }
    }

    /** The protocol version this server answers {@code requested} with. */
    public static String negotiate(final String requested)
    {
        return SUPPORTED_VERSIONS.contains(requested) ? requested : LATEST_VERSION;
    }

    private ObjectNode initializeResult(final JsonNode params)
    {
        final ObjectNode r = mapper.createObjectNode();
        r.put("protocolVersion", negotiate(params.path("protocolVersion").asText("")));
        r.putObject("capabilities").putObject("tools").put("listChanged", false);
        final ObjectNode info = r.putObject("serverInfo");
        info.put("name", "ferrum");
        info.put("title", "Ferrum market analytics");
        info.put("version", serverVersion);
        r.put("instructions", "One read-only tool, get_report(symbol), returns the latest market_report of a symbol " +
            "from Ferrum's analytics cache (docs/metrics.md), or null when the symbol is unknown.");
        return r;
    }

    private ObjectNode toolsList()
    {
        final ObjectNode r = mapper.createObjectNode();
        final ObjectNode tool = r.putArray("tools").addObject();
        tool.put("name", TOOL_NAME);
        tool.put("title", "Market report");
        tool.put("description", "Latest per-symbol market report (24 h stats, top of book and spread, depth, " +
            "slippage, flows, anomalies, health) as a market_report event; null for an unknown symbol. " +
            "Read-only, served from a cache.");
        final ObjectNode schema = tool.putObject("inputSchema");
        schema.put("type", "object");
        final ObjectNode symbol = schema.putObject("properties").putObject("symbol");
        symbol.put("type", "string");
        symbol.put("description", "Venue symbol, e.g. BTCUSDT");
        symbol.put("pattern", "^[A-Za-z0-9]{1,16}$");
        schema.putArray("required").add("symbol");
        schema.put("additionalProperties", false);
        final ObjectNode annotations = tool.putObject("annotations");
        annotations.put("readOnlyHint", true);
        annotations.put("destructiveHint", false);
        annotations.put("idempotentHint", true);
        annotations.put("openWorldHint", false);
        return r;
    }

    private CompletableFuture<ObjectNode> callTool(final JsonNode id, final JsonNode params)
    {
        if (!params.isObject() || !params.path("name").isTextual())
        {
            return CompletableFuture.completedFuture(error(id, INVALID_PARAMS, "tools/call needs params.name"));
        }
        if (!TOOL_NAME.equals(params.path("name").asText()))
        {
            return CompletableFuture.completedFuture(error(id, INVALID_PARAMS, "Unknown tool: " + params.path("name").asText()));
        }
        final JsonNode arguments = params.path("arguments");
        final String problem = argumentProblem(arguments);
        if (null != problem)
        {
            return CompletableFuture.completedFuture(result(id, toolError("invalid arguments: " + problem)));
        }
        final String symbol = arguments.path("symbol").asText().toUpperCase(java.util.Locale.ROOT);
        return CompletableFuture.supplyAsync(() -> source.report(symbol), readers)
            .orTimeout(timeoutMs, TimeUnit.MILLISECONDS)
            .handle((report, failure) ->
            {
                if (null == failure)
                {
                    return result(id, reportResult(report));
                }
                final Throwable cause = failure instanceof CompletionException && null != failure.getCause() ?
                    failure.getCause() : failure;
                if (cause instanceof TimeoutException)
                {
                    return result(id, toolError("timeout: get_report did not answer within " + timeoutMs + " ms"));
                }
                return error(id, INTERNAL_ERROR, "get_report failed: " + cause);
            });
    }

    static String argumentProblem(final JsonNode arguments)
    {
        if (!arguments.isObject())
        {
            return "arguments must be an object with a symbol";
        }
        final JsonNode symbol = arguments.get("symbol");
        if (null == symbol)
        {
            return "symbol is required";
        }
        if (!symbol.isTextual())
        {
            return "symbol must be a string";
        }
        if (!SYMBOL.matcher(symbol.asText().toUpperCase(java.util.Locale.ROOT)).matches())
        {
            return "symbol must be 1 to 16 letters or digits";
        }
        if (arguments.size() > 1)
        {
            return "unexpected arguments besides symbol";
        }
        return null;
    }

    private ObjectNode reportResult(final String report)
    {
        final ObjectNode r = mapper.createObjectNode();
        final ArrayNode content = r.putArray("content");
        final ObjectNode text = content.addObject();
        text.put("type", "text");
        text.put("text", null == report ? "null" : report);
        if (null != report)
        {
            // The cache holds serialised JSON: embed it as is rather than parse it per request.
            r.putRawValue("structuredContent", new RawValue(report));
        }
        r.put("isError", false);
        return r;
    }

    private ObjectNode toolError(final String message)
    {
        final ObjectNode r = mapper.createObjectNode();
        final ObjectNode text = r.putArray("content").addObject();
        text.put("type", "text");
        text.put("text", message);
        r.put("isError", true);
        return r;
    }

    private ObjectNode result(final JsonNode id, final ObjectNode result)
    {
        final ObjectNode r = mapper.createObjectNode();
        r.put("jsonrpc", "2.0");
        r.set("id", id);
        r.set("result", result);
        return r;
    }

    /** A JSON-RPC error; {@code id} null gives {@code "id": null}, as for a parse error. */
    public ObjectNode error(final JsonNode id, final int code, final String message)
    {
        final ObjectNode r = mapper.createObjectNode();
        r.put("jsonrpc", "2.0");
        if (null == id)
        {
            r.putNull("id");
        }
        else
        {
            r.set("id", id);
        }
        final ObjectNode e = r.putObject("error");
        e.put("code", code);
        e.put("message", message);
        return r;
    }

    public ObjectNode parseError(final String detail)
    {
        return error(null, PARSE_ERROR, "parse error: " + detail);
    }

    private static JsonNode idOf(final JsonNode message)
    {
        final JsonNode id = message.isObject() ? message.get("id") : null;
        return null != id && (id.isTextual() || id.isIntegralNumber()) ? id : null;
    }
}
