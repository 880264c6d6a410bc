package io.ferrum.engine.strategy.momentum;

import io.ferrum.strategy.OrderRequest;
import io.ferrum.strategy.Side;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyContext;
import io.ferrum.strategy.StrategyParameters;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Takes liquidity in the direction of a price move: over the last {@code lookbackTrades} trades,
 * {@code moveBps = (last - first) * 10 000 / first}; at or above {@code +thresholdBps} it buys
 * {@code orderQuantity} at market, at or below {@code -thresholdBps} it sells, never past
 * {@code maxPosition} and not within {@code cooldownNs} of its last entry. The first entry arms a
 * timer {@code holdNs} later that flattens the position with a reduce-only market order.
 * The trade window is a primitive ring kept in the snapshot.
 */
public final class MomentumTaker implements Strategy
{
    private final MomentumParameters parameters;
    private final long[] prices;
    private StrategyContext ctx;
    private int count;
    private int next;
    private long lastEntryNs = Long.MIN_VALUE;
    private long exitTimerId;
    private long entries;
    private long exits;

    /** As loaded from a strategies file: {@link MomentumParameters#from(StrategyParameters)}. */
    public MomentumTaker(final StrategyParameters parameters)
    {
        this(MomentumParameters.from(parameters));
    }

    public MomentumTaker(final MomentumParameters parameters)
    {
        this.parameters = parameters.validate();
        this.prices = new long[parameters.lookbackTrades];
    }

    @Override
    public int strategyId()
    {
        return parameters.strategyId;
    }

    @Override
    public void onStart(final StrategyContext context)
    {
        this.ctx = context;
    }

    public long entries()
    {
        return entries;
    }

    public long exits()
    {
        return exits;
    }

    @Override
    public void onTrade(
        final int instrumentId, final long price, final long quantity, final Side aggressor, final long timestampNs)
    {
        if (instrumentId != parameters.instrumentId)
        {
            return;
        }
        prices[next] = price;
        next = (next + 1) % prices.length;
        if (count < prices.length)
        {
            count++;
            if (count < prices.length)
            {
                return;
            }
        }
        // The oldest price in a full ring is the one the next write will overwrite.
        final long first = prices[next];
        final long moveBps = (price - first) * 10_000L / first;
        if (Math.abs(moveBps) < parameters.thresholdBps || !ctx.isFeedHealthy(instrumentId))
        {
            return;
        }
        if (lastEntryNs != Long.MIN_VALUE && timestampNs - lastEntryNs < parameters.cooldownNs)
        {
            return;
        }
        final long position = ctx.positionQuantity(instrumentId);
        final Side side = moveBps > 0 ? Side.BUY : Side.SELL;
        final long orderQuantity = parameters.orderQuantity;
        if ((side == Side.BUY && position + orderQuantity > parameters.maxPosition) ||
            (side == Side.SELL && position - orderQuantity < -parameters.maxPosition) ||
            ctx.openOrderCount(instrumentId) > 0)
        {
            return;
        }
        final long id = ctx.newOrder().instrument(instrumentId).side(side).market().quantity(orderQuantity).send();
        if (OrderRequest.isRejected(id))
        {
            return;
        }
        entries++;
        lastEntryNs = timestampNs;
        if (exitTimerId == 0)
        {
            // Held from the first entry: later entries do not postpone the exit.
            exitTimerId = ctx.scheduleTimer(timestampNs + parameters.holdNs);
        }
    }

    @Override
    public void onTimer(final long timerId, final long timestampNs)
    {
        if (timerId != exitTimerId)
        {
            return;
        }
        exitTimerId = 0;
        final long position = ctx.positionQuantity(parameters.instrumentId);
        if (position == 0 || ctx.openOrderCount(parameters.instrumentId) > 0)
        {
            return;
        }
        final long id = ctx.newOrder()
            .instrument(parameters.instrumentId)
            .side(position > 0 ? Side.SELL : Side.BUY)
            .market()
            .quantity(Math.abs(position))
            .reduceOnly()
            .send();
        if (!OrderRequest.isRejected(id))
        {
            exits++;
        }
    }

    @Override
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int pos = offset;
        buffer.putInt(pos, count, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(pos + 4, next, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 8, lastEntryNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 16, exitTimerId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 24, entries, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 32, exits, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(pos + 40, prices.length, ByteOrder.LITTLE_ENDIAN);
        pos += 44;
        for (final long price : prices)
        {
            buffer.putLong(pos, price, ByteOrder.LITTLE_ENDIAN);
            pos += 8;
        }
        return pos - offset;
    }

    @Override
    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        final int window = buffer.getInt(offset + 40, ByteOrder.LITTLE_ENDIAN);
        if (window != prices.length || length != 44 + 8 * window)
        {
            throw new IllegalStateException("momentum snapshot for a window of " + window + ", configured " +
                prices.length);
        }
        count = buffer.getInt(offset, ByteOrder.LITTLE_ENDIAN);
        next = buffer.getInt(offset + 4, ByteOrder.LITTLE_ENDIAN);
        lastEntryNs = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
        exitTimerId = buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
        entries = buffer.getLong(offset + 24, ByteOrder.LITTLE_ENDIAN);
        exits = buffer.getLong(offset + 32, ByteOrder.LITTLE_ENDIAN);
        for (int i = 0; i < window; i++)
        {
            prices[i] = buffer.getLong(offset + 44 + i * 8, ByteOrder.LITTLE_ENDIAN);
        }
    }
}
