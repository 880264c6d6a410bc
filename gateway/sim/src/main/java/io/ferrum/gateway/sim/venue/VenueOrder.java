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

    long leaves()
    {
        return quantity - filled;
    }

    boolean isStop()
    {
        return orderType == OrderType.STOP_MARKET || orderType == OrderType.STOP_LIMIT;
    }
}
