package io.ferrum.engine;

import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.order.OrderManager;
import io.ferrum.engine.order.OrderTicket;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.order.Position;
import io.ferrum.strategy.StrategyContext;

/**
 * One strategy's view of the engine: its own orders, positions, P&amp;L and timers, and the
 * markets. A strategy sees another's orders or timers through none of these methods.
 */
final class StrategySlot implements StrategyContext
{
    private final Engine engine;
    private final OrderManager orderManager;
    private final Portfolio portfolio;
    private final EngineTimers timers;
    private final int strategyId;
    private final int index;
    private final OrderTicket request;

    StrategySlot(final Engine engine, final EngineTimers timers, final int strategyId, final int index)
    {
        this.engine = engine;
        this.orderManager = engine.orderManager();
        this.portfolio = engine.portfolio();
        this.timers = timers;
        this.strategyId = strategyId;
        this.index = index;
        this.request = orderManager.newRequest(strategyId);
    }

    /** The strategy's reusable order request, also used by the engine to flatten its positions. */
    OrderTicket request()
    {
        return request;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public long timeNs()
    {
        return engine.timeNs;
    }

    public Instrument instrument(final int instrumentId)
    {
        return engine.instruments().get(instrumentId);
    }

    public OrderBook book(final int instrumentId)
    {
        return engine.book(instrumentId);
    }

    public long lastTradePrice(final int instrumentId)
    {
        final Market market = engine.market(instrumentId);
        return market == null ? 0 : market.lastTradePrice;
    }

    public long referencePrice(final int instrumentId)
    {
        return engine.referencePrice(instrumentId);
    }

    public boolean isFeedHealthy(final int instrumentId)
    {
        final Market market = engine.market(instrumentId);
        return market != null && Market.isHealthy(engine.connectionFeedState) && Market.isHealthy(market.feedState);
    }

    public OrderTicket newOrder()
    {
        return request.reset();
    }

    public boolean cancel(final long clientOrderId)
    {
        return orderManager.cancel(strategyId, clientOrderId);
    }

    public long replace(final long clientOrderId, final long newPrice, final long newQuantity)
    {
        return orderManager.replace(strategyId, clientOrderId, newPrice, newQuantity);
    }

    public Order order(final long clientOrderId)
    {
        final Order order = orderManager.order(clientOrderId);
        return order != null && order.strategyId() == strategyId ? order : null;
    }

    public int openOrderCount(final int instrumentId)
    {
        return orderManager.openOrderCount(strategyId, instrumentId);
    }

    public Position position(final int instrumentId)
    {
        return portfolio.find(strategyId, instrumentId);
    }

    public long positionQuantity(final int instrumentId)
    {
        return portfolio.quantity(strategyId, instrumentId);
    }

    public long realizedPnl()
    {
        return portfolio.realizedPnl(strategyId);
    }

    public long fees()
    {
        return portfolio.fees(strategyId);
    }

    public long unrealizedPnl()
    {
        return engine.unrealizedPnl(strategyId);
    }

    public int moneyExponent()
    {
        return portfolio.moneyExponent();
    }

    public long scheduleTimer(final long deadlineNs)
    {
        return timers.schedule(index, deadlineNs);
    }

    public boolean cancelTimer(final long timerId)
    {
        return timers.cancel(index, timerId);
    }
}
