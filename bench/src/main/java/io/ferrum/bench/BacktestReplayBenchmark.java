package io.ferrum.bench;

import io.ferrum.ops.backtest.BacktestDriver;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.Backtest;
import io.ferrum.ops.backtest.BacktestConfig;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.synthetic.SyntheticMarketSource;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import org.openjdk.jmh.annotations.AuxCounters;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.util.Comparator;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

/**
 * Backtest replay speed, in events per second on one thread (JMH reports the "events"
 * counter as ops/s): a week of the two-symbol synthetic market (~1 million events) in the
 * event store, replayed (a) bare, (b) through the driver, the venue model and
 * the EMA-cross engine; (c) the synthetic generator feeding the driver directly, which is
 * what {@code ./ferrum backtest --synthetic} runs.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(value = 1, jvmArgsAppend = {"--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "-Xmx1g"})
@State(Scope.Benchmark)
public class BacktestReplayBenchmark
{
    private static final List<String> SYMBOLS = List.of("BTCUSDT", "ETHUSDT");
    private static final LocalDate FROM = LocalDate.of(2023, 1, 2);
    private static final LocalDate TO = FROM.plusDays(6);

    private Path dir;
    private EventStore store;

    @AuxCounters(AuxCounters.Type.OPERATIONS)
    @State(Scope.Thread)
    public static class Events
    {
        public long events;

        @Setup(Level.Iteration)
        public void reset()
        {
            events = 0;
        }
    }

    @Setup(Level.Trial)
    public void importWeek() throws IOException
    {
        dir = Files.createTempDirectory("ferrum-bench-backtest");
        store = new EventStore(dir);
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
    }

    @TearDown(Level.Trial)
    public void delete() throws IOException
    {
        try (Stream<Path> files = Files.walk(dir))
        {
            files.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
        }
    }

    @Benchmark
    public long replayStore(final Events counter)
    {
        long bytes = 0;
        try (EventSource source = store.open(SYMBOLS, FROM, TO))
        {
            while (source.next())
            {
                bytes += source.buffer().getByte(source.offset()) + source.length();
                counter.events++;
            }
        }
        return bytes;
    }

    @Benchmark
    public long backtestStore(final Events counter)
    {
        final BacktestDriver driver = driver();
        try (EventSource source = store.open(SYMBOLS, FROM, TO))
        {
            driver.run(source);
        }
        counter.events += driver.events();
        return driver.logPosition();
    }

    @Benchmark
    public long backtestSynthetic(final Events counter)
    {
        final BacktestDriver driver = driver();
        try (EventSource source = SyntheticMarket.open(SYMBOLS, FROM, TO, 1, SyntheticMarket.DEFAULT_EVENTS_PER_DAY))
        {
            driver.run(source);
        }
        counter.events += driver.events();
        return driver.logPosition();
    }

    private static BacktestDriver driver()
    {
        return Backtest.driver(config(SYMBOLS, FROM, TO));
    }

    /** Both engine strategies on the first symbol, default latencies and fees, hourly equity samples. */
    static BacktestConfig config(final List<String> symbols, final LocalDate from, final LocalDate to)
    {
        return new BacktestConfig(BacktestConfig.Source.SYNTHETIC, null, null, symbols, from, to, 1,
            SyntheticMarket.DEFAULT_EVENTS_PER_DAY, 500_000, 1_000_000, 1_000_000, 0, FeeSchedule.BINANCE_SPOT_BASE,
            10_000_000_000_000L, 3_600_000_000_000L,
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.BOTH, "0.01", 1, 5));
    }
}
