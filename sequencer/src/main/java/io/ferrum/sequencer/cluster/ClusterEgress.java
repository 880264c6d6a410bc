package io.ferrum.sequencer.cluster;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.ferrum.engine.EngineOutput;
import org.agrona.DirectBuffer;

import java.util.function.Consumer;

/**
 * The engine's output as cluster egress to every connected client session. Every member
 * runs this, but only the leader's sessions really send (a follower's offers are mocked
 * by Aeron), so only the leader's decisions reach the order gateway.
 */
final class ClusterEgress implements EngineOutput
{
    private static final int MAX_ADMIN_ACTION_RETRIES = 3;

    private final Consumer<ClientSession> offerToSession = this::offerToSession;
    private Cluster cluster;
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean allTaken;

    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * @return false when some session was back-pressured; those that took it keep it, so a
     * retry can reach a session twice: egress consumers are idempotent by client order id.
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        allTaken = true;
        cluster.forEachClientSession(offerToSession);
        this.buffer = null;
        return allTaken;
    }

    private void offerToSession(final ClientSession session)
    {
        long result;
        int attempts = 0;
        do
        {
            result = session.offer(buffer, offset, length);
        }
        // ADMIN_ACTION is the publication rotating its term (every term length of egress), not
        // back-pressure: Aeron asks for an immediate retry. Treated as a failure, one order in every
        // 64 KiB of egress was dropped (found by ./ferrum bench latency).
        while (result == Publication.ADMIN_ACTION && ++attempts < MAX_ADMIN_ACTION_RETRIES);
        if (result < 0)
        {
            allTaken = false;
        }
    }
}
