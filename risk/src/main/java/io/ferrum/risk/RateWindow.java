package io.ferrum.risk;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * Orders accepted in the last second, kept exactly: a ring of the accept times, as large
 * as the limit. Exact rather than a token bucket so that "never more than N in any
 * one-second window" holds literally, which is what the limit promises.
 */
final class RateWindow
{
    static final long WINDOW_NS = 1_000_000_000L;
    static final long NO_LIMIT = Long.MAX_VALUE;

    private long limit = NO_LIMIT;
    private long[] times = new long[0];
    private int head; // next slot to write
    private int count;

    /** Sets the limit; allocates only when it grows (an admin command, never a check). */
    void limit(final long newLimit)
    {
        if (newLimit == NO_LIMIT)
        {
            limit = NO_LIMIT;
            times = new long[0];
            head = 0;
            count = 0;
            return;
        }
        // Every accept still in the window is kept, so that lowering then raising the limit
        // within a second never forgets one.
        final int capacity = (int)Math.max(Math.max(1, newLimit), count);
        final long[] resized = new long[capacity];
        for (int n = 0; n < count; n++)
        {
            resized[n] = times[index(n)];
        }
        times = resized;
        head = count % capacity;
        limit = newLimit;
    }

    long limit()
    {
        return limit;
    }

    /** Accepts counted in the window ending at {@code nowNs}, after expiring older ones. */
    int countAt(final long nowNs)
    {
        while (count > 0 && times[index(0)] <= nowNs - WINDOW_NS)
        {
            count--;
        }
        return count;
    }

    /** Expires the accepts older than the window ending at {@code nowNs}: with a limit, {@link #count()} is then current. */
    boolean allows(final long nowNs)
    {
        return limit == NO_LIMIT || countAt(nowNs) < limit;
    }

    /** Accepts counted at the last {@link #allows} or {@link #countAt}, plus those recorded since. */
    int count()
    {
        return count;
    }

    void record(final long nowNs)
    {
        if (limit == NO_LIMIT)
        {
            return;
        }
        times[head] = nowNs;
        head = head + 1 == times.length ? 0 : head + 1; // no division on the accept path
        count = Math.min(count + 1, times.length);
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putLong(at, limit);
        at += Long.BYTES;
        buffer.putInt(at, count);
        at += Integer.BYTES;
        for (int n = 0; n < count; n++)
        {
            buffer.putLong(at, times[index(n)]);
            at += Long.BYTES;
        }
        return at - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        int at = offset;
        final long newLimit = buffer.getLong(at);
        at += Long.BYTES;
        final int n = buffer.getInt(at);
        at += Integer.BYTES;
        if ((newLimit != NO_LIMIT && (newLimit < 0 || newLimit > RiskParameter.MAX_RATE_LIMIT)) ||
            n < 0 || n > RiskParameter.MAX_RATE_LIMIT || (newLimit == NO_LIMIT && n != 0))
        {
            throw new IllegalStateException("corrupt risk snapshot: rate window of " + n + " for limit " + newLimit);
        }
        count = 0;
        limit(newLimit);
        if (n > times.length)
        {
            times = new long[n];
        }
        for (int k = 0; k < n; k++)
        {
            times[k] = buffer.getLong(at);
            at += Long.BYTES;
        }
        count = n;
        head = times.length == 0 ? 0 : n % times.length;
        return at - offset;
    }

    /** Slot of the n-th oldest accept in the window ({@code n < count <= times.length}, so one wrap at most). */
    private int index(final int n)
    {
        final int slot = head - count + n;
        return slot < 0 ? slot + times.length : slot;
    }
}
