package io.ferrum.engine.book;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * One side of an L2 book: price levels kept sorted best first in two parallel primitive arrays
 * used as a ring (a deque), so the best level is depth 0, depth queries are array reads and an
 * update is a binary search plus a shift of the shorter side: a change near the top moves the few
 * levels above it, not the whole tail behind it (with best-first plain arrays, every insert or
 * removal at the top of a 1,000-level book moved ~1,000 levels). Nothing is allocated after
 * construction.
 * <p>
 * The engine's ladder holds at most {@link #capacity()} levels; when full, the worst level gives
 * way to a better one (and a level worse than all held levels is not kept), counted in
 * {@link #levelsDropped()}. Strategies care about the top of the book, never about level 5000.
 * A {@link #growing} ladder instead doubles its arrays when full (cold, rare) and never drops a
 * level: the gateway checks its books against the venue's and analytics walks the whole depth.
 */
public final class PriceLadder
{
    private final boolean descending;
    private final boolean grows;
    private long[] prices;
    private long[] quantities;
    /** Physical index of depth 0 (the best level). */
    private int head;
    private int size;
    private long levelsDropped;

    /**
     * A ladder of fixed capacity that drops its worst levels when full.
     *
     * @param descending true for bids (highest price first), false for asks
     * @param capacity   maximum number of levels held
     */
    public PriceLadder(final boolean descending, final int capacity)
    {
        this(descending, capacity, false);
    }

    private PriceLadder(final boolean descending, final int capacity, final boolean grows)
    {
        if (capacity <= 0)
        {
            throw new IllegalArgumentException("capacity must be positive: " + capacity);
        }
        this.descending = descending;
        this.grows = grows;
        this.prices = new long[capacity];
        this.quantities = new long[capacity];
    }

    /**
     * A ladder that grows beyond {@code initialCapacity} rather than lose a level.
     *
     * @param descending true for bids (highest price first), false for asks
     */
    public static PriceLadder growing(final boolean descending, final int initialCapacity)
    {
        return new PriceLadder(descending, initialCapacity, true);
    }

    /** Best bid at or above best ask: impossible on a venue, so the book is wrong. */
    public static boolean isCrossed(final PriceLadder bids, final PriceLadder asks)
    {
        return bids.size > 0 && asks.size > 0 && bids.prices[bids.head] >= asks.prices[asks.head];
    }

    /** True for the bid side (highest price first). */
    public boolean isBids()
    {
        return descending;
    }

    public int capacity()
    {
        return prices.length;
    }

    public int size()
    {
        return size;
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    /** Price at depth {@code level} (0 is best); only for {@code level < size()}. */
    public long price(final int level)
    {
        return prices[slot(level)];
    }

    public long quantity(final int level)
    {
        return quantities[slot(level)];
    }

    /** Best price, or 0 when empty (prices are positive). */
    public long bestPrice()
    {
        return size == 0 ? 0 : prices[head];
    }

    public long bestQuantity()
    {
        return size == 0 ? 0 : quantities[head];
    }

    public long levelsDropped()
    {
        return levelsDropped;
    }

    /** Quantity resting at exactly {@code price}, 0 when there is no such level. */
    public long quantityAt(final long price)
    {
        final int index = search(price);
        return index >= 0 ? quantities[slot(index)] : 0;
    }

    /** True when {@code a} is a better price than {@code b} on this side. */
    public boolean isBetter(final long a, final long b)
    {
        return descending ? a > b : a < b;
    }

    public void clear()
    {
        size = 0;
        head = 0;
    }

    /** Sets the quantity at a price; 0 removes the level. */
    public void set(final long price, final long quantity)
    {
        final int index = search(price);
        if (index >= 0)
        {
            if (quantity == 0)
            {
                remove(index);
            }
            else
            {
                quantities[slot(index)] = quantity;
            }
            return;
        }
        if (quantity == 0)
        {
            return;
        }

        final int insertAt = -index - 1;
        if (size == prices.length)
        {
            if (grows)
            {
                grow(size * 2);
            }
            else
            {
                levelsDropped++;
                if (insertAt == size)
                {
                    return;
                }
                size--;
            }
        }
        insert(insertAt, price, quantity);
    }

    /** Opens depth {@code at} by moving the shorter side out by one level; {@code size < capacity}. */
    private void insert(final int at, final long price, final long quantity)
    {
        if (at < size - at)
        {
            head = head == 0 ? prices.length - 1 : head - 1;
            for (int i = 0; i < at; i++)
            {
                move(i + 1, i);
            }
        }
        else
        {
            for (int i = size - 1; i >= at; i--)
            {
                move(i, i + 1);
            }
        }
        final int slot = slot(at);
        prices[slot] = price;
        quantities[slot] = quantity;
        size++;
    }

    /** Closes depth {@code at} by moving the shorter side in by one level. */
    private void remove(final int at)
    {
        if (at < size - 1 - at)
        {
            for (int i = at; i > 0; i--)
            {
                move(i - 1, i);
            }
            head = slot(1);
        }
        else
        {
            for (int i = at; i < size - 1; i++)
            {
                move(i + 1, i);
            }
        }
        size--;
    }

    private void move(final int fromDepth, final int toDepth)
    {
        final int from = slot(fromDepth);
        final int to = slot(toDepth);
        prices[to] = prices[from];
        quantities[to] = quantities[from];
    }

    /** Physical index of depth {@code depth}: the arrays are a ring starting at {@code head}. */
    private int slot(final int depth)
    {
        final int slot = head + depth;
        return slot >= prices.length ? slot - prices.length : slot;
    }

    /** Cold and rare: unrolls the ring into arrays twice as long, best level first again. */
    private void grow(final int capacity)
    {
        final long[] newPrices = new long[capacity];
        final long[] newQuantities = new long[capacity];
        for (int i = 0; i < size; i++)
        {
            newPrices[i] = prices[slot(i)];
            newQuantities[i] = quantities[slot(i)];
        }
        prices = newPrices;
        quantities = newQuantities;
        head = 0;
    }

    /** Binary search in best-first order: index when found, else -(insertion point) - 1. */
    private int search(final long price)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[slot(mid)];
            if (midPrice == price)
            {
                return mid;
            }
            if (isBetter(midPrice, price))
            {
                low = mid + 1;
            }
            else
            {
                high = mid - 1;
            }
        }
        return -(low + 1);
    }

    /** Writes size, dropped count and the levels; returns bytes written. */
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int pos = offset;
        buffer.putInt(pos, size, ByteOrder.LITTLE_ENDIAN);
        pos += Integer.BYTES;
        buffer.putLong(pos, levelsDropped, ByteOrder.LITTLE_ENDIAN);
        pos += Long.BYTES;
        for (int i = 0; i < size; i++)
        {
            buffer.putLong(pos, price(i), ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(pos + Long.BYTES, quantity(i), ByteOrder.LITTLE_ENDIAN);
            pos += 2 * Long.BYTES;
        }
        return pos - offset;
    }

    /** Reads what {@link #snapshotTo} wrote; returns bytes read. */
    public int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int pos = offset;
        final int count = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        pos += Integer.BYTES;
        if (count < 0 || count > prices.length)
        {
            throw new IllegalStateException("snapshot ladder has " + count + " levels, capacity " + prices.length);
        }
        levelsDropped = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        pos += Long.BYTES;
        head = 0;
        for (int i = 0; i < count; i++)
        {
            prices[i] = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
            quantities[i] = buffer.getLong(pos + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            pos += 2 * Long.BYTES;
        }
        size = count;
        return pos - offset;
    }
}
