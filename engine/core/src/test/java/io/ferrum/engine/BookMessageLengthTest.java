package io.ferrum.engine;

import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.nio.ByteOrder;

import static org.junit.jupiter.api.Assertions.assertEquals;

class BookMessageLengthTest
{
    private static final int BODY = MessageHeaderDecoder.ENCODED_LENGTH;
    private final Instrument btc = new Instrument(1, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 1);
    private final TestMessages encode = new TestMessages();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[1 << 16]);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();

    @Test
    void agreesWithTheGeneratedDecoderForEveryLevelCount()
    {
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
        for (int bids = 0; bids <= 40; bids += 3)
        {
            for (int asks = 0; asks <= 40; asks += 7)
            {
                final int deltaLength = encode.bookDelta(buffer, 0, 1, 1, 0, btc, 1, 2, levels(bids), levels(asks));
                delta.wrapAndApplyHeader(buffer, 0, header.wrap(buffer, 0));
                assertEquals(delta.sbeDecodedLength(), length(deltaLength));
                assertEquals(deltaLength - BODY, length(deltaLength));

                final int snapshotLength = encode.bookSnapshot(buffer, 0, 1, 1, 0, btc, 2, levels(bids), levels(asks));
                snapshot.wrapAndApplyHeader(buffer, 0, header.wrap(buffer, 0));
                assertEquals(snapshot.sbeDecodedLength(), length(snapshotLength));
            }
        }
    }

    @Test
    void levelsBeyondTheBytesReceivedAreTooLong()
    {
        final int full = encode.bookDelta(buffer, 0, 1, 1, 0, btc, 1, 2, levels(3), levels(2));
        assertEquals(BookMessageLength.BEYOND_BODY, length(full - 1));
        // the asks' group header itself cut off
        assertEquals(BookMessageLength.BEYOND_BODY, length(full - 2 * 16 - 2));
        // a count that claims the most levels a uint16 can
        header.wrap(buffer, 0);
        buffer.putShort(BODY + header.blockLength() + 2, (short)0xFFFF, ByteOrder.LITTLE_ENDIAN);
        assertEquals(BookMessageLength.BEYOND_BODY, length(full));
    }

    @Test
    void aBodyShorterThanItsBlockHasNoRoomForTheGroups()
    {
        encode.bookDelta(buffer, 0, 1, 1, 0, btc, 1, 2, levels(1), levels(1));
        header.wrap(buffer, 0);
        assertEquals(BookMessageLength.BEYOND_BODY, BookMessageLength.of(buffer, BODY, header.blockLength(), 3));
    }

    private int length(final int messageLength)
    {
        header.wrap(buffer, 0);
        return BookMessageLength.of(buffer, BODY, header.blockLength(), messageLength - BODY);
    }

    private static long[][] levels(final int count)
    {
        final long[][] levels = new long[count][];
        for (int i = 0; i < count; i++)
        {
            levels[i] = new long[]{100 + i, 1 + i};
        }
        return levels;
    }
}
