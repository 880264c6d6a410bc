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
    long impactCentiBps,
    long halfSpreadCentiBps,
    long initialCash,
    long sampleIntervalNs,
    StrategyParameters strategy)
{
    public enum Source
    {
        SYNTHETIC, DATA, SESSION
    }

    /** Which strategy runs: the ops stand-in, or one of the engine's sample strategies in the real engine. */
    public enum Strategy
    {
        EMA_CROSS, MARKET_MAKER, MOMENTUM
    }

    /**
     * The strategy's parameters, one strategy id per set: fast/slow/band/notional for the
     * EMA cross; {@code orderQuantity} (base units, decimal) for the engine's strategies,
     * which trade the first symbol.
     */
    public record StrategyParameters(
        Strategy strategy, int strategyId, int fastShift, int slowShift, long bandCentiBps, long notional,
        String orderQuantity)
    {
        public StrategyParameters(
            final int strategyId, final int fastShift, final int slowShift, final long bandCentiBps, final long notional)
        {
            this(Strategy.EMA_CROSS, strategyId, fastShift, slowShift, bandCentiBps, notional, "0.01");
        }
    }

    public BacktestConfig withStrategy(final StrategyParameters parameters)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, impactCentiBps, halfSpreadCentiBps, initialCash,
            sampleIntervalNs, parameters);
    }
}
