package io.ferrum.gateway.book;

import io.ferrum.gateway.binance.Instrument;

/** Asks the venue's REST API for a depth snapshot; the answer comes back through {@link BookSync#onSnapshot}. */
@FunctionalInterface
public interface SnapshotRequester
{
    void requestSnapshot(Instrument instrument);
}
