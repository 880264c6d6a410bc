package io.ferrum.ops.backtest;

import io.ferrum.ops.backtest.stats.EquityCurve;
import io.ferrum.ops.backtest.stats.ExecutionStatistics;
import io.ferrum.ops.backtest.stats.TradeStatistics;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.Position;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Cash, positions and statistics of one strategy, in money at {@link #MONEY_EXPONENT}.
 * Positions are the engine's own {@link Position} (average cost, realized P&amp;L before fees,
 * fees apart: the one convention of engine, backtest, parity and reports). A fill that reduces a
 * position is one trade, whose profit for the trade statistics is the engine's realized P&amp;L
 * less the fees of the closed part (its share of the opening fills' fees and of the closing fill's).
 */
public final class StrategyLedger
{
    public static final int MONEY_EXPONENT = -8;

    /** The engine's position and the fees of its open quantity (for the trade statistics only). */
    private static final class Holding
    {
        final Position position;
        long openFees;

        Holding(final Position position)
        {
            this.position = position;
        }
    }

    private final int strategyId;
    private final Int2ObjectHashMap<Holding> positions = new Int2ObjectHashMap<>();
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
        final Holding holding = positions.get(instrumentId);
        return holding == null ? 0 : holding.position.quantity();
    }

    /** The positions as the engine keeps them, by instrument id (ascending). */
    public java.util.List<Position> positions()
    {
        final java.util.List<Position> list = new java.util.ArrayList<>();
        positions.values().forEach(h -> list.add(h.position));
        list.sort(java.util.Comparator.comparingInt(Position::instrumentId));
        return list;
    }

    /** Realized P&amp;L before fees over every instrument, money exponent (the engine's convention). */
    public long realizedPnl()
    {
        long total = 0;
        for (final Holding holding : positions.values())
        {
            total += holding.position.realizedPnl();
        }
        return total;
    }

    /** Fees paid over every instrument (negative for net rebates), money exponent. */
    public long fees()
    {
        long total = 0;
        for (final Holding holding : positions.values())
        {
            total += holding.position.fees();
        }
        return total;
    }

    /**
     * @param buy      side of the fill
     * @param price    fill price mantissa
     * @param quantity fill quantity mantissa, positive
     * @param fee      in money at {@link #MONEY_EXPONENT}
     * @param slippage cost against the decision's reference price, in money
     * @return the realized profit of the fill net of the closed part's fees when it reduced the position, else 0
     */
    long onFill(
        final long timeNs, final int instrumentId, final int priceExponent, final int sizeExponent, final boolean buy, final long price,
        final long quantity, final long fee, final long slippage)
    {
        Holding holding = positions.get(instrumentId);
        if (holding == null)
        {
            // the engine's position needs only the instrument's id and exponents
            holding = new Holding(new Position(strategyId, new Instrument(instrumentId, "#" + instrumentId,
                Venue.SIMULATED, priceExponent, sizeExponent, 1, 1), MONEY_EXPONENT));
            positions.put(instrumentId, holding);
        }
        final Position position = holding.position;
        final long notional = Money.product(price, priceExponent, quantity, sizeExponent, MONEY_EXPONENT);
        cash += buy ? -notional : notional;
        cash -= fee;
        execution.onFill(notional, fee, slippage);

        final long held = position.quantity();
        final long realized = position.applyFill(buy ? Side.BUY : Side.SELL, price, quantity, fee);
        if (held == 0 || (held > 0) == buy)
        {
            holding.openFees += fee;
            return 0;
        }
        final long closing = Math.min(quantity, Math.abs(held));
        final long closedOpenFees = Money.mulDiv(holding.openFees, closing, Math.abs(held));
        final long closingFee = Money.mulDiv(fee, closing, quantity);
        holding.openFees = quantity > closing ? fee - closingFee : holding.openFees - closedOpenFees;
        final long net = realized - closedOpenFees - closingFee;
        trades.onTrade(net);
        tradeLog.add(timeNs, net);
        return net;
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
        for (final Holding holding : positions.values())
        {
            final Position position = holding.position;
            if (position.quantity() == 0)
            {
                continue;
            }
            final long[] mark = marks.get(position.instrumentId());
            final long value = mark == null || mark[0] == 0 ? position.costBasis() :
                position.costBasis() + position.unrealizedPnl(mark[0]);
            equity += value;
            exposure += Math.abs(value);
        }
        curve.add(timeNs, equity, exposure);
    }
}
