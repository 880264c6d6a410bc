package io.ferrum.engine.instrument;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.strategy.InstrumentView;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * A tradable instrument: prices are mantissas at {@link #priceExponent()}, quantities at
 * {@link #sizeExponent()}. Valid prices are multiples of {@link #tickSize()} and valid quantities
 * multiples of {@link #lotSize()} (both mantissas at their own exponent). The venue's further rules
 * ({@link #filters()}) and the base and quote assets come from Binance's exchangeInfo or an
 * instruments file ({@link ExchangeInfo}, {@link InstrumentRegistry}). Immutable.
 */
public final class Instrument implements InstrumentView
{
    /** Width of the SBE {@code Symbol} field. */
    public static final int SYMBOL_LENGTH = 16;

    private final int instrumentId;
    private final String symbol;
    private final byte[] symbolBytes = new byte[SYMBOL_LENGTH];
    private final Venue venue;
    private final int priceExponent;
    private final int sizeExponent;
    private final long tickSize;
    private final long lotSize;
    private final String baseAsset;
    private final String quoteAsset;
    private final InstrumentFilters filters;
    private final long quantityScale;

    /** An instrument without assets or filters beyond its grid. */
    public Instrument(
        final int instrumentId,
        final String symbol,
        final Venue venue,
        final int priceExponent,
        final int sizeExponent,
        final long tickSize,
        final long lotSize)
    {
        this(instrumentId, symbol, venue, priceExponent, sizeExponent, tickSize, lotSize, "", "", InstrumentFilters.NONE);
    }

    /**
     * @param baseAsset  the asset bought and sold (e.g. BTC), or empty when unknown
     * @param quoteAsset the asset prices are in (e.g. USDT), or empty when unknown
     * @param filters    the venue's price, quantity, notional and order-count rules
     */
    public Instrument(
        final int instrumentId,
        final String symbol,
        final Venue venue,
        final int priceExponent,
        final int sizeExponent,
        final long tickSize,
        final long lotSize,
        final String baseAsset,
        final String quoteAsset,
        final InstrumentFilters filters)
    {
        if (instrumentId <= 0)
        {
            throw new IllegalArgumentException("instrumentId must be positive: " + instrumentId);
        }
        if (symbol == null || symbol.isEmpty() || symbol.length() > SYMBOL_LENGTH)
        {
            throw new IllegalArgumentException("symbol must have 1 to 16 characters: " + symbol);
        }
        for (int i = 0; i < symbol.length(); i++)
        {
            final char c = symbol.charAt(i);
            if (c <= ' ' || c > '~')
            {
                throw new IllegalArgumentException("symbol must be printable ASCII without spaces: " + symbol);
            }
        }
        if (venue == null || venue == Venue.NULL_VAL)
        {
            throw new IllegalArgumentException("venue is required for " + symbol);
        }
        if (priceExponent < -18 || priceExponent > 0 || sizeExponent < -18 || sizeExponent > 0)
        {
            throw new IllegalArgumentException("exponents must be in [-18, 0] for " + symbol);
        }
        if (tickSize <= 0 || lotSize <= 0)
        {
            throw new IllegalArgumentException("tick size and lot size must be positive for " + symbol);
        }
        this.instrumentId = instrumentId;
        this.symbol = symbol;
        final byte[] ascii = symbol.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(ascii, 0, symbolBytes, 0, ascii.length);
        this.venue = venue;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.tickSize = tickSize;
        this.lotSize = lotSize;
        if (baseAsset == null || quoteAsset == null || filters == null)
        {
            throw new IllegalArgumentException("assets (empty when unknown) and filters are required for " + symbol);
        }
        this.baseAsset = baseAsset;
        this.quoteAsset = quoteAsset;
        this.filters = filters;
        this.quantityScale = io.ferrum.codecs.decimal.FixedPoint.powerOfTen(-sizeExponent);
    }

    /** The asset bought and sold, e.g. {@code BTC}; empty when the source did not say. */
    public String baseAsset()
    {
        return baseAsset;
    }

    /** The asset prices and notionals are in, e.g. {@code USDT}; empty when the source did not say. */
    public String quoteAsset()
    {
        return quoteAsset;
    }

    /** The venue's rules beyond the grid; {@link InstrumentFilters#NONE} when it has none. */
    public InstrumentFilters filters()
    {
        return filters;
    }

    /** {@code 10^-sizeExponent}: turns a price * quantity product into quote units at the price exponent. */
    public long quantityScale()
    {
        return quantityScale;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public String symbol()
    {
        return symbol;
    }

    /** The symbol as the 16 bytes of the SBE field, zero padded; do not modify. */
    public byte[] symbolBytes()
    {
        return symbolBytes;
    }

    public Venue venue()
    {
        return venue;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public int sizeExponent()
    {
        return sizeExponent;
    }

    /** Smallest price increment, as a mantissa at {@link #priceExponent()}. */
    public long tickSize()
    {
        return tickSize;
    }

    /** Smallest quantity increment, as a mantissa at {@link #sizeExponent()}. */
    public long lotSize()
    {
        return lotSize;
    }

    public boolean isValidPrice(final long price)
    {
        return price > 0 && price % tickSize == 0;
    }

    public boolean isValidQuantity(final long quantity)
    {
        return quantity > 0 && quantity % lotSize == 0;
    }

    /** Rounds a price down to the tick grid (toward zero). */
    public long roundPriceDown(final long price)
    {
        return price - price % tickSize;
    }

    /** Rounds a price up to the tick grid. */
    public long roundPriceUp(final long price)
    {
        final long rest = price % tickSize;
        return rest == 0 ? price : price - rest + tickSize;
    }

    /** Rounds a quantity down to the lot grid. */
    public long roundQuantityDown(final long quantity)
    {
        return quantity - quantity % lotSize;
    }

    public boolean equals(final Object o)
    {
        if (this == o)
        {
            return true;
        }
        if (!(o instanceof Instrument))
        {
            return false;
        }
        final Instrument that = (Instrument)o;
        return instrumentId == that.instrumentId && priceExponent == that.priceExponent &&
            sizeExponent == that.sizeExponent && tickSize == that.tickSize && lotSize == that.lotSize &&
            venue == that.venue && symbol.equals(that.symbol) && Arrays.equals(symbolBytes, that.symbolBytes) &&
            baseAsset.equals(that.baseAsset) && quoteAsset.equals(that.quoteAsset) && filters.equals(that.filters);
    }

    public int hashCode()
    {
        return instrumentId;
    }

    public String toString()
    {
        return "Instrument{" + symbol + " id=" + instrumentId + " venue=" + venue + " priceExponent=" + priceExponent +
            " sizeExponent=" + sizeExponent + " tickSize=" + tickSize + " lotSize=" + lotSize +
            (baseAsset.isEmpty() ? "" : " base=" + baseAsset + " quote=" + quoteAsset) +
            (filters.any() ? " " + filters : "") + '}';
    }
}
