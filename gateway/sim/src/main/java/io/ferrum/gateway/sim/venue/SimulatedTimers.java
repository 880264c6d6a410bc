package io.ferrum.gateway.sim.venue;

import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.TimerScheduler;

/**
 * Timers for a single-threaded run without a cluster (backtest, paper trading): armed timers are
 * kept in primitive arrays and fired into the engine, earliest deadline first (then lowest id),
 * when the driver's time passes them. No allocation after construction.
 */
public final class SimulatedTimers implements TimerScheduler
{
    private final long[] ids;
    private final long[] deadlines;
    private int count;

    public SimulatedTimers(final int capacity)
    {
        ids = new long[capacity];
        deadlines = new long[capacity];
    }

    public boolean schedule(final long timerId, final long deadlineNs)
    {
        for (int i = 0; i < count; i++)
        {
            if (ids[i] == timerId)
            {
                deadlines[i] = deadlineNs;
                return true;
            }
        }
        if (count == ids.length)
        {
            return false;
        }
        ids[count] = timerId;
        deadlines[count] = deadlineNs;
        count++;
        return true;
    }

    public boolean cancel(final long timerId)
    {
        for (int i = 0; i < count; i++)
        {
            if (ids[i] == timerId)
            {
                removeAt(i);
                return true;
            }
        }
        return false;
    }

    public int armed()
    {
        return count;
    }

    /** Fires every timer due by {@code nowNs} into {@code engine}; returns how many fired. */
    public int fireDue(final long nowNs, final EngineInput engine)
    {
        int fired = 0;
        while (true)
        {
            int next = -1;
            for (int i = 0; i < count; i++)
            {
                if (deadlines[i] <= nowNs &&
                    (next < 0 || deadlines[i] < deadlines[next] || (deadlines[i] == deadlines[next] && ids[i] < ids[next])))
                {
                    next = i;
                }
            }
            if (next < 0)
            {
                return fired;
            }
            final long id = ids[next];
            final long deadline = deadlines[next];
            removeAt(next);
            engine.onTimer(id, deadline);
            fired++;
        }
    }

    private void removeAt(final int index)
    {
        count--;
        ids[index] = ids[count];
        deadlines[index] = deadlines[count];
    }
}
