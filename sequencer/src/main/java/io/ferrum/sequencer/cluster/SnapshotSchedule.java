package io.ferrum.sequencer.cluster;

/**
 * When a scheduled snapshot is due, decided from log time only: at the first engine input whose
 * log time has crossed a multiple of the interval since the epoch (an interval of 1 h snapshots
 * on the hour, UTC) since the previous input. Every member decides alike on the same log; only
 * the leader acts on it (it asks its consensus module, which writes the snapshot into the log at
 * one position that every member then snapshots at). A member that starts (or restarts) decides
 * from its second input on, so a restart never triggers a snapshot of its own.
 */
final class SnapshotSchedule
{
    private static final long NO_INPUT = Long.MIN_VALUE;

    private final long intervalNs;
    private long lastTimeNs = NO_INPUT;

    /**
     * @param intervalNs log time between snapshots, 0 for never
     */
    SnapshotSchedule(final long intervalNs)
    {
        if (intervalNs < 0)
        {
            throw new IllegalArgumentException("snapshot interval must be >= 0: " + intervalNs);
        }
        this.intervalNs = intervalNs;
    }

    /**
     * @param timeNs log time of the input just applied (epoch ns)
     * @return true when a snapshot is due at this input
     */
    boolean onInput(final long timeNs)
    {
        if (0 == intervalNs)
        {
            return false;
        }
        final boolean due = NO_INPUT != lastTimeNs && timeNs / intervalNs > lastTimeNs / intervalNs;
        if (timeNs > lastTimeNs)
        {
            lastTimeNs = timeNs;
        }
        return due;
    }
}
