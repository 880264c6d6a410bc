package io.ferrum.engine.spec;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.LoadedStrategies;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.loader.StrategyLoader;
import io.ferrum.engine.loader.StrategyManifest;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.risk.RiskConfigParser;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

/**
 * Everything besides its log that decides an engine's state: the instruments, the strategies (classes,
 * jars, parameters), the pre-trade risk limits, the money exponent and the starting equity. The demo,
 * a cluster member, a replay, a backtest, a parity check and the latency bench all build their engine
 * with {@link #newEngine}: one wiring, so that what a backtest decides is what the live engine decides.
 * <p>
 * Written as {@code key = value} lines in the one strict format ({@link ConfigFile}: a repeated key, a
 * line without {@code =} or an unknown key is an error naming the file and line): on its own in a
 * demo's journal ({@code demo.properties}), and with the {@code engine.} prefix in the cluster file.
 * <pre>
 * instruments = FILE            # an instruments file; default: the recorded Binance sessions' (instruments.resource)
 * instruments.resource = NAME   # or a class-path resource, e.g. /io/ferrum/engine/instrument/binance-fixtures.instruments
 * strategies = FILE             # a strategies file (docs/strategies.md); default: none
 * risk.config = FILE            # pre-trade limits (docs/risk.md); default: none (the risk library without limits)
 * money.exponent = -8           # money's fixed-point exponent
 * initial.equity = N            # the portfolio's starting equity, at money.exponent (default: the engine's)
 * </pre>
 * A relative path is resolved against the directory the caller names (a journal's own directory; the
 * working directory for the cluster file, as its {@code cluster.dir}). The limits are read once, with
 * the {@code FERRUM_RISK_*} overrides the caller passes, into one text ({@link #riskText()}) that a
 * journal keeps, so that a replay reads no environment.
 */
public final class EngineSpec
{
    public static final String INSTRUMENTS = "instruments";
    public static final String INSTRUMENTS_RESOURCE = "instruments.resource";
    public static final String STRATEGIES = "strategies";
    public static final String RISK_CONFIG = "risk.config";
    public static final String MONEY_EXPONENT = "money.exponent";
    public static final String INITIAL_EQUITY = "initial.equity";
    private static final Pattern BALANCE_CHECK_LINE =
        Pattern.compile("(?m)^\\s*" + Pattern.quote(RiskConfigParser.BALANCE_CHECK) + "\\s*=");
    private static final List<String> KEYS =
        List.of(INSTRUMENTS, INSTRUMENTS_RESOURCE, STRATEGIES, RISK_CONFIG, MONEY_EXPONENT, INITIAL_EQUITY);
    /** The sample strategies' own keys, before the samples were loaded from a strategies file as any strategy. */
    private static final List<String> LEGACY_PREFIXES = List.of("marketmaker.", "momentum.");
    private static final int DEFAULT_MONEY_EXPONENT = -8;
    /** Leaves the engine's own default equity. */
    private static final long DEFAULT_EQUITY = 0;

    private final InstrumentRegistry instruments;
    /** The class-path resource the instruments came from, or null: a journal names them by it. */
    private final String instrumentsResource;
    private final StrategiesFile strategies;
    private final StrategyJars jars;
    private final String riskText;
    private final String riskOrigin;
    private final int moneyExponent;
    private final long initialEquity;

    private EngineSpec(
        final InstrumentRegistry instruments,
        final String instrumentsResource,
        final StrategiesFile strategies,
        final StrategyJars jars,
        final String riskText,
        final String riskOrigin,
        final int moneyExponent,
        final long initialEquity)
    {
        this.instruments = instruments;
        this.instrumentsResource = instrumentsResource;
        this.strategies = strategies;
        this.jars = jars;
        this.riskText = riskText;
        this.riskOrigin = riskOrigin;
        this.moneyExponent = moneyExponent;
        this.initialEquity = initialEquity;
    }

    /** The recorded Binance sessions' instruments, no strategy, no limits. */
    public static EngineSpec defaults()
    {
        return new EngineSpec(resource(InstrumentRegistry.BINANCE_FIXTURES), InstrumentRegistry.BINANCE_FIXTURES, null,
            StrategyJars.none(), null, null, DEFAULT_MONEY_EXPONENT, DEFAULT_EQUITY);
    }

