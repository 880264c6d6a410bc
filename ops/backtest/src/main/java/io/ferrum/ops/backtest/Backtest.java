package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.data.BinanceCsvImporter;
import io.ferrum.ops.backtest.data.EventSource;
import io.ferrum.ops.backtest.data.EventStore;
import io.ferrum.ops.backtest.data.EventStoreWriter;
import io.ferrum.ops.backtest.data.JournalImporter;
import io.ferrum.ops.backtest.data.SessionImporter;
import io.ferrum.ops.backtest.data.SessionInstruments;
import io.ferrum.ops.backtest.synthetic.SyntheticMarket;
import io.ferrum.ops.backtest.venue.EngineFillVenue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;

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
import java.util.function.BiFunction;

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
        return run(config, progress, engine -> { });
    }

    /** @param finished given the engine once the run is over, to look at its final state (books, positions) */
    static BacktestResult run(
        final BacktestConfig config, final PrintStream progress, final java.util.function.Consumer<Engine> finished)
        throws IOException
    {
        // a journal's symbols are those its live engine traded: read (and checked) before its log
        final BacktestConfig journal = config.source().isLog() ?
            config.withSymbols(journalSymbols(config)) : config;
        try (EventSource source = open(journal, progress))
        {
            // without --symbols every symbol of the imported data is replayed and the first (by name) is traded
            final BacktestConfig resolved = journal.symbols().isEmpty() && journal.source() != BacktestConfig.Source.SYNTHETIC ?
                journal.withSymbols(store(journal).symbols()) : journal;
            final Engine[] engine = new Engine[1];
            final BacktestDriver driver = driver(resolved, engine);
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
            finished.accept(engine[0]);
            return BacktestResult.of(settings(resolved), driver, wall, cpu);
        }
    }

    /**
     * The driver of a run: the real engine ({@link EngineSetup}: the config's instruments and strategies) filled by
     * its SimulatedVenue, with the config's latencies, fees and equity sampling; one ledger per strategy.
     */
    public static BacktestDriver driver(final BacktestConfig config)
    {
        return driver(config, new Engine[1]);
    }

    private static BacktestDriver driver(final BacktestConfig config, final Engine[] engine)
    {
        return driver(config, engine, new EngineFillVenue[1]);
    }

    /**
     * The spot account's start: the config's balances, or the traded (first) symbol's quote asset holding the
     * engine's initial equity (--capital for each strategy).
     */
    static Map<String, String> startBalances(final BacktestConfig config, final InstrumentRegistry instruments)
    {
        if (config.balances() != null)
        {
            return config.balances();
        }
        final int strategies = config.strategies() != null ? config.strategies().strategyIds().size() :
            (config.strategy().strategy().marketMaker() ? 1 : 0) + (config.strategy().strategy().momentum() ? 1 : 0);
        final io.ferrum.engine.instrument.Instrument traded = config.symbols().isEmpty() ? null :
            instruments.get(config.symbols().get(0));
        final String[] assets = traded == null ? null : io.ferrum.gateway.sim.venue.SpotAccounts.assetsOf(traded);
        if (assets == null)
        {
            return Map.of();
        }
        return Map.of(assets[1], io.ferrum.codecs.decimal.FixedPoint.format(
            Math.multiplyExact(config.initialCash(), Math.max(1, strategies)), StrategyLedger.MONEY_EXPONENT));
    }

    static BacktestDriver driver(final BacktestConfig config, final Engine[] engine, final EngineFillVenue[] venue)
    {
        final InstrumentRegistry instruments;
        final BiFunction<EngineOutput, TimerScheduler, Engine> build;
        if (config.source().isLog())
        {
            final DemoEngineConfig live = EngineSetup.journalEngine(config);
            instruments = live.instruments();
            build = live::newEngine;
        }
        else
        {
            instruments = EngineSetup.instruments(config);
            build = (output, timers) -> EngineSetup.engine(config, instruments, output, timers);
        }
        final BacktestDriver driver = new BacktestDriver(
            (output, timers) -> engine[0] = build.apply(output, timers),
            reports -> venue[0] = new EngineFillVenue(reports, instruments, engine[0]::book,
                config.fees().makerCentiBps(), config.fees().takerCentiBps(), startBalances(config, instruments)),
            new LatencyModel(config.dataLatencyNs(), config.latencyJitterNs(), config.seed() + 1),
            new LatencyModel(config.orderLatencyNs(), config.latencyJitterNs(), config.seed() + 2),
            new LatencyModel(config.reportLatencyNs(), config.latencyJitterNs(), config.seed() + 3),
            config.sampleIntervalNs(), config.initialCash());
        if (config.strategies() != null)
        {
            config.strategies().strategyIds().forEach(driver::addStrategy);
            return driver;
        }
        if (config.strategy().strategy().marketMaker())
        {
            driver.addStrategy(BacktestConfig.StrategyParameters.MARKET_MAKER_ID);
        }
        if (config.strategy().strategy().momentum())
        {
            driver.addStrategy(BacktestConfig.StrategyParameters.MOMENTUM_ID);
        }
        return driver;
    }

    private static EventStore store(final BacktestConfig config)
    {
        return new EventStore(config.source() == BacktestConfig.Source.DATA ?
            config.storeDir().resolve("events") : config.storeDir());
    }

    static EventSource open(final BacktestConfig config, final PrintStream progress) throws IOException
    {
        return switch (config.source())
        {
            case SYNTHETIC -> SyntheticMarket.open(config.symbols(),
                null == config.pathFrom() ? config.from() : config.pathFrom(), config.from(), config.to(), config.seed(),
                config.eventsPerDay());
            case DATA ->
            {
                importData(config, progress);
                final EventStore store = store(config);
                yield store.open(config.symbols().isEmpty() ? store.symbols() : config.symbols(), config.from(), config.to());
            }
            case JOURNAL ->
            {
                final EventStore store = store(config);
                JournalImporter.importJournal(config.dataDir(), store);
                yield store.open(List.of(JournalImporter.LOG), LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31));
            }
            case HISTORY -> store(config).open(List.of(JournalImporter.LOG), config.from(), config.to()); // imported already
            case SESSION ->
            {
                final EventStore store = store(config);
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
        final SessionImporter importer = new SessionImporter(EngineSetup.sessionInstruments(config));
        for (final Path file : SessionInstruments.recordings(config.dataDir()))
        {
            try (EventStoreWriter out = new EventStoreWriter(store, "session"))
            {
                importer.importFile(file, out);
            }
        }
    }

    /** The live run's traded symbols, in strategy order (every symbol of the data when a strategy names none). */
    private static List<String> journalSymbols(final BacktestConfig config)
    {
        return EngineSetup.journalEngine(config).tradedSymbols();
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
        // the command's "no bound" defaults are not data: the run's first and last events say what was replayed
        if (!c.from().equals(LocalDate.EPOCH))
        {
            s.put("from", String.valueOf(c.from()));
        }
        if (!c.to().equals(LocalDate.of(9999, 12, 31)))
        {
            s.put("to", String.valueOf(c.to()));
        }
        s.put("seed", Long.toString(c.seed()));
        if (c.source() == BacktestConfig.Source.SYNTHETIC)
        {
            s.put("events_per_day", Long.toString(c.eventsPerDay()));
        }
        s.put("data_latency_ns", Long.toString(c.dataLatencyNs()));
        s.put("order_latency_ns", Long.toString(c.orderLatencyNs()));
        s.put("report_latency_ns", Long.toString(c.reportLatencyNs()));
        s.put("latency_jitter_ns", Long.toString(c.latencyJitterNs()));
        s.put("maker_fee_centi_bps", Long.toString(c.fees().makerCentiBps()));
        s.put("taker_fee_centi_bps", Long.toString(c.fees().takerCentiBps()));
        s.put("initial_cash", io.ferrum.codecs.decimal.FixedPoint.format(c.initialCash(), StrategyLedger.MONEY_EXPONENT));
        s.put("sample_interval_ns", Long.toString(c.sampleIntervalNs()));
        if (c.riskConfig() != null)
        {
            s.put("risk_config", c.riskConfig().toString());
        }
        s.put("balances", c.balances() == null ? "the traded symbol's quote asset holds initial_cash for each strategy" :
            String.join(",", c.balances().entrySet().stream().map(e -> e.getKey() + "=" + e.getValue()).sorted().toList()));
        if (c.source() == BacktestConfig.Source.SESSION)
        {
            s.put("instruments", c.instruments() != null ? c.instruments().toString() :
                Files.exists(c.dataDir().resolve(SessionInstruments.EXCHANGE_INFO_FILE)) ?
                c.dataDir().resolve(SessionInstruments.EXCHANGE_INFO_FILE).toString() :
                "the session's exchangeInfo response, or derived from its depth snapshots");
        }
        if (c.source().isLog())
        {
            s.put("strategy", "the journal's engine (demo.properties, strategies.properties) on " +
                String.join(",", c.symbols()));
            return s;
        }
        if (c.strategies() != null)
        {
            s.put("strategy", "the strategies of " + c.strategies().file().origin());
            return s;
        }
        s.put("strategy", "engine " + c.strategy().strategy().name().toLowerCase(java.util.Locale.ROOT).replace('_', '-') +
            " on " + c.symbols().get(0) + " orderQuantity=" + c.strategy().orderQuantity() + " halfSpreadTicks=" +
            c.strategy().halfSpreadTicks() + " thresholdBps=" + c.strategy().thresholdBps());
        return s;
    }
}
