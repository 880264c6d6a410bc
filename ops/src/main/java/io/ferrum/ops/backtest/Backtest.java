package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.data.BinanceCsvImporter;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.SessionImporter;
import io.ferrum.ops.backtest.strategy.EmaCrossEngine;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.venue.EngineFillVenue;
import io.ferrum.ops.backtest.venue.TouchFillVenue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.InstrumentRegistry;

import java.io.IOException;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.lang.management.ThreadMXBean;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

/**
 * One backtest from a {@link BacktestConfig}: imports text data once into the event
 * store when needed, opens the time-ordered stream, and runs the engine through the
 * driver and venue model on the calling thread.
 */
public final class Backtest
{
    private Backtest()
    {
    }

    public static BacktestResult run(final BacktestConfig config, final PrintStream progress) throws IOException
    {
        try (EventSource source = open(config, progress))
        {
            final BacktestConfig.StrategyParameters p = config.strategy();
            final boolean standIn = p.strategy() == BacktestConfig.Strategy.EMA_CROSS;
            final InstrumentRegistry instruments = standIn ? null : EngineSetup.instruments(config);
            final Engine[] engine = new Engine[1];
            final BacktestDriver driver = new BacktestDriver(
                (output, timers) -> standIn ?
                    new EmaCrossEngine(output, p.strategyId(), p.fastShift(), p.slowShift(), p.bandCentiBps(), p.notional()) :
                    (engine[0] = EngineSetup.engine(config, instruments, output, timers)),
                reports -> standIn ?
                    new TouchFillVenue(reports, config.fees(), config.impactCentiBps(), config.halfSpreadCentiBps()) :
                    new EngineFillVenue(reports, instruments, engine[0]::book, config.fees().makerCentiBps(),
                        config.fees().takerCentiBps()),
                new LatencyModel(config.dataLatencyNs(), config.latencyJitterNs(), config.seed() + 1),
                new LatencyModel(config.orderLatencyNs(), config.latencyJitterNs(), config.seed() + 2),
                new LatencyModel(config.reportLatencyNs(), config.latencyJitterNs(), config.seed() + 3),
                config.sampleIntervalNs(), config.initialCash());
            driver.addStrategy(p.strategyId());
            if (progress != null)
            {
                final long started = System.nanoTime();
                driver.progress(events ->
                {
                    if ((events & ((1 << 24) - 1)) == 0)
                    {
                        progress.printf("backtest: %,d events, %,.0f events/s%n", events,
                            events * 1e9 / (System.nanoTime() - started));
                    }
                });
            }
            final ThreadMXBean threads = ManagementFactory.getThreadMXBean();
            final long cpuStart = threads.getCurrentThreadCpuTime();
            final long start = System.nanoTime();
            driver.run(source);
            final long wall = System.nanoTime() - start;
            final long cpu = threads.getCurrentThreadCpuTime() - cpuStart;
            return BacktestResult.of(settings(config), driver, wall, cpu);
        }
    }

