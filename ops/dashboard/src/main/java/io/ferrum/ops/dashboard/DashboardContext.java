package io.ferrum.ops.dashboard;

import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.sequencer.journal.CommittedPosition;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link DashboardServer} shows and where it listens: the metrics reader, the member's journal
 * and commit position to follow (both optional: without them the page has no orders, fills, risk
 * states nor prices), a backtest's output (optional), the address (loopback by default) and port.
 */
public final class DashboardContext
{
    public static final String LOOPBACK = "127.0.0.1";
    /** How often the page's state is read and pushed: a kill switch shows within about this. */
    public static final long DEFAULT_INTERVAL_MS = 250;

    /** A connection that sends no complete request for this long is closed (a slow or stalled client). */
    public static final long DEFAULT_REQUEST_TIMEOUT_MS = TimeUnit.SECONDS.toMillis(30);

    private MetricsReader metrics;
    private Path journalDir;
    private CommittedPosition committed;
    private Path backtest;
    private String host = LOOPBACK;
    private int port;
    private long intervalMs = DEFAULT_INTERVAL_MS;
    private long requestTimeoutMs = DEFAULT_REQUEST_TIMEOUT_MS;

    /** Where the counters and latency files are read. */
    public DashboardContext metrics(final MetricsReader metrics)
    {
        this.metrics = metrics;
        return this;
    }

    /**
     * The member's directory to follow ({@code cluster.dir/member-N}) and how far its log is committed
     * (null: a stopped run's journal, read as recorded).
     */
    public DashboardContext journal(final Path journalDir, final CommittedPosition committed)
    {
        this.journalDir = journalDir;
        this.committed = committed;
        return this;
    }

    /** A backtest's {@code --out} folder or {@code result.json}, shown at {@code /backtest}. */
    public DashboardContext backtest(final Path backtest)
    {
        this.backtest = backtest;
        return this;
    }

    public DashboardContext host(final String host)
    {
        this.host = host;
        return this;
    }

    /** 0 picks a free port. */
    public DashboardContext port(final int port)
    {
        this.port = port;
        return this;
    }

    public DashboardContext intervalMs(final long intervalMs)
    {
        this.intervalMs = intervalMs;
        return this;
    }

    public DashboardContext requestTimeoutMs(final long requestTimeoutMs)
    {
        this.requestTimeoutMs = requestTimeoutMs;
        return this;
    }

    public DashboardContext conclude()
    {
        if (null == metrics)
        {
            metrics = MetricsReader.of(java.util.List.of());
        }
        if (port < 0 || port > 65_535)
        {
            throw new IllegalArgumentException("port must be 0..65535: " + port);
        }
        if (intervalMs < 10 || intervalMs > TimeUnit.MINUTES.toMillis(1))
        {
            throw new IllegalArgumentException("interval must be 10 ms..1 min: " + intervalMs);
        }
        if (requestTimeoutMs < 1)
        {
            throw new IllegalArgumentException("request timeout must be positive: " + requestTimeoutMs);
        }
        if (null == host || host.isBlank())
        {
            throw new IllegalArgumentException("no address to bind");
        }
        return this;
    }

    MetricsReader metrics()
    {
        return metrics;
    }

    Path journalDir()
    {
        return journalDir;
    }

    CommittedPosition committed()
    {
        return committed;
    }

    Path backtest()
    {
        return backtest;
    }

    String host()
    {
        return host;
    }

    int port()
    {
        return port;
    }

    long intervalMs()
    {
        return intervalMs;
    }

    long requestTimeoutMs()
    {
        return requestTimeoutMs;
    }
}
