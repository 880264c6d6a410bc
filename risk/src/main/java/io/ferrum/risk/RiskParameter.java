package io.ferrum.risk;

import io.ferrum.codecs.sbe.RiskLimit;

/**
 * Every configurable risk parameter: its configuration key suffix, the fixed-point
 * exponent it is kept at, the scopes it may be set at, and the SBE {@link RiskLimit} that
 * changes it at run time (stop-loss parameters have none: they come from the file only).
 */
public enum RiskParameter
{
    MAX_ORDER_QUANTITY("max_order_quantity", RiskManager.QUANTITY_EXPONENT, Scopes.STRATEGY | Scopes.INSTRUMENT,
        RiskLimit.MAX_ORDER_QUANTITY),
    MAX_ORDER_NOTIONAL("max_order_notional", RiskManager.MONEY_EXPONENT, Scopes.ALL, RiskLimit.MAX_ORDER_NOTIONAL),
    MAX_POSITION_PCT_EQUITY("max_position_pct_equity", RiskManager.PERCENT_EXPONENT,
        Scopes.STRATEGY | Scopes.INSTRUMENT, RiskLimit.MAX_POSITION_PCT_EQUITY),
    PRICE_BAND_BPS("price_band_bps", 0, Scopes.ALL, RiskLimit.PRICE_BAND_BPS),
    MAX_ORDERS_PER_SECOND("max_orders_per_second", 0, Scopes.GLOBAL | Scopes.STRATEGY,
        RiskLimit.MAX_ORDERS_PER_SECOND),
    MAX_OPEN_ORDERS("max_open_orders", 0, Scopes.ALL, RiskLimit.MAX_OPEN_ORDERS),
    DAILY_LOSS_LIMIT("daily_loss_limit", RiskManager.MONEY_EXPONENT, Scopes.GLOBAL | Scopes.STRATEGY,
        RiskLimit.DAILY_LOSS_LIMIT),
    MAX_DRAWDOWN_PCT("max_drawdown_pct", RiskManager.PERCENT_EXPONENT, Scopes.GLOBAL, RiskLimit.MAX_DRAWDOWN_PCT),

    STOP_LOSS_BPS("stop_loss_bps", 0, Scopes.ALL, null),
    STOP_LOSS_AMOUNT("stop_loss_amount", RiskManager.PRICE_EXPONENT, Scopes.INSTRUMENT, null),
    TRAILING_STOP_BPS("trailing_stop_bps", 0, Scopes.ALL, null),
    TRAILING_STOP_AMOUNT("trailing_stop_amount", RiskManager.PRICE_EXPONENT, Scopes.INSTRUMENT, null),
    MAX_HOLDING_SECONDS("max_holding_seconds", 0, Scopes.ALL, null),
    VOLATILITY_STOP_MULTIPLE("volatility_stop_multiple", RiskManager.MULTIPLE_EXPONENT, Scopes.ALL, null);

    /** Largest accepted orders-per-second limit: each unit costs 8 bytes of window. */
    public static final long MAX_RATE_LIMIT = 100_000;

    private static final RiskParameter[] VALUES = values();

    private final String key;
    private final int exponent;
    private final int scopes;
    private final RiskLimit riskLimit;

    RiskParameter(final String key, final int exponent, final int scopes, final RiskLimit riskLimit)
    {
        this.key = key;
        this.exponent = exponent;
        this.scopes = scopes;
        this.riskLimit = riskLimit;
    }

    /** Last part of the configuration key, e.g. {@code max_order_notional}. */
    public String key()
    {
        return key;
    }

    /** Exponent of the stored mantissa: {@code value = mantissa * 10^exponent}. */
    public int exponent()
    {
        return exponent;
    }

    public boolean allowedAt(final int scopeBit)
    {
        return (scopes & scopeBit) != 0;
    }

    /** The SBE limit that sets it at run time, or null when it is set from the file only. */
    public RiskLimit riskLimit()
    {
        return riskLimit;
    }

    /** The parameter an SBE {@link RiskLimit} sets, or null for an unknown value. */
    public static RiskParameter of(final RiskLimit limit)
    {
        for (final RiskParameter p : VALUES)
        {
            if (p.riskLimit != null && p.riskLimit == limit)
            {
                return p;
            }
        }
        return null;
    }

    /** The parameter with this key suffix, or null. */
    public static RiskParameter ofKey(final String key)
    {
        for (final RiskParameter p : VALUES)
        {
            if (p.key.equals(key))
            {
                return p;
            }
        }
        return null;
    }

    public static int count()
    {
        return VALUES.length;
    }

    public static RiskParameter get(final int ordinal)
    {
        return VALUES[ordinal];
    }

    /** Scope bits, one per {@code io.ferrum.codecs.sbe.Scope}. */
    public static final class Scopes
    {
        public static final int GLOBAL = 1;
        public static final int STRATEGY = 2;
        public static final int INSTRUMENT = 4;
        public static final int ALL = GLOBAL | STRATEGY | INSTRUMENT;

        private Scopes()
        {
        }

        public static String describe(final int scopeBits)
        {
            final StringBuilder sb = new StringBuilder();
            if ((scopeBits & GLOBAL) != 0)
            {
                sb.append("global");
            }
            if ((scopeBits & STRATEGY) != 0)
            {
                sb.append(sb.length() > 0 ? ", " : "").append("strategy");
            }
            if ((scopeBits & INSTRUMENT) != 0)
            {
                sb.append(sb.length() > 0 ? ", " : "").append("instrument");
            }
            return sb.toString();
        }
    }

    public String allowedScopes()
    {
        return Scopes.describe(scopes);
    }
}
