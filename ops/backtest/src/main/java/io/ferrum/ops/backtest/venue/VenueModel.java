package io.ferrum.ops.backtest.venue;

import org.agrona.DirectBuffer;

/**
 * The seam between the backtest driver and a venue: the driver hands it each order
 * message (NewOrder, CancelOrder, ReplaceOrder) when it arrives at the venue, after the
 * order latency, and each market-data message at its venue time; the venue answers with
 * ExecutionReports through the {@link Reports} it was built with, and the driver delivers
 * those to the engine after the report latency. The live simulated venue and a backtest
 * use the same model, so paper trading and backtests agree.
 */
public interface VenueModel
{
    void onOrder(DirectBuffer buffer, int offset, int length, long timestampNs);

    void onMarketData(DirectBuffer buffer, int offset, int length, long timestampNs);

    /** Where a venue sends its ExecutionReports (SBE, message header first). */
    @FunctionalInterface
    interface Reports
    {
        void onReport(DirectBuffer buffer, int offset, int length, long venueTimeNs);
    }
}
