package io.ferrum.ops.backtest.synthetic;

import io.ferrum.ops.backtest.data.Instrument;

/**
 * A synthetic market's parameters for one symbol.
 *
 * @param instrument      symbol, id and exponents
 * @param startPrice      first mid, as a price mantissa
 * @param tick            price increment, as a price mantissa
 * @param lot             size increment, as a size mantissa
 * @param medianTradeSize median trade size, as a size mantissa (sizes are log-normal)
 * @param annualVolatility of the mid in the normal regime, e.g. 0.6 for 60 %
 */
public record SyntheticInstrument(
    Instrument instrument, long startPrice, long tick, long lot, long medianTradeSize, double annualVolatility)
{
    public SyntheticInstrument
    {
        if (startPrice <= 0 || tick <= 0 || lot <= 0 || medianTradeSize < lot || annualVolatility <= 0)
        {
            throw new IllegalArgumentException("synthetic " + instrument.symbol() + ": prices, sizes and volatility must be positive");
        }
    }

    /** Defaults for the symbols Ferrum knows (BTCUSDT, ETHUSDT); others look like a mid-cap altcoin. */
    public static SyntheticInstrument defaults(final String symbol, final int instrumentId)
    {
        return switch (symbol)
        {
            case "BTCUSDT" -> new SyntheticInstrument(new Instrument(symbol, instrumentId, -2, -5),
                3_000_000, 1, 1, 100, 0.6);
            case "ETHUSDT" -> new SyntheticInstrument(new Instrument(symbol, instrumentId, -2, -4),
                200_000, 1, 1, 500, 0.75);
            default -> new SyntheticInstrument(new Instrument(symbol, instrumentId, -4, -2),
                10_000, 1, 1, 10_000, 1.0);
        };
    }
}
