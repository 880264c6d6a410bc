package io.ferrum.ops.analytics;

import io.ferrum.engine.book.PriceLadder;
import io.ferrum.engine.book.UpdateIdChain;

import java.util.ArrayDeque;

/**
 * The analytics' own copy of a symbol's book, kept by Binance's documented rules so that a
 * gap is noticed here even if the log carries one: a snapshot resets the book at its
 * lastUpdateId; diffs ending at or before it are dropped; the next diff must start at or
 * before lastUpdateId + 1; any later start is a gap, after which the book is out of sync
 * until the next snapshot. Diffs seen while out of sync are held (bounded) and replayed
 * onto the next snapshot, as the venue's procedure asks.
 */
public final class LocalBook
{
    /** Where the book stands. */
    public enum SyncState
    {
        NO_SNAPSHOT, IN_SYNC, OUT_OF_SYNC
    }

    static final int MAX_PENDING = 4096;

    private final PriceLadder bids = PriceLadder.growing(true, 64);
    private final PriceLadder asks = PriceLadder.growing(false, 64);
    private final ArrayDeque<long[]> pending = new ArrayDeque<>();
    private SyncState state = SyncState.NO_SNAPSHOT;
    private long lastUpdateId = -1;
    private long gaps;
    private long resyncs;
    private long snapshots;
    private long crossedEvents;
    private long lockedEvents;

    public PriceLadder bids()
    {
        return bids;
    }

    public PriceLadder asks()
    {
        return asks;
    }

    public SyncState state()
    {
        return state;
    }

    public boolean inSync()
    {
        return SyncState.IN_SYNC == state;
    }

    public long lastUpdateId()
    {
        return lastUpdateId;
    }

    public long gaps()
    {
        return gaps;
    }

    /** Snapshots applied after the first one: each is a resynchronisation. */
    public long resyncs()
    {
        return resyncs;
    }

    public long crossedEvents()
    {
        return crossedEvents;
    }

    public long lockedEvents()
    {
        return lockedEvents;
    }

    public boolean hasTop()
    {
        return !bids.isEmpty() && !asks.isEmpty();
    }

    public boolean crossed()
    {
        return hasTop() && bids.price(0) > asks.price(0);
    }

    public boolean locked()
    {
        return hasTop() && bids.price(0) == asks.price(0);
    }

    /**
     * @param levels bid prices and quantities then ask prices and quantities, interleaved
     *               (price, quantity) per level
     */
    public void onSnapshot(final long snapshotUpdateId, final long[] levels, final int bidLevels)
    {
        bids.clear();
        asks.clear();
        load(levels, 0, bidLevels, bids);
        load(levels, bidLevels, (levels.length / 2) - bidLevels, asks);
        if (snapshots++ > 0)
        {
            resyncs++;
        }
        lastUpdateId = snapshotUpdateId;
        state = SyncState.IN_SYNC;
        checkCrossed();
        final int held = pending.size();
        for (int i = 0; i < held; i++)
        {
            final long[] delta = pending.pollFirst();
            applyOrHold(delta);
        }
    }

    /**
     * @param delta firstUpdateId, lastUpdateId, bid level count, then (price, quantity) pairs
     *              of the bids followed by those of the asks
     * @return true when the delta changed the book
     */
    public boolean onDelta(final long[] delta)
    {
        return applyOrHold(delta);
    }

    private boolean applyOrHold(final long[] delta)
    {
        final long first = delta[0];
        final long last = delta[1];
        if (SyncState.IN_SYNC != state)
        {
            hold(delta);
            return false;
        }
        final int chain = UpdateIdChain.classify(lastUpdateId, first, last);
        if (chain == UpdateIdChain.STALE)
        {
            return false;
        }
        if (chain == UpdateIdChain.GAP)
        {
            gaps++;
            state = SyncState.OUT_OF_SYNC;
            pending.clear();
            hold(delta);
            return false;
        }
        final int bidLevels = (int)delta[2];
        final int totalLevels = (delta.length - 3) / 2;
        for (int i = 0; i < totalLevels; i++)
        {
            (i < bidLevels ? bids : asks).set(delta[3 + 2 * i], delta[4 + 2 * i]);
        }
        lastUpdateId = last;
        checkCrossed();
        return true;
    }

    private void hold(final long[] delta)
    {
        if (pending.size() == MAX_PENDING)
        {
            pending.pollFirst();
        }
        pending.addLast(delta);
    }

    private void checkCrossed()
    {
        if (crossed())
        {
            crossedEvents++;
        }
        else if (locked())
        {
            lockedEvents++;
        }
    }

    private static void load(final long[] levels, final int fromLevel, final int count, final PriceLadder side)
    {
        for (int i = fromLevel; i < fromLevel + count; i++)
        {
            side.set(levels[2 * i], levels[2 * i + 1]);
        }
    }
}
