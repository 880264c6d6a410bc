package io.ferrum.engine.strategy.marketmaker;

import io.ferrum.strategy.BookView;
import io.ferrum.strategy.InstrumentView;
import io.ferrum.strategy.OrderRequest;
import io.ferrum.strategy.OrderStatus;
import io.ferrum.strategy.OrderView;
import io.ferrum.strategy.Side;
import io.ferrum.strategy.Strategy;
import io.ferrum.strategy.StrategyContext;
import io.ferrum.strategy.StrategyParameters;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * Quotes one post-only bid and one post-only ask around the book mid, skewed against its
 * inventory: with position q and limit Q, both quotes move down by
 * {@code maxSkewTicks * q / Q} ticks (up when short), so that fills tend to bring the position
 * back to flat. A side is not quoted when a fill would take |q| past Q. Quotes are replaced only
 * when their target moved by {@code requoteTicks}; everything is pulled while the book is crossed,
 * one-sided or the feed is unhealthy.
 * <pre>
 * skew = floor(maxSkewTicks * q / Q) ticks
 * bid  = roundDown(mid - (halfSpreadTicks + skew) * tick), at most bestAsk - tick
 * ask  = roundUp(mid + (halfSpreadTicks - skew) * tick),   at least bestBid + tick
 * </pre>
 */
public final class MarketMaker implements Strategy
{
    private final MarketMakerParameters parameters;
    private StrategyContext ctx;
    private long bidOrderId;
    private long askOrderId;
    private long rngState;
    private long quotesSent;
    private long replacesSent;

    /** As loaded from a strategies file: {@link MarketMakerParameters#from(StrategyParameters)}. */
    public MarketMaker(final StrategyParameters parameters)
    {
        this(MarketMakerParameters.from(parameters));
    }

    public MarketMaker(final MarketMakerParameters parameters)
    {
        this.parameters = parameters.validate();
        this.rngState = parameters.seed == 0 ? 0x9E3779B97F4A7C15L : parameters.seed;
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

    public long bidOrderId()
    {
        return bidOrderId;
    }

    public long askOrderId()
    {
        return askOrderId;
    }

    public long quotesSent()
    {
        return quotesSent;
    }

    @Override
    public void onBook(final BookView book)
    {
        if (book.instrumentId() != parameters.instrumentId)
        {
            return;
        }
        if (!book.isTwoSided() || !ctx.isFeedHealthy(parameters.instrumentId))
        {
            pull();
            return;
        }
        final InstrumentView instrument = book.instrument();
        final long tick = instrument.tickSize();
        final long position = ctx.positionQuantity(parameters.instrumentId);
        final long skewTicks = parameters.maxSkewTicks * position / parameters.maxPosition;
        final long mid = book.midPrice();
        final long bid = Math.min(
            instrument.roundPriceDown(mid - (parameters.halfSpreadTicks + skewTicks) * tick),
            book.bestAskPrice() - tick);
        final long ask = Math.max(
            instrument.roundPriceUp(mid + (parameters.halfSpreadTicks - skewTicks) * tick),
            book.bestBidPrice() + tick);

        final long quantity = parameters.quoteQuantity;
        final boolean quoteBid = position + quantity <= parameters.maxPosition && bid > 0;
        final boolean quoteAsk = position - quantity >= -parameters.maxPosition;
        bidOrderId = quote(Side.BUY, bidOrderId, quoteBid, bid, instrument);
        askOrderId = quote(Side.SELL, askOrderId, quoteAsk, ask, instrument);
    }

    private long quote(
        final Side side, final long orderId, final boolean wanted, final long price, final InstrumentView instrument)
    {
        final OrderView order = orderId != 0 ? ctx.order(orderId) : null;
        if (!wanted)
        {
            if (order != null && !order.isCancelRequested())
            {
                ctx.cancel(orderId);
            }
            return order != null ? orderId : 0;
        }
        if (order == null)
        {
            final long id = ctx.newOrder()
                .instrument(parameters.instrumentId)
                .side(side)
                .limit(price)
                .quantity(quoteSize(instrument))
                .postOnly()
                .send();
            if (OrderRequest.isRejected(id))
            {
                return 0;
            }
            quotesSent++;
            return id;
        }
        final long moved = Math.abs(order.price() - price);
        if (moved >= parameters.requoteTicks * instrument.tickSize() && order.status() != OrderStatus.PENDING_NEW &&
            !order.isCancelRequested() && order.replacedByClientOrderId() == 0)
        {
            final long leaves = order.quantity() - order.filledQuantity();
            final long newId = ctx.replace(orderId, price, leaves);
            if (!OrderRequest.isRejected(newId))
            {
                replacesSent++;
                return newId;
            }
        }
        return orderId;
    }

    private long quoteSize(final InstrumentView instrument)
    {
        if (parameters.sizeJitterLots == 0)
        {
            return parameters.quoteQuantity;
        }
        // xorshift64*: seeded, and its state is in the snapshot, so a replay draws the same sizes.
        rngState ^= rngState >>> 12;
        rngState ^= rngState << 25;
        rngState ^= rngState >>> 27;
        final long draw = (rngState * 0x2545F4914F6CDD1DL) >>> 1;
        return parameters.quoteQuantity + (draw % (parameters.sizeJitterLots + 1)) * instrument.lotSize();
    }

    private void pull()
    {
        cancelIfOpen(bidOrderId);
        cancelIfOpen(askOrderId);
    }

    private void cancelIfOpen(final long orderId)
    {
        if (orderId != 0)
        {
            final OrderView order = ctx.order(orderId);
            if (order != null && !order.isCancelRequested())
            {
                ctx.cancel(orderId);
            }
        }
    }

    @Override
    public void onOrderUpdate(final OrderView order)
    {
        if (!order.isTerminal())
        {
            return;
        }
        final long id = order.clientOrderId();
        // A refused replace leaves the original order working: follow it again.
        final long fallback = order.status() == OrderStatus.REJECTED && order.replacesClientOrderId() != 0 &&
            ctx.order(order.replacesClientOrderId()) != null ? order.replacesClientOrderId() : 0;
        if (id == bidOrderId)
        {
            bidOrderId = fallback;
        }
        else if (id == askOrderId)
        {
            askOrderId = fallback;
        }
    }

    @Override
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, bidOrderId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 8, askOrderId, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 16, rngState, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 24, quotesSent, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(offset + 32, replacesSent, ByteOrder.LITTLE_ENDIAN);
        return 40;
    }

    @Override
    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != 40)
        {
            throw new IllegalStateException("market maker snapshot of " + length + " bytes, expected 40");
        }
        bidOrderId = buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN);
        askOrderId = buffer.getLong(offset + 8, ByteOrder.LITTLE_ENDIAN);
        rngState = buffer.getLong(offset + 16, ByteOrder.LITTLE_ENDIAN);
        quotesSent = buffer.getLong(offset + 24, ByteOrder.LITTLE_ENDIAN);
        replacesSent = buffer.getLong(offset + 32, ByteOrder.LITTLE_ENDIAN);
    }
}
