package io.ferrum.sequencer;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.SourceDecoder;
import org.agrona.DirectBuffer;

/**
 * Reads the (sourceId, sequence) of a Ferrum input in place. Every inbound Ferrum message
 * carries the {@code source} composite as its first field, right after the message header,
 * so no decoder needs to know the template to find it.
 */
public final class SourceKey
{
    public static final int SOURCE_ID_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + SourceDecoder.sourceIdEncodingOffset();
    public static final int SEQUENCE_OFFSET = MessageHeaderDecoder.ENCODED_LENGTH + SourceDecoder.sequenceEncodingOffset();
    /** Shortest message that holds a source id and sequence. */
    public static final int MIN_LENGTH = SEQUENCE_OFFSET + Long.BYTES;

    private SourceKey()
    {
    }

    public static boolean hasKey(final int length)
    {
        return length >= MIN_LENGTH;
    }

    public static int sourceId(final DirectBuffer buffer, final int offset)
    {
        return buffer.getInt(offset + SOURCE_ID_OFFSET, SourceDecoder.BYTE_ORDER);
    }

    public static long sequence(final DirectBuffer buffer, final int offset)
    {
        return buffer.getLong(offset + SEQUENCE_OFFSET, SourceDecoder.BYTE_ORDER);
    }
}
