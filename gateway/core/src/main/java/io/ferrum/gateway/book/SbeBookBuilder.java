package io.ferrum.gateway.book;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.book.UpdateIdChain;
import io.ferrum.gateway.MessageHandler;
import org.agrona.DirectBuffer;
import org.agrona.collections.Int2ObjectHashMap;

/**
 * Builds books from the gateway's published BookSnapshot and BookDelta messages, as any
 * consumer of the ring would, and counts deltas that do not chain onto the book (there must
 * be none) and books seen crossed (there must be none). Other messages are passed through.
 */
public final class SbeBookBuilder implements MessageHandler
{
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final Int2ObjectHashMap<LocalBook> books = new Int2ObjectHashMap<>();
    private final MessageHandler next;
    private long unchainedDeltas;
    private long crossedBooks;

    /** @param next receives every message after the books are updated */
    public SbeBookBuilder(final MessageHandler next)
    {
        this.next = next;
    }

    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        header.wrap(buffer, offset);
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID)
        {
            snapshot.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            final LocalBook book = books.computeIfAbsent(snapshot.instrumentId(), id -> new LocalBook(1024));
            book.clear();
            for (final BookSnapshotDecoder.BidsDecoder bid : snapshot.bids())
            {
                book.setBid(bid.price(), bid.quantity());
            }
            for (final BookSnapshotDecoder.AsksDecoder ask : snapshot.asks())
            {
                book.setAsk(ask.price(), ask.quantity());
            }
            book.lastUpdateId(snapshot.lastUpdateId());
            countCrossed(book);
        }
        else if (header.templateId() == BookDeltaDecoder.TEMPLATE_ID)
        {
            delta.wrap(buffer, bodyOffset, header.blockLength(), header.version());
            final LocalBook book = books.get(delta.instrumentId());
            if (book == null ||
                UpdateIdChain.classify(book.lastUpdateId(), delta.firstUpdateId(), delta.lastUpdateId()) != UpdateIdChain.CHAINS)
            {
                unchainedDeltas++;
            }
            else
            {
                for (final BookDeltaDecoder.BidsDecoder bid : delta.bids())
                {
                    book.setBid(bid.price(), bid.quantity());
                }
                for (final BookDeltaDecoder.AsksDecoder ask : delta.asks())
                {
                    book.setAsk(ask.price(), ask.quantity());
                }
                book.lastUpdateId(delta.lastUpdateId());
                countCrossed(book);
            }
        }
        next.onMessage(buffer, offset, length);
    }

    private void countCrossed(final LocalBook book)
    {
        if (book.isCrossed())
        {
            crossedBooks++;
        }
    }

    /** @return the book built so far for an instrument, or null before its first snapshot. */
    public LocalBook book(final int instrumentId)
    {
        return books.get(instrumentId);
    }

    public long unchainedDeltas()
    {
        return unchainedDeltas;
    }

    public long crossedBooks()
    {
        return crossedBooks;
    }
}
