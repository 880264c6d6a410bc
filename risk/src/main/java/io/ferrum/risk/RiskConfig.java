package io.ferrum.risk;

import io.ferrum.codecs.sbe.TradingState;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * Validated risk configuration, read once at start by {@link RiskConfigParser}. Limits
 * change afterwards only through admin commands on the log (see
 * {@link RiskManager#setRiskLimit}).
 */
public final class RiskConfig
{
    public static final int DEFAULT_STRATEGY_CAPACITY = 64;
    public static final int DEFAULT_INSTRUMENT_CAPACITY = 256;
    public static final int DEFAULT_VOLATILITY_WINDOW = 60;
    public static final long DEFAULT_VOLATILITY_SAMPLE_INTERVAL_NS = 1_000_000_000L;
    public static final long DEFAULT_STOP_RETRY_NS = 1_000_000_000L;

    /** One parameter set at one scope: {@code target} is "" for global, a strategy id, or a symbol or id. */
    public record ScopedValue(int scopeBit, String target, RiskParameter parameter, long value)
    {
    }

    int strategyCapacity = DEFAULT_STRATEGY_CAPACITY;
    int instrumentCapacity = DEFAULT_INSTRUMENT_CAPACITY;
    long dailyResetOffsetNs = 0;
    TradingState dailyLossBreachState = TradingState.REDUCING;
    TradingState drawdownBreachState = TradingState.HALTED;
    TradingState feedDegradedState = TradingState.REDUCING;
    boolean fallbackFeedHealthy = true;
    int volatilityWindow = DEFAULT_VOLATILITY_WINDOW;
    long volatilitySampleIntervalNs = DEFAULT_VOLATILITY_SAMPLE_INTERVAL_NS;
    long stopRetryNs = DEFAULT_STOP_RETRY_NS;
    boolean balanceCheck;
    final List<ScopedValue> values = new ArrayList<>();

    /** No limits, default settings: everything a check does is allowed. */
    public static RiskConfig defaults()
    {
        return new RiskConfig();
    }

    /** Strategy ids must be in [0, strategyCapacity). */
    public int strategyCapacity()
    {
        return strategyCapacity;
    }

    /** Instrument ids must be in [0, instrumentCapacity). */
    public int instrumentCapacity()
    {
        return instrumentCapacity;
    }

    /** UTC time of day, in ns after midnight, at which the daily loss restarts from zero. */
    public long dailyResetOffsetNs()
    {
        return dailyResetOffsetNs;
    }

    public TradingState dailyLossBreachState()
    {
        return dailyLossBreachState;
    }

    public TradingState drawdownBreachState()
    {
        return drawdownBreachState;
    }

    public TradingState feedDegradedState()
    {
        return feedDegradedState;
    }

    public boolean fallbackFeedHealthy()
    {
        return fallbackFeedHealthy;
    }

    public int volatilityWindow()
    {
        return volatilityWindow;
    }

    public long volatilitySampleIntervalNs()
    {
        return volatilitySampleIntervalNs;
    }

    public long stopRetryNs()
    {
        return stopRetryNs;
    }

    /**
     * {@code risk.balance.check = venue}: every order must be covered by the venue account's free balance
     * ({@link PortfolioView#spendable}), and is refused until the venue's first balances are on the log;
     * {@code off} (the default, and what the paper venue needs: it reports no balances): no balance rule.
     */
    public boolean balanceCheck()
    {
        return balanceCheck;
    }

    /** Every scoped parameter, in file order, environment overrides applied. */
    public List<ScopedValue> values()
    {
        return Collections.unmodifiableList(values);
    }

    /** The value set for one key, or null: for tests and the admin tooling. */
    public ScopedValue find(final int scopeBit, final String target, final RiskParameter parameter)
    {
        for (final ScopedValue v : values)
        {
            if (v.scopeBit() == scopeBit && v.target().equals(target) && v.parameter() == parameter)
            {
                return v;
            }
        }
        return null;
    }
}
