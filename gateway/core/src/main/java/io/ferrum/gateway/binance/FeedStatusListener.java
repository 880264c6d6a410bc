package io.ferrum.gateway.binance;

import io.ferrum.codecs.sbe.FeedState;

/** Told of every feed health change, on the gateway's thread, as it is published. */
@FunctionalInterface
public interface FeedStatusListener
{
    FeedStatusListener NONE = (instrument, state, previous, detail) -> {};

    /** @param instrument null for the whole connection */
    void onFeedStatus(Instrument instrument, FeedState state, FeedState previous, String detail);
}
