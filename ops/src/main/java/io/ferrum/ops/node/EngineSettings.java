package io.ferrum.ops.node;

import io.ferrum.engine.Engine;
import io.ferrum.engine.EngineOutput;
import io.ferrum.engine.TimerScheduler;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.sequencer.cluster.ConfigException;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Map;
import java.util.Properties;

/**
 * The engine of a cluster member, configured by the {@code engine.*} lines of the cluster
 * file ({@link io.ferrum.sequencer.cluster.ClusterConfig#engineSettings()}): every member
 * reads the same file, so every member runs the same engine, which replica equality needs.
 * <pre>
 * engine.instruments = FILE                # default: the recorded Binance sessions' instruments
 * engine.marketmaker.instrumentId = 1      # any MarketMakerParameters.fromProperties key
 * engine.momentum.instrumentId = 1         # any MomentumParameters.fromProperties key
 * </pre>
 * A strategy is configured when any of its keys is present; any other {@code engine.} key is
 * an error, as in the rest of the file.
 */
public final class EngineSettings
{
    private static final String MARKET_MAKER = "marketmaker.";
    private static final String MOMENTUM = "momentum.";
    private static final String INSTRUMENTS = "instruments";

    private final InstrumentRegistry instruments;
    private final MarketMakerParameters marketMaker;
    private final MomentumParameters momentum;

    private EngineSettings(
        final InstrumentRegistry instruments, final MarketMakerParameters marketMaker, final MomentumParameters momentum)
    {
        this.instruments = instruments;
        this.marketMaker = marketMaker;
        this.momentum = momentum;
    }

    /**
     * @param settings the {@code engine.*} lines with the prefix removed
     * @param origin   names the file in errors
     */
    public static EngineSettings parse(final Map<String, String> settings, final String origin)
    {
        final Properties properties = new Properties();
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
            else if (!INSTRUMENTS.equals(key))
            {
                throw new ConfigException(origin + ": unknown key 'engine." + key + "'");
            }
            properties.setProperty(key, entry.getValue());
        }
        try
        {
            final String file = properties.getProperty(INSTRUMENTS);
            final InstrumentRegistry instruments = null == file ?
                InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES) :
                InstrumentRegistry.load(Path.of(file));
            return new EngineSettings(
                instruments,
                hasMarketMaker ? MarketMakerParameters.fromProperties(properties, MARKET_MAKER) : null,
                hasMomentum ? MomentumParameters.fromProperties(properties, MOMENTUM) : null);
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
        return new Engine(context);
    }
}
