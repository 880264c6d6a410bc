package io.ferrum.strategy;

/**
 * Why an order was refused before it left: the engine's own checks and every pre-trade risk rule.
 * A refused {@link OrderRequest#send()} or {@link StrategyContext#replace} returns {@code -code()}.
 * New reasons may be added in a minor version: handle an unknown one as a generic refusal.
 */
public enum RejectReason
{
    MAX_ORDER_QUANTITY(1),
    MAX_ORDER_NOTIONAL(2),
    MAX_POSITION(3),
    PRICE_BAND(4),
    ORDER_RATE(5),
    MAX_OPEN_ORDERS(6),
    DAILY_LOSS(7),
    DRAWDOWN(8),
    STATE_REDUCING(9),
    STATE_HALTED(10),
    UNKNOWN_INSTRUMENT(11),
    INVALID_QUANTITY(12),
    INVALID_PRICE(13),
    DUPLICATE_CLIENT_ORDER_ID(14),
    NO_REFERENCE_PRICE(15),
    UNKNOWN_ORDER(16),
    UNKNOWN_STRATEGY(17),
    /** The venue's price bounds (Binance {@code PRICE_FILTER} minPrice/maxPrice); off the tick is {@link #INVALID_PRICE}. */
    FILTER_PRICE(18),
    /** The venue's quantity bounds (Binance {@code LOT_SIZE} minQty/maxQty); off the step is {@link #INVALID_QUANTITY}. */
    FILTER_LOT_SIZE(19),
    /** Price x quantity outside the venue's notional bounds (Binance {@code MIN_NOTIONAL} / {@code NOTIONAL}). */
    FILTER_NOTIONAL(20),
    /** The symbol already has the venue's most open orders (Binance {@code MAX_NUM_ORDERS}). */
    FILTER_MAX_NUM_ORDERS(21),
    /**
     * The venue account's free balance of the asset the order pays with (the quote asset for a buy, the base
     * asset for a sell), less what Ferrum reserved for orders the venue's balances do not show yet, does not
     * cover it (docs/risk.md).
     */
    INSUFFICIENT_BALANCE(22);

    private static final RejectReason[] BY_CODE = new RejectReason[23];

    static
    {
        for (final RejectReason reason : values())
        {
            BY_CODE[reason.code] = reason;
        }
    }

    private final int code;

    RejectReason(final int code)
    {
        this.code = code;
    }

    /** The code on the wire (the RiskReject message) and, negated, in a refused send's result. */
    public int code()
    {
        return code;
    }

    /** The reason of a refused send's negative result; null for an order id (&gt; 0) or an unknown code. */
    public static RejectReason ofResult(final long result)
    {
        return result < 0 && result > -BY_CODE.length ? BY_CODE[(int)-result] : null;
    }
}
