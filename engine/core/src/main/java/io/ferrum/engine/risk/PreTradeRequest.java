package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.instrument.Instrument;

/**
 * What a {@link PreTradeCheck} sees of an order about to leave, and of the strategy's exposure.
 * Prices at the instrument's price exponent, quantities at its size exponent, money (equity,
 * P&amp;L) at {@link #moneyExponent()}. A single instance is refilled for every check.
 */
public final class PreTradeRequest
{
    long timestampNs;
    int strategyId;
    Instrument instrument;
    long clientOrderId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    long price;
    long stopPrice;
    long quantity;
    boolean postOnly;
    boolean reduceOnly;
    boolean replace;
    long replacedClientOrderId;
    long positionQuantity;
    int openOrders;
    int openOrdersInInstrument;
    long openBuyQuantity;
    long openSellQuantity;
    long referencePrice;
    long equity;
    long strategyRealizedPnl;
    int moneyExponent;

    /**
     * Fills every field; called by the engine's order manager (public so that the risk library's
     * own tests can build requests).
     */
    public PreTradeRequest set(
        final long timestampNs,
        final int strategyId,
        final Instrument instrument,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final TimeInForce timeInForce,
        final long price,
        final long stopPrice,
        final long quantity,
        final boolean postOnly,
        final boolean reduceOnly,
        final long replacedClientOrderId)
    {
        this.timestampNs = timestampNs;
        this.strategyId = strategyId;
        this.instrument = instrument;
        this.clientOrderId = clientOrderId;
        this.side = side;
        this.orderType = orderType;
        this.timeInForce = timeInForce;
        this.price = price;
        this.stopPrice = stopPrice;
        this.quantity = quantity;
        this.postOnly = postOnly;
        this.reduceOnly = reduceOnly;
        this.replace = replacedClientOrderId != 0;
        this.replacedClientOrderId = replacedClientOrderId;
        return this;
    }

    /** Exposure of the strategy at the time of the check; see the getters for units. */
    public PreTradeRequest exposure(
        final long positionQuantity,
        final int openOrders,
        final int openOrdersInInstrument,
        final long openBuyQuantity,
        final long openSellQuantity,
        final long referencePrice,
        final long equity,
        final long strategyRealizedPnl,
        final int moneyExponent)
    {
        this.positionQuantity = positionQuantity;
        this.openOrders = openOrders;
        this.openOrdersInInstrument = openOrdersInInstrument;
        this.openBuyQuantity = openBuyQuantity;
        this.openSellQuantity = openSellQuantity;
        this.referencePrice = referencePrice;
        this.equity = equity;
        this.strategyRealizedPnl = strategyRealizedPnl;
        this.moneyExponent = moneyExponent;
        return this;
    }

    /** Log time of the decision: the only clock a check may use. */
    public long timestampNs()
    {
        return timestampNs;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public int instrumentId()
    {
        return instrument.instrumentId();
    }

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public Side side()
    {
        return side;
    }

    public OrderType orderType()
    {
        return orderType;
    }

    public TimeInForce timeInForce()
    {
        return timeInForce;
    }

    /** Limit price; 0 for market and stop-market orders. */
    public long price()
    {
        return price;
    }

    /** Trigger price of stop orders; 0 otherwise. */
    public long stopPrice()
    {
        return stopPrice;
    }

    public long quantity()
    {
        return quantity;
    }

    public boolean isPostOnly()
    {
        return postOnly;
    }

    public boolean isReduceOnly()
    {
        return reduceOnly;
    }

    /** True for a cancel-replace of {@link #replacedClientOrderId()}. */
    public boolean isReplace()
    {
        return replace;
    }

    public long replacedClientOrderId()
    {
        return replacedClientOrderId;
    }

    /** The strategy's signed position in the instrument before this order. */
    public long positionQuantity()
    {
        return positionQuantity;
    }

    /** The strategy's open orders over all instruments (not counting this one). */
    public int openOrders()
    {
        return openOrders;
    }

    public int openOrdersInInstrument()
    {
        return openOrdersInInstrument;
    }

    /** Unfilled buy quantity of the strategy's open orders in the instrument. */
    public long openBuyQuantity()
    {
        return openBuyQuantity;
    }

    public long openSellQuantity()
    {
        return openSellQuantity;
    }

    /** Book mid, else top-of-book mid, else last trade; 0 when the engine has no price yet. */
    public long referencePrice()
    {
        return referencePrice;
    }

    /** Portfolio equity: initial + realized - fees + unrealized, at {@link #moneyExponent()}. */
    public long equity()
    {
        return equity;
    }

    /** The strategy's realized P&amp;L net of fees, at {@link #moneyExponent()}. */
    public long strategyRealizedPnl()
    {
        return strategyRealizedPnl;
    }

    public int moneyExponent()
    {
        return moneyExponent;
    }

    /** Price that the order's notional is measured at: its limit, else its stop, else the reference price. */
    public long effectivePrice()
    {
        if (price > 0)
        {
            return price;
        }
        return stopPrice > 0 ? stopPrice : referencePrice;
    }
}
