package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.loader.StrategyManifest;
import io.ferrum.engine.spec.EngineSpec;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.risk.RiskConfigParser;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;

/**
 * A demo's {@link EngineSpec} and its place in the demo's journal: the demo writes the spec as
 * {@value #FILE_NAME} (with {@value #STRATEGIES_FILE_NAME} and {@value #RISK_FILE_NAME} beside it, relative
 * paths being the journal's) and {@code ./ferrum replay} and {@code backtest --journal} read it back, so the
 * replayed engine is configured exactly as the live one was (the state hash depends on it). The limits are
 * kept with the live run's {@code FERRUM_RISK_*} overrides applied, so that a replay reads no environment.
 * The strategies' code is not copied: a replay loads the classes again (from Ferrum and
 * {@code FERRUM_CLASSPATH} or {@code --classpath}), and {@link ManifestCheck} refuses the replay when
 * they are not the ones the live run journaled.
 */
public final class DemoEngineConfig
{
    public static final String FILE_NAME = "demo.properties";
    public static final String RISK_FILE_NAME = "risk.properties";
    public static final String STRATEGIES_FILE_NAME = "strategies.properties";
    /** The single member's directory inside a demo's journal. */
    public static final String MEMBER_DIR = "member-0";
    /** How journals written before the one engine spec named their strategies file. */
    private static final String JOURNAL_STRATEGIES_KEY = "strategies.config";
    private static final long TEN_UNITS = 10L * 100_000_000L; // at the fixtures' size exponent -8

    private final EngineSpec spec;

    private DemoEngineConfig(final EngineSpec spec)
    {
        this.spec = spec;
    }

    /**
     * The defaults: the recorded sessions' instruments and the sample strategies of {@code config/strategies.properties},
     * the market maker on {@code marketMakerSymbol} and the momentum taker on {@code momentumSymbol}, loaded by name as a
     * desk's strategies are.
     */
    public static DemoEngineConfig defaults(final String marketMakerSymbol, final String momentumSymbol)
    {
        final InstrumentRegistry instruments = EngineSpec.defaults().instruments();
        final String text =
            "strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker\n" +
            "strategy.mm.strategyId = 1\n" +
            "strategy.mm.instrumentId = " + instrumentId(instruments, marketMakerSymbol) + "\n" +
            "strategy.mm.quoteQuantity = " + TEN_UNITS + "\n" +
            "strategy.mm.halfSpreadTicks = 1\n" +
            "strategy.mm.maxPosition = " + 5 * TEN_UNITS + "\n" +
            "strategy.mm.maxSkewTicks = 3\n" +
            "strategy.mm.requoteTicks = 1\n" +
            "strategy.momentum.class = io.ferrum.engine.strategy.momentum.MomentumTaker\n" +
            "strategy.momentum.strategyId = 2\n" +
            "strategy.momentum.instrumentId = " + instrumentId(instruments, momentumSymbol) + "\n" +
            "strategy.momentum.lookbackTrades = 5\n" +
            "strategy.momentum.thresholdBps = 2\n" +
            "strategy.momentum.orderQuantity = " + TEN_UNITS + "\n" +
            "strategy.momentum.maxPosition = " + 3 * TEN_UNITS + "\n" +
            "strategy.momentum.holdNs = 30000000000\n" +
            "strategy.momentum.cooldownNs = 2000000000\n";
        return new DemoEngineConfig(EngineSpec.defaults()
            .withStrategies(StrategiesFile.parse(text, "the demo's default strategies"), StrategyJars.none()).check());
    }

    /** A demo of {@code spec} (the latency bench's, whose strategies are its harness's). */
    public static DemoEngineConfig of(final EngineSpec spec)
    {
        return new DemoEngineConfig(spec.check());
    }

    /**
     * This configuration with the strategies of {@code file}, their classes from Ferrum and {@code jars}.
     *
     * @throws io.ferrum.codecs.config.ConfigException naming the file and line of a strategy that does not load
     */
    public DemoEngineConfig withStrategies(final Path file, final StrategyJars jars)
    {
        return withStrategies(StrategiesFile.read(file), jars);
    }

    /** As {@link #withStrategies(Path, StrategyJars)} for a strategies file read already. */
    public DemoEngineConfig withStrategies(final StrategiesFile strategies, final StrategyJars jars)
    {
        return new DemoEngineConfig(spec.withStrategies(strategies, jars).check());
    }

