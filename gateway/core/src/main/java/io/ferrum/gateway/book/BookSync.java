package io.ferrum.gateway.book;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.book.UpdateIdChain;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.binance.BadInput;
import io.ferrum.gateway.binance.DecodeResult;
import io.ferrum.gateway.binance.FeedStatusPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.SourceSequence;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

/**
 * Keeps one instrument's book in sync exactly as Binance documents ("How to manage a local
 * order book correctly"): buffer diffs, fetch a REST snapshot, drop diffs with
 * {@code u <= lastUpdateId}, refetch when the snapshot is older than the first buffered
 * diff, apply the rest, and on a gap ({@code U > local id + 1}) discard the book and start
 * again. Publishes a BookSnapshot, then only BookDeltas that chain onto it; a delta that
 * would cross the book is never published and causes a resync.
 */
public final class BookSync
{
    /** Buffered diffs beyond this many bytes mean the snapshot is not coming: start over. */
    static final int MAX_PENDING_BYTES = 16 * 1024 * 1024;

    private enum Phase
    {
        IDLE, AWAITING_SNAPSHOT, SYNCED
    }

    private final Instrument instrument;
    private final LocalBook book = new LocalBook(1024);
    private final InboundPublisher publisher;
    private final SourceSequence sequence;
    private final FeedStatusPublisher status;
    private final SnapshotRequester requester;
    private final EpochNanoClock clock;
    private final Venue venue;
    private final DepthSnapshotDecoder snapshotDecoder = new DepthSnapshotDecoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final BookDeltaDecoder deltaDecoder = new BookDeltaDecoder();
    private final BookDeltaEncoder deltaEncoder = new BookDeltaEncoder();
    private final BookSnapshotEncoder snapshotEncoder = new BookSnapshotEncoder();
    private ExpandableArrayBuffer pending = new ExpandableArrayBuffer(64 * 1024);
    private ExpandableArrayBuffer replaying = new ExpandableArrayBuffer(64 * 1024);
    private int pendingLength;
    private long firstPendingU;

    private Phase phase = Phase.IDLE;
    private FeedState state = FeedState.CONNECTING;
    private long resyncs;
    private long gaps;
    private long crossings;
    private long snapshotsRequested;
    private long deltasPublished;
    private long badSnapshots;
    private long diffsReceived;
    private long diffsInSnapshot;

    public BookSync(
        final Instrument instrument,
        final InboundPublisher publisher,
        final SourceSequence sequence,
        final FeedStatusPublisher status,
        final SnapshotRequester requester,
        final EpochNanoClock clock,
        final Venue venue)
    {
        this.instrument = instrument;
        this.publisher = publisher;
        this.sequence = sequence;
        this.status = status;
        this.requester = requester;
        this.clock = clock;
        this.venue = venue;
    }

    /** A decoded depth diff: buffered until in sync, then applied and published if it chains. */
    public int onDepthUpdate(final DirectBuffer bookDelta, final int length, final long firstUpdateId, final long lastUpdateId)
    {
        switch (phase)
        {
            case IDLE:
                diffsReceived++;
                buffer(bookDelta, length, firstUpdateId);
                requestSnapshot("first diff U=" + firstUpdateId + " buffered");
                return DecodeResult.OK;

            case AWAITING_SNAPSHOT:
                diffsReceived++;
                if (pendingLength + length + Integer.BYTES > MAX_PENDING_BYTES)
                {
                    restart(bookDelta, 0, length, firstUpdateId, "no snapshot after " + pendingLength + " bytes of diffs");
                    return DecodeResult.OK;
                }
                buffer(bookDelta, length, firstUpdateId);
                return DecodeResult.OK;

            default:
                final int result = applyLive(bookDelta, 0, length, firstUpdateId, lastUpdateId);
                if (result != DecodeResult.BACK_PRESSURED)
                {
                    diffsReceived++; // a diff refused by a full ring is offered again: counted once, when taken
                }
                return result;
        }
    }

    /** The REST depth body for this instrument, as requested through the {@link SnapshotRequester}. */
    public void onSnapshot(final DirectBuffer body, final int offset, final int length)
    {
        if (phase != Phase.AWAITING_SNAPSHOT)
        {
            return; // a late answer to a request made before a restart
        }
        final BadInput error = snapshotDecoder.decode(body, offset, length, instrument, book);
        if (error != null)
        {
            badSnapshots++;
            requestAgain("snapshot refused: " + error.description());
            return;
        }
        final long snapshotId = book.lastUpdateId();
        if (snapshotId < firstPendingU)
        {
            requestAgain("snapshot lastUpdateId " + snapshotId + " older than first buffered U " + firstPendingU);
            return;
        }
        if (!publishSnapshot())
        {
            return;
        }
        phase = Phase.SYNCED;
        changeState(FeedState.IN_SYNC, "snapshot lastUpdateId=" + snapshotId + ": " +
            bufferedWithin(snapshotId) + " of " + bufferedCount() + " buffered diffs already in it");
        replayPending(snapshotId);
    }

