package io.ferrum.ops.cli;

import io.ferrum.ops.analytics.AnalyticsConsumer;
import io.ferrum.ops.analytics.JournalAnalytics;
import io.ferrum.ops.analytics.RecordedSessionAnalytics;
import io.ferrum.ops.analytics.ReportCache;
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
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum mcp [--stdio | --http PORT] SOURCE}: serves the analytics cache over MCP.
 * The cache follows a member's committed log read-only ({@link JournalAnalytics}: {@code
 * --config FILE --member N} for a running member, {@code --journal DIR} for a member
 * directory or a demo's), or is built once from a recorded session file ({@code --session FILE}).
 */
@Command(name = "mcp", header = "MCP server (stdio or Streamable HTTP) with the read-only get_report tool",
    footer = "Give one source: --config FILE --member N, --journal DIR or --session FILE.")
public final class McpCommand implements FerrumCommand
{
    private static final Logger LOG = LogManager.getLogger(McpCommand.class);

    @Option(names = "--stdio", description = "JSON-RPC over stdin/stdout (the default); logs go to stderr")
    boolean stdio;

    @Option(names = "--http", paramLabel = "PORT",
        description = "Streamable HTTP on http://ADDRESS:PORT/mcp (PORT 0 picks a free one)")
    Integer httpPort;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind for --http (default 127.0.0.1; keep it loopback)")
    String host = "127.0.0.1";

    @Option(names = "--config", paramLabel = "FILE", description = "with --member N: follow that member's committed log (read-only, live)")
    Path config;

    @Option(names = "--member", paramLabel = "N", description = "with --config: cluster member N (0, 1, ...)")
    Integer member;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "follow the log of a run's directory as recorded (a demo's, a member's cluster.dir/member-N, the backup's)")
    Path journal;

    @Option(names = "--session", paramLabel = "FILE",
        description = "build the cache once from a recorded session (*.replay.tsv or *.frames.jsonl)")
    Path session;

    @Option(names = "--timeout-ms", paramLabel = "MS", description = "deadline of a get_report call (default 150)")
    long timeoutMs = McpProtocol.DEFAULT_TIMEOUT_MS;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        validate();
        LogFields.component("mcp");
        if (null != session)
        {
            try (RecordedSessionAnalytics analytics = new RecordedSessionAnalytics(session, new SystemEpochNanoClock()))
            {
                analytics.awaitLoaded(5, TimeUnit.MINUTES);
                err.println("ferrum mcp: " + analytics.cache().symbols().size() + " symbols from " + session +
                    " (" + analytics.messages() + " messages, " + analytics.skippedLines() + " lines skipped)");
                return serve(analytics.cache(), out);
            }
        }

        Path journal = null == this.journal ? null : JournalDirs.memberDir(this.journal);
        CommittedPosition committed = null;
        if (null != config)
        {
            final ClusterConfig cluster = ClusterConfig.load(config);
            if (member >= Math.max(1, cluster.members().size()))
            {
                throw new UsageException("--member " + member + " is not in " + config);
            }
            journal = cluster.memberDir(member);
            committed = CommittedPosition.ofMember(cluster.aeronDir(member).toFile());
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
            return serve(analytics.cache(), out);
        }
    }

    private int serve(final ReportCache cache, final PrintStream out) throws Exception
    {
        final McpProtocol protocol = McpProtocol.forSource(cache, timeoutMs);
        if (null == httpPort)
        {
            new StdioMcpServer(protocol, out).run(System.in);
            return ExitCodes.OK;
        }
        try (HttpMcpServer server = new HttpMcpServer(protocol, host, httpPort))
        {
            out.println("MCP server listening on " + server.url());
            out.flush();
            LOG.info("MCP Streamable HTTP server listening on {}", server.url());
            try (Termination stop = Termination.install("mcp"))
            {
                while (!stop.await(1, TimeUnit.DAYS))
                {
                    // serving on the server's own event loop until SIGTERM
                }
            }
        }
        return ExitCodes.OK;
    }

    private void validate()
    {
        if (stdio && null != httpPort)
        {
            throw new UsageException("choose one of --stdio and --http");
        }
        if (null != httpPort && (httpPort < 0 || httpPort > 65_535))
        {
            throw new UsageException("--http port out of range: " + httpPort);
        }
        final int sources = (null == session ? 0 : 1) + (null == journal ? 0 : 1) + (null == config ? 0 : 1);
        if (1 != sources)
        {
            throw new UsageException("give exactly one source: --config FILE --member N, --journal DIR or --session FILE");
        }
        if ((null == config) != (null == member))
        {
            throw new UsageException("--config and --member N go together");
        }
        if ((null != member && member < 0) || timeoutMs <= 0)
        {
            throw new UsageException("--member must be a member id (0, 1, ...) and --timeout-ms positive");
        }
    }
}
