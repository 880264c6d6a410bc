package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.strategy.OrderRequest;

/**
 * The engine's {@link OrderRequest}: one per strategy, reset by {@code ctx.newOrder()}, holding the
 * order in the wire's types until {@link OrderManager} validates and sends it. Nothing is allocated.
 */
public final class OrderTicket implements OrderRequest
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

    OrderTicket(final OrderManager manager, final int strategyId)
    {
        this.manager = manager;
        this.strategyId = strategyId;
    }

    public OrderTicket reset()
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

    public OrderRequest side(final io.ferrum.strategy.Side side)
    {
        this.side = StrategyTypes.toSbe(side);
        return this;
    }

    public OrderRequest buy()
    {
        side = Side.BUY;
        return this;
    }

    public OrderRequest sell()
    {
        side = Side.SELL;
        return this;
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

    public OrderRequest timeInForce(final io.ferrum.strategy.TimeInForce timeInForce)
    {
        this.timeInForce = StrategyTypes.toSbe(timeInForce);
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

    public OrderRequest clientOrderId(final long clientOrderId)
    {
        this.clientOrderId = clientOrderId;
        return this;
    }

    public long send()
    {
        return manager.submit(strategyId, this);
    }
}
