package io.ferrum.ops.node;

import io.ferrum.codecs.config.ConfigException;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.loader.StrategyLoader;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.strategy.StrategyParameters;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.sequencer.journal.JournalReader;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.Objects;
import java.util.function.Consumer;

/**
 * The engine of a cluster member, configured by the {@code engine.*} lines of the cluster
 * file ({@link io.ferrum.sequencer.cluster.ClusterConfig#engineSettings()}): every member
 * reads the same file, so every member runs the same engine, which replica equality needs.
 * <pre>
 * engine.instruments = FILE                # default: the recorded Binance sessions' instruments
 * engine.strategies = FILE                 # a strategies file (docs/strategies.md), jars from FERRUM_CLASSPATH
 * engine.marketmaker.instrumentId = 1      # or a sample directly: any MarketMakerParameters.from key
 * engine.momentum.instrumentId = 1         # any MomentumParameters.from key
 * engine.risk.config = FILE                # pre-trade limits (docs/risk.md); default: none
 * </pre>
 * A strategy is configured when any of its keys is present; any other {@code engine.} key is
 * an error, as in the rest of the file. The risk file is resolved once with the
 * {@code FERRUM_RISK_*} overrides the caller passes ({@link #riskText()}): a member keeps that text
 * beside its journal ({@value #RISK_FILE_NAME}) so that a replay runs under the same limits
 * without the member's environment. The limits are in the state hash, so a member started with
 * other limits than its peers raises the replica alarm at the first hash interval.
 */
public final class EngineSettings
{
    private static final String MARKET_MAKER = "marketmaker.";
    private static final String MOMENTUM = "momentum.";
    private static final String INSTRUMENTS = "instruments";
    private static final String RISK_CONFIG = "risk.config";
    private static final String STRATEGIES = "strategies";
    /** The resolved risk limits a member started under, in its member directory. */
    public static final String RISK_FILE_NAME = "risk.properties";

    private final InstrumentRegistry instruments;
    private final MarketMakerParameters marketMaker;
    private final MomentumParameters momentum;
    private final String riskText;
    private final String riskOrigin;
    private final StrategiesFile strategies;
    private final StrategyJars jars;

    private EngineSettings(
        final InstrumentRegistry instruments,
        final MarketMakerParameters marketMaker,
        final MomentumParameters momentum,
        final String riskText,
        final String riskOrigin,
        final StrategiesFile strategies,
        final StrategyJars jars)
    {
        this.instruments = instruments;
        this.marketMaker = marketMaker;
        this.momentum = momentum;
        this.riskText = riskText;
        this.riskOrigin = riskOrigin;
        this.strategies = strategies;
        this.jars = jars;
    }

    /** As {@link #parse(Map, String, Map)} without environment overrides (replays, tools). */
    public static EngineSettings parse(final Map<String, String> settings, final String origin)
    {
        return parse(settings, origin, Map.of());
    }

