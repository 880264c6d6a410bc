package io.ferrum.ops.backtest.data;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.zip.CRC32;

/**
 * Instruments of imported Binance data. Binance publishes every price and size with at most
 * 8 decimals, so both exponents are -8 and nothing is ever rounded. Ids are fixed for the
 * symbols Ferrum configures and otherwise derived from the symbol (CRC-32, positive, above
 * 1000), so the same symbol gets the same id in every import.
 */
public final class InstrumentCatalog
{
    public static final int BINANCE_EXPONENT = -8;

    private static final Map<String, Integer> KNOWN = Map.of("BTCUSDT", 1, "ETHUSDT", 2);

    private InstrumentCatalog()
    {
    }

    public static Instrument binance(final String symbol)
    {
        return new Instrument(symbol, instrumentId(symbol), BINANCE_EXPONENT, BINANCE_EXPONENT);
    }

    public static int instrumentId(final String symbol)
    {
        final Integer known = KNOWN.get(symbol);
        if (known != null)
        {
            return known;
        }
        final CRC32 crc = new CRC32();
        crc.update(symbol.getBytes(StandardCharsets.US_ASCII));
        return 1000 + (int)(crc.getValue() % 1_000_000_000L);
    }
}
