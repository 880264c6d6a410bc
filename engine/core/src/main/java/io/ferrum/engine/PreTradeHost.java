package io.ferrum.engine;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.order.OrderManager;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.risk.EngineActions;
import io.ferrum.engine.risk.EngineView;
import io.ferrum.risk.FixedMath;
import io.ferrum.strategy.Strategy;
import org.agrona.DirectBuffer;

/**
 * The engine as its pre-trade check sees it: the engine's side of {@link EngineView} and
 * {@link EngineActions}, so that the risk package needs none of the engine's classes.
 */
final class PreTradeHost implements EngineView, EngineActions
{
    private final Engine engine;
    private final Portfolio portfolio;
    private final OrderManager orders;
    private final Strategy[] strategies;

    PreTradeHost(final Engine engine, final Strategy[] strategies)
    {
        this.engine = engine;
        this.portfolio = engine.portfolio();
        this.orders = engine.orderManager();
        this.strategies = strategies;
    }

    public InstrumentRegistry instruments()
    {
        return engine.instruments();
    }

    public int strategyCount()
    {
        return strategies.length;
    }

    public int strategyId(final int index)
    {
        return strategies[index].strategyId();
    }

    public long logPosition()
    {
        return engine.logPosition();
    }

    public int moneyExponent()
    {
        return portfolio.moneyExponent();
    }

    public long positionQuantity(final int strategyId, final int instrumentId)
    {
        return portfolio.quantity(strategyId, instrumentId);
    }

    public long instrumentPositionQuantity(final int instrumentId)
    {
        return portfolio.instrumentQuantity(instrumentId);
    }

    public long averageEntryPrice(final int strategyId, final int instrumentId)
    {
        final Position position = portfolio.find(strategyId, instrumentId);
        return position == null || position.quantity() == 0 ? 0 : position.averagePrice();
    }

    public long openQuantity(final int strategyId, final int instrumentId, final Side side)
    {
        return orders.openQuantity(strategyId, instrumentId, side);
    }

    public int openOrderCount(final int strategyId, final int instrumentId)
    {
        return orders.openOrderCount(strategyId, instrumentId);
    }

    public int openOrderCount()
    {
        return orders.openOrderCount();
    }

    public long leavesQuantity(final long clientOrderId)
    {
        final Order order = orders.order(clientOrderId);
        return order == null ? 0 : order.leavesQuantity();
    }

    public long spendable(final int instrumentId, final boolean buy, final long replacedClientOrderId)
    {
        final long spendable = orders.account().spendable(instrumentId, buy);
        return replacedClientOrderId == 0 ? spendable :
            FixedMath.addSaturated(spendable, orders.heldBy(replacedClientOrderId));
    }

    public long referencePrice(final int instrumentId)
    {
        return engine.referencePrice(instrumentId);
    }

    public long equity()
    {
        return engine.equity();
    }

    public long realizedPnl(final int strategyId)
    {
        return portfolio.realizedPnl(strategyId);
    }

    public long fees(final int strategyId)
    {
        return portfolio.fees(strategyId);
    }

    public long unrealizedPnl(final int strategyId)
    {
        return engine.unrealizedPnl(strategyId);
    }

    public long flattenPosition(final int strategyId, final int instrumentId)
    {
        return engine.flattenPosition(strategyId, instrumentId);
    }

    public void offerOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        engine.offerOutput(buffer, offset, length);
    }
}
