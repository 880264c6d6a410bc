package io.ferrum.engine.book;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;

/**
 * One side of an L2 book: price levels in one primitive array, sorted <b>worst first</b>
 * so that the best level is the last one. Live updates land near the best level, so an insertion
 * or removal there moves only the few better levels above it, with one {@code System.arraycopy},
 * never the whole tail behind it (best-first arrays moved ~1,000 levels for a change at the top of
 * a 1,000-level book). The occupied run {@code [base, base + size)} floats inside the arrays with
 * free room on both sides, so a change nearer the worst end moves the worse levels instead, and
 * dropping the worst level of a full ladder is {@code base++}. When the side a change wants has no
 * room left, the run is moved back to the middle (cold: once per many updates). Nothing is
 * allocated after construction unless the ladder is {@link #growing}.
 * <p>
 * Each level is stored as a key that ascends from worst to best on both sides (the price for
 * bids, minus the price for asks; prices are positive), so one search and one set of moves serve
 * both sides. The search gallops down from the best level, where updates cluster. Key and
 * quantity of a level sit side by side in one array: one move shifts both.
 * <p>
 * The engine's ladder holds at most {@link #capacity()} levels; when full, the worst level gives
 * way to a better one (and a level worse than all held levels is not kept), counted in
 * {@link #levelsDropped()}. Strategies care about the top of the book, never about level 5000.
 * A {@link #growing} ladder instead doubles its arrays when full (cold, rare) and never drops a
 * level: the gateway checks its books against the venue's and analytics walks the whole depth.
 * The snapshot writes the levels best first whatever the layout, so its bytes are canonical.
 */
