package io.ferrum.sequencer.replica;

import io.aeron.Aeron;
import io.aeron.Counter;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.CountersReader;

/**
 * A member's latest state hash as two Aeron counters in the member's own CnC file, so that a
 * monitor in another process can read them: {@link #POSITION_TYPE_ID} holds the log position
 * the hash was taken at, {@link #VALUE_TYPE_ID} the hash; the key of both is the member id.
 * <p>
 * Two counters cannot be written at once, so the position doubles as a sequence lock: the
 * writer sets it to {@link #WRITING} first, then the value, then the new position; a reader
 * that sees the same position before and after reading the value has a consistent pair
 * (positions only grow while a member runs, so a pair cannot be mistaken for another).
 */
public final class StateHashCounters implements AutoCloseable
{
    /** Counter type of the log position of the member's latest state hash. */
    public static final int POSITION_TYPE_ID = 73_010;
    /** Counter type of the member's latest state hash. */
    public static final int VALUE_TYPE_ID = 73_011;
    /** The position while a new pair is being written, and before the first one. */
    public static final long WRITING = -1;

    private final Counter position;
    private final Counter value;

    private StateHashCounters(final Counter position, final Counter value)
    {
        this.position = position;
        this.value = value;
    }

    /** Allocates the two counters of {@code memberId} through the member's own Aeron client. */
    public static StateHashCounters allocate(final Aeron aeron, final int memberId)
    {
        final UnsafeBuffer key = new UnsafeBuffer(new byte[Integer.BYTES]);
        key.putInt(0, memberId);
        final Counter position = addCounter(aeron, POSITION_TYPE_ID, key, "ferrum state hash position: member=" + memberId);
        position.set(WRITING);
        final Counter value = addCounter(aeron, VALUE_TYPE_ID, key, "ferrum state hash value: member=" + memberId);
        return new StateHashCounters(position, value);
    }

    private static Counter addCounter(final Aeron aeron, final int typeId, final UnsafeBuffer key, final String label)
    {
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[label.length()]);
        labelBuffer.putStringWithoutLengthAscii(0, label);
        return aeron.addCounter(typeId, key, 0, key.capacity(), labelBuffer, 0, label.length());
    }

    /** Publishes the hash taken after the input that ended at {@code logPosition}. */
    public void publish(final long logPosition, final long hash)
    {
        position.set(WRITING);
        value.set(hash);
        position.set(logPosition);
    }

    /**
     * Reads member {@code memberId}'s latest pair from its counters.
     *
     * @param into {@code into[0]} gets the position, {@code into[1]} the hash
     * @return false when the member has no such counters or has not published a hash yet
     */
    public static boolean read(final CountersReader counters, final int memberId, final long[] into)
    {
        final int positionId = find(counters, POSITION_TYPE_ID, memberId);
        final int valueId = find(counters, VALUE_TYPE_ID, memberId);
        if (CountersReader.NULL_COUNTER_ID == positionId || CountersReader.NULL_COUNTER_ID == valueId)
        {
            return false;
        }
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final long before = counters.getCounterValue(positionId);
            final long hash = counters.getCounterValue(valueId);
            final long after = counters.getCounterValue(positionId);
            if (before == after)
            {
                if (WRITING == before)
                {
                    return false;
                }
                into[0] = before;
                into[1] = hash;
                return true;
            }
            Thread.onSpinWait();
        }
        return false;
    }

    private static int find(final CountersReader counters, final int typeId, final int memberId)
    {
        final int[] found = { CountersReader.NULL_COUNTER_ID };
        counters.forEach((counterId, type, keyBuffer, label) ->
        {
            if (type == typeId && keyBuffer.getInt(0) == memberId)
            {
                found[0] = counterId;
            }
        });
        return found[0];
    }

    public void close()
    {
        CloseHelper.closeAll(position, value);
    }
}
