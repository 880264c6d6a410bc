package io.ferrum.ops.backtest.venue;

import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.sim.venue.BookSource;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import org.agrona.DirectBuffer;

/**
 * The engine's own fill model ({@link SimulatedVenue}: book walking, queue position, fees)
 * behind the driver's {@link VenueModel} seam, matching against the engine's books. The
 * driver applies the order latency, so the venue's own is zero: an order acts when it
 * arrives.
 */
public final class EngineFillVenue implements VenueModel
{
    private final SimulatedVenue venue;
    private long nowNs;

    /**
     * @param makerFeePpm maker fee in parts per million of notional (negative: rebate)
     * @param takerFeePpm taker fee in parts per million of notional
     */
    public EngineFillVenue(
        final Reports reports, final InstrumentRegistry instruments, final BookSource books,
        final long makerFeePpm, final long takerFeePpm)
    {
        this(reports, instruments, books, makerFeePpm, takerFeePpm, null);
    }

    /**
     * @param startBalances the venue's spot account at the start (free balance per asset), or null for no
     *                      account (every order paid for)
     */
    public EngineFillVenue(
        final Reports reports, final InstrumentRegistry instruments, final BookSource books,
        final long makerFeePpm, final long takerFeePpm, final java.util.Map<String, String> startBalances)
    {
        this.venue = new SimulatedVenue(
            new SimulatedVenue.Context().latencyNs(0).makerFeePpm(makerFeePpm).takerFeePpm(takerFeePpm)
                .startBalances(startBalances),
            instruments, books, (buffer, offset, length) ->
            {
                reports.onReport(buffer, offset, length, nowNs);
                return true;
            });
    }

    /** The venue's spot account, or null without one. */
    public io.ferrum.gateway.sim.venue.SpotAccounts accounts()
    {
        return venue.accounts();
    }

    public void onOrder(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        nowNs = timestampNs;
        venue.onOrderMessage(buffer, offset, length, timestampNs);
        venue.poll(timestampNs);
    }

    public void onMarketData(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        nowNs = timestampNs;
        venue.poll(timestampNs);
        venue.onMarketData(buffer, offset, length, timestampNs);
    }
}
