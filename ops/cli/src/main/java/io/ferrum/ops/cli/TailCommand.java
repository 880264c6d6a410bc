package io.ferrum.ops.cli;

import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.EventJson;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalTail;

import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.function.Predicate;

/**
 * {@code ./ferrum tail}: the risk officers' read-only view of the replicated journal, one
 * event-contract JSON line per committed event ({@link JournalTail}). It opens no Aeron
 * client, so it cannot send anything to the cluster.
 */
public final class TailCommand implements Command
{
    private static final long FOLLOW_INTERVAL_MS = 200;

    public String name()
    {
        return "tail";
    }

    public String summary()
    {
        return "print the committed journal as event JSON lines (read-only; --follow for live)";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ferrum tail (--config FILE (--member N | --backup) | --journal DIR) [--follow]",
            "                   [--from-start | --from-position P | --from-time T]",
            "                   [--symbol S] [--type T[,T...]] [--strategy ID]",
            "  --config FILE --member N  a running member's journal, up to its commit position",
            "  --config FILE --backup    the running ClusterBackup's journal (it holds committed events only)",
            "  --journal DIR             a stopped member's or backup's directory, as recorded",
            "  --follow                  keep printing new committed events, across leader changes",
            "  --from-start              from the beginning of the log (default)",
            "  --from-position P         events after log position P (each line has its log_position)",
            "  --from-time T             events logged at or after T (RFC 3339, e.g. 2026-11-22T05:00:00Z)",
            "  --symbol S                only events of symbol S",
            "  --type T[,T...]           only these types: trade_tick, order_book_depth, order_book_deltas,",
            "                            quote_tick, ticker_24h, feed_status, execution_report, set_risk_limit,",
            "                            set_trading_state, kill_switch, risk_decision, timer",
            "  --strategy ID             only admin commands scoped to strategy ID");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        Path configFile = null;
        Integer member = null;
        boolean backup = false;
        Path journal = null;
        boolean follow = false;
        long fromPosition = 0;
        long fromTimeNs = 0;
        int startOptions = 0;
        String symbol = null;
        Set<String> types = null;
        Integer strategy = null;
        for (int i = 0; i < args.size(); i++)
        {
            final String arg = args.get(i);
            switch (arg)
            {
                case "--config" -> configFile = Path.of(Arguments.value(args, ++i, arg));
                case "--member" -> member = (int)number(Arguments.value(args, ++i, arg), arg);
                case "--backup" -> backup = true;
                case "--journal" -> journal = Path.of(Arguments.value(args, ++i, arg));
                case "--follow" -> follow = true;
                case "--from-start" -> startOptions++;
                case "--from-position" ->
                {
                    fromPosition = number(Arguments.value(args, ++i, arg), arg);
                    startOptions++;
                }
                case "--from-time" ->
                {
                    fromTimeNs = time(Arguments.value(args, ++i, arg));
                    startOptions++;
                }
                case "--symbol" -> symbol = Arguments.value(args, ++i, arg);
                case "--type" -> types = types(Arguments.value(args, ++i, arg));
                case "--strategy" -> strategy = (int)number(Arguments.value(args, ++i, arg), arg);
                default -> throw new UsageException("unknown argument '" + arg + "'");
            }
        }
        if (startOptions > 1)
        {
            throw new UsageException("give at most one of --from-start, --from-position, --from-time");
        }
        if ((null == journal) == (null == configFile))
        {
            throw new UsageException("give either --config FILE --member N, --config FILE --backup or --journal DIR");
        }
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
            journal, committed, fromPosition, fromTimeNs, filter(symbol, types, strategy), out::println);
        if (!follow)
        {
            tail.poll();
            out.flush();
            if (!tail.committedKnown())
            {
                err.println("ferrum tail: no " + committed + ": the process is not running, so nothing is known " +
                    "committed; read a stopped run's directory as recorded with --journal " + journal);
                return EXIT_DATA;
            }
            return 0;
        }
        boolean wasKnown = true;
        while (!Thread.currentThread().isInterrupted())
        {
            try
            {
                tail.poll();
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
            Thread.sleep(FOLLOW_INTERVAL_MS);
        }
        return 0;
    }

    private static Predicate<EventJson> filter(final String symbol, final Set<String> types, final Integer strategy)
    {
        return (event) -> (null == symbol || symbol.equals(event.symbol())) &&
            (null == types || types.contains(event.type())) &&
            (null == strategy || strategy == event.strategyId());
    }

    private static final Set<String> TYPES = Set.of("trade_tick", "order_book_depth", "order_book_deltas",
        "quote_tick", "ticker_24h", "feed_status", "execution_report", "set_risk_limit", "set_trading_state",
        "kill_switch", "risk_decision", "timer");

    private static Set<String> types(final String text)
    {
        final Set<String> types = new HashSet<>();
        for (final String type : text.split(","))
        {
            if (!TYPES.contains(type.strip()))
            {
                throw new UsageException("unknown event type '" + type.strip() + "'");
            }
            types.add(type.strip());
        }
        return types;
    }

    private static long number(final String text, final String option)
    {
        try
        {
            final long value = Long.parseLong(text);
            if (value >= 0)
            {
                return value;
            }
        }
        catch (final NumberFormatException ignore)
        {
            // reported below
        }
        throw new UsageException(option + " needs a number >= 0: '" + text + "'");
    }

    private static long time(final String text)
    {
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
}
