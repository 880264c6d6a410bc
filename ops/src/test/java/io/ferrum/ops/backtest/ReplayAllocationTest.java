package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.strategy.EmaCrossEngine;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;
import io.ferrum.ops.backtest.synthetic.SyntheticMarketSource;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import io.ferrum.ops.backtest.venue.TouchFillVenue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay loop allocates nothing per event: the thread's allocated bytes over a whole
 * backtest of half a million events (store reader, merge, driver, venue, engine, ledger)
 * stay within the per-run set-up (measured at 1.67 MB, nearly all the trade log) plus
 * 0.05 bytes per event.
 */
class ReplayAllocationTest
{
    @TempDir
    Path dir;

    @Test
    void replayAllocatesNothingPerEvent()
    {
        final EventStore store = new EventStore(dir);
        final long start = LocalDate.of(2023, 1, 2).toEpochDay() * 86_400_000_000_000L;
        try (EventStoreWriter out = new EventStoreWriter(store, "synthetic"))
        {
            for (final String symbol : List.of("BTCUSDT", "ETHUSDT"))
            {
                try (SyntheticMarketSource source = new SyntheticMarketSource(
                    SyntheticInstrument.defaults(symbol, InstrumentCatalog.instrumentId(symbol)), 3, start,
                    start + 4 * 86_400_000_000_000L, 60_000))
                {
                    while (source.next())
                    {
                        out.append(symbol, source.buffer(), source.offset(), source.length(), source.timestampNs());
                    }
                }
            }
        }
        replay(store); // warm up: JIT, maps and pools reach their size
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        final long before = threads.getCurrentThreadAllocatedBytes();
        final long[] counts = replay(store);
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(counts[0] > 400_000 && counts[1] > 50, "events " + counts[0] + ", orders " + counts[1]);
        // set-up is per run, not per event: the trade log's 1.6 MB, queues, decoders, maps
        final long setUp = 1_700_000;
        assertTrue(allocated < setUp + counts[0] / 20,
            allocated + " bytes over " + counts[0] + " events: more than set-up and 0.05 bytes per event");
    }

    private static long[] replay(final EventStore store)
    {
        final BacktestDriver driver = new BacktestDriver(
            (output, timers) -> new EmaCrossEngine(output, 1, 6, 10, 500, 1_000_000_000_000L),
            reports -> new TouchFillVenue(reports, FeeSchedule.BINANCE_SPOT_BASE, 100, 100),
            LatencyModel.fixed(500_000), LatencyModel.fixed(1_000_000), LatencyModel.fixed(1_000_000),
            3_600_000_000_000L, 10_000_000_000_000L);
        driver.addStrategy(1);
        try (EventSource source = store.open(store.symbols(), LocalDate.of(2023, 1, 1), LocalDate.of(2023, 1, 10)))
        {
            driver.run(source);
        }
        return new long[]{driver.events(), driver.ledgers().get(0).execution().ordersSent()};
    }
}
