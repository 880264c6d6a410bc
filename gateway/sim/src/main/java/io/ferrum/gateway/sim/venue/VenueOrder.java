package io.ferrum.gateway.sim.venue;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;

/** An order as the simulated venue holds it; pooled. */
final class VenueOrder
{
    long clientOrderId;
    long venueOrderId;
    int instrumentId;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    boolean postOnly;
    long price;
    long stopPrice;
    long quantity;
    long filled;
    long queueAhead;
    boolean resting;
    boolean triggered;
    /** Balance held for the order by the venue's {@link SpotAccounts} (quote for a buy, base for a sell). */
    long reserved;

    long leaves()
    {
        return quantity - filled;
    }

    boolean isStop()
    {
        return orderType == OrderType.STOP_MARKET || orderType == OrderType.STOP_LIMIT;
    }
}
