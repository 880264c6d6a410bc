package io.ferrum.risk;

/**
 * Daily loss and drawdown limits. Each day, at the configured UTC time, every strategy's and the
 * portfolio's P&amp;L is taken as the day's start; a loss since then beyond the daily limit, or a
 * fall of equity from its peak beyond the drawdown limit, latches the DAILY_LOSS or DRAWDOWN cause
 * of the scope's trading state. The operator releases a latch by setting ACTIVE; a new day clears
 * every daily-loss latch.
 */
final class LossLimits
{
    private static final long NO_DAY = Long.MIN_VALUE;

    private final ParameterTable table;
    private final TradingStates states;
    private final int strategies;
    private final long dailyResetOffsetNs;
    private final byte dailyLossBreachState;
    private final byte drawdownBreachState;
    /** P&amp;L at the start of the day by strategy id; snapshotted by the {@link RiskManager}. */
    final long[] strategyDayStartPnl;
    /** The current day since the epoch, shifted by the reset time; snapshotted. */
    long day = NO_DAY;
    /**
     * Log times within which {@link #day} is still today: derived from it, not snapshotted (empty
     * until the first roll after a restore, which works them out again).
     */
    private long dayStartNs = Long.MAX_VALUE;
    private long dayEndNs = Long.MIN_VALUE;
    long globalDayStartPnl;

    LossLimits(final RiskConfig config, final ParameterTable table, final TradingStates states)
    {
        this.table = table;
        this.states = states;
        this.strategies = config.strategyCapacity();
        this.dailyResetOffsetNs = config.dailyResetOffsetNs();
        this.dailyLossBreachState = (byte)config.dailyLossBreachState().value();
        this.drawdownBreachState = (byte)config.drawdownBreachState().value();
        this.strategyDayStartPnl = new long[strategies];
    }

    /** From a snapshot: the day it was on; the next check works out that day's times again. */
    void restoreDay(final long restoredDay)
    {
        day = restoredDay;
        dayStartNs = Long.MAX_VALUE;
        dayEndNs = Long.MIN_VALUE;
    }

    /** Before a check: the day, the portfolio's limits and the ordering strategy's. */
    void evaluate(final PortfolioView view, final long nowNs, final int strategyId)
    {
        rollDay(view, nowNs);
        evaluateGlobal(view);
        evaluateStrategy(view, strategyId);
    }

    /** On fills, prices and timers: the day, the portfolio's limits and every strategy's. */
    void evaluateAll(final PortfolioView view, final long nowNs)
    {
        rollDay(view, nowNs);
        evaluateGlobal(view);
        // only strategies that have a daily loss limit can breach one: not every slot of the capacity, on every price
        for (int s = 0, bound = table.strategyBound(RiskParameter.DAILY_LOSS_LIMIT); s < bound; s++)
        {
            evaluateStrategy(view, s);
        }
    }

    /** The loss since the day's start at a slot (0: the portfolio, else strategy {@code s}'s). */
    long dailyLoss(final PortfolioView view, final int slot, final int s)
    {
        return slot == 0 ?
            lossSince(globalDayStartPnl, view.totalPnl()) : lossSince(strategyDayStartPnl[s], view.strategyPnl(s));
    }

    /** Fall of equity from its peak, in percent at {@link RiskManager#PERCENT_EXPONENT}, rounded up. */
    static long drawdownPercent(final PortfolioView view)
    {
        final long peak = view.equityPeak();
        final long equity = view.equity();
        if (peak <= 0 || equity >= peak)
        {
            return 0;
        }
        final long fall = equity < 0 ? peak : peak - equity;
        return FixedMath.divideRoundingUp(FixedMath.scaledProduct(fall, RiskManager.HUNDRED_PERCENT, 0, false), peak);
    }

    /** At the configured UTC time each day: every loss restarts from the P&amp;L of that moment. */
    private void rollDay(final PortfolioView view, final long nowNs)
    {
        if (nowNs >= dayStartNs && nowNs < dayEndNs)
        {
            return; // still the same day: no division per check
        }
        final long today = Math.floorDiv(nowNs - dailyResetOffsetNs, RiskManager.DAY_NS);
        dayStartNs = today * RiskManager.DAY_NS + dailyResetOffsetNs;
        dayEndNs = dayStartNs + RiskManager.DAY_NS;
        if (today == day)
        {
            return;
        }
        if (day != NO_DAY)
        {
            states.clearCause(TradingStates.DAILY_LOSS);
        }
        day = today;
        globalDayStartPnl = view.totalPnl();
        for (int s = 0; s < strategies; s++)
        {
            strategyDayStartPnl[s] = view.strategyPnl(s);
        }
    }

    private void evaluateGlobal(final PortfolioView view)
    {
        final long lossLimit = table.get(RiskParameter.DAILY_LOSS_LIMIT, 0);
        if (lossLimit != ParameterTable.NONE && lossSince(globalDayStartPnl, view.totalPnl()) > lossLimit)
        {
            states.raise(TradingStates.DAILY_LOSS, 0, dailyLossBreachState);
        }
        final long drawdownLimit = table.get(RiskParameter.MAX_DRAWDOWN_PCT, 0);
        if (drawdownLimit != ParameterTable.NONE)
        {
            final long peak = view.equityPeak();
            final long equity = view.equity();
            if (peak > 0 && equity < peak)
            {
                final long fall = equity < 0 ? peak : peak - equity; // below zero counts as a full 100% loss
                if (FixedMath.productGreater(fall, RiskManager.HUNDRED_PERCENT, drawdownLimit, peak))
                {
                    states.raise(TradingStates.DRAWDOWN, 0, drawdownBreachState);
                }
            }
        }
    }

    private void evaluateStrategy(final PortfolioView view, final int s)
    {
        final long lossLimit = table.get(RiskParameter.DAILY_LOSS_LIMIT, table.strategySlot(s));
        if (lossLimit != ParameterTable.NONE && lossSince(strategyDayStartPnl[s], view.strategyPnl(s)) > lossLimit)
        {
            states.raise(TradingStates.DAILY_LOSS, table.strategySlot(s), dailyLossBreachState);
        }
    }

    /** How much P&amp;L fell since the start of the day (negative when it rose), saturated. */
    private static long lossSince(final long startPnl, final long pnl)
    {
        final long loss = startPnl - pnl;
        if (((startPnl ^ pnl) & (startPnl ^ loss)) < 0)
        {
            return startPnl > pnl ? Long.MAX_VALUE : Long.MIN_VALUE;
        }
        return loss;
    }
}
