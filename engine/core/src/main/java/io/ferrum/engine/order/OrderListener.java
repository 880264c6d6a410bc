package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.Liquidity;

/** Where the order manager reports order events; the engine routes them to the owning strategy. */
public interface OrderListener
{
    /** The order's status or flags changed (after {@link #onFill} for fills). */
    void onOrderUpdate(Order order);

    /**
     * @param fee at the portfolio's money exponent
     */
    void onFill(Order order, long price, long quantity, long fee, Liquidity liquidity);
}
