package io.ferrum.ops.backtest;

import io.ferrum.engine.api.TimerScheduler;

import java.util.Arrays;

/**
 * The engine's timers in a backtest: a binary heap on (deadline, id) in plain arrays, so
 * timers fire in a deterministic order at the log time their deadline is reached.
 * Cancelling marks the entry dead; rescheduling an id replaces it.
 */
public final class BacktestTimers implements TimerScheduler
{
    private long[] deadlines = new long[64];
    private long[] ids = new long[64];
    private int size;

    public boolean schedule(final long timerId, final long deadlineNs)
    {
        cancel(timerId);
        if (size == deadlines.length)
        {
            deadlines = Arrays.copyOf(deadlines, size * 2);
            ids = Arrays.copyOf(ids, size * 2);
        }
        int i = size++;
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(deadlineNs, timerId, deadlines[parent], ids[parent]))
            {
                break;
            }
            deadlines[i] = deadlines[parent];
            ids[i] = ids[parent];
            i = parent;
        }
        deadlines[i] = deadlineNs;
        ids[i] = timerId;
        return true;
    }

    /** Linear in the number of timers, which strategies keep small. */
    public boolean cancel(final long timerId)
    {
        for (int i = 0; i < size; i++)
        {
            if (ids[i] == timerId)
            {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    public boolean isEmpty()
    {
        return size == 0;
    }

    public long nextDeadlineNs()
    {
        return size > 0 ? deadlines[0] : Long.MAX_VALUE;
    }

    /** Removes the earliest timer and returns its id; only when not empty. */
    public long poll()
    {
        final long id = ids[0];
        removeAt(0);
        return id;
    }

    private void removeAt(final int index)
    {
        size--;
        if (index == size)
        {
            return;
        }
        final long deadline = deadlines[size];
        final long id = ids[size];
        int i = index;
        // sift up first (the moved entry may be earlier than the removed one's parent), then down
        while (i > 0)
        {
            final int parent = (i - 1) >>> 1;
            if (!before(deadline, id, deadlines[parent], ids[parent]))
            {
                break;
            }
            deadlines[i] = deadlines[parent];
            ids[i] = ids[parent];
            i = parent;
        }
        while (true)
        {
            final int left = 2 * i + 1;
            if (left >= size)
            {
                break;
            }
            final int right = left + 1;
            final int child = right < size && before(deadlines[right], ids[right], deadlines[left], ids[left]) ?
                right : left;
            if (!before(deadlines[child], ids[child], deadline, id))
            {
                break;
            }
            deadlines[i] = deadlines[child];
            ids[i] = ids[child];
            i = child;
        }
        deadlines[i] = deadline;
        ids[i] = id;
    }

    private static boolean before(final long deadlineA, final long idA, final long deadlineB, final long idB)
    {
        return deadlineA < deadlineB || (deadlineA == deadlineB && idA < idB);
    }
}
