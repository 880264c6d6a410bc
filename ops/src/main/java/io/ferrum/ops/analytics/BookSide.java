package io.ferrum.ops.analytics;

import java.util.Arrays;

/**
 * One side of a price-level book in fixed point, best level first. Levels live in two
 * parallel sorted arrays so that walking the book for depth and slippage is a linear
 * scan with no boxing; bids are stored under negated keys so that both sides sort
 * ascending.
 */
public final class BookSide
{
    private final boolean bids;
    private long[] keys = new long[64];
    private long[] quantities = new long[64];
    private int count;

    public BookSide(final boolean bids)
    {
        this.bids = bids;
    }

    public boolean isBids()
    {
        return bids;
    }

    public int count()
    {
        return count;
    }

    /** Price mantissa of the level at {@code index}, 0 being the best. */
    public long price(final int index)
    {
        return bids ? -keys[index] : keys[index];
    }

    public long quantity(final int index)
    {
        return quantities[index];
    }

    public void clear()
    {
        count = 0;
    }

    /** Sets a level's quantity; a quantity of zero removes the level, as Binance's diffs do. */
    public void set(final long price, final long quantity)
    {
        final long key = bids ? -price : price;
        final int found = Arrays.binarySearch(keys, 0, count, key);
        if (found >= 0)
        {
            if (0 == quantity)
            {
                System.arraycopy(keys, found + 1, keys, found, count - found - 1);
                System.arraycopy(quantities, found + 1, quantities, found, count - found - 1);
                count--;
            }
            else
            {
                quantities[found] = quantity;
            }
            return;
        }
        if (0 == quantity)
        {
            return;
        }
        final int insertAt = -found - 1;
        if (count == keys.length)
        {
            keys = Arrays.copyOf(keys, count * 2);
            quantities = Arrays.copyOf(quantities, count * 2);
        }
        System.arraycopy(keys, insertAt, keys, insertAt + 1, count - insertAt);
        System.arraycopy(quantities, insertAt, quantities, insertAt + 1, count - insertAt);
        keys[insertAt] = key;
        quantities[insertAt] = quantity;
        count++;
    }
}
