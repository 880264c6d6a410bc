package io.ferrum.ops.demo;

import io.aeron.Aeron;
import io.ferrum.ops.history.EmbeddedHistoryDatabase;
import io.ferrum.ops.history.HistoryContext;
import io.ferrum.ops.history.HistoryCounters;
import io.ferrum.ops.history.HistoryMetrics;
import io.ferrum.ops.history.HistoryWriter;
import io.ferrum.sequencer.cluster.ClusterNode;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.telemetry.FerrumCounters;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The demo's trading history: a {@link HistoryWriter} on a thread of its own following the member's
 * committed log, into the desk's PostgreSQL ({@code --pg}) or, by default, an embedded one whose data
 * lives in the run's directory ({@code history-db/}). The embedded server starts on a background
 * thread on a port chosen up front, so its URL is in {@code demo_start} at once and the demo does not
 * wait for it (initdb and start take 3 to 10 s on a busy 2-core box); the writer starts once it is up
 * and reads the log from its start, so nothing committed meanwhile is missed.
 */
public final class DemoHistory implements AutoCloseable
{
    /** The embedded database's data directory under the run's. */
    public static final String DATA_DIR = "history-db";

    private final String url;
    private final HistoryWriter writer;
    private final AgentRunner runner;
    private final Aeron aeron;
    private final HistoryMetrics metrics;
    private Thread starter;
    private volatile EmbeddedHistoryDatabase database;

    private DemoHistory(
        final String url, final HistoryWriter writer, final Aeron aeron, final HistoryMetrics metrics, final ErrorHandler errors)
    {
        this.url = url;
        this.writer = writer;
        this.aeron = aeron;
        this.metrics = metrics;
        this.runner = new AgentRunner(new SleepingMillisIdleStrategy(1), errors, null, writer);
    }

    /**
     * @param pgUrl the desk's database, or null for an embedded one under {@code journal}
     */
    static DemoHistory start(final Path journal, final ClusterNode leader, final String pgUrl, final ErrorHandler errors)
        throws IOException
    {
        final int port = null == pgUrl ? freePort() : 0;
        final String url = null == pgUrl ? EmbeddedHistoryDatabase.url(port) : pgUrl;
        // the writer's figures go with the member's counters, where ./ferrum stat and /metrics read them
        final Aeron aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(leader.aeronDirectoryName()));
        final HistoryMetrics metrics = new HistoryMetrics(new FerrumCounters(aeron, ""));
        final HistoryWriter writer = new HistoryWriter(new HistoryContext().url(url).metrics(metrics)
            .journalDir(leader.journalDir().toPath())
            .committed(CommittedPosition.ofMember(new File(leader.aeronDirectoryName())))
            .logName(journal.toAbsolutePath().normalize().toString())
            .engineFiles(HistoryContext.engineFilesIn(journal))
            .conclude());
        final DemoHistory history = new DemoHistory(url, writer, aeron, metrics, errors);
        if (null == pgUrl)
        {
            history.startDatabaseThenWriter(journal.resolve(DATA_DIR), port, errors);
        }
        else
        {
            AgentRunner.startOnThread(history.runner);
        }
        return history;
    }

    private void startDatabaseThenWriter(final Path dataDir, final int port, final ErrorHandler errors)
    {
        starter = new Thread(() ->
        {
            try
            {
                database = EmbeddedHistoryDatabase.start(dataDir, port);
                AgentRunner.startOnThread(runner);
            }
            catch (final IOException | RuntimeException ex)
            {
                errors.onError(new IllegalStateException("the embedded history database did not start", ex));
            }
        }, "ferrum-history-db");
        starter.setDaemon(true);
        starter.start();
    }

    /** The JDBC URL the history goes to (no password: none is in a URL Ferrum takes). */
    public String url()
    {
        return url;
    }

    public HistoryCounters counters()
    {
        return writer.counters();
    }

    /** Waits (at most {@code timeoutMs}) until the database holds the log up to what {@code position} says. */
    void awaitWritten(final LongSupplier position, final long timeoutMs) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (writer.counters().committedPosition() < position.getAsLong() && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
    }

    /** Stops the writer, then the embedded database (the desk's is left alone). */
    public void close()
    {
        if (null != starter)
        {
            try
            {
                starter.join(TimeUnit.SECONDS.toMillis(40)); // a database still starting is stopped once up
            }
            catch (final InterruptedException ex)
            {
                Thread.currentThread().interrupt();
            }
        }
        CloseHelper.closeAll(runner, metrics, aeron);
        try
        {
            if (null != database)
            {
                database.close();
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot stop the embedded history database", ex);
        }
    }

    private static int freePort() throws IOException
    {
        try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            return socket.getLocalPort();
        }
    }
}
