package io.ferrum.engine;

import io.ferrum.engine.api.TimerScheduler;

import java.util.TreeMap;

/** A timer scheduler for tests and backtests: remembers deadlines, the test fires them. */
public final class ManualTimers implements TimerScheduler
{
    public final TreeMap<Long, Long> armed = new TreeMap<>();

    public boolean schedule(final long timerId, final long deadlineNs)
    {
        armed.put(timerId, deadlineNs);
        return true;
    }

    public boolean cancel(final long timerId)
    {
        return armed.remove(timerId) != null;
    }
}
