package io.ferrum.ops.cli;

import io.ferrum.ops.mcp.McpProtocol;
import io.ferrum.ops.mcp.StdioMcpServer;
import io.ferrum.ops.mcp.TestReports;

/**
 * Child-JVM entry point for the stdio contract test: the node client spawns it as an MCP
 * host spawns any stdio server. Serves {@link TestReports#contractSource()}.
 */
public final class StdioTestServer
{
    private StdioTestServer()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final McpProtocol protocol = McpProtocol.forSource(TestReports.contractSource(), McpProtocol.DEFAULT_TIMEOUT_MS);
        new StdioMcpServer(protocol, System.out).run(System.in);
    }
}
