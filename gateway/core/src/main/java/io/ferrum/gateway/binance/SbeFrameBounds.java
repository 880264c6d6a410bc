package io.ferrum.gateway.binance;

import org.agrona.DirectBuffer;

/**
 * Checks, before any flyweight reads it, that a Binance SBE stream frame is complete: root
 * block, each repeating group (header and entries) and the trailing symbol all lie within
 * the frame. The generated decoders do not check lengths themselves, and bounds checks may
 * be disabled in production, so a truncated frame must be caught here.
 */
final class SbeFrameBounds
{
    /** groupSizeEncoding: uint16 blockLength, uint32 numInGroup. */
    static final int GROUP_HEADER_32 = 6;
    /** groupSize16Encoding: uint16 blockLength, uint16 numInGroup. */
    static final int GROUP_HEADER_16 = 4;

    private SbeFrameBounds()
    {
    }

    /**
     * @param bodyOffset   just after the message header
     * @param blockLength  of the root block, from the header
     * @param groupHeaders header size of each group in order, with the minimum entry length alternating:
     *                     {header, minEntryLength, header, minEntryLength, ...}
     * @return true when every part lies within {@code limit} and the symbol ends exactly at it
     */
    static boolean complete(
        final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int minBlockLength, final int limit,
        final int... groupHeaders)
    {
        if (blockLength < minBlockLength)
        {
            return false;
        }
        long position = (long)bodyOffset + blockLength;
        for (int g = 0; g < groupHeaders.length; g += 2)
        {
            final int headerLength = groupHeaders[g];
            if (position + headerLength > limit)
            {
                return false;
            }
            final int entryLength = buffer.getShort((int)position, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            final long count = headerLength == GROUP_HEADER_32 ?
                buffer.getInt((int)position + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF_FFFFL :
                buffer.getShort((int)position + 2, java.nio.ByteOrder.LITTLE_ENDIAN) & 0xFFFF;
            if (entryLength < groupHeaders[g + 1])
            {
                return false;
            }
            position += headerLength + count * entryLength;
            if (position > limit)
            {
                return false;
            }
        }
        if (position + 1 > limit)
        {
            return false;
        }
        final int symbolLength = buffer.getByte((int)position) & 0xFF;
        return position + 1 + symbolLength == limit;
    }
}