    /** The REST request failed for good (the client gives up retrying only when banned or closed). */
    public void onSnapshotFailed(final String reason)
    {
        if (phase == Phase.AWAITING_SNAPSHOT)
        {
            changeState(FeedState.SYNCING, "snapshot failed: " + reason);
        }
    }

    /** The connection was lost: whatever comes next starts a new sync. */
    public void reset(final String reason)
    {
        phase = Phase.IDLE;
        pendingLength = 0;
        book.clear();
        changeState(FeedState.SYNCING, reason);
    }

    private void replayPending(final long snapshotId)
    {
        final ExpandableArrayBuffer entries = pending;
        final int entriesLength = pendingLength;
        pending = replaying;
        replaying = entries;
        pendingLength = 0;

        int position = 0;
        while (position < entriesLength)
        {
            final int length = entries.getInt(position);
            final int offset = position + Integer.BYTES;
            position = offset + length;
            readIds(entries, offset);
            final long firstUpdateId = deltaDecoder.firstUpdateId();
            final long lastUpdateId = deltaDecoder.lastUpdateId();
            if (phase != Phase.SYNCED)
            {
                buffer(entries, offset, length, firstUpdateId); // after a gap in the buffered diffs: part of the next sync
                continue;
            }
            if (lastUpdateId <= snapshotId)
            {
                diffsInSnapshot++; // the venue moved on while the snapshot was on its way: it holds this diff
                continue;
            }
            if (applyLive(entries, offset, length, firstUpdateId, lastUpdateId) == DecodeResult.BACK_PRESSURED)
            {
                restart(entries, offset, length, firstUpdateId, "ring full while applying buffered diffs");
            }
        }
    }

    private int applyLive(
        final DirectBuffer delta, final int offset, final int length, final long firstUpdateId, final long lastUpdateId)
    {
        final long localId = book.lastUpdateId();
        final int chain = UpdateIdChain.classify(localId, firstUpdateId, lastUpdateId);
        if (chain == UpdateIdChain.STALE)
        {
            diffsInSnapshot++;
            return DecodeResult.OK; // already in the book
        }
        if (chain == UpdateIdChain.GAP)
        {
            gaps++;
            changeState(FeedState.GAP, "U=" + firstUpdateId + " after local update id " + localId);
            restart(delta, offset, length, firstUpdateId, "resync after gap");
            return DecodeResult.OK;
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            return DecodeResult.BACK_PRESSURED;
        }
        readIds(delta, offset);
        for (final BookDeltaDecoder.BidsDecoder bid : deltaDecoder.bids())
        {
            book.setBid(bid.price(), bid.quantity());
        }
        for (final BookDeltaDecoder.AsksDecoder ask : deltaDecoder.asks())
        {
            book.setAsk(ask.price(), ask.quantity());
        }
        if (book.isCrossed())
        {
            publisher.abort();
            crossings++;
            changeState(FeedState.GAP, "diff U=" + firstUpdateId + " u=" + lastUpdateId + " would cross the book");
            restart(null, 0, 0, 0, "resync after crossed book");
            return DecodeResult.OK;
        }
        slot.putBytes(0, delta, offset, length);
        deltaEncoder.wrap(slot, MessageHeaderEncoder.ENCODED_LENGTH).source().sequence(sequence.next());
        publisher.commit(length);
        book.lastUpdateId(lastUpdateId);
        deltasPublished++;
        return DecodeResult.OK;
    }

    /** How many buffered diffs end at or before {@code updateId}: cold path, once per sync. */
    private int bufferedWithin(final long updateId)
    {
        int count = 0;
        for (int position = 0; position < pendingLength; position += Integer.BYTES + pending.getInt(position))
        {
            readIds(pending, position + Integer.BYTES);
            if (deltaDecoder.lastUpdateId() <= updateId)
            {
                count++;
            }
        }
        return count;
    }

    private int bufferedCount()
    {
        int count = 0;
        for (int position = 0; position < pendingLength; position += Integer.BYTES + pending.getInt(position))
        {
            count++;
        }
        return count;
    }

