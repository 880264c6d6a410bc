package io.ferrum.sequencer.cluster;

import io.aeron.cluster.service.Cluster;
import io.ferrum.engine.api.TimerScheduler;

/**
 * Engine timers as cluster timers: armed in the log by the consensus module and fired as
 * log events, so every member and every replay fires them at the same position. Deadlines
 * are cluster time, epoch nanoseconds (the cluster runs a nanosecond clock).
 */
final class ClusterTimers implements TimerScheduler
{
    private Cluster cluster;

    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    public boolean schedule(final long timerId, final long deadlineNs)
    {
        return cluster.scheduleTimer(timerId, deadlineNs);
    }

    public boolean cancel(final long timerId)
    {
        return cluster.cancelTimer(timerId);
    }
}
