package io.ferrum.gateway.binance;

import io.ferrum.codecs.sbe.TradeEncoder;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * One configured symbol: how the venue names it, Ferrum's id for it, and the exponents its
 * decimal strings are parsed at. Also keeps the receive times the feed monitor reads.
 */
public final class Instrument
{
    /** Binance spot prices and sizes are sent with 8 decimals. */
    public static final int BINANCE_EXPONENT = -8;

    private final String symbol;
    private final byte[] symbolBytes;
    private final byte[] paddedSymbol = new byte[TradeEncoder.symbolLength()];
    private final int instrumentId;
    private final int priceExponent;
    private final int sizeExponent;
    long lastUpdateNs;
    long lastQuoteNs;
    // highest ids published, so that an overlapping second connection (rotation) publishes nothing twice
    long lastTradeId = Long.MIN_VALUE;
    long lastAggTradeId = Long.MIN_VALUE;
    long lastQuoteUpdateId = Long.MIN_VALUE;

    public Instrument(final String symbol, final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        if (symbol.isEmpty() || symbol.length() > paddedSymbol.length || !symbol.chars().allMatch(c -> c > ' ' && c < 127))
        {
            throw new IllegalArgumentException("symbol must be 1.." + paddedSymbol.length + " printable ASCII: '" + symbol + "'");
        }
        if (priceExponent > 0 || priceExponent < -18 || sizeExponent > 0 || sizeExponent < -18)
        {
            throw new IllegalArgumentException("exponents must be in [-18, 0] for " + symbol);
        }
        this.symbol = symbol;
        this.symbolBytes = symbol.getBytes(StandardCharsets.US_ASCII);
        System.arraycopy(symbolBytes, 0, paddedSymbol, 0, symbolBytes.length);
        this.instrumentId = instrumentId;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
    }

    public Instrument(final String symbol, final int instrumentId)
    {
        this(symbol, instrumentId, BINANCE_EXPONENT, BINANCE_EXPONENT);
    }

    public String symbol()
    {
        return symbol;
    }

    byte[] symbolBytes()
    {
        return symbolBytes;
    }

    /** The symbol NUL-padded to the SBE field's 16 bytes. */
    public byte[] paddedSymbol()
    {
        return paddedSymbol;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public int priceExponent()
    {
        return priceExponent;
    }

    public int sizeExponent()
    {
        return sizeExponent;
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
        return symbol + "#" + instrumentId + "(" + priceExponent + "/" + sizeExponent + ")";
    }

    boolean matches(final org.agrona.DirectBuffer buffer, final int offset, final int length)
    {
        if (length != symbolBytes.length)
        {
            return false;
        }
        for (int i = 0; i < length; i++)
        {
            if (buffer.getByte(offset + i) != symbolBytes[i])
            {
                return false;
            }
        }
        return true;
    }

    int hashOfSymbol()
    {
        return Arrays.hashCode(symbolBytes);
    }
}
