package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.venue.FeeSchedule;

import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

/**
 * What a backtest runs: a data source, the models' parameters and the strategy's.
 * Money at {@link StrategyLedger#MONEY_EXPONENT}; basis points in hundredths.
 *
 * @param source        SYNTHETIC, DATA (Binance CSV dumps under dataDir), SESSION (recorded frames) or JOURNAL
 *                      (a live or demo run's journal directory as dataDir)
 * @param symbols       instruments to replay; empty means every symbol the data has
 * @param storeDir      where imported data is kept (event files of SBE records)
 * @param eventsPerDay  synthetic market event rate per symbol
 * @param riskConfig    pre-trade risk limits (docs/risk.md), or null for none
 * @param strategies    the strategies of a strategies file, or null for the samples {@code strategy} selects
 * @param instruments   with SESSION: an instruments file or a Binance exchangeInfo JSON for the session's symbols,
 *                      or null for the session's own ({@link io.ferrum.ops.backtest.data.SessionInstruments})
 * @param balances      the simulated venue's spot account at the start, free balance per asset (decimal text), or null
 *                      for the default: the traded symbol's quote asset holds initialCash x strategies, nothing else
 * @param pathFrom      with SYNTHETIC: the day the seed's price path starts, on or before {@code from} (a sweep's
 *                      out-of-sample run continues the in-sample path from the sweep's first day), or null for
 *                      {@code from}
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
    StrategyParameters strategy,
    Path riskConfig,
    ConfiguredStrategies strategies,
    Path instruments,
    java.util.Map<String, String> balances,
    LocalDate pathFrom)
{
    public BacktestConfig
    {
        if (null != pathFrom && pathFrom.isAfter(from))
        {
            throw new IllegalArgumentException("the synthetic path cannot start after the run's first day");
        }
    }

    /** With the session's own instruments. */
    public BacktestConfig(
        final Source source, final Path dataDir, final Path storeDir, final List<String> symbols, final LocalDate from,
        final LocalDate to, final long seed, final long eventsPerDay, final long dataLatencyNs, final long orderLatencyNs,
        final long reportLatencyNs, final long latencyJitterNs, final FeeSchedule fees, final long initialCash,
        final long sampleIntervalNs, final StrategyParameters strategy, final Path riskConfig,
        final ConfiguredStrategies strategies)
    {
        this(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs, orderLatencyNs,
            reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, riskConfig, strategies, null,
            null, null);
    }

    /** Without risk limits. */
    public BacktestConfig(
        final Source source, final Path dataDir, final Path storeDir, final List<String> symbols, final LocalDate from,
        final LocalDate to, final long seed, final long eventsPerDay, final long dataLatencyNs, final long orderLatencyNs,
        final long reportLatencyNs, final long latencyJitterNs, final FeeSchedule fees, final long initialCash,
        final long sampleIntervalNs, final StrategyParameters strategy)
    {
        this(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs, orderLatencyNs,
            reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, null, null);
    }

    public enum Source
    {
        SYNTHETIC, DATA, SESSION, JOURNAL,
        /** A log's inputs read back from the history database into the store, its engine file in dataDir. */
        HISTORY;

        /** Whether the engine is the live run's (demo.properties in dataDir) and the events its log's. */
        public boolean isLog()
        {
            return this == JOURNAL || this == HISTORY;
        }
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
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, parameters, riskConfig,
            strategies, instruments, balances, pathFrom);
    }

    public BacktestConfig withSymbols(final List<String> symbols)
    {
        return new BacktestConfig(source, dataDir, storeDir, List.copyOf(symbols), from, to, seed, eventsPerDay,
            dataLatencyNs, orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy,
            riskConfig, strategies, instruments, balances, pathFrom);
    }

    /** @param file pre-trade risk limits in the format of docs/risk.md, or null for none */
    public BacktestConfig withRiskConfig(final Path file)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, file,
            strategies, instruments, balances, pathFrom);
    }

    /** @param strategies a strategies file's strategies, or null for the samples {@link #strategy()} selects */
    public BacktestConfig withStrategies(final ConfiguredStrategies strategies)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, riskConfig,
            strategies, instruments, balances, pathFrom);
    }

    /** @param file an instruments file or exchangeInfo JSON for a session's symbols, or null for the session's own */
    public BacktestConfig withInstruments(final Path file)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, riskConfig,
            strategies, file, balances, pathFrom);
    }

    /** @param balances the spot account's start balances per asset, or null for the default (see the record) */
    public BacktestConfig withBalances(final java.util.Map<String, String> balances)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, riskConfig,
            strategies, instruments, balances == null ? null : java.util.Map.copyOf(balances), pathFrom);
    }

    /**
     * This run over {@code from..to}; a synthetic market keeps its path's start ({@link #pathFrom()}, else this
     * run's {@code from}), so that later days are the same path's continuation, not a new path from the same seed.
     */
    public BacktestConfig withDates(final LocalDate from, final LocalDate to)
    {
        return new BacktestConfig(source, dataDir, storeDir, symbols, from, to, seed, eventsPerDay, dataLatencyNs,
            orderLatencyNs, reportLatencyNs, latencyJitterNs, fees, initialCash, sampleIntervalNs, strategy, riskConfig,
            strategies, instruments, balances, null == pathFrom ? this.from : pathFrom);
    }
}
