package io.ferrum.gateway.venue;

import org.agrona.DirectBuffer;

/**
 * What the order gateway talks to: a venue that takes the engine's order messages and answers with
 * Ferrum {@code ExecutionReport}s (and balances) through the report sink it was made with. The
 * order gateway puts every such answer into the inbound ring, so the engine learns what a venue
 * said only through the log. All calls come from the order gateway's agent thread; an adapter with
 * its own I/O thread hands its input over and publishes its reports from {@link #poll}.
 */
public interface VenueAdapter extends AutoCloseable
{
    /** A NewOrder, CancelOrder or ReplaceOrder the engine decided (already de-duplicated); anything else is ignored. */
    void onOrderMessage(DirectBuffer buffer, int offset, int length, long nowNs);

    /** Market data as it goes on the log: a paper venue fills against it, a real one ignores it. */
    void onMarketData(DirectBuffer buffer, int offset, int length, long nowNs);

    /**
     * The adapter's duty cycle: what became due by {@code nowNs} is done and what the venue said is
     * published.
     *
     * @return the work done, 0 when idle
     */
    int poll(long nowNs);

    /** Orders the venue holds as far as this side knows (sent, not yet finished). */
    int openOrders();

    /**
     * The kill switch reached the venue (the engine's CancelAllOrders, after its own cancels): cancel
     * everything open there, orders the engine does not know included, and report each result. A paper
     * venue holds only the engine's orders, which the engine's cancels already cover.
     *
     * @param instrumentId the instrument of an INSTRUMENT kill switch, 0 for every instrument
     */
    default void cancelAll(final int instrumentId, final long nowNs)
    {
    }

    default void close()
    {
    }
}
