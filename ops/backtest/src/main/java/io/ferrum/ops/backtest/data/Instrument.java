package io.ferrum.ops.backtest.data;

import java.nio.charset.StandardCharsets;
import java.util.Arrays;

/**
 * What a backtest needs to know of a symbol to encode its market data: Ferrum's
 * instrument id and the fixed-point exponents of its prices and sizes.
 */
public record Instrument(String symbol, int instrumentId, int priceExponent, int sizeExponent)
{
    public Instrument
    {
        if (symbol.isEmpty() || symbol.length() > 16 || !symbol.chars().allMatch(c -> c > ' ' && c < 127))
        {
            throw new IllegalArgumentException("symbol must be 1 to 16 printable ASCII characters: '" + symbol + "'");
        }
    }

    /** The symbol as the SBE field holds it: 16 bytes, zero padded. */
    public byte[] symbolBytes()
    {
        return Arrays.copyOf(symbol.getBytes(StandardCharsets.US_ASCII), 16);
    }
}
