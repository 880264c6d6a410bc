package io.ferrum.gateway.binance;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.DirectBuffer;

/**
 * The feed's state for one instrument of the engine's {@link InstrumentRegistry}: the receive
 * times the feed monitor reads and the highest ids published. What the instrument is (symbol,
 * id, exponents) is the registry's {@link io.ferrum.engine.instrument.Instrument}, never defined
 * a second time here.
 */
public final class Instrument
{
    /** Binance spot prices and sizes are sent with 8 decimals. */
    public static final int BINANCE_EXPONENT = -8;

    private final io.ferrum.engine.instrument.Instrument definition;
    private final int symbolLength;
    long lastUpdateNs;
    long lastQuoteNs;
    // highest ids published, so that an overlapping second connection (rotation) publishes nothing twice
    long lastTradeId = Long.MIN_VALUE;
    long lastAggTradeId = Long.MIN_VALUE;
    long lastQuoteUpdateId = Long.MIN_VALUE;

    public Instrument(final io.ferrum.engine.instrument.Instrument definition)
    {
        this.definition = definition;
        this.symbolLength = definition.symbol().length();
    }

    /**
     * A Binance spot instrument at the venue's 8 decimals, tick and lot one unit of the last
     * decimal (as in {@link InstrumentRegistry#BINANCE_FIXTURES}): for a feed given only symbols.
     */
    public Instrument(final String symbol, final int instrumentId)
    {
        this(symbol, instrumentId, BINANCE_EXPONENT, BINANCE_EXPONENT);
    }

    /** A Binance spot instrument at the given exponents, tick and lot one unit of the last decimal. */
    public Instrument(final String symbol, final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        this(new io.ferrum.engine.instrument.Instrument(
            instrumentId, symbol, Venue.BINANCE_SPOT, priceExponent, sizeExponent, 1, 1));
    }

    public io.ferrum.engine.instrument.Instrument definition()
    {
        return definition;
    }

    public String symbol()
    {
        return definition.symbol();
    }

    /** The symbol NUL-padded to the SBE field's 16 bytes. */
    public byte[] paddedSymbol()
    {
        return definition.symbolBytes();
    }

    public int instrumentId()
    {
        return definition.instrumentId();
    }

    public int priceExponent()
    {
        return definition.priceExponent();
    }

    public int sizeExponent()
    {
        return definition.sizeExponent();
    }

    /** Receive time of the last decoded event of any kind, epoch ns; 0 before the first. */
    public long lastUpdateNs()
    {
        return lastUpdateNs;
    }

    /** Receive time of the last best bid/ask, epoch ns; 0 before the first. */
    public long lastQuoteNs()
    {
        return lastQuoteNs;
    }

    public String toString()
    {
        return symbol() + "#" + instrumentId() + "(" + priceExponent() + "/" + sizeExponent() + ")";
    }

    boolean matches(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length != symbolLength)
        {
            return false;
        }
        final byte[] symbolBytes = definition.symbolBytes();
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != symbolBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    /** The same hash as {@link java.util.Arrays#hashCode(byte[])} over the unpadded symbol. */
    int hashOfSymbol()
    {
        final byte[] symbolBytes = definition.symbolBytes();
        int hash = 1;
        for (int i = 0; i < symbolLength; i++)
        {
            hash = 31 * hash + symbolBytes[i];
        }
        return hash;
    }
}
