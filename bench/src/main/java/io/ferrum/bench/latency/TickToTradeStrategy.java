package io.ferrum.bench.latency;

import io.ferrum.strategy.RejectReason;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyContext;
import io.ferrum.strategy.StrategyParameters;
import io.ferrum.strategy.TimeInForce;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The latency harness's strategy: answers every top-of-book update with one order, a small IOC buy
 * limit {@value #DISTANCE_BPS} bps below the bid (inside the risk price band, never filling, so no
 * position builds up), whose client order id is {@link #ORDER_ID_BASE} plus the bid quantity's
 * mantissa: the harness's venue stamps each tick with its number there, and finds the tick again from
 * the order; the base keeps these ids apart from the engine's own (which a desk's strategies, run
 * beside it with {@code --strategies}, get). Every order passes the engine's pre-trade risk like any
 * strategy's. Loaded by name from a strategies file as any strategy ({@code strategyId},
 * {@code instrumentId}).
 */
public final class TickToTradeStrategy implements Strategy
{
    static final long DISTANCE_BPS = 100;
    static final long ORDER_QUANTITY = 100_000L; // 0.001 at exponent -8
    /** Far above any id the engine allocates (from 1, one per order) in a run. */
    static final long ORDER_ID_BASE = 1L << 40;

    private final int strategyId;
    private final int instrumentId;
    private StrategyContext ctx;
    private long sent;
    private long refused;
    private final long[] refusedByReason = new long[RejectReason.values().length];

    public TickToTradeStrategy(final StrategyParameters parameters)
    {
        this.strategyId = parameters.integer("strategyId", 1);
        this.instrumentId = parameters.integer("instrumentId", 0);
        if (instrumentId <= 0)
        {
            throw new IllegalArgumentException("instrumentId must be an instrument's id, not " + instrumentId);
        }
    }

    @Override
    public int strategyId()
    {
        return strategyId;
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
            .timeInForce(TimeInForce.IOC).clientOrderId(ORDER_ID_BASE + bidQuantity).send();
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
