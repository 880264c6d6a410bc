package io.ferrum.ops.cli;

import io.ferrum.ops.dashboard.DashboardContext;
import io.ferrum.ops.dashboard.DashboardServer;
import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum dashboard}: the read-only web dashboard ({@link DashboardServer}) in a process of its
 * own: the counters and latency of the Ferrum processes on this host (as {@code stat} and
 * {@code metrics} find them), the committed log of a demo ({@code --journal}) or of a cluster member
 * ({@code --config} with {@code --member}), and a backtest's output ({@code --backtest}). Prints one
 * {@code dashboard} JSON line with its URL, then serves until stopped.
 */
@Command(name = "dashboard", header = "serve the read-only web dashboard: live figures, the committed log's orders, fills and risk, backtests",
    footer = "Binds 127.0.0.1 unless --host says otherwise. Exit status: 0, 64 usage, 66 no such journal or backtest," +
        " 69 when the port cannot be bound.")
public final class DashboardCommand implements FerrumCommand
{
    /** Beside the metrics endpoint's conventional 9464. */
    static final int DEFAULT_PORT = 9465;

    @Mixin
    MetricsSources sources = new MetricsSources();

    @Option(names = "--journal", paramLabel = "DIR",
        description = "a demo's directory (as demo_start prints it) or a member's: follow its committed log, and read" +
            " its processes' counters unless --aeron-dir says otherwise")
    Path journal;

    @Option(names = "--member", paramLabel = "N", description = "with --config: follow cluster member N's committed log")
    Integer member;

    @Option(names = "--backtest", paramLabel = "DIR",
        description = "a backtest's --out folder (result.json, sweep.txt) or its result.json, shown at /backtest")
    Path backtest;

    @Option(names = "--port", paramLabel = "PORT", description = "port to serve on (default " + DEFAULT_PORT + "; 0 picks a free one)")
    int port = DEFAULT_PORT;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default 127.0.0.1; keep it loopback)")
    String host = DashboardContext.LOOPBACK;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until Ctrl-C)")
    Duration duration;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        if (port < 0 || port > 65_535)
        {
            throw new UsageException("--port must be 0..65535: " + port);
        }
        if (null != member && (null == sources.config || member < 0))
        {
            throw new UsageException("--member N (N >= 0) goes with --config");
        }
        if (null != journal && null != sources.config)
        {
            throw new UsageException("give --journal or --config, not both");
        }
        if (null != backtest && !Files.exists(backtest))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "--backtest " + backtest + " does not exist");
        }
        final DashboardContext context = new DashboardContext().host(host).port(port).backtest(backtest);
        if (null != journal)
        {
            final Path memberDir = JournalDirs.memberDir(journal);
            final Path aeronDir = memberDir.resolve("aeron");
            // a running demo's member keeps its Aeron directory in its own: follow what it committed
            context.journal(memberDir, Files.exists(aeronDir.resolve("cnc.dat")) ? CommittedPosition.ofMember(aeronDir.toFile()) : null);
            context.metrics(sources.aeronDirs.isEmpty() ? MetricsReader.under(JournalDirs.demoDir(journal)) : sources.reader());
        }
        else
        {
            context.metrics(sources.reader());
            if (null != sources.config)
            {
                final ClusterConfig config = ClusterConfig.load(sources.config);
                final int id = null == member ? 0 : member;
                if (id >= Math.max(1, config.members().size()))
                {
                    throw new UsageException("--member " + id + " is not in " + sources.config);
                }
                context.journal(config.memberDir(id), CommittedPosition.ofMember(config.aeronDir(id).toFile()));
            }
        }
        final DashboardServer server;
        try
        {
            server = DashboardServer.start(context);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new CommandException(ExitCodes.NO_INPUT, ex.getMessage());
        }
        catch (final InterruptedException ex)
        {
            throw ex;
        }
        catch (final Exception ex)
        {
            // Netty throws the socket's BindException as it is, undeclared
            throw new CommandException(ExitCodes.UNAVAILABLE, "cannot serve on " + host + ":" + port + ": " + ex.getMessage());
        }
        try (Termination stop = Termination.install("dashboard"); server)
        {
            out.println(CommandLines.dashboard(server.url()));
            out.flush();
            try
            {
                stop.await(null == duration ? Long.MAX_VALUE : duration.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException interrupt)
            {
                Thread.currentThread().interrupt(); // how an embedding caller stops it: not a failure
            }
        }
        return ExitCodes.OK;
    }
}
