package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.loader.StrategyLoader;
import io.ferrum.engine.loader.StrategyManifest;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.sequencer.journal.JournalReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides the demo engine's state besides its log: the instruments, the strategies
 * and the risk limits. The demo writes it into its journal directory as {@value #FILE_NAME} (with
 * {@value #STRATEGIES_FILE_NAME} and {@value #RISK_FILE_NAME} beside it) and {@code ./ferrum replay}
 * reads it back, so the replayed engine is configured exactly as the live one was (the state hash
 * depends on it). The strategies' code is not copied: a replay loads the classes again (from
 * Ferrum and {@code FERRUM_CLASSPATH} or {@code --classpath}), and {@link ManifestCheck} refuses the
 * replay when they are not the ones the live run journaled.
 * <p>
 * Keys: {@code instruments.resource}, {@code money.exponent}, {@code strategies.config} (the
 * strategies file, in the journal, docs/strategies.md), and {@code risk.config}: the risk limits
 * (docs/risk.md) written into the journal as {@value #RISK_FILE_NAME} with the live run's
 * {@code FERRUM_RISK_*} environment overrides already applied, so that a replay reads no
 * environment; without it the engine runs the risk library without limits.
 */
public final class DemoEngineConfig
{
    public static final String FILE_NAME = "demo.properties";
    public static final String RISK_FILE_NAME = "risk.properties";
    public static final String STRATEGIES_FILE_NAME = "strategies.properties";
    /** The single member's directory inside a demo's journal. */
    public static final String MEMBER_DIR = "member-0";
    private static final long TEN_UNITS = 10L * 100_000_000L; // at the fixtures' size exponent -8

    private final Map<String, String> values;
    private final InstrumentRegistry instruments;
    private final String riskText;
    private final String riskOrigin;
    private final StrategiesFile strategies;
    private final StrategyJars jars;
    private final StrategyManifest manifest;

    private DemoEngineConfig(
        final Map<String, String> values,
        final String riskText,
        final String riskOrigin,
        final StrategiesFile strategies,
        final StrategyJars jars)
    {
        this.values = values;
        this.riskText = riskText;
        this.riskOrigin = riskOrigin;
        this.strategies = strategies;
        this.jars = jars;
        this.instruments = registry(get("instruments.resource"));
        this.manifest = StrategyLoader.load(strategies, jars).manifest();
        newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS); // every value checked now, not at the first event
    }

    /**
     * The defaults: the sample strategies of {@code config/strategies.properties}, the market maker
     * on {@code marketMakerSymbol} and the momentum taker on {@code momentumSymbol}, loaded by name as
     * a desk's strategies are.
     */
    public static DemoEngineConfig defaults(final String marketMakerSymbol, final String momentumSymbol)
    {
        final Map<String, String> values = new TreeMap<>();
        values.put("instruments.resource", InstrumentRegistry.BINANCE_FIXTURES);
        values.put("money.exponent", "-8");
        final InstrumentRegistry instruments = registry(values.get("instruments.resource"));
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
        values.put("strategies.config", STRATEGIES_FILE_NAME);
        return new DemoEngineConfig(values, null, null, StrategiesFile.parse(text, "the demo's default strategies"),
            StrategyJars.none());
    }

    /**
     * This configuration with the strategies of {@code file}, their classes from Ferrum and {@code jars}.
     *
     * @throws io.ferrum.codecs.config.ConfigException naming the file and line of a strategy that does not load
     */
    public DemoEngineConfig withStrategies(final Path file, final StrategyJars jars)
    {
        return new DemoEngineConfig(values, riskText, riskOrigin, StrategiesFile.read(file), jars);
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
        final Map<String, String> withRisk = new TreeMap<>(values);
        withRisk.put("risk.config", RISK_FILE_NAME);
        return new DemoEngineConfig(withRisk, RiskConfigParser.resolve(file, environment), file.toString(), strategies,
            jars);
    }

    /** Reads {@value #FILE_NAME} from a demo's journal directory; strategy jars from {@code FERRUM_CLASSPATH}. */
    public static DemoEngineConfig read(final Path dir)
    {
        return read(dir, StrategyJars.resolve(null, System.getenv()));
    }

    /** Reads {@value #FILE_NAME} from a demo's journal directory, the strategies' classes from Ferrum and {@code jars}. */
    public static DemoEngineConfig read(final Path dir, final StrategyJars jars)
    {
        final Path file = dir.resolve(FILE_NAME);
        if (!Files.exists(file))
        {
            throw new IllegalArgumentException(dir + " is not a demo journal: no " + FILE_NAME + " in it");
        }
        final Map<String, String> values = new TreeMap<>();
        for (final ConfigFile.Entry entry : ConfigFile.read(file).entries())
        {
            values.put(entry.key(), entry.value());
        }
        final String strategiesName = values.get("strategies.config");
        if (strategiesName == null)
        {
            throw new IllegalArgumentException(dir.resolve(FILE_NAME) + ": no strategies.config (a journal of a Ferrum" +
                " before strategies were loaded by configuration)");
        }
        final StrategiesFile strategies = StrategiesFile.read(dir.resolve(strategiesName));
        final String risk = values.get("risk.config");
        if (risk == null)
        {
            return new DemoEngineConfig(values, null, null, strategies, jars);
        }
        // The journal's limits are final: this process's environment must not change what a replay decides.
        final Path riskFile = dir.resolve(risk);
        final String text = RiskConfigParser.resolve(riskFile, Map.of());
        return new DemoEngineConfig(values, text, riskFile.toString(), strategies, jars);
    }

    public void write(final Path dir)
    {
        final StringBuilder text = new StringBuilder("# The demo engine's configuration: ./ferrum replay builds the same engine from it.\n");
        values.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        try (Writer writer = Files.newBufferedWriter(dir.resolve(FILE_NAME), StandardCharsets.UTF_8))
        {
            writer.write(text.toString());
            Files.writeString(dir.resolve(STRATEGIES_FILE_NAME), strategies.text(), StandardCharsets.UTF_8);
            if (riskText != null)
            {
                // The replay must run under the very limits the live engine had.
                Files.writeString(dir.resolve(RISK_FILE_NAME), riskText, StandardCharsets.UTF_8);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + dir.resolve(FILE_NAME), ex);
        }
    }

    public InstrumentRegistry instruments()
    {
        return instruments;
    }

    /** Which code runs, as the demo journals it on its log at start. */
    public StrategyManifest manifest()
    {
        return manifest;
    }

    /**
     * The symbols the strategies trade, by their {@code instrumentId} parameter, in strategy order;
     * empty (every symbol) when a strategy has no such parameter.
     */
    public List<String> tradedSymbols()
    {
        final List<String> symbols = new ArrayList<>();
        for (final StrategiesFile.Entry entry : strategies.entries())
        {
            final String id = entry.parameters().get(entry.prefix() + "instrumentId");
            final Instrument instrument = null == id || !id.matches("[0-9]{1,9}") ? null : instruments.get(Integer.parseInt(id));
            if (null == instrument)
            {
                return List.of();
            }
            if (!symbols.contains(instrument.symbol()))
            {
                symbols.add(instrument.symbol());
            }
        }
        return symbols;
    }

    /** A new engine with this configuration around {@code output} and {@code timers}. */
    public Engine newEngine(final EngineOutput output, final TimerScheduler timers)
    {
        final Engine.Context context = new Engine.Context()
            .instruments(instruments)
            .moneyExponent((int)number("money.exponent"))
            .output(output)
            .timerScheduler(timers)
            .preTradeCheck(riskText == null ? RiskPreTradeCheck.withoutLimits(instruments) :
                new RiskPreTradeCheck(RiskConfigParser.parse(riskText, riskOrigin, Map.of()), instruments));
        StrategyLoader.load(strategies, jars).strategies().forEach(context::addStrategy);
        return new Engine(context);
    }

    private static InstrumentRegistry registry(final String resource)
    {
        try
        {
            return InstrumentRegistry.loadResource(resource);
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("cannot load instruments " + resource + ": " + ex.getMessage());
        }
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


    private String get(final String key)
    {
        final String value = values.get(key);
        if (value == null || value.isEmpty())
        {
            throw new IllegalArgumentException("missing " + key);
        }
        return value;
    }

    private long number(final String key)
    {
        try
        {
            return Long.parseLong(get(key));
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(key + ": not an integer: '" + get(key) + "'");
        }
    }
}
