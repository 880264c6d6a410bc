package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.stats.EquityCurve;
import io.ferrum.ops.backtest.stats.ExecutionStatistics;
import io.ferrum.ops.backtest.stats.TradeStatistics;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Cash, positions and statistics of one strategy, in money at {@link #MONEY_EXPONENT}.
 * Average-cost accounting: a fill that reduces a position realizes
 * proceeds - fee - cost basis of the closed part, and that is one trade.
 */
public final class StrategyLedger
{
    public static final int MONEY_EXPONENT = -8;

    private final int strategyId;
    private final Int2ObjectHashMap<Position> positions = new Int2ObjectHashMap<>();
    private final TradeStatistics trades = new TradeStatistics();
    private final ExecutionStatistics execution = new ExecutionStatistics();
    private final EquityCurve curve = new EquityCurve(MONEY_EXPONENT, 1024);
    private final TradeLog tradeLog = new TradeLog(100_000);
    private long cash;

    StrategyLedger(final int strategyId, final long initialCash)
    {
        this.strategyId = strategyId;
        this.cash = initialCash;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public TradeStatistics trades()
    {
        return trades;
    }

    public ExecutionStatistics execution()
    {
        return execution;
    }

    public EquityCurve curve()
    {
        return curve;
    }

    /** Closed trades (time, realized profit), the first 100 000 of them, for charts. */
    public TradeLog tradeLog()
    {
        return tradeLog;
    }

    public long cash()
    {
        return cash;
    }

    /** @return the signed position quantity in the instrument (size mantissa), 0 when none */
    public long position(final int instrumentId)
    {
        final Position position = positions.get(instrumentId);
        return position == null ? 0 : position.quantity;
    }

    /**
     * @param buy      side of the fill
     * @param price    fill price mantissa
     * @param quantity fill quantity mantissa, positive
     * @param fee      in money at {@link #MONEY_EXPONENT}
     * @param slippage cost against the decision's reference price, in money
     * @return the realized profit of the fill when it reduced the position, else 0
     */
    long onFill(
        final long timeNs, final int instrumentId, final int priceExponent, final int sizeExponent, final boolean buy, final long price,
        final long quantity, final long fee, final long slippage)
    {
        Position position = positions.get(instrumentId);
        if (position == null)
        {
            position = new Position(instrumentId, priceExponent, sizeExponent);
            positions.put(instrumentId, position);
        }
        final long notional = Money.product(price, priceExponent, quantity, sizeExponent, MONEY_EXPONENT);
        cash += buy ? -notional : notional;
        cash -= fee;
        execution.onFill(notional, fee, slippage);

        final long signed = buy ? quantity : -quantity;
        final long held = position.quantity;
        if (held == 0 || (held > 0) == buy)
        {
            position.quantity += signed;
            position.costBasis += buy ? notional + fee : -(notional - fee);
            return 0;
        }
        final long closing = Math.min(quantity, Math.abs(held));
        final long closedBasis = Money.mulDiv(position.costBasis, closing, Math.abs(held));
        final long closedNotional = Money.mulDiv(notional, closing, quantity);
        final long closedFee = Money.mulDiv(fee, closing, quantity);
        // long: sold for closedNotional against a basis; short: bought back, basis is negative proceeds
        final long realized = held > 0 ?
            closedNotional - closedFee - closedBasis :
            -closedBasis - closedNotional - closedFee;
        trades.onTrade(realized);
        tradeLog.add(timeNs, realized);
        position.costBasis -= closedBasis;
        position.quantity += signed;
        if (quantity > closing)
        {
            final long openNotional = notional - closedNotional;
            final long openFee = fee - closedFee;
            position.costBasis = buy ? openNotional + openFee : -(openNotional - openFee);
        }
        return realized;
    }

    /**
     * Appends an equity sample: cash plus every position at its mark.
     *
     * @param marks mark price mantissas by instrument id (0 when unknown: the position is valued at cost)
     */
    void sample(final long timeNs, final Int2ObjectHashMap<long[]> marks)
    {
        long equity = cash;
        long exposure = 0;
        for (final Position position : positions.values())
        {
            if (position.quantity == 0)
            {
                continue;
            }
            final long[] mark = marks.get(position.instrumentId);
            final long value = mark == null || mark[0] == 0 ? position.costBasis :
                Money.product(mark[0], position.priceExponent, position.quantity, position.sizeExponent, MONEY_EXPONENT);
            equity += value;
            exposure += Math.abs(value);
        }
        curve.add(timeNs, equity, exposure);
    }
}
