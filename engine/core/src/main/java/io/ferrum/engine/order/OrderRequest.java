package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;

/**
 * A reusable order builder bound to one strategy: {@code ctx.newOrder()} resets it, the strategy
 * fills it and calls {@link #send()}. Nothing is allocated.
 * <pre>
 * final long id = ctx.newOrder().instrument(1).buy().limit(price).quantity(qty).postOnly().send();
 * if (OrderRequest.isRejected(id)) { ... OrderRequest.rejectReason(id) ... }
 * </pre>
 * Defaults: LIMIT orders are GTC, MARKET and STOP_MARKET orders IOC.
 */
public final class OrderRequest
{
    private final OrderManager manager;
    private final int strategyId;
    int instrumentId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    long price;
    long stopPrice;
    long quantity;
    boolean postOnly;
    boolean reduceOnly;
    long clientOrderId;

    OrderRequest(final OrderManager manager, final int strategyId)
    {
        this.manager = manager;
        this.strategyId = strategyId;
    }

    public OrderRequest reset()
    {
        instrumentId = 0;
        side = null;
        orderType = null;
        timeInForce = null;
        price = 0;
        stopPrice = 0;
        quantity = 0;
        postOnly = false;
        reduceOnly = false;
        clientOrderId = 0;
        return this;
    }

    public OrderRequest instrument(final int instrumentId)
    {
        this.instrumentId = instrumentId;
        return this;
    }

    public OrderRequest side(final Side side)
    {
        this.side = side;
        return this;
    }

    public OrderRequest buy()
    {
        return side(Side.BUY);
    }

    public OrderRequest sell()
    {
        return side(Side.SELL);
    }

    public OrderRequest market()
    {
        orderType = OrderType.MARKET;
        price = 0;
        stopPrice = 0;
        return this;
    }

    public OrderRequest limit(final long price)
    {
        orderType = OrderType.LIMIT;
        this.price = price;
        stopPrice = 0;
        return this;
    }

    public OrderRequest stopMarket(final long stopPrice)
    {
        orderType = OrderType.STOP_MARKET;
        this.stopPrice = stopPrice;
        price = 0;
        return this;
    }

    public OrderRequest stopLimit(final long stopPrice, final long price)
    {
        orderType = OrderType.STOP_LIMIT;
        this.stopPrice = stopPrice;
        this.price = price;
        return this;
    }

    public OrderRequest quantity(final long quantity)
    {
        this.quantity = quantity;
        return this;
    }

    public OrderRequest timeInForce(final TimeInForce timeInForce)
    {
        this.timeInForce = timeInForce;
        return this;
    }

    public OrderRequest postOnly()
    {
        postOnly = true;
        return this;
    }

    public OrderRequest reduceOnly()
    {
        reduceOnly = true;
        return this;
    }

    /** Optional: use this id instead of a generated one; refused when an open order already has it. */
    public OrderRequest clientOrderId(final long clientOrderId)
    {
        this.clientOrderId = clientOrderId;
        return this;
    }

    /**
     * @return the client order id (&gt; 0) of the order now PENDING_NEW, or a negative number when
     * it was refused before leaving: see {@link #rejectReason(long)}.
     */
    public long send()
    {
        return manager.submit(strategyId, this);
    }

    public static boolean isRejected(final long result)
    {
        return result < 0;
    }

    /** The reason encoded in a negative {@link #send()} result, else null. */
    public static RiskRejectReason rejectReason(final long result)
    {
        return result < 0 ? RiskRejectReason.get((short)-result) : null;
    }
}
