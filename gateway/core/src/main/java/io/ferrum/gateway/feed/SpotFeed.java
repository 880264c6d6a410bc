package io.ferrum.gateway.feed;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.binance.BadInputCounters;
import io.ferrum.gateway.binance.FeedStatusListener;
import io.ferrum.gateway.binance.FeedStatusPublisher;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.binance.SbeStreamDecoder;
import io.ferrum.gateway.binance.SourceSequence;
import io.ferrum.gateway.binance.SpotFrameDecoder;
import io.ferrum.gateway.book.BookSyncs;
import io.ferrum.gateway.book.SnapshotRequester;
import org.agrona.concurrent.EpochNanoClock;

/**
 * The decoding half of one market-data connection, free of any I/O: frame decoder, book
 * syncs, health publisher and bad-input counters, wired to one publisher. The Netty client
 * feeds it frames and REST bodies; tests can feed it recorded data directly.
 */
public final class SpotFeed
{
    private final SourceSequence sequence;
    private final BadInputCounters badInput;
    private final FeedStatusPublisher status;
    private final BookSyncs books;
    private final SpotFrameDecoder decoder;
    private final SbeStreamDecoder sbeDecoder;

    public SpotFeed(
        final InstrumentTable instruments,
        final InboundPublisher publisher,
        final SnapshotRequester snapshots,
        final FeedStatusListener statusListener,
        final EpochNanoClock clock,
        final Venue venue,
        final SourceSequence sequence,
        final int streamId,
        final int maxFrameLength,
        final Runnable onServerShutdown)
    {
        this.sequence = sequence;
        badInput = new BadInputCounters(streamId);
        status = new FeedStatusPublisher(publisher, sequence, venue, streamId, statusListener);
        books = new BookSyncs(instruments, publisher, sequence, status, snapshots, clock, venue, onServerShutdown);
        decoder = new SpotFrameDecoder(instruments, publisher, books, sequence, badInput, venue, maxFrameLength);
        sbeDecoder = new SbeStreamDecoder(instruments, publisher, books, sequence, badInput, venue, maxFrameLength);
    }

    /** For binary frames of Binance's SBE market-data streams. */
    public SbeStreamDecoder sbeDecoder()
    {
        return sbeDecoder;
    }

    public SpotFrameDecoder decoder()
    {
        return decoder;
    }

    public BookSyncs books()
    {
        return books;
    }

    public FeedStatusPublisher status()
    {
        return status;
    }

    public BadInputCounters badInput()
    {
        return badInput;
    }

    public SourceSequence sequence()
    {
        return sequence;
    }
}
