package io.ferrum.engine;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import org.agrona.DirectBuffer;

import java.nio.ByteOrder;

/**
 * The decoded length of a BookSnapshot or BookDelta body (fixed block, then the bids and the
 * asks groups) read from its two group headers: what the generated {@code sbeDecodedLength()}
 * finds by stepping through every level, in constant time. The engine checks it against the
 * received length before applying the levels, on every book message, and so does every other reader of
 * the log's books (analytics): with Agrona's bounds checks off, as the colocated profile runs, a group
 * claiming more levels than were received would otherwise be read from whatever lies past the message.
 */
public final class BookMessageLength
{
    /** Returned when a group header itself lies beyond the body: longer than any body. */
    public static final int BEYOND_BODY = Integer.MAX_VALUE;

    private static final int GROUP_HEADER = BookDeltaDecoder.BidsDecoder.sbeHeaderSize();

    private BookMessageLength()
    {
    }

    /**
     * @param bodyOffset  where the message body (after the message header) starts
     * @param blockLength the body's fixed block length from the message header
     * @param bodyLength  bytes received after the message header
     * @return bytes the body's block and both groups take, or {@link #BEYOND_BODY}
     */
    public static int of(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int bodyLength)
    {
        long limit = blockLength;
        for (int group = 0; group < 2; group++)
        {
            if (limit + GROUP_HEADER > bodyLength)
            {
                return BEYOND_BODY;
            }
            final int at = bodyOffset + (int)limit;
            final int elementLength = buffer.getShort(at, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            final int count = buffer.getShort(at + 2, ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            limit += GROUP_HEADER + (long)elementLength * count;
        }
        return limit > bodyLength ? BEYOND_BODY : (int)limit;
    }
}
