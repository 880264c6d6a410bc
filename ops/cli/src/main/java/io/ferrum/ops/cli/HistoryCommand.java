package io.ferrum.ops.cli;

import io.ferrum.ops.history.HistoryContext;
import io.ferrum.ops.history.HistoryCounters;
import io.ferrum.ops.history.HistoryException;
import io.ferrum.ops.history.HistoryWriter;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalReader;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum history}: the committed journal written to PostgreSQL exactly once
 * ({@link HistoryWriter}, docs/history.md), in this process, never the engine's. A finished run's
 * {@code --journal} is written to its end and the command exits; a running member's or backup's log
 * ({@code --config}) is followed until SIGTERM/Ctrl-C. Progress goes to stderr, one
 * {@code history_summary} line to stdout at the end. The password comes from PGPASSWORD or
 * ~/.pgpass, never from the URL or a flag.
 */
@Command(name = "history", header = "write the committed journal to PostgreSQL, exactly once (docs/history.md)",
    footer = {"The password comes from PGPASSWORD or ~/.pgpass (PGPASSFILE), never from the URL.",
        "A --journal is written to its end, then the command exits; --config follows the running log until stopped."})
public final class HistoryCommand implements FerrumCommand
{
    private static final long PROGRESS_INTERVAL_NS = TimeUnit.SECONDS.toNanos(2);

    @Option(names = "--pg", paramLabel = "URL", required = true,
        description = "the database: jdbc:postgresql://host[:port]/database[?user=NAME], without a password")
    String url;

    @Option(names = "--config", paramLabel = "FILE",
        description = "the cluster file: with --member N a running member's log, with --backup the running ClusterBackup's")
    Path configFile;

    @Option(names = "--member", paramLabel = "N", description = "with --config: cluster member N (0, 1, ...)")
    Integer member;

    @Option(names = "--backup", description = "with --config: the ClusterBackup's log")
    boolean backup;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "a stopped run's journal: the directory ./ferrum demo printed, or a member's or the backup's")
    Path journal;

    @Option(names = "--log-name", paramLabel = "NAME",
        description = "the log's name in history.logs (default: the demo's or the cluster's directory, absolute)")
    String logName;

    @Option(names = "--batch-rows", paramLabel = "N", description = "rows per transaction at most (default 20000)")
    int batchRows = 20_000;

    @Option(names = "--book-interval", paramLabel = "DURATION",
        description = "log time between sampled book snapshots (default 1s)")
    Duration bookInterval = Duration.ofSeconds(1);

    @Option(names = "--book-depth", paramLabel = "N", description = "levels per side in a sampled book (default 20)")
    int bookDepth = 20;

    @Option(names = "--wait", paramLabel = "DURATION",
        description = "how long to wait for the database at start before giving up with 69 (default 30s)")
    Duration wait = Duration.ofSeconds(30);

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final HistoryContext context = context();
        final HistoryWriter writer = new HistoryWriter(context);
        try (Termination stop = Termination.install("history"))
        {
            write(writer, stop, err);
            out.println(CommandLines.historySummary(context.connector().url(), context.logName(), writer));
            out.flush();
            return ExitCodes.OK;
        }
        finally
        {
            writer.onClose();
        }
    }

    /** The writer's duty cycle on this thread until the journal is written, or until stopped. */
    private void write(final HistoryWriter writer, final Termination stop, final PrintStream err) throws Exception
    {
        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final long startNs = System.nanoTime();
        long nextProgressNs = startNs + PROGRESS_INTERVAL_NS;
        long readyNs = 0;
        while (!writer.done() && !stop.isRequested())
        {
            final int work = writer.doWork();
            final long nowNs = System.nanoTime();
            readyNs = 0 == readyNs && writer.ready() ? nowNs : readyNs;
            if (!writer.ready() && nowNs - startNs > wait.toNanos())
            {
                throw new CommandException(ExitCodes.UNAVAILABLE, "no history database at " + url + " after " +
                    wait.toSeconds() + " s: " + writer.counters().lastFailure());
            }
            if (nowNs - nextProgressNs >= 0)
            {
                nextProgressNs = nowNs + PROGRESS_INTERVAL_NS;
                err.println(progress(writer.counters()));
            }
            idle.idle(work);
        }
        final double seconds = (System.nanoTime() - readyNs) / 1e9;
        err.printf("ferrum history: %,d rows in %.2f s (%,.0f rows/s) after %.2f s connecting and migrating%n",
            writer.counters().rowsWritten(), seconds, writer.counters().rowsWritten() / Math.max(seconds, 1e-9),
            (readyNs - startNs) / 1e9);
    }

    private static String progress(final HistoryCounters counters)
    {
        return String.format("ferrum history: %,d rows written, log position %d written of %d read, database %s",
            counters.rowsWritten(), counters.committedPosition(), counters.readPosition(),
            counters.databaseUp() ? "up" : "down (" + counters.consecutiveFailures() + " failures, retrying: " +
            counters.lastFailure() + ")");
    }

    private HistoryContext context() throws IOException
    {
        if (batchRows < 1 || bookDepth < 1)
        {
            throw new UsageException("--batch-rows and --book-depth need a number >= 1");
        }
        if ((null == journal) == (null == configFile))
        {
            throw new UsageException("give either --config FILE --member N, --config FILE --backup or --journal DIR");
        }
        final HistoryContext context = new HistoryContext().batchRows(batchRows).bookDepth(bookDepth)
            .bookSampleIntervalNs(bookInterval.toNanos());
        if (null != journal)
        {
            if (null != member || backup)
            {
                throw new UsageException("--member and --backup go with --config, not --journal");
            }
            final Path memberDir = JournalDirs.memberDir(journal);
            JournalReader.open(memberDir); // a directory that is no journal: 65 now, not after connecting
            final Path runDir = JournalDirs.demoDir(journal);
            context.journalDir(memberDir).untilEnd(true).logName(name(runDir))
                .engineFiles(HistoryContext.engineFilesIn(runDir));
        }
        else
        {
            if ((null == member) == !backup)
            {
                throw new UsageException("--config needs either --member N or --backup");
            }
            final ClusterConfig config = ClusterConfig.load(configFile);
            if (!backup && (member < 0 || member >= Math.max(1, config.members().size())))
            {
                throw new UsageException("--member " + member + " is not in " + configFile);
            }
            context.journalDir(backup ? config.backupDir() : config.memberDir(member))
                .committed(backup ? CommittedPosition.ofBackup(config.backupAeronDir().toFile()) :
                    CommittedPosition.ofMember(config.aeronDir(member).toFile()))
                .logName(name(config.dir())); // one log per cluster, whichever copy is read
        }
        if (null != logName)
        {
            context.logName(logName);
        }
        try
        {
            return context.url(url).conclude();
        }
        catch (final HistoryException ex)
        {
            throw new UsageException("--pg: " + ex.getMessage());
        }
    }

    private static String name(final Path dir)
    {
        return dir.toAbsolutePath().normalize().toString();
    }
}
