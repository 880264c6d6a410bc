package io.ferrum.engine.book;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.strategy.BookView;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * The L2 book of one instrument, built only from sequenced {@code BookSnapshot} and
 * {@code BookDelta} messages. A snapshot resets both sides; a delta applies when its
 * {@code lastUpdateId} is newer than the book's, so a replayed delta changes nothing.
 * A delta before any snapshot is refused (Binance's procedure needs the snapshot first).
 * After every change the book checks whether it is crossed ({@code bestBid >= bestAsk});
 * a crossed book is flagged and counted, and strategies should not trade on it.
 */
public final class OrderBook implements BookView
{
    /** Result of applying a message. */
    public static final int APPLIED = 0;
    public static final int STALE = 1;
    public static final int NO_SNAPSHOT = 2;

    private final Instrument instrument;
    private final PriceLadder bids;
    private final PriceLadder asks;
    private long lastUpdateId;
    private boolean hasSnapshot;
    private boolean crossed;
    private long crossedCount;
    private long gapCount;
    private long invalidLevels;
    private long updates;
    private long lastUpdateTimeNs;

    public OrderBook(final Instrument instrument, final int levelsPerSide)
    {
        this.instrument = instrument;
        this.bids = new PriceLadder(true, levelsPerSide);
        this.asks = new PriceLadder(false, levelsPerSide);
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public int instrumentId()
    {
        return instrument.instrumentId();
    }

    public PriceLadder bids()
    {
        return bids;
    }

    public PriceLadder asks()
    {
        return asks;
    }

    public int bidLevels()
    {
        return bids.size();
    }

    public int askLevels()
    {
        return asks.size();
    }

    public long bidPrice(final int level)
    {
        return bids.price(level);
    }

    public long bidQuantity(final int level)
    {
        return bids.quantity(level);
    }

    public long askPrice(final int level)
    {
        return asks.price(level);
    }

    public long askQuantity(final int level)
    {
        return asks.quantity(level);
    }

    /** 0 when the side is empty. */
    public long bestBidPrice()
    {
        return bids.bestPrice();
    }

    public long bestBidQuantity()
    {
        return bids.bestQuantity();
    }

    /** 0 when the side is empty. */
    public long bestAskPrice()
    {
        return asks.bestPrice();
    }

    public long bestAskQuantity()
    {
        return asks.bestQuantity();
    }

    /** True when both sides have a level and the book is not crossed: safe to price from. */
    public boolean isTwoSided()
    {
        return !bids.isEmpty() && !asks.isEmpty() && !crossed;
    }

    /** Mid price at the instrument's price exponent, truncated; 0 unless {@link #isTwoSided()}. */
    public long midPrice()
    {
        return isTwoSided() ? (bids.bestPrice() + asks.bestPrice()) >>> 1 : 0;
    }

    /** Best ask minus best bid, 0 unless {@link #isTwoSided()}. */
    public long spread()
    {
        return isTwoSided() ? asks.bestPrice() - bids.bestPrice() : 0;
    }

    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    public boolean hasSnapshot()
    {
        return hasSnapshot;
    }

    public boolean isCrossed()
    {
        return crossed;
    }

    /** Updates after which the book was crossed. */
    public long crossedCount()
    {
        return crossedCount;
    }

    /** Deltas whose firstUpdateId did not chain onto the book's lastUpdateId. */
    public long gapCount()
    {
        return gapCount;
    }

    /** Levels refused for a non-positive price or negative quantity. */
    public long invalidLevels()
    {
        return invalidLevels;
    }

    public long updates()
    {
        return updates;
    }

    /** Log time of the last applied update. */
    public long lastUpdateTimeNs()
    {
        return lastUpdateTimeNs;
    }

    public int apply(final BookSnapshotDecoder snapshot, final long timestampNs)
    {
        final long updateId = snapshot.lastUpdateId();
        if (hasSnapshot && updateId <= lastUpdateId)
        {
            return STALE;
        }
        bids.clear();
        asks.clear();
        for (final BookSnapshotDecoder.BidsDecoder level : snapshot.bids())
        {
            setLevel(bids, level.price(), level.quantity());
        }
        for (final BookSnapshotDecoder.AsksDecoder level : snapshot.asks())
        {
            setLevel(asks, level.price(), level.quantity());
        }
        hasSnapshot = true;
        lastUpdateId = updateId;
        return afterUpdate(timestampNs);
    }

    public int apply(final BookDeltaDecoder delta, final long timestampNs)
    {
        if (!hasSnapshot)
        {
            return NO_SNAPSHOT;
        }
        final long updateId = delta.lastUpdateId();
        final int chain = UpdateIdChain.classify(lastUpdateId, delta.firstUpdateId(), updateId);
        if (chain == UpdateIdChain.STALE)
        {
            return STALE;
        }
        if (chain == UpdateIdChain.GAP)
        {
            gapCount++; // counted, still applied: the gateway resyncs, the log carries what it published
        }
        for (final BookDeltaDecoder.BidsDecoder level : delta.bids())
        {
            setLevel(bids, level.price(), level.quantity());
        }
        for (final BookDeltaDecoder.AsksDecoder level : delta.asks())
        {
            setLevel(asks, level.price(), level.quantity());
        }
        lastUpdateId = updateId;
        return afterUpdate(timestampNs);
    }

    private void setLevel(final PriceLadder ladder, final long price, final long quantity)
    {
        if (price <= 0 || quantity < 0)
        {
            invalidLevels++;
            return;
        }
        ladder.set(price, quantity);
    }

    private int afterUpdate(final long timestampNs)
    {
        updates++;
        lastUpdateTimeNs = timestampNs;
        crossed = PriceLadder.isCrossed(bids, asks);
        if (crossed)
        {
            crossedCount++;
        }
        return APPLIED;
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int pos = offset;
        buffer.putInt(pos, instrument.instrumentId(), ByteOrder.LITTLE_ENDIAN);
        pos += Integer.BYTES;
        buffer.putByte(pos++, (byte)((hasSnapshot ? 1 : 0) | (crossed ? 2 : 0)));
        pos = putLong(buffer, pos, lastUpdateId);
        pos = putLong(buffer, pos, crossedCount);
        pos = putLong(buffer, pos, gapCount);
        pos = putLong(buffer, pos, invalidLevels);
        pos = putLong(buffer, pos, updates);
        pos = putLong(buffer, pos, lastUpdateTimeNs);
        pos += bids.snapshotTo(buffer, pos);
        pos += asks.snapshotTo(buffer, pos);
        return pos - offset;
    }

    public int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int pos = offset;
        final int id = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        pos += Integer.BYTES;
        if (id != instrument.instrumentId())
        {
            throw new IllegalStateException("snapshot book for instrument " + id + ", expected " + instrument.instrumentId());
        }
        final byte flags = buffer.getByte(pos++);
        hasSnapshot = (flags & 1) != 0;
        crossed = (flags & 2) != 0;
        lastUpdateId = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        crossedCount = buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN);
        gapCount = buffer.getLong(pos + 16, ByteOrder.LITTLE_ENDIAN);
        invalidLevels = buffer.getLong(pos + 24, ByteOrder.LITTLE_ENDIAN);
        updates = buffer.getLong(pos + 32, ByteOrder.LITTLE_ENDIAN);
        lastUpdateTimeNs = buffer.getLong(pos + 40, ByteOrder.LITTLE_ENDIAN);
        pos += 48;
        pos += bids.restoreFrom(buffer, pos);
        pos += asks.restoreFrom(buffer, pos);
        return pos - offset;
    }

    private static int putLong(final MutableDirectBuffer buffer, final int pos, final long value)
    {
        buffer.putLong(pos, value, ByteOrder.LITTLE_ENDIAN);
        return pos + Long.BYTES;
    }
}
