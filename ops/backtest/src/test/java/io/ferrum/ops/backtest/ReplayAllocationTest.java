package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.ops.backtest.venue.EngineFillVenue;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;
import io.ferrum.ops.backtest.synthetic.SyntheticMarketSource;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.lang.management.ManagementFactory;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The replay loop allocates nothing per event: a backtest of four days (store reader, merge,
 * driver, the real engine and its SimulatedVenue, ledger) allocates no more than one of two
 * days, set-up aside, beyond 0.05 bytes per extra event.
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
        replay(store, 4); // warm up: JIT, maps and pools reach their size
        final com.sun.management.ThreadMXBean threads =
            (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        long before = threads.getCurrentThreadAllocatedBytes();
        final long[] shortRun = replay(store, 2);
        final long shortAllocated = threads.getCurrentThreadAllocatedBytes() - before;
        before = threads.getCurrentThreadAllocatedBytes();
        final long[] longRun = replay(store, 4);
        final long longAllocated = threads.getCurrentThreadAllocatedBytes() - before;
        assertTrue(longRun[0] > 2 * shortRun[0] * 9 / 10 && longRun[1] > 50,
            "events " + longRun[0] + ", orders " + longRun[1]);
        // set-up (engine, venue, trade log, queues, decoders, maps) is the same for both runs: what the longer
        // run allocates beyond the shorter must be nothing per event
        final long extraEvents = longRun[0] - shortRun[0];
        assertTrue(longAllocated - shortAllocated < extraEvents / 20, (longAllocated - shortAllocated) +
            " more bytes for " + extraEvents + " more events: more than 0.05 bytes per event");
    }

    private static long[] replay(final EventStore store, final int days)
    {
        final BacktestConfig config = TestConfigs.synthetic(3);
        final InstrumentRegistry instruments = EngineSetup.instruments(config);
        final Engine[] engine = new Engine[1];
        final BacktestDriver driver = new BacktestDriver(
            (output, timers) -> engine[0] = EngineSetup.engine(config, instruments, output, timers),
            reports -> new EngineFillVenue(reports, instruments, engine[0]::book, FeeSchedule.BINANCE_SPOT_BASE.makerCentiBps(),
                FeeSchedule.BINANCE_SPOT_BASE.takerCentiBps()),
            LatencyModel.fixed(500_000), LatencyModel.fixed(1_000_000), LatencyModel.fixed(1_000_000),
            3_600_000_000_000L, 10_000_000_000_000L);
        driver.addStrategy(BacktestConfig.StrategyParameters.MARKET_MAKER_ID);
        driver.addStrategy(BacktestConfig.StrategyParameters.MOMENTUM_ID);
        try (EventSource source = store.open(store.symbols(), LocalDate.of(2023, 1, 2), LocalDate.of(2023, 1, 1 + days)))
        {
            driver.run(source);
        }
        return new long[]{driver.events(),
            driver.ledgers().get(0).execution().ordersSent() + driver.ledgers().get(1).execution().ordersSent()};
    }
}
