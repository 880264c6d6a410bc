package io.ferrum.ops.backtest.synthetic;

import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.data.MergedEventSource;

import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.List;

/**
 * The synthetic market of several symbols over [from, to] (whole UTC days) as one
 * time-ordered stream. Same seed, symbols, dates and rate: the same bytes.
 */
public final class SyntheticMarket
{
    /** Default rate: two symbols over two years give about 100 million events. */
    public static final long DEFAULT_EVENTS_PER_DAY = 70_000;

    private SyntheticMarket()
    {
    }

    public static EventSource open(
        final List<String> symbols, final LocalDate from, final LocalDate to, final long seed, final long eventsPerDay)
    {
        return open(symbols, from, from, to, seed, eventsPerDay);
    }

    /**
     * The days {@code from..to} of the path that starts on {@code pathFrom}: a later window of one seed's market is that
     * market's continuation, not the same walk again from its start (a sweep's out-of-sample days would otherwise be
     * its in-sample days replayed).
     */
    public static EventSource open(
        final List<String> symbols, final LocalDate pathFrom, final LocalDate from, final LocalDate to, final long seed,
        final long eventsPerDay)
    {
        final long pathStartNs = pathFrom.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        final long startNs = from.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        final long endNs = to.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        final EventSource[] sources = new EventSource[symbols.size()];
        for (int i = 0; i < sources.length; i++)
        {
            final String symbol = symbols.get(i);
            sources[i] = new SyntheticMarketSource(
                SyntheticInstrument.defaults(symbol, InstrumentCatalog.instrumentId(symbol)),
                seed, pathStartNs, startNs, endNs, eventsPerDay);
        }
        return sources.length == 1 ? sources[0] : new MergedEventSource(sources);
    }
}
