package io.ferrum.ops.backtest;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.loader.StrategiesFile;
import io.ferrum.engine.loader.StrategyJars;
import io.ferrum.engine.spec.EngineSpec;
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.data.SessionInstruments;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;

/**
 * A backtest's {@link EngineSpec}, from which its engines are built as every host builds its own: the
 * instruments of the run's symbols (a recorded session's from {@link SessionInstruments}; otherwise
 * exponents of the data: the synthetic market's, or Binance's 10^-8, and tick and lot of one unit of the
 * exponent, as the data says nothing finer), the strategies of {@code --strategies} or the samples of
 * {@code --strategy} on the first symbol, and the limits of {@code --risk-config} when given; a journal's
 * run takes its live run's spec ({@link DemoEngineConfig}).
 */
final class EngineSetup
{
    private EngineSetup()
    {
    }

    /** A recorded session's instruments: {@code --instruments}, its exchangeInfo or derived from its snapshots. */
    static InstrumentRegistry sessionInstruments(final BacktestConfig config)
    {
        try
        {
            return SessionInstruments.of(config.dataDir(), config.instruments());
        }
        catch (final java.io.IOException ex)
        {
            throw new ImportException(config.dataDir(), 0, "cannot read: " + ex.getMessage(), ex);
        }
    }

    static InstrumentRegistry instruments(final BacktestConfig config)
    {
        if (config.symbols().isEmpty())
        {
            throw new IllegalArgumentException("the engine's strategies need --symbols (the first one is traded)");
        }
        if (config.source() == BacktestConfig.Source.SESSION)
        {
            return sessionInstruments(config);
        }
        final InstrumentRegistry registry = new InstrumentRegistry();
        for (final String symbol : config.symbols())
        {
            final int id = InstrumentCatalog.instrumentId(symbol);
            if (config.source() == BacktestConfig.Source.SYNTHETIC)
            {
                final io.ferrum.ops.backtest.data.Instrument i = SyntheticInstrument.defaults(symbol, id).instrument();
                registry.add(new Instrument(id, symbol, Venue.SIMULATED, i.priceExponent(), i.sizeExponent(), 1, 1));
            }
            else
            {
                registry.add(new Instrument(id, symbol, Venue.BINANCE_SPOT, InstrumentCatalog.BINANCE_EXPONENT,
                    InstrumentCatalog.BINANCE_EXPONENT, 1, 1));
            }
        }
        return registry;
    }

    /**
     * The engine of a journal's live run ({@code demo.properties} beside the log: instruments,
     * strategies, risk limits), with {@code --risk-config}'s limits instead when given.
     *
     * @throws ImportException when the journal has no valid engine configuration
     */
    static DemoEngineConfig journalEngine(final BacktestConfig config)
    {
        try
        {
            final DemoEngineConfig live = DemoEngineConfig.read(config.dataDir());
            return config.riskConfig() == null ? live : live.withRiskConfig(config.riskConfig());
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ImportException(config.dataDir(), 0, ex.getMessage(), ex);
        }
    }

    static Engine engine(
        final BacktestConfig config, final InstrumentRegistry instruments, final EngineOutput output,
        final TimerScheduler timers)
    {
        return spec(config, instruments).newEngine(output, timers);
    }

    /**
     * The run's engine specification: its instruments, the strategies of {@code --strategies} or the samples
     * {@code --strategy} selects (written as a strategies file, loaded as any strategy is), the limits of
     * {@code --risk-config}, and as equity {@code --capital} for each strategy.
     */
    static EngineSpec spec(final BacktestConfig config, final InstrumentRegistry instruments)
    {
        final EngineSpec strategies = null == config.strategies() ?
            EngineSpec.defaults().withStrategies(samples(config, instruments), StrategyJars.none()) :
            EngineSpec.defaults().withStrategies(config.strategies().file(), config.strategies().jars());
        final EngineSpec spec = strategies.withInstruments(instruments)
            .withInitialEquity(Math.multiplyExact(config.initialCash(), Math.max(1, strategies.strategyIds().size())));
        return null == config.riskConfig() ? spec :
            spec.withRisk(riskText(config.riskConfig(), instruments), config.riskConfig().toString());
    }

