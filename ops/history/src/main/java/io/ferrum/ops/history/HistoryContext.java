package io.ferrum.ops.history;

import io.ferrum.sequencer.journal.CommittedPosition;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * What a {@link HistoryWriter} writes from and to, and how: set what differs from the defaults, then
 * {@link #conclude()} checks it all before anything is opened.
 */
public final class HistoryContext
{
    private String url;
    private Map<String, String> environment = System.getenv();
    private Path journalDir;
    private CommittedPosition committed;
    private String logName;
    private java.util.Map<String, String> engineFiles = java.util.Map.of();
    private HistoryMetrics metrics;
    private boolean untilEnd;
    private int batchRows = 20_000;
    private long batchDelayNs = TimeUnit.MILLISECONDS.toNanos(500);
    private long maxReadBytes = 1024 * 1024;
    private long pollIntervalNs = TimeUnit.MILLISECONDS.toNanos(100);
    private long bookSampleIntervalNs = TimeUnit.SECONDS.toNanos(1);
    private int bookDepth = 20;
    private int partitionDaysAhead = 2;
    private long retryMinNs = TimeUnit.MILLISECONDS.toNanos(100);
    private long retryMaxNs = TimeUnit.SECONDS.toNanos(5);
    private PgConnector connector;
    private HistoryStore.Connections connections;

    /** Checks every setting; the connector is made here (a bad URL fails now, not at the first batch). */
    public HistoryContext conclude()
    {
        if (null == journalDir || null == logName || logName.isBlank())
        {
            throw new IllegalStateException("a history writer needs a journal directory and a log name");
        }
        if (batchRows < 1 || batchDelayNs < 0 || maxReadBytes < 4096 || pollIntervalNs < 0 ||
            bookSampleIntervalNs < 0 || bookDepth < 1 || partitionDaysAhead < 0 || retryMinNs <= 0 || retryMaxNs < retryMinNs)
        {
            throw new IllegalArgumentException("history settings out of range: batch rows >= 1, read bytes >= 4 KiB " +
                "(and at least the longest message), book depth >= 1, delays and intervals >= 0, 0 < retry min <= retry max");
        }
        connector = PgConnector.of(url, environment);
        if (null == connections)
        {
            connections = connector::connect;
        }
        return this;
    }

    /** The JDBC URL, without a password ({@link PgConnector}). */
    public HistoryContext url(final String url)
    {
        this.url = url;
        return this;
    }

    /** Where PGUSER and PGPASSWORD are read (the process's environment by default). */
    public HistoryContext environment(final Map<String, String> environment)
    {
        this.environment = environment;
        return this;
    }

    /** The member's (or backup's) directory holding the log. */
    public HistoryContext journalDir(final Path journalDir)
    {
        this.journalDir = journalDir;
        return this;
    }

    /** How far the log is committed while its process runs; null for a stopped run's log, read as recorded. */
    public HistoryContext committed(final CommittedPosition committed)
    {
        this.committed = committed;
        return this;
    }

    /** The log's name in {@code history.logs}: one per cluster, whichever member or backup it is read from. */
    public HistoryContext logName(final String logName)
    {
        this.logName = logName;
        return this;
    }

    /**
     * The files the run's engine is built from, by name ({@code demo.properties} and the strategies
     * and risk files beside it), kept with the log for backtests from the database.
     */
    public HistoryContext engineFiles(final java.util.Map<String, String> engineFiles)
    {
        this.engineFiles = java.util.Map.copyOf(engineFiles);
        return this;
    }

    /** The engine files of a demo's run directory, those that exist. */
    public static java.util.Map<String, String> engineFilesIn(final java.nio.file.Path runDir) throws java.io.IOException
    {
        final java.util.Map<String, String> files = new java.util.TreeMap<>();
        for (final String name : java.util.List.of(io.ferrum.ops.backtest.journal.DemoEngineConfig.FILE_NAME,
            io.ferrum.ops.backtest.journal.DemoEngineConfig.STRATEGIES_FILE_NAME,
            io.ferrum.ops.backtest.journal.DemoEngineConfig.RISK_FILE_NAME))
        {
            final java.nio.file.Path file = runDir.resolve(name);
            if (java.nio.file.Files.isRegularFile(file))
            {
                files.put(name, java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8));
            }
        }
        return files;
    }

    /** Where the writer's figures are published for other processes (null: nowhere, the default). */
    public HistoryContext metrics(final HistoryMetrics metrics)
    {
        this.metrics = metrics;
        return this;
    }

    public HistoryMetrics metrics()
    {
        return metrics;
    }

    /** Stop once everything committed so far is written (a finished journal), instead of following. */
    public HistoryContext untilEnd(final boolean untilEnd)
    {
        this.untilEnd = untilEnd;
        return this;
    }

    /** Rows at which a batch is committed at once. */
    public HistoryContext batchRows(final int batchRows)
    {
        this.batchRows = batchRows;
        return this;
    }

    /** How long a row may wait for its batch while the log keeps coming. */
    public HistoryContext batchDelayNs(final long batchDelayNs)
    {
        this.batchDelayNs = batchDelayNs;
        return this;
    }

    /**
     * Log bytes read per look: what one batch may take from the log at a time (it commits once it has
     * {@link #batchRows} rows). At least the longest message: 1 MiB, the default, covers a 1 MiB term's.
     */
    public HistoryContext maxReadBytes(final long maxReadBytes)
    {
        this.maxReadBytes = maxReadBytes;
        return this;
    }

    /** Pause between looks at a log with nothing new. */
    public HistoryContext pollIntervalNs(final long pollIntervalNs)
    {
        this.pollIntervalNs = pollIntervalNs;
        return this;
    }

    /** Log time between sampled book snapshots; 0 for none. */
    public HistoryContext bookSampleIntervalNs(final long bookSampleIntervalNs)
    {
        this.bookSampleIntervalNs = bookSampleIntervalNs;
        return this;
    }

    /** Levels per side in a sampled book snapshot. */
    public HistoryContext bookDepth(final int bookDepth)
    {
        this.bookDepth = bookDepth;
        return this;
    }

    public HistoryContext partitionDaysAhead(final int partitionDaysAhead)
    {
        this.partitionDaysAhead = partitionDaysAhead;
        return this;
    }

    /** First and longest wait before trying a failed database again (doubling in between). */
    public HistoryContext retryNs(final long retryMinNs, final long retryMaxNs)
    {
        this.retryMinNs = retryMinNs;
        this.retryMaxNs = retryMaxNs;
        return this;
    }

    public PgConnector connector()
    {
        return connector;
    }

    /** Where the writer's connections come from: the connector's, unless a test puts a failing one between. */
    HistoryContext connections(final HistoryStore.Connections connections)
    {
        this.connections = connections;
        return this;
    }

    HistoryStore.Connections connections()
    {
        return connections;
    }

    public Path journalDir()
    {
        return journalDir;
    }

    public CommittedPosition committed()
    {
        return committed;
    }

    public String logName()
    {
        return logName;
    }

    public java.util.Map<String, String> engineFiles()
    {
        return engineFiles;
    }

    public boolean untilEnd()
    {
        return untilEnd;
    }

    public int batchRows()
    {
        return batchRows;
    }

    public long batchDelayNs()
    {
        return batchDelayNs;
    }

    public long maxReadBytes()
    {
        return maxReadBytes;
    }

    public long pollIntervalNs()
    {
        return pollIntervalNs;
    }

    public long bookSampleIntervalNs()
    {
        return bookSampleIntervalNs;
    }

    public int bookDepth()
    {
        return bookDepth;
    }

    public int partitionDaysAhead()
    {
        return partitionDaysAhead;
    }

    public long retryMinNs()
    {
        return retryMinNs;
    }

    public long retryMaxNs()
    {
        return retryMaxNs;
    }
}
