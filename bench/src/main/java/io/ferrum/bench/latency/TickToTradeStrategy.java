package io.ferrum.bench.latency;

import io.ferrum.strategy.RejectReason;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyContext;
import io.ferrum.strategy.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The latency harness's strategy: answers every top-of-book update with one order, a small IOC buy
 * limit {@value #DISTANCE_BPS} bps below the bid (inside the risk price band, never filling, so no
 * position builds up), whose client order id is the bid quantity's mantissa: the harness's venue
 * stamps each tick with its number there, and finds the tick again from the order. Every
 * order passes the engine's pre-trade risk like any strategy's.
 */
final class TickToTradeStrategy implements Strategy
{
    static final int STRATEGY_ID = 1;
    static final long DISTANCE_BPS = 100;
    static final long ORDER_QUANTITY = 100_000L; // 0.001 at exponent -8

    private final int instrumentId;
    private StrategyContext ctx;
    private long sent;
    private long refused;
    private final long[] refusedByReason = new long[RejectReason.values().length];

    TickToTradeStrategy(final int instrumentId)
    {
        this.instrumentId = instrumentId;
    }

    @Override
    public int strategyId()
    {
        return STRATEGY_ID;
    }

    @Override
    public void onStart(final StrategyContext context)
    {
        ctx = context;
    }

    @Override
    public void onBestBidAsk(
        final int instrumentId, final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
        if (instrumentId != this.instrumentId || bidPrice <= 0)
        {
            return;
        }
        final long limit = bidPrice - bidPrice * DISTANCE_BPS / 10_000L;
        final long id = ctx.newOrder().instrument(instrumentId).buy().limit(limit).quantity(ORDER_QUANTITY)
            .timeInForce(TimeInForce.IOC).clientOrderId(bidQuantity).send();
        if (id < 0)
        {
            refused++;
            final RejectReason reason = RejectReason.ofResult(id);
            if (reason != null)
            {
                refusedByReason[reason.ordinal()]++;
            }
        }
        else
        {
            sent++;
        }
    }

    /** Orders that left the engine (read after the engine stopped). */
    long sent()
    {
        return sent;
    }

    /** Orders the engine's validation or pre-trade risk refused. */
    long refused()
    {
        return refused;
    }

    /** Refusals by reason, e.g. {@code MAX_OPEN_ORDERS=120}, empty when none. */
    String refusals()
    {
        final StringBuilder text = new StringBuilder();
        for (final RejectReason reason : RejectReason.values())
        {
            if (refusedByReason[reason.ordinal()] > 0)
            {
                text.append(text.length() == 0 ? "" : ", ").append(reason).append('=').append(refusedByReason[reason.ordinal()]);
            }
        }
        return text.toString();
    }

    @Override
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, sent, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 8, refused, ByteOrder.LITTLE_ENDIAN);
        return 16;
    }

    @Override
    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        sent = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        refused = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
    }
}