    /** The samples of {@code --strategy} on the first symbol, with {@code --order-quantity} and the swept parameters. */
    static StrategiesFile samples(final BacktestConfig config, final InstrumentRegistry instruments)
    {
        final BacktestConfig.StrategyParameters p = config.strategy();
        final Instrument traded = instruments.get(config.symbols().get(0));
        final long quantity = DecimalParser.parse(p.orderQuantity(), traded.sizeExponent());
        final StringBuilder text = new StringBuilder();
        if (p.strategy().marketMaker())
        {
            text.append("strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker\n")
                .append("strategy.mm.strategyId = ").append(BacktestConfig.StrategyParameters.MARKET_MAKER_ID).append('\n')
                .append("strategy.mm.instrumentId = ").append(traded.instrumentId()).append('\n')
                .append("strategy.mm.quoteQuantity = ").append(quantity).append('\n')
                .append("strategy.mm.maxPosition = ").append(5 * quantity).append('\n')
                .append("strategy.mm.halfSpreadTicks = ").append(p.halfSpreadTicks()).append('\n')
                .append("strategy.mm.maxSkewTicks = 3\n")
                .append("strategy.mm.requoteTicks = 1\n");
        }
        if (p.strategy().momentum())
        {
            text.append("strategy.momentum.class = io.ferrum.engine.strategy.momentum.MomentumTaker\n")
                .append("strategy.momentum.strategyId = ").append(BacktestConfig.StrategyParameters.MOMENTUM_ID).append('\n')
                .append("strategy.momentum.instrumentId = ").append(traded.instrumentId()).append('\n')
                .append("strategy.momentum.lookbackTrades = 20\n")
                .append("strategy.momentum.thresholdBps = ").append(p.thresholdBps()).append('\n')
                .append("strategy.momentum.orderQuantity = ").append(quantity).append('\n')
                .append("strategy.momentum.maxPosition = ").append(3 * quantity).append('\n')
                .append("strategy.momentum.holdNs = 60000000000\n")
                .append("strategy.momentum.cooldownNs = 10000000000\n");
        }
        return StrategiesFile.parse(text.toString(), "--strategy " + p.strategy().name().toLowerCase(java.util.Locale.ROOT));
    }

    /**
     * The limits of a risk file for this run's instruments: as {@code ./ferrum demo --risk-config} reads it
     * (environment overrides included), except that {@code risk.instrument.<SYMBOL>.*} keys of symbols this
     * run does not have are left out, so that the live file (config/risk.properties, the default) serves a
     * backtest of any symbols. Every other error is the parser's, naming the file and line.
     */
    static String riskText(final java.nio.file.Path file, final InstrumentRegistry instruments)
    {
        final String text;
        try
        {
            text = java.nio.file.Files.readString(file, java.nio.charset.StandardCharsets.UTF_8);
        }
        catch (final java.io.IOException ex)
        {
            throw new RiskConfigException(file + ": cannot read: " + ex.getMessage());
        }
        final java.util.regex.Pattern instrumentKey =
            java.util.regex.Pattern.compile("^\\s*risk\\.instrument\\.([^.=\\s]+)\\..*");
        final StringBuilder kept = new StringBuilder();
        for (final String line : text.split("\n", -1))
        {
            final java.util.regex.Matcher key = instrumentKey.matcher(line);
            // a left-out line stays as a comment: the parser's line numbers are the file's
            kept.append(key.matches() && instruments.get(key.group(1)) == null ? "# not in this run: " : "")
                .append(line).append('\n');
        }
        return RiskConfigParser.resolve(kept.toString(), file.toString(), System.getenv());
    }
}
