package io.ferrum.strategy;

/**
 * A reusable order builder bound to one strategy: {@link StrategyContext#newOrder()} resets it, the
 * strategy fills it and calls {@link #send()}. Nothing is allocated; do not keep it across callbacks.
 * <pre>
 * final long id = ctx.newOrder().instrument(1).buy().limit(price).quantity(qty).postOnly().send();
 * if (OrderRequest.isRejected(id)) { ... RejectReason.ofResult(id) ... }
 * </pre>
 * Defaults: LIMIT and STOP_LIMIT orders are GTC, MARKET and STOP_MARKET orders IOC (GTC on them
 * becomes IOC).
 */
public interface OrderRequest
{
    OrderRequest instrument(int instrumentId);

    OrderRequest side(Side side);

    default OrderRequest buy()
    {
        return side(Side.BUY);
    }

    default OrderRequest sell()
    {
        return side(Side.SELL);
    }

    /** A market order: walks the book, the rest expires. */
    OrderRequest market();

    /** A limit order at {@code price} (a multiple of the tick). */
    OrderRequest limit(long price);

    OrderRequest stopMarket(long stopPrice);

    OrderRequest stopLimit(long stopPrice, long price);

    /** A positive multiple of the instrument's lot, at its size exponent. */
    OrderRequest quantity(long quantity);

    OrderRequest timeInForce(TimeInForce timeInForce);

    /** Refused by the venue rather than taking liquidity; GTC LIMIT orders only. */
    OrderRequest postOnly();

    /** Refused unless it shrinks the position. */
    OrderRequest reduceOnly();

    /** Optional: use this id (&gt; 0) instead of a generated one; refused when an open order already has it. */
    OrderRequest clientOrderId(long clientOrderId);

    /**
     * Validates the order, runs the pre-trade risk check and, when both pass, sends it.
     *
     * @return the client order id (&gt; 0) of the order now PENDING_NEW, or a negative number when it
     * was refused before leaving ({@link RejectReason#ofResult(long)} says why).
     */
    long send();

    static boolean isRejected(final long result)
    {
        return result < 0;
    }
}