    /**
     * This configuration with pre-trade risk from {@code file} plus this process's {@code FERRUM_RISK_*}
     * overrides, resolved now: what the engine runs under and what {@link #write} puts in the journal.
     *
     * @throws io.ferrum.risk.RiskConfigException naming the file, line or variable, key and problem
     */
    public DemoEngineConfig withRiskConfig(final Path file)
    {
        return withRiskConfig(file, System.getenv());
    }

    /** As {@link #withRiskConfig(Path)} with explicit environment overrides (tests). */
    public DemoEngineConfig withRiskConfig(final Path file, final Map<String, String> environment)
    {
        return new DemoEngineConfig(spec.withRisk(RiskConfigParser.resolve(file, environment), file.toString()).check());
    }

    /** Reads {@value #FILE_NAME} from a demo's journal directory; strategy jars from {@code FERRUM_CLASSPATH}. */
    public static DemoEngineConfig read(final Path dir)
    {
        return read(dir, StrategyJars.resolve(null, System.getenv()));
    }

    /**
     * Reads {@value #FILE_NAME} from a demo's journal directory, the strategies' classes from Ferrum and {@code jars}.
     *
     * @throws IllegalArgumentException when {@code dir} is no demo journal, or one of a Ferrum that did not load
     *                                  strategies by configuration
     * @throws ConfigException          naming the file and line of what is wrong in it
     */
    public static DemoEngineConfig read(final Path dir, final StrategyJars jars)
    {
        final Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            throw new IllegalArgumentException(dir + " is not a demo journal: no " + FILE_NAME + " in it");
        }
        final List<ConfigFile.Entry> entries = new ArrayList<>();
        boolean strategies = false;
        for (final ConfigFile.Entry entry : ConfigFile.read(file).entries())
        {
            final boolean older = JOURNAL_STRATEGIES_KEY.equals(entry.key());
            strategies |= older || EngineSpec.STRATEGIES.equals(entry.key());
            entries.add(older ? new ConfigFile.Entry(EngineSpec.STRATEGIES, entry.value(), entry.origin(), entry.line()) : entry);
        }
        if (!strategies)
        {
            throw new IllegalArgumentException(file + ": no " + EngineSpec.STRATEGIES + " (a journal of a Ferrum" +
                " before strategies were loaded by configuration)");
        }
        try
        {
            // the journal's limits are final: this process's environment must not change what a replay decides
            return new DemoEngineConfig(EngineSpec.parse(entries, "", dir, Map.of(), jars));
        }
        catch (final RiskConfigException ex)
        {
            throw ex;
        }
        catch (final ConfigException ex)
        {
            // demo.properties is the journal's data, not a person's configuration: damaged, it is a data error
            if (ex.getMessage().startsWith(file + ":"))
            {
                throw new IllegalArgumentException(ex.getMessage(), ex);
            }
            throw ex;
        }
    }

    public void write(final Path dir)
    {
        try
        {
            Files.writeString(dir.resolve(FILE_NAME), "# The demo engine's specification: ./ferrum replay builds the same" +
                " engine from it.\n" + spec.text(STRATEGIES_FILE_NAME, RISK_FILE_NAME), StandardCharsets.UTF_8);
            Files.writeString(dir.resolve(STRATEGIES_FILE_NAME),
                null == spec.strategies() ? "" : spec.strategies().text(), StandardCharsets.UTF_8);
            if (null != spec.riskText())
            {
                // the replay must run under the very limits the live engine had
                Files.writeString(dir.resolve(RISK_FILE_NAME), spec.riskText(), StandardCharsets.UTF_8);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), ex);
        }
    }

    /** The engine specification the demo runs. */
    public EngineSpec spec()
    {
        return spec;
    }

    public InstrumentRegistry instruments()
    {
        return spec.instruments();
    }

    /** Which code runs, as the demo journals it on its log at start. */
    public StrategyManifest manifest()
    {
        return spec.manifest();
    }

    /** @see EngineSpec#tradedSymbols() */
    public List<String> tradedSymbols()
    {
        return spec.tradedSymbols();
    }

    /** A new engine with this configuration around {@code output} and {@code timers}. */
    public Engine newEngine(final EngineOutput output, final TimerScheduler timers)
    {
        return spec.newEngine(output, timers);
    }

    private static int instrumentId(final InstrumentRegistry instruments, final String symbol)
    {
        final Instrument instrument = instruments.get(symbol);
        if (instrument == null)
        {
            throw new IllegalArgumentException("unknown symbol '" + symbol + "'");
        }
        return instrument.instrumentId();
    }
}
