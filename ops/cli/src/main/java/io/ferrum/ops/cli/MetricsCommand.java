package io.ferrum.ops.cli;

import io.ferrum.ops.metrics.MetricsServer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum metrics}: a separate, read-only process serving {@code /metrics} in the Prometheus
 * text format from the CnC and latency files of the Ferrum processes on this host; each scrape reads
 * them afresh. Prints one {@code metrics} JSON line with its URL, then serves until stopped.
 */
@Command(name = "metrics", header = "serve /metrics (Prometheus text format) read-only from the Ferrum processes on this host",
    footer = "Binds 127.0.0.1 unless --host says otherwise. Exit status: 0, 64 usage, 69 when the port cannot be bound.")
public final class MetricsCommand implements FerrumCommand
{
    /** The port Prometheus exporters conventionally take next to others (9464). */
    static final int DEFAULT_PORT = 9464;

    @Mixin
    MetricsSources sources = new MetricsSources();

    @Option(names = "--port", paramLabel = "PORT", description = "port to serve on (default " + DEFAULT_PORT + "; 0 picks a free one)")
    int port = DEFAULT_PORT;

    @Option(names = "--host", paramLabel = "ADDRESS", description = "address to bind (default 127.0.0.1; keep it loopback)")
    String host = MetricsServer.LOOPBACK;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until Ctrl-C)")
    Duration duration;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        if (port < 0 || port > 65_535)
        {
            throw new UsageException("--port must be 0..65535: " + port);
        }
        final MetricsServer server;
        try
        {
            server = MetricsServer.start(sources.reader(), host, port);
        }
        catch (final IOException ex)
        {
            throw new CommandException(ExitCodes.UNAVAILABLE, "cannot serve on " + host + ":" + port + ": " + ex.getMessage());
        }
        final CountDownLatch stopped = new CountDownLatch(1);
        final Thread hook = new Thread(stopped::countDown, "ferrum-metrics-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (server)
        {
            out.println(CommandLines.metrics(server.url()));
            out.flush();
            if (null == duration)
            {
                stopped.await();
            }
            else
            {
                stopped.await(duration.toMillis(), TimeUnit.MILLISECONDS);
            }
        }
        finally
        {
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException ignore)
            {
                // shutting down already
            }
        }
        return ExitCodes.OK;
    }
}
