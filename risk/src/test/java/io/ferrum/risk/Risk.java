package io.ferrum.risk;

import java.util.Map;

/** Builds risk managers for tests from configuration text, as the engine will from the file. */
final class Risk
{
    static final int BTC = 1;
    static final int ETH = 2;
    static final long NS = 1_000_000_000L;
    /** 2026-01-05T00:00:00Z, a Monday. */
    static final long T0 = 1_767_571_200L * NS;

    private Risk()
    {
    }

    static RiskManager manager(final String config, final StopLossListener listener)
    {
        final String text = "risk.capacity.strategies = 8\nrisk.capacity.instruments = 16\n" + config;
        return new RiskManager(RiskConfigParser.parse(text, "test", Map.of()), Risk::instrumentId, listener);
    }

    static RiskManager manager(final String config)
    {
        return manager(config, (s, i, rule, position, price, level, time) -> { });
    }

    static int instrumentId(final String symbol)
    {
        switch (symbol)
        {
            case "BTCUSDT":
                return BTC;
            case "ETHUSDT":
                return ETH;
            default:
                return -1;
        }
    }

    /** A decimal as a mantissa at exponent -8. */
    static long e8(final String decimal)
    {
        return io.ferrum.codecs.decimal.DecimalParser.parse(decimal, -8);
    }
}
