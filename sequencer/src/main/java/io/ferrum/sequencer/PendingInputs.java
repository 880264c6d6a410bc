package io.ferrum.sequencer;

import org.agrona.BitUtil;
import org.agrona.BufferUtil;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

/**
 * Inputs sent to the cluster but not yet acknowledged as applied, in send order, in one
 * pre-allocated byte ring (single thread: the sequencer's). After a leader change or a
 * reconnect every one of them is sent again, oldest first; the engine drops the ones it
 * had already applied by (sourceId, sequence).
 * <p>
 * Record layout: int32 length, int32 unused, message bytes, padded to 8 bytes. A record that
 * would wrap is preceded by a padding record ({@code length = PADDING}) to the ring's end.
 */
final class PendingInputs
{
    static final int RECORD_HEADER_LENGTH = 8;
    private static final int PADDING = -1;

    private final UnsafeBuffer buffer;
    private final int capacity;
    private final int mask;
    private long head;
    private long tail;
    private long resendPosition;
    private int count;

    PendingInputs(final int capacity)
    {
        if (!BitUtil.isPowerOfTwo(capacity))
        {
            throw new IllegalArgumentException("pending capacity must be a power of two: " + capacity);
        }
        this.capacity = capacity;
        this.mask = capacity - 1;
        this.buffer = new UnsafeBuffer(BufferUtil.allocateDirectAligned(capacity, BitUtil.CACHE_LINE_LENGTH));
    }

    static int recordLength(final int messageLength)
    {
        return BitUtil.align(RECORD_HEADER_LENGTH + messageLength, RECORD_HEADER_LENGTH);
    }

    int count()
    {
        return count;
    }

    /**
     * @return false when the message does not fit until older inputs are acknowledged
     */
    boolean append(final DirectBuffer src, final int offset, final int length)
    {
        final int recordLength = recordLength(length);
        int index = (int)(tail & mask);
        final int toEnd = capacity - index;
        final int padding = recordLength > toEnd ? toEnd : 0;
        if (capacity - (tail - head) < (long)padding + recordLength)
        {
            return false;
        }
        if (padding > 0)
        {
            buffer.putInt(index, PADDING);
            tail += padding;
            index = 0;
        }
        buffer.putInt(index, length);
        buffer.putBytes(index + RECORD_HEADER_LENGTH, src, offset, length);
        tail += recordLength;
        count++;
        return true;
    }

    boolean hasRoomFor(final int length)
    {
        final int recordLength = recordLength(length);
        final int toEnd = capacity - (int)(tail & mask);
        final int padding = recordLength > toEnd ? toEnd : 0;
        return capacity - (tail - head) >= (long)padding + recordLength;
    }

    /** Starts sending everything pending again, from the oldest. */
    void restartResend()
    {
        resendPosition = head;
    }

    boolean hasResend()
    {
        skipPadding();
        return resendPosition < tail;
    }

    UnsafeBuffer buffer()
    {
        return buffer;
    }

    /** Offset of the next message to resend; call {@link #hasResend()} first. */
    int resendOffset()
    {
        return (int)(resendPosition & mask) + RECORD_HEADER_LENGTH;
    }

    int resendLength()
    {
        return buffer.getInt((int)(resendPosition & mask));
    }

    void resendAdvance()
    {
        resendPosition += recordLength(resendLength());
    }

    /**
     * Drops every input up to and including the oldest pending one with this key.
     *
     * @return false when no pending input has the key (an ack for something already dropped)
     */
    boolean acknowledge(final int sourceId, final long sequence)
    {
        long position = head;
        int seen = 0;
        while (position < tail)
        {
            final int index = (int)(position & mask);
            final int length = buffer.getInt(index);
            if (PADDING == length)
            {
                position += capacity - index;
                continue;
            }
            position += recordLength(length);
            seen++;
            final int messageOffset = index + RECORD_HEADER_LENGTH;
            if (SourceKey.hasKey(length) &&
                SourceKey.sourceId(buffer, messageOffset) == sourceId &&
                SourceKey.sequence(buffer, messageOffset) == sequence)
            {
                head = position;
                count -= seen;
                if (resendPosition < head)
                {
                    resendPosition = head;
                }
                return true;
            }
        }
        return false;
    }

    private void skipPadding()
    {
        if (resendPosition < tail)
        {
            final int index = (int)(resendPosition & mask);
            if (PADDING == buffer.getInt(index))
            {
                resendPosition += capacity - index;
            }
        }
    }
}
