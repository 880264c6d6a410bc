package io.ferrum.ops.mcp;

import io.ferrum.ops.analytics.RecordedSessionAnalytics;
import io.ferrum.ops.cli.Arguments;
import io.ferrum.ops.cli.Command;
import io.ferrum.ops.cli.UsageException;
import io.ferrum.ops.logging.LogFields;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum mcp [--stdio | --http PORT] --session FILE}: serves the analytics
 * cache over MCP. Until the journal reader lands the cache is fed from a recorded
 * session file.
 */
public final class McpCommand implements Command
{
    private static final Logger LOG = LogManager.getLogger(McpCommand.class);

    public String name()
    {
        return "mcp";
    }

    public String summary()
    {
        return "MCP server (stdio or Streamable HTTP) with the read-only get_report tool";
    }

    public String usage()
    {
        return String.join(System.lineSeparator(),
            "usage: ./ferrum mcp [--stdio | --http PORT] [--host ADDRESS] --session FILE [--timeout-ms MS]",
            "  --stdio          JSON-RPC over stdin/stdout (the default); logs go to stderr",
            "  --http PORT      Streamable HTTP on http://ADDRESS:PORT/mcp (PORT 0 picks a free one)",
            "  --host ADDRESS   address to bind for --http (default 127.0.0.1; keep it loopback)",
            "  --session FILE   recorded session (*.replay.tsv or *.frames.jsonl) that feeds the cache,",
            "                   until the journal reader is wired",
            "  --timeout-ms MS  deadline of a get_report call (default 150)");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        final Options o = Options.parse(args);
        LogFields.component("mcp");
        try (RecordedSessionAnalytics analytics = new RecordedSessionAnalytics(o.session, new SystemEpochNanoClock()))
        {
            analytics.awaitLoaded(5, TimeUnit.MINUTES);
            err.println("ferrum mcp: " + analytics.cache().symbols().size() + " symbols from " + o.session +
                " (" + analytics.messages() + " messages, " + analytics.skippedLines() + " lines skipped)");
            final McpProtocol protocol = McpProtocol.forSource(analytics.cache(), o.timeoutMs);
            if (o.httpPort < 0)
            {
                new StdioMcpServer(protocol, out).run(System.in);
                return 0;
            }
            try (HttpMcpServer server = new HttpMcpServer(protocol, o.host, o.httpPort))
            {
                out.println("MCP server listening on " + server.url());
                out.flush();
                LOG.info("MCP Streamable HTTP server listening on {}", server.url());
                final CountDownLatch stop = new CountDownLatch(1);
                Runtime.getRuntime().addShutdownHook(new Thread(stop::countDown, "mcp-shutdown"));
                stop.await();
            }
            return 0;
        }
    }

    static final class Options
    {
        int httpPort = -1;
        String host = "127.0.0.1";
        Path session;
        long timeoutMs = McpProtocol.DEFAULT_TIMEOUT_MS;

        static Options parse(final List<String> args)
        {
            final Options o = new Options();
            boolean stdio = false;
            final Arguments a = new Arguments(args);
            while (a.hasNext())
            {
                switch (a.next())
                {
                    case "--stdio" -> stdio = true;
                    case "--http" -> o.httpPort = a.port();
                    case "--host" -> o.host = a.value();
                    case "--session" -> o.session = a.path();
                    case "--timeout-ms" -> o.timeoutMs = a.positiveLong();
                    default -> throw a.unknown();
                }
            }
            if (stdio && o.httpPort >= 0)
            {
                throw new UsageException("choose one of --stdio and --http");
            }
            if (null == o.session)
            {
                throw new UsageException("--session FILE is required: the journal reader that would feed the cache is not wired yet");
            }
            return o;
        }
    }
}
