package io.ferrum.ops.backtest.journal;

import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.sequencer.journal.JournalReader;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.io.Writer;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;

/**
 * Everything that decides the demo engine's state besides its log: the instruments and both
 * sample strategies with their parameters. The demo writes it into its journal directory as
 * {@value #FILE_NAME} and {@code ./ferrum replay} reads it back, so the replayed engine is
 * configured exactly as the live one was (the state hash depends on it).
 * <p>
 * Keys (values are integers in the instrument's units unless named otherwise):
 * {@code instruments.resource}, {@code market.maker.symbol}, {@code market.maker.quote.quantity},
 * {@code market.maker.half.spread.ticks}, {@code market.maker.max.position},
 * {@code market.maker.max.skew.ticks}, {@code market.maker.requote.ticks}, {@code momentum.symbol},
 * {@code momentum.lookback.trades}, {@code momentum.threshold.bps}, {@code momentum.order.quantity},
 * {@code momentum.max.position}, {@code momentum.hold.ns}, {@code momentum.cooldown.ns},
 * {@code money.exponent}, and {@code risk.config}: the risk limits (docs/risk.md) written into the
 * journal as {@value #RISK_FILE_NAME} with the live run's {@code FERRUM_RISK_*} environment
 * overrides already applied, so that a replay reads no environment; without it the engine runs the
 * risk library without limits.
 */
public final class DemoEngineConfig
{
    public static final String FILE_NAME = "demo.properties";
    public static final String RISK_FILE_NAME = "risk.properties";
    /** The single member's directory inside a demo's journal. */
    public static final String MEMBER_DIR = "member-0";
    private static final long TEN_UNITS = 10L * 100_000_000L; // at the fixtures' size exponent -8

    private final Map<String, String> values;
    private final InstrumentRegistry instruments;
    private final String riskText;
    private final String riskOrigin;

    private DemoEngineConfig(final Map<String, String> values, final String riskText, final String riskOrigin)
    {
        this.values = values;
        this.riskText = riskText;
        this.riskOrigin = riskOrigin;
        try
        {
            this.instruments = InstrumentRegistry.loadResource(get("instruments.resource"));
        }
        catch (final IOException | RuntimeException ex)
        {
            throw new IllegalArgumentException("cannot load instruments " + get("instruments.resource") + ": " + ex.getMessage());
        }
        instrument("market.maker.symbol");
        instrument("momentum.symbol");
        newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS); // every value checked now, not at the first event
    }

    /** The defaults: the market maker on {@code marketMakerSymbol}, the momentum taker on {@code momentumSymbol}. */
    public static DemoEngineConfig defaults(final String marketMakerSymbol, final String momentumSymbol)
    {
        final Map<String, String> values = new TreeMap<>();
        values.put("instruments.resource", InstrumentRegistry.BINANCE_FIXTURES);
        values.put("money.exponent", "-8");
        values.put("market.maker.symbol", marketMakerSymbol);
        values.put("market.maker.quote.quantity", Long.toString(TEN_UNITS));
        values.put("market.maker.half.spread.ticks", "1");
        values.put("market.maker.max.position", Long.toString(5 * TEN_UNITS));
        values.put("market.maker.max.skew.ticks", "3");
        values.put("market.maker.requote.ticks", "1");
        values.put("momentum.symbol", momentumSymbol);
        values.put("momentum.lookback.trades", "5");
        values.put("momentum.threshold.bps", "2");
        values.put("momentum.order.quantity", Long.toString(TEN_UNITS));
        values.put("momentum.max.position", Long.toString(3 * TEN_UNITS));
        values.put("momentum.hold.ns", "30000000000");
        values.put("momentum.cooldown.ns", "2000000000");
        return new DemoEngineConfig(values, null, null);
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
        return new DemoEngineConfig(withRisk, RiskConfigParser.resolve(file, environment), file.toString());
    }

    /** Reads {@value #FILE_NAME} from a demo's journal directory. */
    public static DemoEngineConfig read(final Path dir)
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
        final String risk = values.get("risk.config");
        if (risk == null)
        {
            return new DemoEngineConfig(values, null, null);
        }
        // The journal's limits are final: this process's environment must not change what a replay decides.
        final Path riskFile = dir.resolve(risk);
        final String text = RiskConfigParser.resolve(riskFile, Map.of());
        return new DemoEngineConfig(values, text, riskFile.toString());
    }

    public void write(final Path dir)
    {
        final StringBuilder text = new StringBuilder("# The demo engine's configuration: ./ferrum replay builds the same engine from it.\n");
        values.forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        try (Writer writer = Files.newBufferedWriter(dir.resolve(FILE_NAME), StandardCharsets.UTF_8))
        {
            writer.write(text.toString());
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

    public Instrument marketMakerInstrument()
    {
        return instrument("market.maker.symbol");
    }

    public Instrument momentumInstrument()
    {
        return instrument("momentum.symbol");
    }

    /** A new engine with this configuration around {@code output} and {@code timers}. */
    public Engine newEngine(final EngineOutput output, final TimerScheduler timers)
    {
        return new Engine(new Engine.Context()
            .instruments(instruments)
            .moneyExponent((int)number("money.exponent"))
            .output(output)
            .timerScheduler(timers)
            .preTradeCheck(riskText == null ? RiskPreTradeCheck.withoutLimits(instruments) :
                new RiskPreTradeCheck(RiskConfigParser.parse(riskText, riskOrigin, Map.of()), instruments))
            .addStrategy(new MarketMaker(new MarketMakerParameters().strategyId(1)
                .instrumentId(marketMakerInstrument().instrumentId())
                .quoteQuantity(number("market.maker.quote.quantity"))
                .halfSpreadTicks((int)number("market.maker.half.spread.ticks"))
                .maxPosition(number("market.maker.max.position"))
                .maxSkewTicks((int)number("market.maker.max.skew.ticks"))
                .requoteTicks((int)number("market.maker.requote.ticks"))))
            .addStrategy(new MomentumTaker(new MomentumParameters().strategyId(2)
                .instrumentId(momentumInstrument().instrumentId())
                .lookbackTrades((int)number("momentum.lookback.trades"))
                .thresholdBps((int)number("momentum.threshold.bps"))
                .orderQuantity(number("momentum.order.quantity"))
                .maxPosition(number("momentum.max.position"))
                .holdNs(number("momentum.hold.ns"))
                .cooldownNs(number("momentum.cooldown.ns")))));
    }

    private Instrument instrument(final String key)
    {
        final Instrument instrument = instruments.get(get(key));
        if (instrument == null)
        {
            throw new IllegalArgumentException(key + ": unknown symbol '" + get(key) + "'");
        }
        return instrument;
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
