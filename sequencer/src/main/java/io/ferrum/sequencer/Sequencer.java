package io.ferrum.sequencer;

import io.aeron.CommonContext;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.sequencer.ring.PinnedThreadFactory;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.BitUtil;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.NanoClock;
import org.agrona.concurrent.SystemNanoClock;

import java.util.Objects;
import java.util.concurrent.TimeUnit;

/**
 * Drains the inbound ring into Aeron Cluster ingress on its own thread (pinned when the
 * ring's thread layout asks for it), keeps every input until the engine acknowledges it
 * as applied, and re-sends the unacknowledged ones to a new leader. Each input keeps the
 * (sourceId, sequence) its producer wrote, which is what lets the engine drop the re-sends
 * it had already applied.
 */
public final class Sequencer implements AutoCloseable
{
    private final AgentRunner runner;
    private final SequencerCounters counters = new SequencerCounters();
    private final InboundRing ring;

    private Sequencer(final Context context)
    {
        context.conclude();
        this.ring = context.ring();
        final SequencerAgent agent = new SequencerAgent(context, counters);
        runner = new AgentRunner(
            ring.context().waitStrategy().newIdleStrategy(), context.errorHandler(), null, agent);
        AgentRunner.startOnThread(runner, new PinnedThreadFactory(
            ring.context().threadLayout(), ThreadLayout.RING_CONSUMER));
    }

    /**
     * Starts the sequencer thread; it connects to the cluster by itself and keeps reconnecting.
     */
    public static Sequencer launch(final Context context)
    {
        return new Sequencer(context);
    }

    /** The ring that producers claim slots in. */
    public InboundRing ring()
    {
        return ring;
    }

    public SequencerCounters counters()
    {
        return counters;
    }

    public void close()
    {
        CloseHelper.close(runner);
    }

    /**
     * Configuration: where the cluster is, and how much may be in flight.
     */
    public static final class Context
    {
        private InboundRing ring;
        private String aeronDirectoryName;
        private String ingressEndpoints;
        private String ingressChannel = "aeron:udp";
        private String egressChannel = "aeron:udp?endpoint=localhost:0";
        private int pendingCapacity = 4 * 1024 * 1024;
        private int batchLimit = 64;
        private long messageTimeoutNs = TimeUnit.SECONDS.toNanos(2);
        private long newLeaderTimeoutNs = TimeUnit.SECONDS.toNanos(5);
        private long keepAliveIntervalNs = TimeUnit.MILLISECONDS.toNanos(500);
        private long minReconnectBackoffNs = TimeUnit.MILLISECONDS.toNanos(10);
        private long maxReconnectBackoffNs = TimeUnit.SECONDS.toNanos(1);
        private NanoClock nanoClock = SystemNanoClock.INSTANCE;
        private EngineEgressListener egressListener = (buffer, offset, length, timestampNs) -> {};
        private ErrorHandler errorHandler = Throwable::printStackTrace;

        public Context conclude()
        {
            Objects.requireNonNull(ring, "ring");
            Objects.requireNonNull(aeronDirectoryName, "aeronDirectoryName");
            if (!ingressChannel.startsWith(CommonContext.IPC_CHANNEL))
            {
                Objects.requireNonNull(ingressEndpoints, "ingressEndpoints");
            }
            if (!BitUtil.isPowerOfTwo(pendingCapacity))
            {
                throw new IllegalArgumentException("pending capacity must be a power of two: " + pendingCapacity);
            }
            if (pendingCapacity < 4 * PendingInputs.recordLength(ring.slotLength()))
            {
                throw new IllegalArgumentException(
                    "pending capacity " + pendingCapacity + " too small for slots of " + ring.slotLength());
            }
            if (batchLimit < 1)
            {
                throw new IllegalArgumentException("batch limit must be >= 1: " + batchLimit);
            }
            return this;
        }

        public InboundRing ring()
        {
            return ring;
        }

        public Context ring(final InboundRing ring)
        {
            this.ring = ring;
            return this;
        }

        public String aeronDirectoryName()
        {
            return aeronDirectoryName;
        }

        /** The media driver the sequencer's Aeron client talks to. */
        public Context aeronDirectoryName(final String aeronDirectoryName)
        {
            this.aeronDirectoryName = aeronDirectoryName;
            return this;
        }

        public String ingressEndpoints()
        {
            return ingressEndpoints;
        }

        /** Members' ingress endpoints, {@code 0=host:port,1=host:port,...}; none with an IPC ingress channel. */
        public Context ingressEndpoints(final String ingressEndpoints)
        {
            this.ingressEndpoints = ingressEndpoints;
            return this;
        }

        public String ingressChannel()
        {
            return ingressChannel;
        }

        public Context ingressChannel(final String ingressChannel)
        {
            this.ingressChannel = ingressChannel;
            return this;
        }

        public String egressChannel()
        {
            return egressChannel;
        }

        public Context egressChannel(final String egressChannel)
        {
            this.egressChannel = egressChannel;
            return this;
        }

        public int pendingCapacity()
        {
            return pendingCapacity;
        }

        /** Bytes of unacknowledged inputs kept for re-sending (power of two). */
        public Context pendingCapacity(final int pendingCapacity)
        {
            this.pendingCapacity = pendingCapacity;
            return this;
        }

        public int batchLimit()
        {
            return batchLimit;
        }

        /** Ring messages offered per duty cycle. */
        public Context batchLimit(final int batchLimit)
        {
            this.batchLimit = batchLimit;
            return this;
        }

        public long messageTimeoutNs()
        {
            return messageTimeoutNs;
        }

        public Context messageTimeoutNs(final long messageTimeoutNs)
        {
            this.messageTimeoutNs = messageTimeoutNs;
            return this;
        }

        public long newLeaderTimeoutNs()
        {
            return newLeaderTimeoutNs;
        }

        public Context newLeaderTimeoutNs(final long newLeaderTimeoutNs)
        {
            this.newLeaderTimeoutNs = newLeaderTimeoutNs;
            return this;
        }

        public long keepAliveIntervalNs()
        {
            return keepAliveIntervalNs;
        }

        public Context keepAliveIntervalNs(final long keepAliveIntervalNs)
        {
            this.keepAliveIntervalNs = keepAliveIntervalNs;
            return this;
        }

        public long minReconnectBackoffNs()
        {
            return minReconnectBackoffNs;
        }

        public long maxReconnectBackoffNs()
        {
            return maxReconnectBackoffNs;
        }

        public Context reconnectBackoffNs(final long minNs, final long maxNs)
        {
            this.minReconnectBackoffNs = minNs;
            this.maxReconnectBackoffNs = maxNs;
            return this;
        }

        public NanoClock nanoClock()
        {
            return nanoClock;
        }

        public Context nanoClock(final NanoClock nanoClock)
        {
            this.nanoClock = nanoClock;
            return this;
        }

        public EngineEgressListener egressListener()
        {
            return egressListener;
        }

        /** Where the engine's outputs from the leader's egress go. */
        public Context egressListener(final EngineEgressListener egressListener)
        {
            this.egressListener = egressListener;
            return this;
        }

        public ErrorHandler errorHandler()
        {
            return errorHandler;
        }

        public Context errorHandler(final ErrorHandler errorHandler)
        {
            this.errorHandler = errorHandler;
            return this;
        }
    }
}
