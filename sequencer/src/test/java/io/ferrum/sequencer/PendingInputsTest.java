package io.ferrum.sequencer;

import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

class PendingInputsTest
{
    private final Inputs inputs = new Inputs();
    private final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);

    private boolean append(final PendingInputs pending, final long sequence)
    {
        final int length = inputs.trade(message, 0, 7, sequence);
        return pending.append(message, 0, length);
    }

    private static List<Long> resendAll(final PendingInputs pending)
    {
        final List<Long> sequences = new ArrayList<>();
        pending.restartResend();
        while (pending.hasResend())
        {
            sequences.add(SourceKey.sequence(pending.buffer(), pending.resendOffset()));
            pending.resendAdvance();
        }
        return sequences;
    }

    @Test
    void acknowledgingDropsEverythingUpToTheKeyAndResendStartsAfterIt()
    {
        final PendingInputs pending = new PendingInputs(4096);
        for (long sequence = 1; sequence <= 5; sequence++)
        {
            assertTrue(append(pending, sequence));
        }
        assertEquals(List.of(1L, 2L, 3L, 4L, 5L), resendAll(pending));

        assertTrue(pending.acknowledge(7, 3));
        assertEquals(2, pending.count());
        assertEquals(List.of(4L, 5L), resendAll(pending));

        assertFalse(pending.acknowledge(7, 2), "an ack for something already dropped changes nothing");
        assertFalse(pending.acknowledge(8, 4), "another source's key does not match");
        assertEquals(List.of(4L, 5L), resendAll(pending));
    }

    @Test
    void fullBufferRefusesUntilAcknowledgedAndWrapsWithoutLosingOrder()
    {
        final int recordLength = PendingInputs.recordLength(inputs.trade(message, 0, 7, 1));
        final PendingInputs pending = new PendingInputs(1024);
        long next = 1;
        while (append(pending, next))
        {
            next++;
        }
        final long firstRefused = next;
        assertEquals(1024 / recordLength, firstRefused - 1);
        assertFalse(pending.hasRoomFor(100));

        long acked = 0;
        for (int round = 0; round < 20; round++)
        {
            acked += 2;
            assertTrue(pending.acknowledge(7, acked));
            while (pending.hasRoomFor(100) && append(pending, next))
            {
                next++;
            }
            final List<Long> resend = resendAll(pending);
            assertEquals(acked + 1, resend.get(0));
            assertEquals(next - 1, resend.get(resend.size() - 1));
            assertEquals(next - 1 - acked, resend.size(), "contiguous across the wrap");
        }
    }

    @Test
    void capacityMustBeAPowerOfTwo()
    {
        assertThrows(IllegalArgumentException.class, () -> new PendingInputs(1000));
    }
}
