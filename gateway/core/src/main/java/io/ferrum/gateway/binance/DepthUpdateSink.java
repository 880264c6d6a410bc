package io.ferrum.gateway.binance;

import org.agrona.DirectBuffer;

/** Receives depth diffs and feed control events from the frame decoder; the book sync implements it. */
public interface DepthUpdateSink
{
    /**
     * @param bookDelta an encoded BookDelta (header included) whose source sequence is not yet set
     * @return a {@link DecodeResult}
     */
    int onDepthUpdate(Instrument instrument, DirectBuffer bookDelta, int length, long firstUpdateId, long lastUpdateId);

    /** The venue announced it is about to close this connection. */
    void onServerShutdown(long eventTimeNs);
}
