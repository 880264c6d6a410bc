package io.ferrum.sequencer.replica;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;

import java.io.File;

/**
 * A member as its media driver's CnC file shows it to another process, in one look: its consensus
 * role and commit position. A driver that is gone or stopped heartbeating (killed, stopped,
 * starting) reads as {@link #NOT_RUNNING}, so a stale file never passes for a member.
 *
 * A member killed a moment ago still reads as running until its heartbeat is older than the
 * clients' liveness timeout (10 s by default): {@code pid} tells whose file it is.
 *
 * @param pid            the process id of the member's driver (the member's own, in {@code ./ferrum node})
 * @param role           the {@link Cluster.Role} code, -1 while the consensus module has none yet
 * @param commitPosition the member's commit position, -1 when it has none yet
 */
public record MemberState(long pid, long role, long commitPosition)
{
    /** The role code of a member whose driver is not running. */
    public static final long NO_DRIVER = -2;
    public static final MemberState NOT_RUNNING = new MemberState(-1, NO_DRIVER, -1);

    public static MemberState read(final File aeronDir)
    {
        try (CncCounters.Mapping mapping = CncCounters.Mapping.map(aeronDir))
        {
            if (null == mapping)
            {
                return NOT_RUNNING;
            }
            return new MemberState(mapping.driverPid(),
                CncCounters.valueOf(mapping.counters(), ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID, -1),
                CncCounters.valueOf(mapping.counters(), ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID, -1));
        }
    }

    public boolean running()
    {
        return NO_DRIVER != role;
    }

    public boolean leader()
    {
        return Cluster.Role.LEADER.code() == role;
    }

    /** A member that has a role: it has joined the cluster (as a follower, candidate or leader). */
    public boolean joined()
    {
        return role >= 0;
    }
}
