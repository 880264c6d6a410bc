package com.desk.strategy;

import io.ferrum.strategy.BookView;
import io.ferrum.strategy.OrderRequest;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyContext;
import io.ferrum.strategy.StrategyParameters;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Buys {@code size} at market when the best bid's quantity is at least {@code ratioPercent} % of
 * the best ask's (buyers lean on the book), and sells the whole position, reduce-only, when the
 * ask side leans the same way. One order at a time; nothing allocated per event.
 */
public final class ImbalanceTaker implements Strategy
{
    private final int strategyId;
    private final int instrumentId;
    private final long size;
    private final long ratioPercent;
    private StrategyContext ctx;
    private long entries;
    private long exits;

    /** Parameters: strategyId, instrumentId, size (a mantissa at the size exponent), ratioPercent (default 300). */
    public ImbalanceTaker(final StrategyParameters parameters)
    {
        strategyId = parameters.integer("strategyId", 0);
        instrumentId = parameters.integer("instrumentId", 0);
        size = parameters.longValue("size", 0);
        ratioPercent = parameters.longValue("ratioPercent", 300);
        if (strategyId <= 0 || instrumentId <= 0 || size <= 0 || ratioPercent <= 100)
        {
            throw new IllegalArgumentException("need strategyId > 0, instrumentId > 0, size > 0 and ratioPercent > 100");
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
    public void onBook(final BookView book)
    {
        if (book.instrumentId() != instrumentId || !book.isTwoSided() || !ctx.isFeedHealthy(instrumentId) ||
            ctx.openOrderCount(instrumentId) > 0)
        {
            return;
        }
        final long position = ctx.positionQuantity(instrumentId);
        final long bid = book.bestBidQuantity();
        final long ask = book.bestAskQuantity();
        if (position == 0 && bid * 100 >= ask * ratioPercent)
        {
            if (!OrderRequest.isRejected(ctx.newOrder().instrument(instrumentId).buy().market().quantity(size).send()))
            {
                entries++;
            }
        }
        else if (position > 0 && ask * 100 >= bid * ratioPercent)
        {
            if (!OrderRequest.isRejected(
                ctx.newOrder().instrument(instrumentId).sell().market().quantity(position).reduceOnly().send()))
            {
                exits++;
            }
        }
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
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, entries, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 8, exits, ByteOrder.LITTLE_ENDIAN);
        return 16;
    }

    @Override
    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 16)
        {
            throw new IllegalStateException("ImbalanceTaker snapshot of " + length + " bytes, expected 16");
        }
        entries = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        exits = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
    }
}
