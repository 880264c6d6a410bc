package io.ferrum.sequencer;

import io.aeron.Aeron;
import io.aeron.cluster.client.AeronCluster;
import io.aeron.cluster.client.EgressListener;
import io.aeron.logbuffer.Header;
import io.ferrum.codecs.control.AckDecoder;
import io.ferrum.codecs.control.MessageHeaderDecoder;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.ring.RingHandler;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.NanoClock;

/**
 * The ring's consumer: one duty cycle polls cluster egress (acknowledgements, leader
 * changes, engine outputs), re-sends what a new leader may not have, then drains a batch
 * of the ring into cluster ingress. Back-pressure anywhere leaves messages in the ring,
 * which holds the producers back; nothing is dropped. No allocation per message: only a
 * (re)connect allocates.
 */
final class SequencerAgent implements Agent, RingHandler, EgressListener
{
    private final Sequencer.Context context;
    private final InboundRing ring;
    private final PendingInputs pending;
    private final NanoClock clock;
    private final SequencerCounters counters;
    private final EngineEgressListener egressListener;
    private final int batchLimit;
    private final MessageHeaderDecoder controlHeader = new MessageHeaderDecoder();
    private final AckDecoder ackDecoder = new AckDecoder();
    private Aeron aeron;
    private AeronCluster cluster;
    private boolean resending;
    private long lastIngressNs;
    private long nextConnectNs;
    private long connectBackoffNs;

    SequencerAgent(final Sequencer.Context context, final SequencerCounters counters)
    {
        this.context = context;
        this.ring = context.ring();
        this.pending = new PendingInputs(context.pendingCapacity());
        this.clock = context.nanoClock();
        this.counters = counters;
        this.egressListener = context.egressListener();
        this.batchLimit = context.batchLimit();
        this.connectBackoffNs = context.minReconnectBackoffNs();
    }

    public String roleName()
    {
        return "ferrum-sequencer";
    }

    public void onStart()
    {
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(context.aeronDirectoryName()));
    }

    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (null == cluster)
        {
            return nowNs >= nextConnectNs ? connect(nowNs) : 0;
        }

        int work = cluster.pollEgress();
        // A leader that went away without a NewLeaderEvent (a restarted single member, or an
        // election the client missed) shows as egress without an image: start a new session.
        if (cluster.isClosed() || !cluster.egressSubscription().isConnected())
        {
            disconnected(nowNs);
            return work + 1;
        }

        if (resending)
        {
            work += resend(nowNs);
        }
        if (!resending)
        {
            work += ring.poll(this, batchLimit);
        }

        if (nowNs - lastIngressNs >= context.keepAliveIntervalNs() && cluster.sendKeepAlive())
        {
            lastIngressNs = nowNs;
        }
        return work;
    }

    public void onClose()
    {
        CloseHelper.closeAll(cluster, aeron);
        cluster = null;
    }

    public boolean onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!pending.hasRoomFor(length))
        {
            counters.onPendingFull();
            return false;
        }
        final long result = cluster.offer(buffer, offset, length);
        if (result > 0)
        {
            pending.append(buffer, offset, length);
            lastIngressNs = clock.nanoTime();
            counters.onSent();
            return true;
        }
        counters.onOfferFailed(result);
        return false;
    }

    public void onMessage(
        final long clusterSessionId,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        final int templateId = ControlProtocol.templateId(controlHeader, buffer, offset, length);
        if (AckDecoder.TEMPLATE_ID == templateId && length >= ControlProtocol.ACK_LENGTH)
        {
            ackDecoder.wrap(
                buffer, offset + ControlProtocol.HEADER_LENGTH, controlHeader.blockLength(), controlHeader.version());
            if (pending.acknowledge(ackDecoder.sourceId(), ackDecoder.sequence()))
            {
                counters.onAcknowledged(pending.count());
            }
        }
        else if (-1 == templateId)
        {
            egressListener.onEngineOutput(buffer, offset, length, timestamp);
        }
    }

    public void onNewLeader(
        final long clusterSessionId, final long leadershipTermId, final int leaderMemberId, final String ingressEndpoints)
    {
        counters.onLeaderChange();
        startResend();
        egressListener.onNewLeader(leaderMemberId);
    }

    private int connect(final long nowNs)
    {
        try
        {
            cluster = AeronCluster.connect(new AeronCluster.Context()
                .aeron(aeron)
                .ownsAeronClient(false)
                .ingressChannel(context.ingressChannel())
                .ingressEndpoints(context.ingressEndpoints())
                .egressChannel(context.egressChannel())
                .messageTimeoutNs(context.messageTimeoutNs())
                .newLeaderTimeoutNs(context.newLeaderTimeoutNs())
                .egressListener(this));
            counters.onConnect();
            connectBackoffNs = context.minReconnectBackoffNs();
            lastIngressNs = nowNs;
            startResend();
            egressListener.onNewLeader(cluster.leaderMemberId());
        }
        catch (final RuntimeException ex)
        {
            context.errorHandler().onError(ex);
            nextConnectNs = nowNs + connectBackoffNs;
            connectBackoffNs = Math.min(connectBackoffNs * 2, context.maxReconnectBackoffNs());
        }
        return 1;
    }

    private void disconnected(final long nowNs)
    {
        CloseHelper.quietClose(cluster);
        cluster = null;
        counters.onDisconnect();
        nextConnectNs = nowNs + connectBackoffNs;
    }

    private void startResend()
    {
        pending.restartResend();
        resending = pending.hasResend();
    }

    private int resend(final long nowNs)
    {
        int sent = 0;
        while (sent < batchLimit && pending.hasResend())
        {
            final long result = cluster.offer(pending.buffer(), pending.resendOffset(), pending.resendLength());
            if (result < 0)
            {
                counters.onOfferFailed(result);
                return sent;
            }
            pending.resendAdvance();
            counters.onResent();
            lastIngressNs = nowNs;
            sent++;
        }
        resending = pending.hasResend();
        return sent;
    }
}
