package io.ferrum.ops.backtest;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.EngineOutput;
import io.ferrum.engine.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.strategy.marketmaker.MarketMaker;
import io.ferrum.engine.strategy.marketmaker.MarketMakerParameters;
import io.ferrum.engine.strategy.momentum.MomentumParameters;
import io.ferrum.engine.strategy.momentum.MomentumTaker;
import io.ferrum.ops.backtest.data.InstrumentCatalog;
import io.ferrum.ops.backtest.synthetic.SyntheticInstrument;

/**
 * Builds the real engine for a backtest: the instruments of the run's symbols (exponents of
 * the data: the synthetic market's, or Binance's 10^-8; tick and lot of one unit of the
 * exponent, as the data says nothing finer) and one of the engine's sample strategies on
 * the first symbol.
 */
final class EngineSetup
{
    private EngineSetup()
    {
    }

    static InstrumentRegistry instruments(final BacktestConfig config)
    {
        if (config.symbols().isEmpty())
        {
            throw new IllegalArgumentException("the engine's strategies need --symbols (the first one is traded)");
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

    static Engine engine(
        final BacktestConfig config, final InstrumentRegistry instruments, final EngineOutput output,
        final TimerScheduler timers)
    {
        final BacktestConfig.StrategyParameters p = config.strategy();
        final Instrument traded = instruments.get(config.symbols().get(0));
        final long quantity = DecimalParser.parse(p.orderQuantity(), traded.sizeExponent());
        final Engine.Context context = new Engine.Context().instruments(instruments).output(output).timerScheduler(timers);
        switch (p.strategy())
        {
            case MARKET_MAKER -> context.addStrategy(new MarketMaker(new MarketMakerParameters()
                .strategyId(p.strategyId()).instrumentId(traded.instrumentId()).quoteQuantity(quantity)
                .maxPosition(5 * quantity).halfSpreadTicks(1).maxSkewTicks(3).requoteTicks(1)));
            case MOMENTUM -> context.addStrategy(new MomentumTaker(new MomentumParameters()
                .strategyId(p.strategyId()).instrumentId(traded.instrumentId()).lookbackTrades(20).thresholdBps(5)
                .orderQuantity(quantity).maxPosition(3 * quantity).holdNs(60_000_000_000L)
                .cooldownNs(10_000_000_000L)));
            default -> throw new IllegalArgumentException("not an engine strategy: " + p.strategy());
        }
        return new Engine(context);
    }
}