    static EventSource open(final BacktestConfig config, final PrintStream progress) throws IOException
    {
        return switch (config.source())
        {
            case SYNTHETIC -> SyntheticMarket.open(config.symbols(), config.from(), config.to(), config.seed(),
                config.eventsPerDay());
            case DATA ->
            {
                importData(config, progress);
                final EventStore store = new EventStore(config.storeDir().resolve("events"));
                yield store.open(config.symbols().isEmpty() ? store.symbols() : config.symbols(), config.from(), config.to());
            }
            case SESSION ->
            {
                final EventStore store = new EventStore(config.storeDir());
                importSession(config, store);
                yield store.open(config.symbols().isEmpty() ? store.symbols() : config.symbols(),
                    LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31));
            }
        };
    }

    /**
     * Imports every dump whose name's date is in range and whose import is not recorded yet:
     * all of its rows (the store keeps whole days; runs pick days), and a marker per source
     * file (size and modification time) under {@code storeDir/imported/} makes later runs,
     * whatever their range, skip the text.
     */
    public static void importData(final BacktestConfig config, final PrintStream progress) throws IOException
    {
        final BinanceCsvImporter selection = new BinanceCsvImporter(config.from(), config.to());
        final Path markers = Files.createDirectories(config.storeDir().resolve("imported"));
        for (final Path file : selection.filesIn(config.dataDir()))
        {
            final Path marker = markers.resolve(file.getFileName() + ".done");
            final String stamp = Files.size(file) + " " + Files.getLastModifiedTime(file).toMillis();
            if (Files.exists(marker) && Files.readString(marker, StandardCharsets.US_ASCII).equals(stamp))
            {
                continue;
            }
            final BinanceCsvImporter importer = new BinanceCsvImporter(LocalDate.EPOCH, LocalDate.of(9999, 12, 31)) /* every row */;
            try (EventStoreWriter out = new EventStoreWriter(
                new EventStore(config.storeDir().resolve("events")), BinanceCsvImporter.streamOf(file)))
            {
                importer.importFile(file, out);
            }
            Files.writeString(marker, stamp, StandardCharsets.US_ASCII);
            if (progress != null)
            {
                progress.println("backtest: imported " + file);
            }
        }
    }

    private static void importSession(final BacktestConfig config, final EventStore store) throws IOException
    {
        final SessionImporter importer = new SessionImporter();
        try (Stream<Path> files = Files.list(config.dataDir()))
        {
            final List<Path> frames = files.filter(p -> p.getFileName().toString().endsWith(".frames.jsonl")).sorted().toList();
            if (frames.isEmpty())
            {
                throw new IOException(config.dataDir() + ": no *.frames.jsonl recorded session here");
            }
            for (final Path file : frames)
            {
                try (EventStoreWriter out = new EventStoreWriter(store, "session"))
                {
                    importer.importFile(file, out);
                }
            }
        }
    }

    private static Map<String, String> settings(final BacktestConfig c)
    {
        final Map<String, String> s = new LinkedHashMap<>();
        s.put("source", c.source().name().toLowerCase(java.util.Locale.ROOT));
        if (c.dataDir() != null)
        {
            s.put("data", c.dataDir().toString());
        }
        s.put("symbols", String.join(",", c.symbols()));
        s.put("from", String.valueOf(c.from()));
        s.put("to", String.valueOf(c.to()));
        s.put("seed", Long.toString(c.seed()));
        if (c.source() == BacktestConfig.Source.SYNTHETIC)
        {
            s.put("eventsPerDay", Long.toString(c.eventsPerDay()));
        }
        s.put("dataLatencyNs", Long.toString(c.dataLatencyNs()));
        s.put("orderLatencyNs", Long.toString(c.orderLatencyNs()));
        s.put("reportLatencyNs", Long.toString(c.reportLatencyNs()));
        s.put("latencyJitterNs", Long.toString(c.latencyJitterNs()));
        s.put("makerFeeCentiBps", Long.toString(c.fees().makerCentiBps()));
        s.put("takerFeeCentiBps", Long.toString(c.fees().takerCentiBps()));
        s.put("impactCentiBps", Long.toString(c.impactCentiBps()));
        s.put("initialCash", io.ferrum.codecs.decimal.FixedPoint.format(c.initialCash(), StrategyLedger.MONEY_EXPONENT));
        s.put("sampleIntervalNs", Long.toString(c.sampleIntervalNs()));
        s.put("strategy", c.strategy().strategy() == BacktestConfig.Strategy.EMA_CROSS ?
            "ema-cross (stand-in) fast=" + c.strategy().fastShift() + " slow=" + c.strategy().slowShift() +
            " bandCentiBps=" + c.strategy().bandCentiBps() + " notional=" +
            io.ferrum.codecs.decimal.FixedPoint.format(c.strategy().notional(), StrategyLedger.MONEY_EXPONENT) :
            "engine " + c.strategy().strategy().name().toLowerCase(java.util.Locale.ROOT) + " on " +
            c.symbols().get(0) + " orderQuantity=" + c.strategy().orderQuantity());
        return s;
    }
}
