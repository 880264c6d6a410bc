package io.ferrum.gateway.binance.api;

import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.engine.instrument.Instrument;

/** An order sent to Binance as far as the session knows it, until a final report; pooled. */
final class OpenOrder
{
    long clientOrderId;
    long replacesClientOrderId;
    long venueOrderId;
    Instrument instrument;
    Side side;
    OrderType orderType;
    TimeInForce timeInForce;
    boolean postOnly;
    long price;
    long quantity;
    long cumulative;
    long decisionNs;
    long sentNs;
    /** When the order reached the session (it is refused as throttled once it waited too long to be sent). */
    long queuedNs;
    /** A NEW (or REPLACED) report was published for it. */
    boolean acknowledged;
    /** Listed by the venue's openOrders.status in the reconcile running now. */
    boolean seen;
    /** The engine asked for its cancel (a kill switch's, say): never placed again after that. */
    boolean cancelRequested;

    long leaves()
    {
        return quantity - cumulative;
    }
}
