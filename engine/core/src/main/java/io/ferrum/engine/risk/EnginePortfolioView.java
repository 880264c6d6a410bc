package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.FixedPointMath;
import io.ferrum.risk.PortfolioView;
import io.ferrum.risk.RiskManager;

/**
 * The risk library's view of an engine's portfolio and open orders, read through the
 * {@link EngineView} the engine offers: no allocation, a cost in positions or open orders, which a
 * trading engine keeps small. Money is moved from the engine's money exponent to
 * {@link RiskManager#MONEY_EXPONENT} when they differ.
 * <p>
 * The equity peak is the one figure the engine does not keep: {@link #markEquityPeak()} raises it
 * on every fill, price change and risk timer, and it is part of the risk snapshot.
 */
public final class EnginePortfolioView implements PortfolioView
{
    private final EngineView engine;
    private final int moneyExponent;
    private final boolean balanceCheck;
    private long equityPeak;
    private long replacedClientOrderId;

    /**
     * @param balanceCheck whether orders must be covered by the venue account's balances ({@link #spendable})
     */
    public EnginePortfolioView(final EngineView engine, final boolean balanceCheck)
    {
        this.engine = engine;
        this.balanceCheck = balanceCheck;
        this.moneyExponent = engine.moneyExponent();
        this.equityPeak = equity();
    }

    /** Raises the peak to the current equity; returns the peak. */
    public long markEquityPeak()
    {
        final long equity = equity();
        if (equity > equityPeak)
        {
            equityPeak = equity;
        }
        return equityPeak;
    }

    void equityPeak(final long equityPeak)
    {
        this.equityPeak = equityPeak;
    }

    public long position(final int strategyId, final int instrumentId)
    {
        return engine.positionQuantity(strategyId, instrumentId);
    }

    public long openBuyQuantity(final int strategyId, final int instrumentId)
    {
        return strategyId <= 0 ? 0 : engine.openQuantity(strategyId, instrumentId, Side.BUY);
    }

    public long openSellQuantity(final int strategyId, final int instrumentId)
    {
        return strategyId <= 0 ? 0 : engine.openQuantity(strategyId, instrumentId, Side.SELL);
    }

    public long instrumentPosition(final int instrumentId)
    {
        return engine.instrumentPositionQuantity(instrumentId);
    }

    public long instrumentOpenBuyQuantity(final int instrumentId)
    {
        return engine.openQuantity(0, instrumentId, Side.BUY);
    }

    public long instrumentOpenSellQuantity(final int instrumentId)
    {
        return engine.openQuantity(0, instrumentId, Side.SELL);
    }

    public long averageEntryPrice(final int strategyId, final int instrumentId)
    {
        return engine.averageEntryPrice(strategyId, instrumentId);
    }

    public int openOrders(final int strategyId)
    {
        return strategyId <= 0 ? 0 : engine.openOrderCount(strategyId, 0);
    }

    public int instrumentOpenOrders(final int instrumentId)
    {
        return instrumentId <= 0 ? 0 : engine.openOrderCount(0, instrumentId);
    }

    public int totalOpenOrders()
    {
        return engine.openOrderCount();
    }

    public long referencePrice(final int instrumentId)
    {
        return engine.referencePrice(instrumentId);
    }

    public long equity()
    {
        return money(engine.equity());
    }

    public long equityPeak()
    {
        return equityPeak;
    }

    public long totalPnl()
    {
        return money(engine.realizedPnl(0) - engine.fees(0) + engine.unrealizedPnl(0));
    }

    public long strategyPnl(final int strategyId)
    {
        if (strategyId <= 0)
        {
            return 0;
        }
        return money(engine.realizedPnl(strategyId) - engine.fees(strategyId) +
            engine.unrealizedPnl(strategyId));
    }

    /** The order about to be checked replaces this one (0: a new order): what it holds counts as spendable. */
    void replacing(final long replacedClientOrderId)
    {
        this.replacedClientOrderId = replacedClientOrderId;
    }

    public long spendable(final int instrumentId, final boolean buy)
    {
        return balanceCheck ? engine.spendable(instrumentId, buy, replacedClientOrderId) : NOT_CHECKED;
    }

    private long money(final long value)
    {
        return moneyExponent == RiskManager.MONEY_EXPONENT ?
            value : FixedPointMath.rescale(value, moneyExponent, RiskManager.MONEY_EXPONENT);
    }
}
