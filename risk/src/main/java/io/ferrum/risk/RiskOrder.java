package io.ferrum.risk;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;

/**
 * An order (new or replace) as risk sees it. The engine keeps one instance and refills
 * it for every check, so that a check allocates nothing. Cancels are never checked:
 * they are always allowed, in every trading state.
 */
public final class RiskOrder
{
    int strategyId;
    int instrumentId;
    long clientOrderId;
    Side side;
    OrderType orderType;
    int priceExponent;
    int sizeExponent;
    long price;
    long quantity;
    boolean reduceOnly;
    boolean replace;
    long replacedQuantity;

    /**
     * A new order.
     *
     * @param price limit price for LIMIT and STOP_LIMIT, stop price for STOP_MARKET, ignored for MARKET
     */
    public RiskOrder newOrder(
        final int strategyId,
        final int instrumentId,
        final long clientOrderId,
        final Side side,
        final OrderType orderType,
        final int priceExponent,
        final long price,
        final int sizeExponent,
        final long quantity,
        final boolean reduceOnly)
    {
        this.strategyId = strategyId;
        this.instrumentId = instrumentId;
        this.clientOrderId = clientOrderId;
        this.side = side;
        this.orderType = orderType;
        this.priceExponent = priceExponent;
        this.price = price;
        this.sizeExponent = sizeExponent;
        this.quantity = quantity;
        this.reduceOnly = reduceOnly;
        this.replace = false;
        this.replacedQuantity = 0;
        return this;
    }

    /**
     * A cancel-replace: counts against the order rate but not the open-order count, and the
     * replaced order's remaining quantity is taken out of the open exposure.
     *
     * @param replacedQuantity remaining (leaves) quantity of the order being replaced, still
     *                         included in the view's open quantities
     */
    public RiskOrder replace(
        final int strategyId,
        final int instrumentId,
        final long newClientOrderId,
        final Side side,
        final OrderType orderType,
        final int priceExponent,
        final long price,
        final int sizeExponent,
        final long quantity,
        final boolean reduceOnly,
        final long replacedQuantity)
    {
        newOrder(strategyId, instrumentId, newClientOrderId, side, orderType, priceExponent, price, sizeExponent,
            quantity, reduceOnly);
        this.replace = true;
        this.replacedQuantity = replacedQuantity;
        return this;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public Side side()
    {
        return side;
    }

    public long quantity()
    {
        return quantity;
    }

    public long price()
    {
        return price;
    }

    public boolean isReplace()
    {
        return replace;
    }
}
