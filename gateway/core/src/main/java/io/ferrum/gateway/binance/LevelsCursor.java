package io.ferrum.gateway.binance;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.gateway.json.JsonScanner;
import org.agrona.DirectBuffer;

/**
 * Walks a Binance level array {@code [["price","qty"],...]} in place, parsing each pair to
 * fixed-point mantissas. Prices must be positive and quantities not negative; any other
 * shape stops the walk with an error.
 */
public final class LevelsCursor
{
    private final DecimalParser parser = new DecimalParser();
    private DirectBuffer buffer;
    private int position;
    private int limit;
    private int priceExponent;
    private int sizeExponent;
    private BadInput error;
    private long price;
    private long quantity;

    /** @param start just inside the opening bracket, end at the closing bracket */
    public void reset(final DirectBuffer buffer, final int start, final int end, final int priceExponent, final int sizeExponent)
    {
        this.buffer = buffer;
        this.position = JsonScanner.skipWhitespace(buffer, start + 1, end);
        this.limit = end - 1;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
        this.error = null;
    }

    /** @return true with {@link #price()} and {@link #quantity()} set; false at the end or on {@link #error()}. */
    public boolean next()
    {
        if (position >= limit)
        {
            return false;
        }
        if (buffer.getByte(position) != '[')
        {
            return fail(BadInput.MALFORMED_JSON);
        }
        int i = JsonScanner.skipWhitespace(buffer, position + 1, limit);
        final int priceEnd = string(i);
        if (priceEnd < 0)
        {
            return false;
        }
        price = parser.parse(buffer, i + 1, priceEnd - i - 2, priceExponent);
        i = JsonScanner.skipWhitespace(buffer, priceEnd, limit);
        if (i >= limit || buffer.getByte(i) != ',')
        {
            return fail(BadInput.MALFORMED_JSON);
        }
        i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
        final int quantityEnd = string(i);
        if (quantityEnd < 0)
        {
            return false;
        }
        quantity = parser.parse(buffer, i + 1, quantityEnd - i - 2, sizeExponent);
        i = JsonScanner.skipWhitespace(buffer, quantityEnd, limit);
        if (i >= limit || buffer.getByte(i) != ']')
        {
            return fail(BadInput.MALFORMED_JSON);
        }
        if (price == DecimalParser.INVALID || quantity == DecimalParser.INVALID || price <= 0 || quantity < 0)
        {
            return fail(BadInput.BAD_NUMBER);
        }
        i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
        if (i < limit)
        {
            if (buffer.getByte(i) != ',')
            {
                return fail(BadInput.MALFORMED_JSON);
            }
            i = JsonScanner.skipWhitespace(buffer, i + 1, limit);
            if (i >= limit)
            {
                return fail(BadInput.MALFORMED_JSON);
            }
        }
        position = i;
        return true;
    }

    private int string(final int i)
    {
        if (i >= limit || buffer.getByte(i) != '"')
        {
            fail(BadInput.MALFORMED_JSON);
            return -1;
        }
        final int end = JsonScanner.skipString(buffer, i, limit);
        if (end < 0)
        {
            fail(BadInput.MALFORMED_JSON);
        }
        return end;
    }

    private boolean fail(final BadInput reason)
    {
        error = reason;
        position = limit;
        return false;
    }

    public long price()
    {
        return price;
    }

    public long quantity()
    {
        return quantity;
    }

    /** Null unless the walk stopped on bad input. */
    public BadInput error()
    {
        return error;
    }
}
