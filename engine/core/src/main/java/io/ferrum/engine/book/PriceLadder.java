package io.ferrum.engine.book;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.util.Arrays;

/**
 * One side of an L2 book: price levels kept sorted best first in two parallel primitive arrays,
 * so the best level is index 0, depth queries are array reads and an update is a binary search
 * plus an {@link System#arraycopy} shift. Nothing is allocated after construction.
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
        return bids.size > 0 && asks.size > 0 && bids.prices[0] >= asks.prices[0];
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
        return prices[level];
    }

    public long quantity(final int level)
    {
        return quantities[level];
    }

    /** Best price, or 0 when empty (prices are positive). */
    public long bestPrice()
    {
        return size == 0 ? 0 : prices[0];
    }

    public long bestQuantity()
    {
        return size == 0 ? 0 : quantities[0];
    }

    public long levelsDropped()
    {
        return levelsDropped;
    }

    /** Quantity resting at exactly {@code price}, 0 when there is no such level. */
    public long quantityAt(final long price)
    {
        final int index = search(price);
        return index >= 0 ? quantities[index] : 0;
    }

    /** True when {@code a} is a better price than {@code b} on this side. */
    public boolean isBetter(final long a, final long b)
    {
        return descending ? a > b : a < b;
    }

    public void clear()
    {
        size = 0;
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
                quantities[index] = quantity;
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
        final int tail = size - insertAt;
        if (tail > 0)
        {
            System.arraycopy(prices, insertAt, prices, insertAt + 1, tail);
            System.arraycopy(quantities, insertAt, quantities, insertAt + 1, tail);
        }
        prices[insertAt] = price;
        quantities[insertAt] = quantity;
        size++;
    }

    private void grow(final int capacity)
    {
        prices = Arrays.copyOf(prices, capacity);
        quantities = Arrays.copyOf(quantities, capacity);
    }

    private void remove(final int index)
    {
        final int tail = size - index - 1;
        if (tail > 0)
        {
            System.arraycopy(prices, index + 1, prices, index, tail);
            System.arraycopy(quantities, index + 1, quantities, index, tail);
        }
        size--;
    }

    /** Binary search in best-first order: index when found, else -(insertion point) - 1. */
    private int search(final long price)
    {
        int low = 0;
        int high = size - 1;
        while (low <= high)
        {
            final int mid = (low + high) >>> 1;
            final long midPrice = prices[mid];
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
            buffer.putLong(pos, prices[i], ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(pos + Long.BYTES, quantities[i], ByteOrder.LITTLE_ENDIAN);
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
