package io.ferrum.sequencer.journal;

import io.aeron.cluster.ClusterBackup;
import io.aeron.cluster.ConsensusModule;
import io.ferrum.sequencer.replica.CncCounters;
import org.agrona.concurrent.status.CountersReader;

import java.io.File;

/**
 * How far a running process's log is known to be committed, read from the counters of its
 * media driver (its CnC file), read-only:
 * <ul>
 * <li>a member: its consensus module's commit position. A leader commits what a quorum has
 *     appended; a follower's counter is the leader's commit position capped at what it has
 *     appended itself, so its archive always holds the log up to it.</li>
 * <li>a {@link io.ferrum.sequencer.cluster.BackupNode}: Aeron's ClusterBackup copies the live
 *     log with a replay from a member's archive bounded by that member's commit-position
 *     counter, so its recording only ever holds committed entries; its live-log-position
 *     counter says how far that recording has got.</li>
 * </ul>
 */
public final class CommittedPosition
{
    /** The process's counters cannot be read (not running, starting, or not there). */
    public static final long UNKNOWN = -1;

    private final File aeronDir;
    private final int counterTypeId;
    private final String what;
    private CncCounters.Mapping mapping;
    private int counterId = CountersReader.NULL_COUNTER_ID;

    private CommittedPosition(final File aeronDir, final int counterTypeId, final String what)
    {
        this.aeronDir = aeronDir;
        this.counterTypeId = counterTypeId;
        this.what = what;
    }

    /** A cluster member's commit position, from its media driver directory. */
    public static CommittedPosition ofMember(final File aeronDir)
    {
        return new CommittedPosition(aeronDir, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID, "commit position");
    }

    /** A ClusterBackup's live log position (committed entries only), from its media driver directory. */
    public static CommittedPosition ofBackup(final File aeronDir)
    {
        return new CommittedPosition(aeronDir, ClusterBackup.LIVE_LOG_POSITION_TYPE_ID, "backup live log position");
    }

    /**
     * Keeps the driver's CnC file mapped and the counter found between reads while the driver lives
     * and the counter stays (a follower reads this every poll); looks afresh otherwise. One reader thread.
     *
     * @return the log position up to which the log is committed, or {@link #UNKNOWN}
     */
    public long read()
    {
        if (null != mapping && mapping.isDriverAlive() && isStillTheCounter(mapping.counters()))
        {
            return mapping.counters().getCounterValue(counterId);
        }
        release();
        mapping = CncCounters.Mapping.map(aeronDir);
        if (null == mapping)
        {
            return UNKNOWN;
        }
        counterId = CncCounters.counterId(mapping.counters(), counterTypeId);
        return CountersReader.NULL_COUNTER_ID == counterId ? UNKNOWN : mapping.counters().getCounterValue(counterId);
    }

    private boolean isStillTheCounter(final CountersReader counters)
    {
        return CountersReader.NULL_COUNTER_ID != counterId &&
            CountersReader.RECORD_ALLOCATED == counters.getCounterState(counterId) &&
            counterTypeId == counters.getCounterTypeId(counterId);
    }

    private void release()
    {
        if (null != mapping)
        {
            mapping.close();
            mapping = null;
        }
        counterId = CountersReader.NULL_COUNTER_ID;
    }

    /** What is read and where, for messages: {@code commit position in /dev/shm/ferrum/member-1}. */
    public String toString()
    {
        return what + " in " + aeronDir;
    }
}
