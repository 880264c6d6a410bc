package io.ferrum.engine.api;

/**
 * Timers are armed only from log-driven callbacks and fire as log events, so a replay
 * fires them at the same positions. Backed by the cluster's timers or a backtest clock.
 */
public interface TimerScheduler
{
    boolean schedule(long timerId, long deadlineNs);

    boolean cancel(long timerId);
}
