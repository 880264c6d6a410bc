package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.venue.FeeSchedule;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What a backtest runs: a data source, the models' parameters and the strategy's.
 * Money at {@link StrategyLedger#MONEY_EXPONENT}; basis points in hundredths.
 *
 * @param source        SYNTHETIC, DATA (Binance CSV dumps under dataDir) or SESSION (recorded frames)
 * @param symbols       instruments to replay; empty means every symbol the data has
 * @param storeDir      where imported data is kept (memory-mapped event files)
 * @param eventsPerDay  synthetic market event rate per symbol
 */
public record BacktestConfig(
    Source source,
    Path dataDir,
    Path storeDir,
    List<String> symbols,
    LocalDate from,
    LocalDate to,
    long seed,
    long eventsPerDay,
    long dataLatencyNs,
    long orderLatencyNs,
    long reportLatencyNs,
    long latencyJitterNs,
    FeeSchedule fees,
    long initialCash,
    long sampleIntervalNs,
    StrategyParameters strategy)
{
    public enum Source
    {
        SYNTHETIC, DATA, SESSION
    }

    /** Which of the engine's sample strategies run, in the real engine, on the first symbol. */
    public enum Strategy
    {
        MARKET_MAKER, MOMENTUM, BOTH;

        public boolean marketMaker()
        {
            return this != MOMENTUM;
        }

        public boolean momentum()
        {
            return this != MARKET_MAKER;
        }
    }

    /**
     * The engine strategies' parameters: {@code orderQuantity} (base units, decimal) for both,
     * the market maker's half-spread in ticks and the momentum taker's signal threshold in
     * basis points. The market maker is strategy {@link #MARKET_MAKER_ID}, the momentum taker
     * {@link #MOMENTUM_ID}.
     */
    public record StrategyParameters(Strategy strategy, String orderQuantity, int halfSpreadTicks, int thresholdBps)
    {
        public static final int MARKET_MAKER_ID = 1;
        public static final int MOMENTUM_ID = 2;

        public StrategyParameters
        {
            if (halfSpreadTicks < 1 || thresholdBps < 1)
            {
                throw new IllegalArgumentException("half-spread ticks and threshold bps must be at least 1");
            }
        }

        public StrategyParameters with(final int halfSpreadTicks, final int thresholdBps)
        {
            return new StrategyParameters(strategy, orderQuantity, halfSpreadTicks, thresholdBps);
        }
    }

    public BacktestConfig withStrategy(final StrategyParameters parameters)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, parameters);
    }

    public BacktestConfig withSymbols(final List<String> symbols)
    {
        return new BacktestConfig(source, dataDir, storeDir, List.copyOf(symbols), from, to, seed, eventsPerDay,
            dataLatencyNs, orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy);
    }
}
