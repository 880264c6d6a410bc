package io.ferrum.sequencer.cluster;

import io.aeron.Publication;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.ferrum.engine.api.EngineOutput;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.ExpandableRingBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Long2LongHashMap;

import java.util.function.Consumer;

/**
 * The engine's output as cluster egress to every connected client session. Every member
 * runs this, but only the leader's sessions really send (a follower's offers are mocked
 * by Aeron), so only the leader's decisions reach the order gateway.
 * <p>
 * A message a session refuses with back-pressure (the order gateway slower than the engine for a
 * moment) waits here, with everything after it for that session, and is offered again, oldest
 * first, at the next log event (Aeron allows egress only from log events; market data and the
 * gateway's own inputs keep them coming): an order is late, never lost. A session that is not connected or closed misses the message as before (it reconnects
 * and reconciles); it never holds the others back. Only when {@link #DEFAULT_MAX_WAITING_BYTES}
 * are waiting is a message refused to the engine, which counts it; the order gateway's
 * reconciliation at the next leader session recovers those. What waits is transport, not state:
 * a follower never waits (its offers are mocked), and a member that stops being leader forgets
 * it (the new leader's sessions reconcile).
 */
final class ClusterEgress implements EngineOutput
{
    static final int DEFAULT_MAX_WAITING_BYTES = 64 * 1024 * 1024;
    private static final int INITIAL_WAITING_BYTES = 64 * 1024;
    private static final int MAX_ADMIN_ACTION_RETRIES = 3;
    private static final int SESSION_ID_LENGTH = Long.BYTES;

    private final Consumer<ClientSession> offerToSession = this::offerToSession;
    private final ExpandableRingBuffer.MessageConsumer offerWaiting = this::offerWaiting;
    private final ExpandableRingBuffer waiting;
    private final ExpandableArrayBuffer record = new ExpandableArrayBuffer(256);
    private final Long2LongHashMap waitingBySession = new Long2LongHashMap(0);
    private Cluster cluster;
    private DirectBuffer buffer;
    private int offset;
    private int length;
    private boolean allTaken;
    private long resent;

    ClusterEgress()
    {
        this(DEFAULT_MAX_WAITING_BYTES);
    }

    ClusterEgress(final int maxWaitingBytes)
    {
        waiting = new ExpandableRingBuffer(Math.min(INITIAL_WAITING_BYTES, maxWaitingBytes), maxWaitingBytes, false);
    }

    void cluster(final Cluster cluster)
    {
        this.cluster = cluster;
    }

    /**
     * @return false only when a session refused the message and no room was left to keep it for a
     * retry; sessions that took it keep it, so egress consumers are idempotent by client order id.
     */
    public boolean offer(final DirectBuffer buffer, final int offset, final int length)
    {
        offerWaiting();
        this.buffer = buffer;
        this.offset = offset;
        this.length = length;
        allTaken = true;
        cluster.forEachClientSession(offerToSession);
        this.buffer = null;
        return allTaken;
    }

    /** Offers what waits, oldest first, until a session refuses again; returns how many went out. */
    int offerWaiting()
    {
        return waiting.isEmpty() ? 0 : waiting.consume(offerWaiting, Integer.MAX_VALUE);
    }

    /** A member that is no longer leader sends nothing: what waited is the new leader's to reconcile. */
    void forgetWaiting()
    {
        waiting.reset(INITIAL_WAITING_BYTES);
        waitingBySession.clear();
    }

    /** Messages waiting for a session to take them. */
    int waitingBytes()
    {
        return waiting.size();
    }

    /** Messages that a session took on a retry. */
    long resent()
    {
        return resent;
    }

    private void offerToSession(final ClientSession session)
    {
        final long sessionId = session.id();
        // Behind anything already waiting for this session, so that it sees the engine's outputs in order.
        if (0 == waitingBySession.get(sessionId))
        {
            final long result = offerNow(session, buffer, offset, length);
            if (result != Publication.BACK_PRESSURED)
            {
                allTaken &= result >= 0;
                return;
            }
        }
        record.putLong(0, sessionId);
        record.putBytes(SESSION_ID_LENGTH, buffer, offset, length);
        if (waiting.append(record, 0, SESSION_ID_LENGTH + length))
        {
            waitingBySession.put(sessionId, waitingBySession.get(sessionId) + 1);
        }
        else
        {
            allTaken = false;
        }
    }

    private boolean offerWaiting(final MutableDirectBuffer buffer, final int offset, final int length, final int headOffset)
    {
        final long sessionId = buffer.getLong(offset);
        final ClientSession session = cluster.getClientSession(sessionId);
        if (null != session)
        {
            final long result = offerNow(session, buffer, offset + SESSION_ID_LENGTH, length - SESSION_ID_LENGTH);
            if (result == Publication.BACK_PRESSURED)
            {
                return false;
            }
            resent += result >= 0 ? 1 : 0;
        }
        // taken, or its session closed or disconnected since: nobody left to send it to
        final long left = waitingBySession.get(sessionId) - 1;
        if (left > 0)
        {
            waitingBySession.put(sessionId, left);
        }
        else
        {
            waitingBySession.remove(sessionId);
        }
        return true;
    }

    private static long offerNow(final ClientSession session, final DirectBuffer buffer, final int offset, final int length)
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
        return result;
    }
}