    private boolean publishSnapshot()
    {
        final int levelLength = BookSnapshotEncoder.BidsEncoder.sbeBlockLength();
        final int needed = MessageHeaderEncoder.ENCODED_LENGTH + BookSnapshotEncoder.BLOCK_LENGTH +
            2 * BookSnapshotEncoder.BidsEncoder.sbeHeaderSize() + (book.bidLevels() + book.askLevels()) * levelLength;
        if (needed > publisher.maxMessageLength())
        {
            badSnapshots++;
            phase = Phase.IDLE;
            pendingLength = 0;
            book.clear();
            changeState(FeedState.GAP, "snapshot of " + needed + " bytes exceeds the ring slot; lower the depth limit");
            return false;
        }
        final MutableDirectBuffer slot = publisher.claim();
        if (slot == null)
        {
            requestAgain("ring full when publishing the snapshot");
            return false;
        }
        final long nowNs = clock.nanoTime();
        snapshotEncoder.wrapAndApplyHeader(slot, 0, headerEncoder).source()
            .sourceId(sequence.sourceId()).sequence(sequence.next()).eventTimeNs(nowNs).receiveTimeNs(nowNs);
        snapshotEncoder.venue(venue).instrumentId(instrument.instrumentId()).putSymbol(instrument.paddedSymbol(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .lastUpdateId(book.lastUpdateId());
        final BookSnapshotEncoder.BidsEncoder bids = snapshotEncoder.bidsCount(book.bidLevels());
        for (int i = 0; i < book.bidLevels(); i++)
        {
            bids.next().price(book.bidPrice(i)).quantity(book.bidQuantity(i));
        }
        final BookSnapshotEncoder.AsksEncoder asks = snapshotEncoder.asksCount(book.askLevels());
        for (int i = 0; i < book.askLevels(); i++)
        {
            asks.next().price(book.askPrice(i)).quantity(book.askQuantity(i));
        }
        publisher.commit(MessageHeaderEncoder.ENCODED_LENGTH + snapshotEncoder.encodedLength());
        return true;
    }

    private void readIds(final DirectBuffer delta, final int offset)
    {
        headerDecoder.wrap(delta, offset);
        deltaDecoder.wrap(delta, offset + MessageHeaderDecoder.ENCODED_LENGTH, headerDecoder.blockLength(), headerDecoder.version());
    }

    private void restart(final DirectBuffer delta, final int offset, final int length, final long firstUpdateId, final String reason)
    {
        resyncs++;
        book.clear();
        pendingLength = 0;
        phase = Phase.IDLE;
        if (delta != null)
        {
            buffer(delta, offset, length, firstUpdateId);
        }
        requestSnapshot(reason);
    }

    private void requestAgain(final String reason)
    {
        book.clear();
        requestSnapshot(reason);
    }

    private void requestSnapshot(final String reason)
    {
        phase = Phase.AWAITING_SNAPSHOT;
        snapshotsRequested++;
        changeState(FeedState.SYNCING, reason);
        requester.requestSnapshot(instrument);
    }

    private void buffer(final DirectBuffer delta, final int length, final long firstUpdateId)
    {
        buffer(delta, 0, length, firstUpdateId);
    }

    private void buffer(final DirectBuffer delta, final int offset, final int length, final long firstUpdateId)
    {
        if (pendingLength == 0)
        {
            firstPendingU = firstUpdateId;
        }
        pending.putInt(pendingLength, length);
        pending.putBytes(pendingLength + Integer.BYTES, delta, offset, length);
        pendingLength += Integer.BYTES + length;
    }

    private void changeState(final FeedState newState, final String detail)
    {
        if (newState != state)
        {
            final FeedState previous = state;
            state = newState;
            status.publish(instrument, newState, previous, detail, clock.nanoTime());
        }
    }

    public Instrument instrument()
    {
        return instrument;
    }

    public LocalBook book()
    {
        return book;
    }

    public boolean inSync()
    {
        return phase == Phase.SYNCED;
    }

    public FeedState state()
    {
        return state;
    }

    public long resyncs()
    {
        return resyncs;
    }

    public long gaps()
    {
        return gaps;
    }

    /** Diffs that would have crossed the book; each caused a resync instead of a wrong book. */
    public long crossings()
    {
        return crossings;
    }

    public long snapshotsRequested()
    {
        return snapshotsRequested;
    }

    public long deltasPublished()
    {
        return deltasPublished;
    }

    public long badSnapshots()
    {
        return badSnapshots;
    }

    /** Depth diffs taken from the stream for this instrument, buffered or applied. */
    public long diffsReceived()
    {
        return diffsReceived;
    }

    /**
     * Diffs dropped because the book already held them ({@code u <= lastUpdateId}): mostly
     * buffered diffs that the snapshot, taken later by the venue, already contains.
     */
    public long diffsInSnapshot()
    {
        return diffsInSnapshot;
    }
}