    /**
     * @param settings    the {@code engine.*} lines with the prefix removed
     * @param origin      names the file in errors
     * @param environment {@code FERRUM_RISK_*} overrides of the risk file's limits
     */
    public static EngineSettings parse(
        final Map<String, String> settings, final String origin, final Map<String, String> environment)
    {
        boolean hasMarketMaker = false;
        boolean hasMomentum = false;
        for (final Map.Entry<String, String> entry : settings.entrySet())
        {
            final String key = entry.getKey();
            if (key.startsWith(MARKET_MAKER))
            {
                hasMarketMaker = true;
            }
            else if (key.startsWith(MOMENTUM))
            {
                hasMomentum = true;
            }
            else if (!INSTRUMENTS.equals(key) && !RISK_CONFIG.equals(key) && !STRATEGIES.equals(key))
            {
                throw new ConfigException(origin + ": unknown key 'engine." + key + "'");
            }
        }
        final String strategiesFile = settings.get(STRATEGIES);
        if (null != strategiesFile && (hasMarketMaker || hasMomentum))
        {
            throw new ConfigException(origin + ": engine.strategies and engine.marketmaker./engine.momentum. keys do not" +
                " go together: put the samples in the strategies file");
        }
        try
        {
            final String file = settings.get(INSTRUMENTS);
            final InstrumentRegistry instruments = null == file ?
                InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES) :
                InstrumentRegistry.load(Path.of(file));
            final String riskFile = settings.get(RISK_CONFIG);
            final EngineSettings parsed = new EngineSettings(
                instruments,
                hasMarketMaker ? MarketMakerParameters.from(new StrategyParameters(settings, MARKET_MAKER)) : null,
                hasMomentum ? MomentumParameters.from(new StrategyParameters(settings, MOMENTUM)) : null,
                null == riskFile ? null : RiskConfigParser.resolve(Path.of(riskFile), environment),
                riskFile,
                null == strategiesFile ? null : StrategiesFile.read(Path.of(strategiesFile)),
                StrategyJars.resolve(null, System.getenv()));
            parsed.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS); // limits against ids now, not at the first event
            return parsed;
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new ConfigException(origin + ": engine settings: " + ex.getMessage(), ex);
        }
    }

    public InstrumentRegistry instruments()
    {
        return instruments;
    }

    /** The risk limits, file and overrides resolved into one file's text, or null for none. */
    public String riskText()
    {
        return riskText;
    }

    /**
     * These settings under the limits a member kept in {@code memberDir} ({@value #RISK_FILE_NAME}),
     * when it kept any: what a replay of that member's journal must use.
     */
    public EngineSettings withRiskKeptIn(final Path memberDir)
    {
        final Path kept = memberDir.resolve(RISK_FILE_NAME);
        if (!Files.exists(kept))
        {
            return this;
        }
        return new EngineSettings(instruments, marketMaker, momentum, RiskConfigParser.resolve(kept, Map.of()), kept.toString(),
            strategies, jars);
    }

    /**
     * A member's start: the first one keeps these limits beside its journal; a later one runs under
     * the kept limits, the ones its log was decided with (its snapshot holds them too), and warns
     * when this configuration now says otherwise. Limits change at run time only by admin command.
     */
    public EngineSettings keepRiskIn(final Path memberDir, final Consumer<String> warning) throws IOException
    {
        final Path kept = memberDir.resolve(RISK_FILE_NAME);
        if (Files.exists(kept))
        {
            final EngineSettings settings = withRiskKeptIn(memberDir);
            if (!Objects.equals(riskText, settings.riskText))
            {
                warning.accept(riskOrigin + " and the FERRUM_RISK_* environment differ from the limits this member's " +
                    "journal started with: running under " + kept + " (change limits with ./ferrum admin set-limit)");
            }
            return settings;
        }
        if (null != riskText)
        {
            Files.createDirectories(memberDir);
            Files.writeString(kept, riskText, StandardCharsets.UTF_8);
        }
        return this;
    }

    /** A new engine with these settings, around a cluster's (or a replay's) output and timers. */
    public Engine newEngine(final EngineOutput output, final TimerScheduler timers)
    {
        final Engine.Context context = new Engine.Context()
            .instruments(instruments)
            .output(output)
            .timerScheduler(timers);
        if (null != marketMaker)
        {
            context.addStrategy(new MarketMaker(marketMaker));
        }
        if (null != momentum)
        {
            context.addStrategy(new MomentumTaker(momentum));
        }
        if (null != strategies)
        {
            StrategyLoader.load(strategies, jars).strategies().forEach(context::addStrategy);
        }
        context.preTradeCheck(null == riskText ?
            RiskPreTradeCheck.withoutLimits(instruments, context.maxStrategyId()) :
            new RiskPreTradeCheck(RiskConfigParser.parse(riskText, riskOrigin, Map.of()), instruments));
        return new Engine(context);
    }
}
