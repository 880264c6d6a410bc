package io.ferrum.sequencer.cluster;

import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.ring.RingWaitStrategy;
import io.ferrum.tuning.layout.ThreadLayout;

/**
 * The client side of a cluster built from its {@link ClusterConfig}: the media driver a client
 * process runs, the inbound ring and the sequencer's context. Kept apart from the settings so
 * that reading the configuration needs no Aeron or ring type.
 */
public final class ClusterContexts
{
    private ClusterContexts()
    {
    }

    /**
     * The media driver a client process (gateway, demo) runs for its sequencer: SHARED,
     * backoff, this cluster's term length, and a short image liveness so that a silent
     * leader is noticed quickly.
     */
    public static MediaDriver.Context clientDriverContext(final ClusterConfig config, final String aeronDirectoryName)
    {
        return new MediaDriver.Context()
            .aeronDirectoryName(aeronDirectoryName)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(RingWaitStrategy.BACKOFF.newIdleStrategy())
            .termBufferSparseFile(config.sparseFiles())
            .publicationTermBufferLength(config.termLength())
            .ipcTermBufferLength(config.termLength())
            .imageLivenessTimeoutNs(config.clientImageLivenessTimeoutNs());
    }

    /** A ring sized and idled as configured; pass a layout to pin its consumer. */
    public static InboundRing newRing(final ClusterConfig config, final ThreadLayout threadLayout)
    {
        return new InboundRing(new InboundRing.Context()
            .ringSize(config.ringSize())
            .slotLength(config.ringSlotLength())
            .waitStrategy(config.ringWaitStrategy())
            .threadLayout(threadLayout));
    }

    /**
     * A sequencer for this cluster draining {@code ring}, through the media driver at
     * {@code aeronDirectoryName} (the member's own with {@code cluster.client.transport = ipc});
     * add an egress listener before launching it.
     */
    public static Sequencer.Context sequencerContext(
        final ClusterConfig config, final InboundRing ring, final String aeronDirectoryName)
    {
        final boolean ipc = config.clientIpc();
        return new Sequencer.Context()
            .ring(ring)
            .aeronDirectoryName(aeronDirectoryName)
            .ingressChannel(ipc ? "aeron:ipc" : "aeron:udp")
            .ingressEndpoints(ipc ? null : config.ingressEndpoints())
            .egressChannel(ipc ? "aeron:ipc" : "aeron:udp?endpoint=" + config.clientHost() + ":0")
            .pendingCapacity(config.pendingCapacity())
            .batchLimit(config.batchLimit())
            .messageTimeoutNs(config.clientMessageTimeoutNs())
            .newLeaderTimeoutNs(config.clientNewLeaderTimeoutNs())
            .keepAliveIntervalNs(config.clientKeepAliveIntervalNs());
    }
}
