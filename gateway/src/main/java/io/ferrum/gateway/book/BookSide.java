package io.ferrum.gateway.book;

import java.util.Arrays;

/**
 * One side of a price-level book in two sorted primitive arrays, best price first: bids
 * descending, asks ascending. Binary search to find a level, array copies to insert or
 * remove one. Grows (cold, rare) beyond its initial capacity rather than lose a level.
 */
final class BookSide
{
    private final boolean descending;
    private long[] prices;
    private long[] quantities;
    private int size;

    BookSide(final boolean descending, final int initialCapacity)
    {
        this.descending = descending;
        prices = new long[initialCapacity];
        quantities = new long[initialCapacity];
    }

    void clear()
    {
        size = 0;
    }

    /** Sets the quantity at a price; zero removes the level. */
    void set(final long price, final long quantity)
    {
        final int index = find(price);
        if (index >= 0)
        {
            if (quantity == 0)
            {
                System.arraycopy(prices, index + 1, prices, index, size - index - 1);
                System.arraycopy(quantities, index + 1, quantities, index, size - index - 1);
                size--;
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
            prices = Arrays.copyOf(prices, size * 2);
            quantities = Arrays.copyOf(quantities, size * 2);
        }
        System.arraycopy(prices, insertAt, prices, insertAt + 1, size - insertAt);
        System.arraycopy(quantities, insertAt, quantities, insertAt + 1, size - insertAt);
        prices[insertAt] = price;
        quantities[insertAt] = quantity;
        size++;
    }

    /** @return the index of price, or -(insertion point) - 1 */
    private int find(final long price)
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
            if (descending ? midPrice > price : midPrice < price)
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

    int size()
    {
        return size;
    }

    long price(final int level)
    {
        return prices[level];
    }

    long quantity(final int level)
    {
        return quantities[level];
    }
}
