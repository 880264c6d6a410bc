package io.ferrum.gateway.sim.venue;

import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Closes the loop between an engine and a {@link SimulatedVenue} in one thread, as a backtest or
 * paper-trading run does: market data goes to the engine and then to the venue, the engine's
 * orders go to the venue, and the venue's execution reports go back to the engine as inputs,
 * each with its own log position. Reports are buffered and fed after the engine returns, never
 * from inside {@link Engine#onInput}, so the engine sees one input at a time as on the real log.
 * <p>
 * Use it as the engine's output: {@code loop = new VenueLoop(...); engine = new Engine(ctx.output(loop));
 * loop.attach(engine);}. Nothing is allocated per event.
 */
public final class VenueLoop implements EngineOutput
{
    private final SimulatedVenue.Context venueContext;
    private final InstrumentRegistry instruments;
    private final EngineOutput downstream;
    private final EngineOutput reportTap;
    private final SimulatedTimers timers;
    private Batch collecting = new Batch();
    private Batch feeding = new Batch();
    private Engine engine;
    private SimulatedVenue venue;
    private long logPosition;
    private long reportsFed;

    /**
     * @param downstream also receives every engine output (a journal, a test capture), or null
     * @param reportTap  also receives every execution report before the engine does, or null
     * @param timers     the engine's timer scheduler, fired as time passes; or null
     */
    public VenueLoop(
        final SimulatedVenue.Context venueContext,
        final InstrumentRegistry instruments,
        final EngineOutput downstream,
        final EngineOutput reportTap,
        final SimulatedTimers timers)
    {
        this.timers = timers;
        this.venueContext = venueContext;
        this.instruments = instruments;
        this.downstream = downstream;
        this.reportTap = reportTap;
    }

    public void attach(final Engine engine)
    {
        this.engine = engine;
        this.venue = new SimulatedVenue(venueContext, instruments, engine::book, this::onReport);
    }

    public SimulatedVenue venue()
    {
        return venue;
    }

    public long logPosition()
    {
        return logPosition;
    }

    public long reportsFed()
    {
        return reportsFed;
    }

    /** Engine output: orders to the venue (queued there for its latency), everything to downstream. */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        venue.onOrderMessage(buffer, offset, length, engine.timeNs());
        if (downstream != null)
        {
            downstream.offer(buffer, offset, length);
        }
        return true;
    }

    /** One market-data input (timers due before it fire first): engine, then the venue, then the venue's fills against the book the engine now holds. */
    public void onMarketData(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        if (timers != null)
        {
            timers.fireDue(timestampNs, engine);
        }
        engine.onInput(buffer, offset, length, ++logPosition, timestampNs);
        venue.onMarketData(buffer, offset, length, timestampNs);
        advanceTo(timestampNs);
    }

    /** Lets the venue act on what is due by {@code timestampNs} and feeds its reports until nothing is left. */
    public void advanceTo(final long timestampNs)
    {
        final long now = Math.max(timestampNs, engine.timeNs());
        if (timers != null)
        {
            timers.fireDue(now, engine);
        }
        venue.poll(now);
        while (collecting.count > 0)
        {
            // Swap batches: reports produced while feeding this one are collected in the other.
            final Batch batch = collecting;
            collecting = feeding;
            feeding = batch;
            for (int i = 0; i < batch.count; i++)
            {
                reportsFed++;
                engine.onInput(batch.buffer, batch.offsets[i], batch.lengths[i], ++logPosition, now);
            }
            batch.count = 0;
            batch.limit = 0;
            venue.poll(now);
        }
    }

    private boolean onReport(final DirectBuffer buffer, final int offset, final int length)
    {
        final Batch batch = collecting;
        if (batch.count == batch.offsets.length || batch.limit + length > batch.buffer.capacity())
        {
            throw new IllegalStateException("venue loop report batch full");
        }
        if (reportTap != null)
        {
            reportTap.offer(buffer, offset, length);
        }
        batch.buffer.putBytes(batch.limit, buffer, offset, length);
        batch.offsets[batch.count] = batch.limit;
        batch.lengths[batch.count] = length;
        batch.count++;
        batch.limit += length;
        return true;
    }

    /** Reports waiting to be fed, in one pre-allocated buffer. */
    private static final class Batch
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 20]);
        final int[] offsets = new int[8192];
        final int[] lengths = new int[8192];
        int count;
        int limit;
    }
}
