package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.analytics.ReportSchema;
import io.ferrum.ops.mcp.HttpMcpServer;
import io.ferrum.ops.mcp.McpProtocol;
import io.ferrum.ops.mcp.TestReports;
import org.junit.jupiter.api.Test;

import java.lang.management.ManagementFactory;
import java.nio.file.Paths;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The official TypeScript MCP client (npm @modelcontextprotocol/sdk 1.32.2) against our
 * server over both transports: initialize, tools/list, get_report for a known and an
 * unknown symbol, bad arguments, an unknown tool and the 150 ms deadline.
 */
class McpContractTest
{
    @Test
    void streamableHttpWithTheOfficialClient() throws Exception
    {
        final McpProtocol protocol = McpProtocol.forSource(TestReports.contractSource(), McpProtocol.DEFAULT_TIMEOUT_MS);
        try (HttpMcpServer server = new HttpMcpServer(protocol, "127.0.0.1", 0))
        {
            final JsonNode r = NodeMcpClient.run(List.of(
                "contract", "--known", TestReports.KNOWN, "--slow", TestReports.SLOW, "--http", server.url()), 60);
            assertContract(r, true);
            assertEquals("2025-11-25", r.path("protocol_version").asText());
            assertFalse(r.path("session_id").asText().isEmpty());
            assertTrue(r.path("terminated").asBoolean());
            assertEquals(0, server.sessionCount(), "DELETE ended the session");
        }
    }

    @Test
    void stdioWithTheOfficialClientSpawningTheServer() throws Exception
    {
        final List<String> args = new ArrayList<>(List.of(
            "contract", "--known", TestReports.KNOWN, "--slow", TestReports.SLOW, "--stdio"));
        args.addAll(javaCommand(StdioTestServer.class.getName()));
        assertContract(NodeMcpClient.run(args, 90), true);
    }

    @Test
    void theMcpCommandServesStdioFromARecordedSession() throws Exception
    {
        final List<String> args = new ArrayList<>(List.of("contract", "--known", TestReports.KNOWN, "--stdio"));
        args.addAll(javaCommand("io.ferrum.ops.cli.Main"));
        args.addAll(List.of("mcp", "--stdio", "--session", Fixtures.tenSymbolSession().toString()));
        assertContract(NodeMcpClient.run(args, 90), false);
    }

    /** A child JVM like this one: same class path and the same --add-opens Agrona needs. */
    static List<String> javaCommand(final String mainClass)
    {
        final List<String> command = new ArrayList<>();
        command.add(Paths.get(System.getProperty("java.home"), "bin", "java").toString());
        command.add("-Xmx256m");
        command.add("-XX:TieredStopAtLevel=1");
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports"))
            {
                command.add(arg);
            }
        }
        command.add("-cp");
        command.add(System.getProperty("java.class.path"));
        command.add(mainClass);
        return command;
    }

    private static void assertContract(final JsonNode r, final boolean withTimeout)
    {
        assertEquals("ferrum", r.path("server_version").path("name").asText());
        assertTrue(r.path("server_capabilities").has("tools"));

        final JsonNode tools = r.path("tools");
        assertEquals(1, tools.size(), "exactly one tool: " + tools);
        final JsonNode tool = tools.path(0);
        assertEquals("get_report", tool.path("name").asText());
        assertEquals("object", tool.path("inputSchema").path("type").asText());
        assertEquals("symbol", tool.path("inputSchema").path("required").path(0).asText());
        assertTrue(tool.path("annotations").path("readOnlyHint").asBoolean());

        final JsonNode known = r.path("known").path("result");
        assertFalse(known.path("isError").asBoolean(), known.toString());
        final JsonNode structured = known.path("structuredContent");
        assertTrue(ReportSchema.violations(structured).isEmpty(), ReportSchema.violations(structured).toString());
        assertEquals(TestReports.KNOWN, structured.path("symbol").asText());
        assertEquals(structured, ReportSchema.assertValid(known.path("content").path(0).path("text").asText()),
            "text content and structuredContent carry the same report");
        assertEquals(structured.path("symbol"), r.path("known_lower_case").path("result").path("structuredContent").path("symbol"));

        final JsonNode unknown = r.path("unknown").path("result");
        assertFalse(unknown.path("isError").asBoolean());
        assertEquals("null", unknown.path("content").path(0).path("text").asText());
        assertFalse(unknown.has("structuredContent"));

        for (final String bad : new String[]{"bad_type", "missing"})
        {
            final JsonNode result = r.path(bad).path("result");
            assertTrue(result.path("isError").asBoolean(), bad + ": " + r.path(bad));
            assertTrue(result.path("content").path(0).path("text").asText().startsWith("invalid arguments"), bad);
        }
        assertEquals(-32602, r.path("unknown_tool").path("error").path("code").asInt(), r.path("unknown_tool").toString());

        if (withTimeout)
        {
            final JsonNode timeout = r.path("timeout").path("result");
            assertTrue(timeout.path("isError").asBoolean(), r.path("timeout").toString());
            assertTrue(timeout.path("content").path(0).path("text").asText().startsWith("timeout"), timeout.toString());
            assertTrue(r.path("timeout_elapsed_ms").asDouble() < TestReports.SLOW_READ_MS,
                "the deadline answered before the slow read finished");
        }
        assertTrue(r.path("ping").has("result"), r.path("ping").toString());
    }
}
