package io.ferrum.engine.instrument;

import io.ferrum.risk.FixedMath;

/**
 * A venue's per-symbol trading rules beyond the tick and lot grid (Binance's {@code PRICE_FILTER}
 * bounds, {@code LOT_SIZE} bounds, {@code MIN_NOTIONAL}/{@code NOTIONAL} and {@code MAX_NUM_ORDERS}),
 * as fixed-point values of the instrument: prices at its price exponent, quantities at its size
 * exponent, notionals in quote units at its price exponent. A zero bound is no bound (Binance's own
 * convention: a filter value of 0 disables that rule). Immutable; the checks allocate nothing.
 */
public final class InstrumentFilters
{
    /** No rule beyond the grid. */
    public static final InstrumentFilters NONE = new InstrumentFilters(0, 0, 0, 0, 0, 0, 0);

    private final long minPrice;
    private final long maxPrice;
    private final long minQuantity;
    private final long maxQuantity;
    private final long minNotional;
    private final long maxNotional;
    private final int maxNumOrders;

    /**
     * @param minPrice     lowest price, mantissa at the price exponent; 0 for none
     * @param maxPrice     highest price; 0 for none
     * @param minQuantity  smallest quantity, mantissa at the size exponent; 0 for none
     * @param maxQuantity  largest quantity; 0 for none
     * @param minNotional  smallest price * quantity, in quote units at the price exponent; 0 for none
     * @param maxNotional  largest price * quantity; 0 for none
     * @param maxNumOrders most open orders on the symbol per account; 0 for none
     */
    public InstrumentFilters(
        final long minPrice,
        final long maxPrice,
        final long minQuantity,
        final long maxQuantity,
        final long minNotional,
        final long maxNotional,
        final int maxNumOrders)
    {
        if (minPrice < 0 || maxPrice < 0 || minQuantity < 0 || maxQuantity < 0 || minNotional < 0 || maxNotional < 0 ||
            maxNumOrders < 0)
        {
            throw new IllegalArgumentException("filter values cannot be negative");
        }
        if ((maxPrice != 0 && minPrice > maxPrice) || (maxQuantity != 0 && minQuantity > maxQuantity) ||
            (maxNotional != 0 && minNotional > maxNotional))
        {
            throw new IllegalArgumentException("a filter's minimum is above its maximum");
        }
        this.minPrice = minPrice;
        this.maxPrice = maxPrice;
        this.minQuantity = minQuantity;
        this.maxQuantity = maxQuantity;
        this.minNotional = minNotional;
        this.maxNotional = maxNotional;
        this.maxNumOrders = maxNumOrders;
    }

    public long minPrice()
    {
        return minPrice;
    }

    public long maxPrice()
    {
        return maxPrice;
    }

    public long minQuantity()
    {
        return minQuantity;
    }

    public long maxQuantity()
    {
        return maxQuantity;
    }

    public long minNotional()
    {
        return minNotional;
    }

    public long maxNotional()
    {
        return maxNotional;
    }

    public int maxNumOrders()
    {
        return maxNumOrders;
    }

    /** Whether any rule is set. */
    public boolean any()
    {
        return minPrice != 0 || maxPrice != 0 || minQuantity != 0 || maxQuantity != 0 || minNotional != 0 ||
            maxNotional != 0 || maxNumOrders != 0;
    }

    public boolean priceBelowMin(final long price)
    {
        return price < minPrice;
    }

    public boolean priceAboveMax(final long price)
    {
        return maxPrice != 0 && price > maxPrice;
    }

    public boolean quantityBelowMin(final long quantity)
    {
        return quantity < minQuantity;
    }

    public boolean quantityAboveMax(final long quantity)
    {
        return maxQuantity != 0 && quantity > maxQuantity;
    }

    /**
     * {@code price * quantity < minNotional}, exactly (128-bit).
     *
     * @param quantityScale {@code 10^-sizeExponent}: the notional limits are at the price exponent
     */
    public boolean notionalBelowMin(final long price, final long quantity, final long quantityScale)
    {
        return minNotional != 0 && FixedMath.productGreater(minNotional, quantityScale, price, quantity);
    }

    /** {@code price * quantity > maxNotional}, exactly (128-bit). */
    public boolean notionalAboveMax(final long price, final long quantity, final long quantityScale)
    {
        return maxNotional != 0 && FixedMath.productGreater(price, quantity, maxNotional, quantityScale);
    }

    /** Whether one more open order would exceed {@code MAX_NUM_ORDERS}. */
    public boolean tooManyOrders(final int openOrders)
    {
        return maxNumOrders != 0 && openOrders >= maxNumOrders;
    }

    public boolean equals(final Object o)
    {
        if (!(o instanceof InstrumentFilters))
        {
            return false;
        }
        final InstrumentFilters that = (InstrumentFilters)o;
        return minPrice == that.minPrice && maxPrice == that.maxPrice && minQuantity == that.minQuantity &&
            maxQuantity == that.maxQuantity && minNotional == that.minNotional && maxNotional == that.maxNotional &&
            maxNumOrders == that.maxNumOrders;
    }

    public int hashCode()
    {
        return Long.hashCode(minPrice * 31 + maxPrice) * 31 + Long.hashCode(minQuantity * 31 + maxQuantity) +
            Long.hashCode(minNotional * 31 + maxNotional) + maxNumOrders;
    }

    public String toString()
    {
        return "minPrice=" + minPrice + " maxPrice=" + maxPrice + " minQuantity=" + minQuantity + " maxQuantity=" +
            maxQuantity + " minNotional=" + minNotional + " maxNotional=" + maxNotional + " maxNumOrders=" + maxNumOrders;
    }
}
