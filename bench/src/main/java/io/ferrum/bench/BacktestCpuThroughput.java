package io.ferrum.bench;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.ops.backtest.BacktestDriver;
import io.ferrum.ops.backtest.LatencyModel;
import io.ferrum.ops.backtest.venue.VenueModel;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.Backtest;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.synthetic.SyntheticMarketSource;
import org.agrona.DirectBuffer;

import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;

/**
 * The backtest replay's cost per event in CPU time of the replaying thread, which other
 * load on a shared machine does not inflate the way it inflates wall-clock throughput
 * (BacktestReplayBenchmark). Replays the week of BacktestReplayBenchmark from the event
 * store, peeling layers: the driver with a no-op engine and venue; the driver with the real
 * engine (both sample strategies) and its SimulatedVenue; then the synthetic generator feeding
 * that full path.
 * Prints the median of the last rounds per layer.
 * <p>
 * {@code java -cp ... io.ferrum.bench.BacktestCpuThroughput [rounds [layer...]]}: layers by index (0 to 2),
 * all by default; one layer alone is what a profiler should watch.
 */
public final class BacktestCpuThroughput
{
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final LocalDate FROM = LocalDate.of(2023, 1, 2);
    private static final LocalDate TO = FROM.plusDays(6);
    private static final String[] LAYERS = {"driver, no-op engine and venue", "driver + real engine + SimulatedVenue",
        "synthetic generator + driver + engine + venue"};

    private BacktestCpuThroughput()
    {
    }

    public static void main(final String[] args) throws Exception
    {
        final int rounds = args.length > 0 ? Integer.parseInt(args[0]) : 9;
        final boolean[] measured = new boolean[LAYERS.length];
        for (int i = 1; i < args.length; i++)
        {
            measured[Integer.parseInt(args[i])] = true;
        }
        if (args.length < 2)
        {
            Arrays.fill(measured, true);
        }
        final Path dir = Files.createTempDirectory("ferrum-backtest-cpu");
        final EventStore store = new EventStore(dir);
        final long start = FROM.atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        final long end = TO.plusDays(1).atStartOfDay(ZoneOffset.UTC).toEpochSecond() * 1_000_000_000L;
        try (EventStoreWriter out = new EventStoreWriter(store, "synthetic"))
        {
            for (final String symbol : SYMBOLS)
            {
                try (SyntheticMarketSource source = new SyntheticMarketSource(
                    SyntheticInstrument.defaults(symbol, InstrumentCatalog.instrumentId(symbol)), 1, start, end,
                    SyntheticMarket.DEFAULT_EVENTS_PER_DAY))
                {
                    while (source.next())
                    {
                        out.append(symbol, source.buffer(), source.offset(), source.length(), source.timestampNs());
                    }
                }
            }
        }
        final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
        final double[][] nsPerEvent = new double[LAYERS.length][rounds];
        long events = 0;
        for (int round = 0; round < rounds; round++)
        {
            for (int layer = 0; layer < LAYERS.length; layer++)
            {
                if (!measured[layer])
                {
                    continue;
                }
                final BacktestDriver driver = driver(layer);
                final long cpu = threads.getCurrentThreadCpuTime();
                try (EventSource source = layer == 2 ?
                    SyntheticMarket.open(SYMBOLS, FROM, TO, 1, SyntheticMarket.DEFAULT_EVENTS_PER_DAY) :
                    store.open(SYMBOLS, FROM, TO))
                {
                    driver.run(source);
                }
                nsPerEvent[layer][round] = (double)(threads.getCurrentThreadCpuTime() - cpu) / driver.events();
                events = driver.events();
            }
        }
        System.out.printf(Locale.ROOT, "%,d events per replay, %d rounds, median of the last %d%n",
            events, rounds, rounds - rounds / 3);
        for (int layer = 0; layer < LAYERS.length; layer++)
        {
            if (!measured[layer])
            {
                continue;
            }
            final double[] last = Arrays.copyOfRange(nsPerEvent[layer], rounds / 3, rounds);
            Arrays.sort(last);
            final double median = last[last.length / 2];
            System.out.printf(Locale.ROOT, "%-48s %6.1f ns/event  %5.1f M events per CPU-second%n",
                LAYERS[layer], median, 1e3 / median);
        }
        try (var files = Files.walk(dir))
        {
            files.sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    private static BacktestDriver driver(final int layer)
    {
        if (layer >= 1)
        {
            return Backtest.driver(BacktestReplayBenchmark.config(SYMBOLS, FROM, TO));
        }
        final BacktestDriver driver = new BacktestDriver(
            (output, timers) -> new EngineInput()
            {
                public void onInput(final DirectBuffer b, final int o, final int l, final long p, final long t)
                {
                }

                public void onTimer(final long timerId, final long timestampNs)
                {
                }
            },
            reports -> new VenueModel()
            {
                public void onOrder(final DirectBuffer b, final int o, final int l, final long t)
                {
                }

                public void onMarketData(final DirectBuffer b, final int o, final int l, final long t)
                {
                }
            },
            LatencyModel.fixed(500_000), LatencyModel.fixed(1_000_000), LatencyModel.fixed(1_000_000),
            3_600_000_000_000L, 10_000_000_000_000L);
        driver.addStrategy(1);
        return driver;
    }
}