public final class PriceLadder
{
    private final boolean descending;
    /** +1 for bids, -1 for asks: key = sign * price ascends from worst to best. */
    private final long sign;
    private final boolean grows;
    private int capacity;
    /** Level n's key at {@code 2n}, its quantity at {@code 2n + 1}. */
    private long[] levels;
    /** Index of the worst level; the best is at {@code base + size - 1}. */
    private int base;
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
        this.sign = descending ? 1 : -1;
        this.grows = grows;
        this.capacity = capacity;
        // room on both sides of a full run, so that a full ladder's updates stay cheap
        final int length = arrayLength(capacity);
        this.levels = new long[2 * length];
        this.base = length / 2;
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
        return bids.size > 0 && asks.size > 0 && bids.bestPrice() >= asks.bestPrice();
    }

    /** True for the bid side (highest price first). */
    public boolean isBids()
    {
        return descending;
    }

    /** Levels held before the worst is dropped (or, for a growing ladder, before the arrays grow). */
    public int capacity()
    {
        return capacity;
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
        return sign * levels[(base + size - 1 - level) << 1];
    }

    public long quantity(final int level)
    {
        return levels[((base + size - 1 - level) << 1) + 1];
    }

    /** Best price, or 0 when empty (prices are positive). */
    public long bestPrice()
    {
        return size == 0 ? 0 : sign * levels[(base + size - 1) << 1];
    }

    public long bestQuantity()
    {
        return size == 0 ? 0 : levels[((base + size - 1) << 1) + 1];
    }

    public long levelsDropped()
    {
        return levelsDropped;
    }

    /** Quantity resting at exactly {@code price}, 0 when there is no such level. */
    public long quantityAt(final long price)
    {
        final int index = search(sign * price);
        return index >= 0 ? levels[(index << 1) + 1] : 0;
    }

    /** True when {@code a} is a better price than {@code b} on this side. */
    public boolean isBetter(final long a, final long b)
    {
        return descending ? a > b : a < b;
    }

    public void clear()
    {
        size = 0;
        base = length() / 2;
    }

    /** Sets the quantity at a price; 0 removes the level. */
    public void set(final long price, final long quantity)
    {
        final long key = sign * price;
        final int index = search(key);
        if (index >= 0)
        {
            if (quantity == 0)
            {
                remove(index);
            }
            else
            {
                levels[(index << 1) + 1] = quantity;
            }
            return;
        }
        if (quantity == 0)
        {
            return;
        }

        int at = -index - 1; // the new level goes before the (better) level now at this index
        if (size == capacity)
        {
            if (grows)
            {
                capacity *= 2;
                at = resize(arrayLength(capacity), at);
            }
            else
            {
                levelsDropped++;
                if (at == base)
                {
                    return; // worse than every level held
                }
                base++; // the worst level gives way
                size--;
            }
        }
        insert(at, key, quantity);
    }

    /** Puts a level before index {@code at}, moving the shorter side (better or worse levels) out by one. */
    private void insert(final int at, final long key, final long quantity)
    {
        int index = at;
        final int better = base + size - index;
        final int worse = index - base;
        final boolean moveBetter = better <= worse;
        if (moveBetter ? base + size == length() : base == 0)
        {
            index = resize(length(), index); // no room on that side: centre the run again
        }
        if (moveBetter)
        {
            System.arraycopy(levels, index << 1, levels, (index + 1) << 1, better << 1);
        }
        else
        {
            System.arraycopy(levels, base << 1, levels, (base - 1) << 1, worse << 1);
            base--;
            index--;
        }
        levels[index << 1] = key;
        levels[(index << 1) + 1] = quantity;
        size++;
    }

    /** Closes the gap at {@code index} by moving the shorter side in by one. */
    private void remove(final int index)
    {
        final int better = base + size - 1 - index;
        final int worse = index - base;
        if (better <= worse)
        {
            System.arraycopy(levels, (index + 1) << 1, levels, index << 1, better << 1);
        }
        else
        {
            System.arraycopy(levels, base << 1, levels, (base + 1) << 1, worse << 1);
            base++;
        }
        size--;
    }

    /**
     * Cold: moves the run to the middle of arrays of {@code length} (new ones when longer); returns
     * where {@code index} went.
     */
    private int resize(final int length, final int index)
    {
        final int newBase = (length - size) / 2;
        final long[] target = length == length() ? levels : new long[2 * length];
        System.arraycopy(levels, base << 1, target, newBase << 1, size << 1);
        levels = target;
        final int moved = index - base + newBase;
        base = newBase;
        return moved;
    }

    /**
     * Index of {@code key}, else -(index of the first better level) - 1. Gallops from the best
     * level towards the worst (1, 2, 4... levels down) and then bisects the bracket: a change at
     * depth d costs about 2 log2(d) comparisons, not log2(size).
     */
    private int search(final long key)
    {
        final long[] levels = this.levels;
        final int top = base + size;
        int high = top; // keys at [high, top) are all above key
        int low = base;
        for (int distance = 1; distance <= size; distance <<= 1)
        {
            final int probe = top - distance;
            if (levels[probe << 1] <= key)
            {
                low = probe;
                break;
            }
            high = probe;
        }
        while (low < high)
        {
            final int mid = (low + high) >>> 1;
            if (levels[mid << 1] < key)
            {
                low = mid + 1;
            }
            else
            {
                high = mid;
            }
        }
        return low < top && levels[low << 1] == key ? low : -(low + 1);
    }

    /** Levels the arrays have room for. */
    private int length()
    {
        return levels.length >> 1;
    }

    private static int arrayLength(final int capacity)
    {
        return 2 * capacity + 2;
    }

    /** Writes size, dropped count and the levels, best first; returns bytes written. */
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
        if (count < 0 || count > capacity)
        {
            throw new IllegalStateException("snapshot ladder has " + count + " levels, capacity " + capacity);
        }
        levelsDropped = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        pos += Long.BYTES;
        size = count;
        base = (length() - count) / 2;
        for (int i = base + count - 1; i >= base; i--)
        {
            levels[i << 1] = sign * buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
            levels[(i << 1) + 1] = buffer.getLong(pos + Long.BYTES, ByteOrder.LITTLE_ENDIAN);
            pos += 2 * Long.BYTES;
        }
        return pos - offset;
    }
}
