package io.ferrum.gateway.book;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.binance.DepthUpdateSink;
import io.ferrum.gateway.binance.FeedStatusPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.binance.SourceSequence;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.concurrent.EpochNanoClock;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/** The book syncs of one connection, by instrument id; the frame decoder's depth sink. */
public final class BookSyncs implements DepthUpdateSink
{
    private final Int2ObjectHashMap<BookSync> byInstrumentId = new Int2ObjectHashMap<>();
    private final List<BookSync> all = new ArrayList<>();
    private final Runnable onServerShutdown;

    public BookSyncs(
        final InstrumentTable instruments,
        final InboundPublisher publisher,
        final SourceSequence sequence,
        final FeedStatusPublisher status,
        final SnapshotRequester requester,
        final EpochNanoClock clock,
        final Venue venue,
        final Runnable onServerShutdown)
    {
        this.onServerShutdown = onServerShutdown;
        for (final Instrument instrument : instruments.instruments())
        {
            final BookSync sync = new BookSync(instrument, publisher, sequence, status, requester, clock, venue);
            byInstrumentId.put(instrument.instrumentId(), sync);
            all.add(sync);
        }
    }

    public int onDepthUpdate(
        final Instrument instrument, final DirectBuffer bookDelta, final int length, final long firstUpdateId, final long lastUpdateId)
    {
        return byInstrumentId.get(instrument.instrumentId()).onDepthUpdate(bookDelta, length, firstUpdateId, lastUpdateId);
    }

    public void onServerShutdown(final long eventTimeNs)
    {
        onServerShutdown.run();
    }

    public BookSync get(final Instrument instrument)
    {
        return byInstrumentId.get(instrument.instrumentId());
    }

    /** Every connection loss starts each book over. */
    public void resetAll(final String reason)
    {
        for (final BookSync sync : all)
        {
            sync.reset(reason);
        }
    }

    public List<BookSync> all()
    {
        return Collections.unmodifiableList(all);
    }
}
