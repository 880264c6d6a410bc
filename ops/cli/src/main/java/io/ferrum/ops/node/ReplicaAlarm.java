package io.ferrum.ops.node;

import io.aeron.Aeron;
import io.aeron.Counter;
import io.ferrum.gateway.logging.LogFields;
import io.ferrum.sequencer.replica.ReplicaHashMonitor;
import org.agrona.CloseHelper;
import org.agrona.concurrent.UnsafeBuffer;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.File;
import java.util.Map;

/**
 * Replica equality as an alarm inside a member ({@code ./ferrum node}): a
 * {@link ReplicaHashMonitor} over the members' CnC files that this host can read, polled off
 * the engine's thread by the node's own loop. A mismatch is logged as a structured ERROR
 * (component {@code replicas}) and counted in a health counter of this member's driver,
 * {@link #MISMATCHES_TYPE_ID} keyed by the member id, which {@code ./ferrum replicas} and any
 * other CnC reader see. The counter is allocated through an Aeron client of its own on the
 * member's driver: the consensus module's client is driven by its own agent and not safe to call
 * from another thread. Members on other hosts are not readable from here: there
 * {@code ./ferrum replicas} on each host (or a monitor reading every host) is the check.
 */
public final class ReplicaAlarm implements AutoCloseable
{
    /** Counter type: state hash mismatches this member has seen between members. */
    public static final int MISMATCHES_TYPE_ID = 73_012;
    private static final Logger LOG = LogManager.getLogger(ReplicaAlarm.class);
    private static final int HISTORY = 256;

    private final ReplicaHashMonitor monitor;
    private final Aeron aeron;
    private final Counter mismatches;

    /**
     * @param aeronDirByMember the members' driver directories, as in the cluster file
     * @param aeronDirectoryName this member's media driver, where the health counter goes
     */
    public ReplicaAlarm(final Map<Integer, File> aeronDirByMember, final String aeronDirectoryName, final int memberId)
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(aeronDirectoryName));
        final UnsafeBuffer key = new UnsafeBuffer(new byte[Integer.BYTES]);
        key.putInt(0, memberId);
        final String label = "ferrum replica hash mismatches: member=" + memberId;
        final UnsafeBuffer labelBuffer = new UnsafeBuffer(new byte[label.length()]);
        labelBuffer.putStringWithoutLengthAscii(0, label);
        try
        {
            mismatches = aeron.addCounter(MISMATCHES_TYPE_ID, key, 0, key.capacity(), labelBuffer, 0, label.length());
        }
        catch (final RuntimeException ex)
        {
            aeron.close();
            throw ex;
        }
        monitor = new ReplicaHashMonitor(aeronDirByMember, HISTORY, this::onMismatch);
    }

    /** Reads the members' hashes once; a mismatch is logged and counted. */
    public int poll()
    {
        return monitor.poll();
    }

    /** Mismatches seen since this member started (the health counter's value). */
    public long mismatches()
    {
        return mismatches.get();
    }

    private void onMismatch(final long logPosition, final int memberA, final long hashA, final int memberB, final long hashB)
    {
        mismatches.incrementRelease();
        LogFields.component("replicas");
        LOG.error("ALARM state hash mismatch at log position {}: member {} {} != member {} {}",
            logPosition, memberA, Long.toHexString(hashA), memberB, Long.toHexString(hashB));
        LogFields.clearEvent();
    }

    public void close()
    {
        CloseHelper.closeAll(mismatches, aeron);
    }
}
