package io.ferrum.ops.cli;

import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.EventJson;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalTail;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Iterator;
import java.util.List;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.TreeSet;
import java.util.function.Predicate;

/**
 * {@code ./ferrum tail}: the risk officers' read-only view of the replicated journal, one
 * event-contract JSON line per committed event ({@link JournalTail}). It opens no Aeron
 * client, so it cannot send anything to the cluster.
 */
@Command(name = "tail", header = "print the committed journal as event JSON lines (read-only; --follow for live)")
public final class TailCommand implements FerrumCommand
{
    private static final long FOLLOW_INTERVAL_MS = 200;
    private static final Set<String> TYPES = new TreeSet<>(List.of("trade_tick", "order_book_depth", "order_book_deltas",
        "quote_tick", "ticker_24h", "feed_status", "execution_report", "set_risk_limit", "set_trading_state",
        "kill_switch", "risk_decision", "timer"));

    @Option(names = "--config", paramLabel = "FILE",
        description = "the cluster file: with --member N a running member's journal up to its commit position, with " +
            "--backup the running ClusterBackup's (it holds committed events only)")
    Path configFile;

    @Option(names = "--member", paramLabel = "N", description = "with --config: cluster member N (0, 1, ...)")
    Integer member;

    @Option(names = "--backup", description = "with --config: the ClusterBackup's journal")
    boolean backup;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "a stopped run's journal as recorded: the directory ./ferrum demo printed as \"journal\", " +
            "or a member's or the backup's directory")
    Path journal;

    @Option(names = "--follow", description = "keep printing new committed events, across leader changes")
    boolean follow;

    @Option(names = "--from-start", description = "from the beginning of the log (the default)")
    boolean fromStart;

    @Option(names = "--from-position", paramLabel = "P",
        description = "events after log position P (each line has its log_position)")
    Long fromPosition;

    @Option(names = "--from-time", paramLabel = "T",
        description = "events logged at or after T (RFC 3339, e.g. 2026-11-22T05:00:00Z)")
    String fromTime;

    @Option(names = "--symbol", paramLabel = "S", description = "only events of symbol S")
    String symbol;

    @Option(names = "--type", paramLabel = "T", split = ",", completionCandidates = Types.class,
        description = "only these types (comma-separated): ${COMPLETION-CANDIDATES}")
    Set<String> types;

    @Option(names = "--strategy", paramLabel = "ID", description = "only admin commands scoped to strategy ID")
    Integer strategy;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final long fromTimeNs = nanos(fromTime);
        if ((fromStart ? 1 : 0) + (null == fromPosition ? 0 : 1) + (null == fromTime ? 0 : 1) > 1)
        {
            throw new UsageException("give at most one of --from-start, --from-position, --from-time");
        }
        if ((null != fromPosition && fromPosition < 0) || (null != member && member < 0) ||
            (null != strategy && strategy < 0))
        {
            throw new UsageException("--from-position, --member and --strategy need a number >= 0");
        }
        for (final String type : null == types ? Set.<String>of() : types)
        {
            if (!TYPES.contains(type))
            {
                throw new UsageException("unknown event type '" + type + "' (" + String.join(", ", TYPES) + ")");
            }
        }
        if ((null == journal) == (null == configFile))
        {
            throw new UsageException("give either --config FILE --member N, --config FILE --backup or --journal DIR");
        }
        Path journal = null == this.journal ? null : JournalDirs.memberDir(this.journal);
        CommittedPosition committed = null;
        if (null != configFile)
        {
            if ((null == member) == !backup)
            {
                throw new UsageException("--config needs either --member N or --backup");
            }
            final ClusterConfig config = ClusterConfig.load(configFile);
            if (backup)
            {
                journal = config.backupDir();
                committed = CommittedPosition.ofBackup(config.backupAeronDir().toFile());
            }
            else
            {
                if (member >= Math.max(1, config.members().size()))
                {
                    throw new UsageException("--member " + member + " is not in " + configFile);
                }
                journal = config.memberDir(member);
                committed = CommittedPosition.ofMember(config.aeronDir(member).toFile());
            }
        }
        else if (null != member || backup)
        {
            throw new UsageException("--member and --backup go with --config, not --journal");
        }

        final JournalTail tail = new JournalTail(
            journal, committed, null == fromPosition ? 0 : fromPosition, fromTimeNs, filter(symbol, types, strategy),
            out::println);
        if (!follow)
        {
            tail.poll();
            out.flush();
            if (!tail.committedKnown())
            {
                throw new CommandException(ExitCodes.UNAVAILABLE, "no " + committed + ": the process is not running, so nothing " +
                    "is known committed; read a stopped run's directory as recorded with --journal " + journal);
            }
            return ExitCodes.OK;
        }
        try (Termination stop = Termination.install("tail"))
        {
            final long shown = follow(tail, committed, stop, out, err);
            // stdout carries only events, for pipes: the summary goes to stderr
            err.println("ferrum tail: stopped after " + shown + " events; everything up to log position " +
                tail.position() + " was read");
            err.flush();
        }
        return ExitCodes.OK;
    }

    private static long follow(
        final JournalTail tail, final CommittedPosition committed, final Termination stop, final PrintStream out, final PrintStream err)
    {
        long shown = 0;
        boolean wasKnown = true;
        while (!Thread.currentThread().isInterrupted() && !stop.isRequested())
        {
            try
            {
                shown += tail.poll();
                out.flush();
                if (wasKnown != tail.committedKnown())
                {
                    wasKnown = tail.committedKnown();
                    err.println("ferrum tail: " + (wasKnown ? "reading the " : "waiting for the ") + committed);
                }
            }
            catch (final JournalException ex)
            {
                // a member not started yet, or a recording log being rewritten: try again next time
                err.println("ferrum tail: " + ex.getMessage());
            }
            try
            {
                stop.await(FOLLOW_INTERVAL_MS, TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException interrupt)
            {
                break; // an interrupt is how an embedding caller stops --follow: not a failure
            }
        }
        return shown;
    }

    private static Predicate<EventJson> filter(final String symbol, final Set<String> types, final Integer strategy)
    {
        return (event) -> (null == symbol || symbol.equals(event.symbol())) &&
            (null == types || types.contains(event.type())) &&
            (null == strategy || strategy == event.strategyId());
    }

    private static long nanos(final String text)
    {
        if (null == text)
        {
            return 0;
        }
        try
        {
            final Instant instant = Instant.parse(text);
            return Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L) + instant.getNano();
        }
        catch (final DateTimeParseException | ArithmeticException ex)
        {
            throw new UsageException("--from-time needs an RFC 3339 UTC time like 2026-11-22T05:00:00Z: '" + text + "'");
        }
    }

    /** The event types, for --type's help and shell completion. */
    static final class Types implements Iterable<String>
    {
        public Iterator<String> iterator()
        {
            return TYPES.iterator();
        }
    }
}