    /**
     * Reads a spec file; relative paths in it are resolved against its own directory.
     *
     * @throws ConfigException naming the file and line of what is wrong, or of a strategy that does not load
     */
    public static EngineSpec read(final Path file, final StrategyJars jars)
    {
        final Path dir = file.toAbsolutePath().getParent();
        return parse(ConfigFile.read(file).entries(), "", dir, Map.of(), jars);
    }

    /**
     * @param entries     the spec's lines (for the cluster file: its {@code engine.} lines)
     * @param prefix      what every key starts with: {@code ""} in a spec file, {@code "engine."} in the cluster file
     * @param base        what a relative path is relative to
     * @param environment {@code FERRUM_RISK_*} overrides of the risk file's limits
     * @param jars        where the strategies' classes come from besides Ferrum
     * @throws ConfigException naming the file and line
     */
    public static EngineSpec parse(
        final List<ConfigFile.Entry> entries, final String prefix, final Path base, final Map<String, String> environment,
        final StrategyJars jars)
    {
        final Map<String, ConfigFile.Entry> byKey = new LinkedHashMap<>();
        for (final ConfigFile.Entry entry : entries)
        {
            final String key = entry.key().startsWith(prefix) ? entry.key().substring(prefix.length()) : entry.key();
            for (final String legacy : LEGACY_PREFIXES)
            {
                if (key.startsWith(legacy))
                {
                    throw entry.error("is no longer read: the sample strategies load as any strategy does, from a" +
                        " strategies file named by '" + prefix + STRATEGIES + "' (strategy." + legacy + "class = " +
                        sampleClass(legacy) + " and strategy." + legacy + "<parameter> lines, as in" +
                        " config/strategies.properties; docs/strategies.md)");
                }
            }
            if (!entry.key().startsWith(prefix) || !KEYS.contains(key))
            {
                throw entry.error("is unknown: expected one of " + KEYS.stream().map(k -> prefix + k).toList());
            }
            if (null != byKey.put(key, entry))
            {
                throw entry.error("is given twice");
            }
        }
        if (byKey.containsKey(INSTRUMENTS) && byKey.containsKey(INSTRUMENTS_RESOURCE))
        {
            throw byKey.get(INSTRUMENTS_RESOURCE).error("does not go with '" + prefix + INSTRUMENTS +
                "': one source of instruments");
        }
        EngineSpec spec = defaults().withJars(jars);
        for (final Map.Entry<String, ConfigFile.Entry> keyed : byKey.entrySet())
        {
            final ConfigFile.Entry entry = keyed.getValue();
            try
            {
                spec = spec.with(keyed.getKey(), entry.value(), base, environment);
            }
            catch (final RiskConfigException ex)
            {
                throw new RiskConfigException(entry.where() + ": " + ex.getMessage());
            }
            catch (final ConfigException ex)
            {
                throw new ConfigException(entry.where() + ": " + ex.getMessage(), ex);
            }
            catch (final IOException | RuntimeException ex)
            {
                // the cause stays: a missing file is no input (exit 66), not a bad configuration
                throw new ConfigException(entry.where() + ": key '" + entry.key() + "' cannot be used: " + ex, ex);
            }
        }
        try
        {
            return spec.check();
        }
        catch (final RiskConfigException ex)
        {
            final ConfigFile.Entry risk = byKey.get(RISK_CONFIG);
            throw null == risk ? ex : new RiskConfigException(risk.where() + ": " + ex.getMessage());
        }
    }

