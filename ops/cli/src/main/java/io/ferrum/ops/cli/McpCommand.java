package io.ferrum.ops.cli;

import io.ferrum.ops.analytics.AnalyticsConsumer;
import io.ferrum.ops.analytics.JournalAnalytics;
import io.ferrum.ops.analytics.RecordedSessionAnalytics;
import io.ferrum.ops.analytics.ReportCache;
import io.ferrum.ops.cli.Arguments;
import io.ferrum.ops.cli.Command;
import io.ferrum.ops.cli.UsageException;
import io.ferrum.gateway.logging.LogFields;
import io.ferrum.ops.mcp.HttpMcpServer;
import io.ferrum.ops.mcp.McpProtocol;
import io.ferrum.ops.mcp.StdioMcpServer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum mcp [--stdio | --http PORT] SOURCE}: serves the analytics cache over MCP.
 * The cache follows a member's committed log read-only ({@link JournalAnalytics}: {@code
 * --config FILE --member N} for a running member, {@code --journal DIR} for a member
 * directory), or is built once from a recorded session file ({@code --session FILE}).
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
            "usage: ./ferrum mcp [--stdio | --http PORT] [--host ADDRESS] [--timeout-ms MS]",
            "                    (--config FILE --member N | --journal DIR | --session FILE)",
            "  --stdio          JSON-RPC over stdin/stdout (the default); logs go to stderr",
            "  --http PORT      Streamable HTTP on http://ADDRESS:PORT/mcp (PORT 0 picks a free one)",
            "  --host ADDRESS   address to bind for --http (default 127.0.0.1; keep it loopback)",
            "  --config FILE --member N  follow that member's committed log (read-only, live)",
            "  --journal DIR    follow the log of a member directory (cluster.dir/member-N) as recorded",
            "  --session FILE   build the cache once from a recorded session (*.replay.tsv or *.frames.jsonl)",
            "  --timeout-ms MS  deadline of a get_report call (default 150)");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        final Options o = Options.parse(args);
        LogFields.component("mcp");
        if (null != o.session)
        {
            try (RecordedSessionAnalytics analytics = new RecordedSessionAnalytics(o.session, new SystemEpochNanoClock()))
            {
                analytics.awaitLoaded(5, TimeUnit.MINUTES);
                err.println("ferrum mcp: " + analytics.cache().symbols().size() + " symbols from " + o.session +
                    " (" + analytics.messages() + " messages, " + analytics.skippedLines() + " lines skipped)");
                return serve(analytics.cache(), o, out);
            }
        }

        Path journal = o.journal;
        CommittedPosition committed = null;
        if (null != o.config)
        {
            final ClusterConfig config = ClusterConfig.load(o.config);
            if (o.member >= Math.max(1, config.members().size()))
            {
                throw new UsageException("--member " + o.member + " is not in " + o.config);
            }
            journal = config.memberDir(o.member);
            committed = CommittedPosition.ofMember(config.aeronDir(o.member).toFile());
        }
        final JournalAnalytics analytics = new JournalAnalytics(
            new AnalyticsConsumer(new AnalyticsConsumer.Context()), journal, committed, JournalAnalytics.DEFAULT_POLL_INTERVAL_NS);
        try (AgentRunner runner = new AgentRunner(
            new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
            (ex) -> LOG.error("analytics failed", ex), null, analytics))
        {
            AgentRunner.startOnThread(runner);
            final long deadline = System.nanoTime() + TimeUnit.MINUTES.toNanos(5);
            while (0 == analytics.polls() && System.nanoTime() < deadline)
            {
                Thread.sleep(10); // serve once what was committed before start is in the cache
            }
            err.println("ferrum mcp: following the journal " + journal + (null == committed ? " as recorded" : " (committed)") +
                ": " + analytics.messages() + " messages read up to log position " + analytics.logPosition());
            return serve(analytics.cache(), o, out);
        }
    }

    private static int serve(final ReportCache cache, final Options o, final PrintStream out) throws Exception
    {
        final McpProtocol protocol = McpProtocol.forSource(cache, o.timeoutMs);
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

    static final class Options
    {
        int httpPort = -1;
        String host = "127.0.0.1";
        Path session;
        Path journal;
        Path config;
        int member = -1;
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
                    case "--journal" -> o.journal = a.path();
                    case "--config" -> o.config = a.path();
                    case "--member" -> o.member = member(a.longValue());
                    case "--timeout-ms" -> o.timeoutMs = a.positiveLong();
                    default -> throw a.unknown();
                }
            }
            if (stdio && o.httpPort >= 0)
            {
                throw new UsageException("choose one of --stdio and --http");
            }
            final int sources = (null == o.session ? 0 : 1) + (null == o.journal ? 0 : 1) + (null == o.config ? 0 : 1);
            if (1 != sources)
            {
                throw new UsageException("give exactly one source: --config FILE --member N, --journal DIR or --session FILE");
            }
            if ((null == o.config) != (o.member < 0))
            {
                throw new UsageException("--config and --member N go together");
            }
            return o;
        }

        private static int member(final long member)
        {
            if (member < 0 || member > Integer.MAX_VALUE)
            {
                throw new UsageException("--member must be a member id (0, 1, ...): " + member);
            }
            return (int)member;
        }
    }
}
