package io.ferrum.engine;

import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.order.OrderListener;
import io.ferrum.engine.order.StrategyTypes;
import io.ferrum.strategy.Strategy;
import org.agrona.collections.Int2IntHashMap;

/**
 * Routes order events to the strategy that owns the order. They may come from inside a strategy's
 * own callback (an order rejected as it is sent), so the engine's in-strategy flag is restored, not
 * cleared, after each call.
 */
final class StrategyRouter implements OrderListener
{
    private final Engine engine;
    private final Strategy[] strategies;
    private final Int2IntHashMap strategyIndex;

    StrategyRouter(final Engine engine, final Strategy[] strategies, final Int2IntHashMap strategyIndex)
    {
        this.engine = engine;
        this.strategies = strategies;
        this.strategyIndex = strategyIndex;
    }

    public void onOrderUpdate(final Order order)
    {
        final int index = strategyIndex.get(order.strategyId());
        if (index >= 0)
        {
            final boolean outer = engine.inStrategy;
            engine.inStrategy = true;
            strategies[index].onOrderUpdate(order);
            engine.inStrategy = outer;
        }
    }

    public void onFill(final Order order, final long price, final long quantity, final long fee, final Liquidity liquidity)
    {
        final int index = strategyIndex.get(order.strategyId());
        if (index >= 0)
        {
            final boolean outer = engine.inStrategy;
            engine.inStrategy = true;
            strategies[index].onFill(order, price, quantity, fee, StrategyTypes.toApi(liquidity));
            engine.inStrategy = outer;
        }
    }
}
