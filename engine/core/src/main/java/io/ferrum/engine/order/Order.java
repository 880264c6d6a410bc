package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import io.ferrum.strategy.OrderView;

import java.nio.ByteOrder;

/**
 * One order as the engine knows it, in the wire's types (a strategy sees it as an {@link OrderView},
 * whose enums are the API's). Pooled and reused: a strategy may read it during a callback
 * but must not keep the reference after the order reached a terminal status (FILLED, CANCELED,
 * REJECTED, EXPIRED), when it goes back to the pool. Prices at the instrument's price exponent,
 * quantities at its size exponent.
 */
public final class Order implements OrderView
{
    static final int SNAPSHOT_LENGTH = 104;

    long clientOrderId;
    int strategyId;
    int instrumentId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    boolean postOnly;
    boolean reduceOnly;
    long price;
    long stopPrice;
    long quantity;
    long filledQuantity;
    long filledNotional;
    OrderStatus status;
    long venueOrderId;
    long createdNs;
    long updatedNs;
    long replacesClientOrderId;
    long replacedByClientOrderId;
    boolean cancelRequested;
    boolean triggered;

    // Creation-order list of live orders: a deterministic iteration order for snapshots and kill switches.
    Order previous;
    Order next;

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public io.ferrum.strategy.Side side()
    {
        return StrategyTypes.toApi(side);
    }

    /** {@link #side()} in the wire's type, for the engine and the venues. */
    public Side sideCode()
    {
        return side;
    }

    public io.ferrum.strategy.OrderType orderType()
    {
        return StrategyTypes.toApi(orderType);
    }

    public io.ferrum.strategy.TimeInForce timeInForce()
    {
        return StrategyTypes.toApi(timeInForce);
    }

    public boolean isPostOnly()
    {
        return postOnly;
    }

    public boolean isReduceOnly()
    {
        return reduceOnly;
    }

    /** Limit price; 0 for market orders. */
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

    public long filledQuantity()
    {
        return filledQuantity;
    }

    public long leavesQuantity()
    {
        return isTerminal() ? 0 : quantity - filledQuantity;
    }

    /** Sum of fill price * fill quantity at the engine's money exponent. */
    public long filledNotional()
    {
        return filledNotional;
    }

    public io.ferrum.strategy.OrderStatus status()
    {
        return StrategyTypes.toApi(status);
    }

    public long venueOrderId()
    {
        return venueOrderId;
    }

    public long createdNs()
    {
        return createdNs;
    }

    public long updatedNs()
    {
        return updatedNs;
    }

    /** For an order created by a replace: the order it replaces; else 0. */
    public long replacesClientOrderId()
    {
        return replacesClientOrderId;
    }

    /** While a replace of this order is pending: the new order's id; else 0. */
    public long replacedByClientOrderId()
    {
        return replacedByClientOrderId;
    }

    public boolean isCancelRequested()
    {
        return cancelRequested;
    }

    /** True once a stop order's trigger was reported. */
    public boolean isTriggered()
    {
        return triggered;
    }

    public boolean isTerminal()
    {
        return isTerminal(status);
    }

    public static boolean isTerminal(final OrderStatus status)
    {
        return status == OrderStatus.FILLED || status == OrderStatus.CANCELED ||
            status == OrderStatus.REJECTED || status == OrderStatus.EXPIRED;
    }

    void reset()
    {
        clientOrderId = 0;
        strategyId = 0;
        instrumentId = 0;
        side = null;
        orderType = null;
        timeInForce = null;
        postOnly = false;
        reduceOnly = false;
        price = 0;
        stopPrice = 0;
        quantity = 0;
        filledQuantity = 0;
        filledNotional = 0;
        status = null;
        venueOrderId = 0;
        createdNs = 0;
        updatedNs = 0;
        replacesClientOrderId = 0;
        replacedByClientOrderId = 0;
        cancelRequested = false;
        triggered = false;
        previous = null;
        next = null;
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int pos = offset;
        pos = put(buffer, pos, clientOrderId);
        buffer.putInt(pos, strategyId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(pos + 4, instrumentId, ByteOrder.LITTLE_ENDIAN);
        pos += 8;
        final long codes = side.value() | (long)orderType.value() << 8 | (long)timeInForce.value() << 16 |
            (long)status.value() << 24 | (postOnly ? 1L << 32 : 0) | (reduceOnly ? 1L << 33 : 0) |
            (cancelRequested ? 1L << 34 : 0) | (triggered ? 1L << 35 : 0);
        pos = put(buffer, pos, codes);
        pos = put(buffer, pos, price);
        pos = put(buffer, pos, stopPrice);
        pos = put(buffer, pos, quantity);
        pos = put(buffer, pos, filledQuantity);
        pos = put(buffer, pos, filledNotional);
        pos = put(buffer, pos, venueOrderId);
        pos = put(buffer, pos, createdNs);
        pos = put(buffer, pos, updatedNs);
        pos = put(buffer, pos, replacesClientOrderId);
        pos = put(buffer, pos, replacedByClientOrderId);
        return pos - offset;
    }

    void restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int pos = offset;
        clientOrderId = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        strategyId = buffer.getInt(pos + 8, ByteOrder.LITTLE_ENDIAN);
        instrumentId = buffer.getInt(pos + 12, ByteOrder.LITTLE_ENDIAN);
        pos += 16;
        final long codes = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        pos += 8;
        side = Side.get((short)(codes & 0xFF));
        orderType = OrderType.get((short)((codes >>> 8) & 0xFF));
        timeInForce = TimeInForce.get((short)((codes >>> 16) & 0xFF));
        status = OrderStatus.get((short)((codes >>> 24) & 0xFF));
        postOnly = (codes & (1L << 32)) != 0;
        reduceOnly = (codes & (1L << 33)) != 0;
        cancelRequested = (codes & (1L << 34)) != 0;
        triggered = (codes & (1L << 35)) != 0;
        price = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        stopPrice = buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN);
        quantity = buffer.getLong(pos + 16, ByteOrder.LITTLE_ENDIAN);
        filledQuantity = buffer.getLong(pos + 24, ByteOrder.LITTLE_ENDIAN);
        filledNotional = buffer.getLong(pos + 32, ByteOrder.LITTLE_ENDIAN);
        venueOrderId = buffer.getLong(pos + 40, ByteOrder.LITTLE_ENDIAN);
        createdNs = buffer.getLong(pos + 48, ByteOrder.LITTLE_ENDIAN);
        updatedNs = buffer.getLong(pos + 56, ByteOrder.LITTLE_ENDIAN);
        replacesClientOrderId = buffer.getLong(pos + 64, ByteOrder.LITTLE_ENDIAN);
        replacedByClientOrderId = buffer.getLong(pos + 72, ByteOrder.LITTLE_ENDIAN);
    }

    private static int put(final MutableDirectBuffer buffer, final int pos, final long value)
    {
        buffer.putLong(pos, value, ByteOrder.LITTLE_ENDIAN);
        return pos + Long.BYTES;
    }
}
