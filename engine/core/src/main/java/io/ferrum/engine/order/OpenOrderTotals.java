package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.Side;
import org.agrona.collections.Long2ObjectHashMap;

/**
 * Running totals of the open orders (count, buy and sell leaves quantity) by strategy and
 * instrument, where 0 in either stands for "every": kept as orders open, fill and close, so
 * that pre-trade risk reads its exposure in constant time. Walking the open-order list instead
 * cost the engine time in proportion to the open orders on every order sent, which under a
 * backlog of unacknowledged orders made each order slower and the backlog longer.
 * <p>
 * Derived state: rebuilt by the order manager's restore as it re-opens the snapshot's orders,
 * never snapshotted or hashed. A totals record is allocated the first time a (strategy,
 * instrument) pair has an open order, then reused; no allocation per order after that.
 */
final class OpenOrderTotals
{
    private static final class Totals
    {
        int orders;
        long buyQuantity;
        long sellQuantity;
    }

    private final Long2ObjectHashMap<Totals> byKey = new Long2ObjectHashMap<>();

    /** An order joined the open orders with its current leaves quantity. */
    void onOpen(final Order order)
    {
        apply(order.strategyId, order.instrumentId, order.side, 1, order.quantity - order.filledQuantity);
    }

    /** An order left the open orders with its current leaves quantity. */
    void onClose(final Order order)
    {
        apply(order.strategyId, order.instrumentId, order.side, -1, -(order.quantity - order.filledQuantity));
    }

    /** An open order filled this much (its leaves quantity shrank by it). */
    void onFill(final Order order, final long quantity)
    {
        apply(order.strategyId, order.instrumentId, order.side, 0, -quantity);
    }

    /** Open orders of a strategy in an instrument; 0 in either means every one. */
    int orders(final int strategyId, final int instrumentId)
    {
        final Totals totals = byKey.get(key(strategyId, instrumentId));
        return totals == null ? 0 : totals.orders;
    }

    /** Leaves quantity of the open orders on one side; 0 in strategy or instrument means every one. */
    long quantity(final int strategyId, final int instrumentId, final Side side)
    {
        final Totals totals = byKey.get(key(strategyId, instrumentId));
        if (totals == null)
        {
            return 0;
        }
        return side == Side.BUY ? totals.buyQuantity : side == Side.SELL ? totals.sellQuantity : 0;
    }

    // Each order counts once in each distinct key that matches it: its own pair, its strategy
    // in every instrument, every strategy in its instrument, and everything.
    private void apply(final int strategyId, final int instrumentId, final Side side, final int orders, final long quantity)
    {
        add(strategyId, instrumentId, side, orders, quantity);
        if (instrumentId != 0)
        {
            add(strategyId, 0, side, orders, quantity);
        }
        if (strategyId != 0)
        {
            add(0, instrumentId, side, orders, quantity);
        }
        if (strategyId != 0 && instrumentId != 0)
        {
            add(0, 0, side, orders, quantity);
        }
    }

    private void add(final int strategyId, final int instrumentId, final Side side, final int orders, final long quantity)
    {
        final long key = key(strategyId, instrumentId);
        Totals totals = byKey.get(key);
        if (totals == null)
        {
            totals = new Totals();
            byKey.put(key, totals);
        }
        totals.orders += orders;
        if (side == Side.BUY)
        {
            totals.buyQuantity += quantity;
        }
        else if (side == Side.SELL)
        {
            totals.sellQuantity += quantity;
        }
    }

    private static long key(final int strategyId, final int instrumentId)
    {
        return ((long)strategyId << 32) | (instrumentId & 0xFFFF_FFFFL);
    }
}