    private EngineSpec with(final String key, final String value, final Path base, final Map<String, String> environment)
        throws IOException
    {
        return switch (key)
        {
            case INSTRUMENTS ->
            {
                yield withInstruments(InstrumentRegistry.load(base.resolve(value)));
            }
            case INSTRUMENTS_RESOURCE -> new EngineSpec(resource(value), value, strategies, jars, riskText, riskOrigin,
                moneyExponent, initialEquity);
            case STRATEGIES -> withStrategies(StrategiesFile.read(base.resolve(value)), jars);
            case RISK_CONFIG ->
            {
                final Path file = base.resolve(value);
                yield withRisk(RiskConfigParser.resolve(file, environment), file.toString());
            }
            case MONEY_EXPONENT -> new EngineSpec(instruments, instrumentsResource, strategies, jars, riskText, riskOrigin,
                Integer.parseInt(value), initialEquity);
            case INITIAL_EQUITY -> withInitialEquity(Long.parseLong(value));
            default -> throw new IllegalStateException(key);
        };
    }

    private static String sampleClass(final String legacyPrefix)
    {
        return legacyPrefix.startsWith("marketmaker") ?
            "io.ferrum.engine.strategy.marketmaker.MarketMaker" : "io.ferrum.engine.strategy.momentum.MomentumTaker";
    }

    /** These instruments (a backtest's, of its data) instead; a spec with them cannot be written by name ({@link #text}). */
    public EngineSpec withInstruments(final InstrumentRegistry instruments)
    {
        return new EngineSpec(instruments, null, strategies, jars, riskText, riskOrigin, moneyExponent, initialEquity);
    }

    /** @param strategies the strategies, or null for none; their classes from Ferrum and {@code jars} */
    public EngineSpec withStrategies(final StrategiesFile strategies, final StrategyJars jars)
    {
        return new EngineSpec(instruments, instrumentsResource, strategies, jars, riskText, riskOrigin, moneyExponent,
            initialEquity);
    }

    public EngineSpec withJars(final StrategyJars jars)
    {
        return withStrategies(strategies, jars);
    }

    /**
     * @param text   the limits, {@code FERRUM_RISK_*} overrides already applied ({@link RiskConfigParser#resolve}), or null
     *               for none
     * @param origin names them in errors
     */
    public EngineSpec withRisk(final String text, final String origin)
    {
        if (null != text)
        {
            RiskConfigParser.parse(text, origin, Map.of()); // refused now, not at the first engine
        }
        return new EngineSpec(instruments, instrumentsResource, strategies, jars, text, origin, moneyExponent, initialEquity);
    }

    /**
     * For a venue that reports its account's balances (Binance): the balance rule on
     * ({@code risk.balance.check = venue}, docs/risk.md) unless the risk limits set it themselves. It goes into the
     * risk text, so the journal keeps it and a replay decides under it too. Without risk limits the text holds only
     * this line: the risk tables then have their default capacities (64 strategies, 256 instruments).
     */
    public EngineSpec withVenueBalances()
    {
        if (null != riskText && BALANCE_CHECK_LINE.matcher(riskText).find())
        {
            return this;
        }
        final String line = RiskConfigParser.BALANCE_CHECK + " = venue\n";
        return null == riskText ? withRisk(line, "the binance venue's default (" + RiskConfigParser.BALANCE_CHECK + ")") :
            withRisk(riskText + (riskText.endsWith("\n") ? "" : "\n") + line, riskOrigin);
    }

    public EngineSpec withInitialEquity(final long initialEquity)
    {
        if (initialEquity <= 0)
        {
            throw new IllegalArgumentException("the initial equity must be positive: " + initialEquity);
        }
        return new EngineSpec(instruments, instrumentsResource, strategies, jars, riskText, riskOrigin, moneyExponent,
            initialEquity);
    }

    /**
     * Builds one engine now, with output and timers that go nowhere: every strategy loads and the limits fit the
     * instruments and strategies, or this throws, before any host starts.
     *
     * @return this
     */
    public EngineSpec check()
    {
        newEngine((buffer, offset, length) -> true, new TimerScheduler()
        {
            public boolean schedule(final long timerId, final long deadlineNs)
            {
                return true;
            }

            public boolean cancel(final long timerId)
            {
                return true;
            }
        });
        return this;
    }

