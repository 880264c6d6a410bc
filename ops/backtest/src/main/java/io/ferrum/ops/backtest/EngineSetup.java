package io.ferrum.ops.backtest;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Venue;
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
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.data.SessionInstruments;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;

/**
 * Builds the real engine for a backtest: the instruments of the run's symbols (a recorded
 * session's from {@link SessionInstruments}; otherwise exponents of the data: the synthetic
 * market's, or Binance's 10^-8, and tick and lot of one unit of the exponent, as the data says
 * nothing finer) and either the strategies of {@code --strategies}
 * or the engine's sample strategies (market maker, momentum taker or both) on the first symbol, behind the risk limits of {@code --risk-config} when given
 * (the very check {@code ./ferrum demo --risk-config} builds).
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
        final BacktestConfig.StrategyParameters p = config.strategy();
        final Instrument traded = instruments.get(config.symbols().get(0));
        final long quantity = DecimalParser.parse(p.orderQuantity(), traded.sizeExponent());
        final io.ferrum.engine.loader.LoadedStrategies configured =
            null == config.strategies() ? null : config.strategies().load();
        final Engine.Context context = new Engine.Context().instruments(instruments).output(output).timerScheduler(timers)
            .initialEquity(config.initialCash() *
                (null == configured ? strategyCount(p.strategy()) : configured.strategies().size()))
            .preTradeCheck(config.riskConfig() == null ?
                RiskPreTradeCheck.withoutLimits(instruments) : riskCheck(config.riskConfig(), instruments));
        if (null != configured)
        {
            configured.strategies().forEach(context::addStrategy);
        }
        else if (p.strategy().marketMaker())
        {
            context.addStrategy(new MarketMaker(new MarketMakerParameters()
                .strategyId(BacktestConfig.StrategyParameters.MARKET_MAKER_ID).instrumentId(traded.instrumentId())
                .quoteQuantity(quantity).maxPosition(5 * quantity).halfSpreadTicks(p.halfSpreadTicks())
                .maxSkewTicks(3).requoteTicks(1)));
        }
        if (null == configured && p.strategy().momentum())
        {
            context.addStrategy(new MomentumTaker(new MomentumParameters()
                .strategyId(BacktestConfig.StrategyParameters.MOMENTUM_ID).instrumentId(traded.instrumentId())
                .lookbackTrades(20).thresholdBps(p.thresholdBps()).orderQuantity(quantity).maxPosition(3 * quantity)
                .holdNs(60_000_000_000L).cooldownNs(10_000_000_000L)));
        }
        try
        {
            return new Engine(context);
        }
        catch (final IllegalStateException ex)
        {
            if (config.riskConfig() == null)
            {
                throw ex;
            }
            // the limits' tables are too small for this run's instruments or strategies
            throw new RiskConfigException(config.riskConfig() + ": " + ex.getMessage());
        }
    }

    /**
     * The limits of a risk file for this run's instruments: as {@code ./ferrum demo --risk-config} reads it
     * (environment overrides included), except that {@code risk.instrument.<SYMBOL>.*} keys of symbols this
     * run does not have are left out, so that the live file (config/risk.properties, the default) serves a
     * backtest of any symbols. Every other error is the parser's, naming the file and line.
     */
    static RiskPreTradeCheck riskCheck(final java.nio.file.Path file, final InstrumentRegistry instruments)
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
        return new RiskPreTradeCheck(
            io.ferrum.risk.RiskConfigParser.parse(kept.toString(), file.toString(), System.getenv()), instruments);
    }

    /** The engine keeps one portfolio: its equity (which risk limits in % of equity refer to) is every ledger's cash. */
    private static int strategyCount(final BacktestConfig.Strategy strategy)
    {
        return (strategy.marketMaker() ? 1 : 0) + (strategy.momentum() ? 1 : 0);
    }
}