    /** A new engine (its own strategy instances) around a host's output and timers. */
    public Engine newEngine(final EngineOutput output, final TimerScheduler timers)
    {
        final Engine.Context context = new Engine.Context()
            .instruments(instruments)
            .moneyExponent(moneyExponent)
            .output(output)
            .timerScheduler(timers);
        if (DEFAULT_EQUITY != initialEquity)
        {
            context.initialEquity(initialEquity);
        }
        if (null != strategies)
        {
            StrategyLoader.load(strategies, jars).strategies().forEach(context::addStrategy);
        }
        try
        {
            context.preTradeCheck(null == riskText ?
                RiskPreTradeCheck.withoutLimits(instruments, context.maxStrategyId()) :
                new RiskPreTradeCheck(RiskConfigParser.parse(riskText, riskOrigin, Map.of()), instruments));
            return new Engine(context);
        }
        catch (final IllegalStateException ex)
        {
            if (null == riskText)
            {
                throw ex;
            }
            // the limits' tables are too small for these instruments or strategies
            throw new RiskConfigException(riskOrigin + ": " + ex.getMessage());
        }
    }

    /** Which code runs, as a host journals it on its log at start (empty without strategies). */
    public StrategyManifest manifest()
    {
        return null == strategies ? new StrategyManifest(io.ferrum.strategy.StrategyApi.MAJOR, List.of()) :
            StrategyLoader.load(strategies, jars).manifest();
    }

    /** The strategies' ids, in registration order. */
    public List<Integer> strategyIds()
    {
        return manifest().items().stream().map(StrategyManifest.Item::strategyId).toList();
    }

    /** New instances of the strategies (empty without a strategies file). */
    public LoadedStrategies loadStrategies()
    {
        return null == strategies ? new LoadedStrategies(List.of(), manifest()) : StrategyLoader.load(strategies, jars);
    }

    public InstrumentRegistry instruments()
    {
        return instruments;
    }

    /** The strategies file, or null for none. */
    public StrategiesFile strategies()
    {
        return strategies;
    }

    public StrategyJars jars()
    {
        return jars;
    }

    /** The risk limits, file and overrides resolved into one file's text, or null for none. */
    public String riskText()
    {
        return riskText;
    }

    /** Names the limits in errors and warnings. */
    public String riskOrigin()
    {
        return riskOrigin;
    }

    public int moneyExponent()
    {
        return moneyExponent;
    }

    /** The portfolio's starting equity at {@link #moneyExponent()}, or 0 for the engine's default. */
    public long initialEquity()
    {
        return initialEquity;
    }

    /**
     * The symbols the strategies trade, by their {@code instrumentId} parameter, in strategy order; empty (every
     * symbol) when a strategy has no such parameter.
     */
    public List<String> tradedSymbols()
    {
        final List<String> symbols = new ArrayList<>();
        for (final StrategiesFile.Entry entry : null == strategies ? List.<StrategiesFile.Entry>of() : strategies.entries())
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

    /**
     * This spec as a spec file's lines, its strategies file and limits named by {@code strategiesFile} and
     * {@code riskFile} (which the caller writes beside it): what a journal keeps.
     *
     * @throws IllegalStateException when the instruments are not a class-path resource (a journal cannot name them)
     */
    public String text(final String strategiesFile, final String riskFile)
    {
        if (null == instrumentsResource)
        {
            throw new IllegalStateException("instruments that are no class-path resource cannot be written by name");
        }
        final StringBuilder text = new StringBuilder()
            .append(INSTRUMENTS_RESOURCE).append(" = ").append(instrumentsResource).append('\n')
            .append(MONEY_EXPONENT).append(" = ").append(moneyExponent).append('\n');
        if (DEFAULT_EQUITY != initialEquity)
        {
            text.append(INITIAL_EQUITY).append(" = ").append(initialEquity).append('\n');
        }
        if (null != strategies)
        {
            text.append(STRATEGIES).append(" = ").append(strategiesFile).append('\n');
        }
        if (null != riskText)
        {
            text.append(RISK_CONFIG).append(" = ").append(riskFile).append('\n');
        }
        return text.toString();
    }

    private static InstrumentRegistry resource(final String name)
    {
        try
        {
            return InstrumentRegistry.loadResource(name);
        }
        catch (final IOException ex)
        {
            throw new IllegalArgumentException("cannot load instruments " + name + ": " + ex.getMessage(), ex);
        }
    }
}
