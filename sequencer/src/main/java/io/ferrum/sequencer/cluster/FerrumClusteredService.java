package io.ferrum.sequencer.cluster;

import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.codecs.CloseReason;
import io.aeron.cluster.service.ClientSession;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.logbuffer.Header;
import io.ferrum.codecs.control.AckEncoder;
import io.ferrum.codecs.control.MessageHeaderEncoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineMetrics;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.sequencer.ControlProtocol;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.sequencer.replica.StateHashCounters;
import io.ferrum.sequencer.telemetry.FerrumCounters;
import io.ferrum.sequencer.telemetry.Stage;
import io.ferrum.sequencer.telemetry.StageLatency;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.OffsetEpochNanoClock;
import org.agrona.concurrent.status.AtomicCounter;
import org.agrona.concurrent.UnsafeBuffer;

import java.util.concurrent.TimeUnit;
import java.util.function.BiFunction;

/**
 * The thin adapter between Aeron Cluster and the engine: the committed log drives
 * {@link EngineInput} (message, log position, cluster time in epoch ns), timers fire as
 * {@link EngineInput#onTimer}, the engine's {@link EngineOutput} is egress and its
 * {@link TimerScheduler} is the cluster's timers, and {@link EngineState} is written to and
 * restored from cluster snapshots. The engine itself has no Aeron type in it: the real
 * engine (engine/) plugs in through {@link #create}, a backtest drives it without a cluster.
 * <p>
 * It also acknowledges inputs to the session that sent them, every {@code ackInterval}
 * messages, with the (sourceId, sequence) of the last one applied: the sequencer then stops
 * keeping those for re-sending (see {@code io.ferrum.sequencer.Sequencer}).
 * <p>
 * Replica equality: every {@code hashInterval} engine inputs (session messages and timers,
 * counted over the whole log, the count kept in snapshots) it takes the engine's state hash
 * and publishes it with the log position in {@link StateHashCounters}. Every member counts
 * the same log, so every member hashes at the same positions; a monitor compares them.
 * <p>
 * Scheduled snapshots ({@code cluster.snapshot.interval}): when the {@link SnapshotSchedule}
 * says one is due, the leader's service toggles its consensus module's control counter, as
 * {@code ./ferrum admin snapshot} does; followers decide alike and do nothing.
 * <p>
 * Operator metrics: an engine that is also {@link EngineMetrics} copies its counters, positions and
 * P&amp;L into Ferrum counters in the member's CnC ({@link FerrumCounters}, labelled with the member)
 * every {@link #METRICS_INTERVAL_NS}, in the service's background work on this thread; each input's
 * {@link Stage#ENGINE_STEP} and, on the leader, {@link Stage#SEQUENCER_TO_COMMIT} go into
 * {@link #latency(StageLatency)}.
 */
public final class FerrumClusteredService implements ClusteredService
{
    private final EngineInput input;
    private final EngineState state;
    private final ClusterEgress egress;
    private final ClusterTimers timers;
    private final int ackInterval;
    private final int hashInterval;
    private final Long2LongHashMap messagesBySession = new Long2LongHashMap(0);
    private final UnsafeBuffer ackBuffer = new UnsafeBuffer(new byte[ControlProtocol.ACK_LENGTH]);
    private final MessageHeaderEncoder ackHeader = new MessageHeaderEncoder();
    private final AckEncoder ackEncoder = new AckEncoder();
    private final SnapshotWriter snapshotWriter = new SnapshotWriter();
    private final SnapshotSchedule snapshotSchedule;
    private final EngineMetrics metrics;
    private final OffsetEpochNanoClock epochClock = new OffsetEpochNanoClock();
    private StageLatency latency = new StageLatency();
    private FerrumCounters metricCounters;
    private long nextMetricsNs;
    private Cluster cluster;
    private AtomicCounter controlToggle;
    private StateHashCounters hashCounters;
    private long inputCount;
    private volatile long lastHashPosition = StateHashCounters.WRITING;
    private volatile long lastHash;
    private volatile Cluster.Role role = Cluster.Role.FOLLOWER;
    private volatile long engineErrors;
    private volatile long adminMessagesDropped;
    private volatile long scheduledSnapshots;
    private volatile long scheduledSnapshotsRefused;
    private volatile boolean restoredFromSnapshot;

    private FerrumClusteredService(
        final EngineInput input,
        final EngineState state,
        final ClusterEgress egress,
        final ClusterTimers timers,
        final int ackInterval,
        final int hashInterval,
        final long snapshotIntervalNs,
        final EngineMetrics metrics)
    {
        if (ackInterval < 1)
        {
            throw new IllegalArgumentException("ack interval must be >= 1: " + ackInterval);
        }
        if (hashInterval < 1)
        {
            throw new IllegalArgumentException("hash interval must be >= 1: " + hashInterval);
        }
        this.hashInterval = hashInterval;
        this.input = input;
        this.state = state;
        this.egress = egress;
        this.timers = timers;
        this.ackInterval = ackInterval;
        this.snapshotSchedule = new SnapshotSchedule(snapshotIntervalNs);
        this.metrics = metrics;
    }

    /** Time between two copies of the engine's figures into the member's counters. */
    public static final long METRICS_INTERVAL_NS = TimeUnit.MILLISECONDS.toNanos(250);

    /** Where this member records its stages' latency: the process's recorders, which its metrics agent publishes. */
    public FerrumClusteredService latency(final StageLatency latency)
    {
        this.latency = latency;
        return this;
    }

    /**
     * With the default hash interval ({@link ClusterConfig#DEFAULT_HASH_INTERVAL}).
     *
     * @param engineFactory builds the engine around the cluster's egress and timers
     * @param ackInterval   acknowledge every this many inputs per session
     */
    public static <E extends EngineInput & EngineState> FerrumClusteredService create(
        final BiFunction<EngineOutput, TimerScheduler, E> engineFactory, final int ackInterval)
    {
        return create(engineFactory, ackInterval, ClusterConfig.DEFAULT_HASH_INTERVAL);
    }

    /**
     * @param engineFactory builds the engine around the cluster's egress and timers
     * @param ackInterval   acknowledge every this many inputs per session
     * @param hashInterval  publish the state hash every this many engine inputs
     */
    public static <E extends EngineInput & EngineState> FerrumClusteredService create(
        final BiFunction<EngineOutput, TimerScheduler, E> engineFactory, final int ackInterval, final int hashInterval)
    {
        return create(engineFactory, ackInterval, hashInterval, 0);
    }

    /**
     * As configured by the cluster file: ack interval, hash interval and snapshot schedule.
     *
     * @param engineFactory builds the engine around the cluster's egress and timers
     */
    public static <E extends EngineInput & EngineState> FerrumClusteredService create(
        final BiFunction<EngineOutput, TimerScheduler, E> engineFactory, final ClusterConfig config)
    {
        return create(engineFactory, config.ackInterval(), config.hashInterval(), config.snapshotIntervalNs());
    }

    private static <E extends EngineInput & EngineState> FerrumClusteredService create(
        final BiFunction<EngineOutput, TimerScheduler, E> engineFactory,
        final int ackInterval,
        final int hashInterval,
        final long snapshotIntervalNs)
    {
        final ClusterEgress egress = new ClusterEgress();
        final ClusterTimers timers = new ClusterTimers();
        final E engine = engineFactory.apply(egress, timers);
        return new FerrumClusteredService(engine, engine, egress, timers, ackInterval, hashInterval, snapshotIntervalNs,
            engine instanceof EngineMetrics ? (EngineMetrics)engine : null);
    }

    /** Log position of the latest published state hash, {@link StateHashCounters#WRITING} before the first. */
    public long lastHashPosition()
    {
        return lastHashPosition;
    }

    /** The latest published state hash (read {@link #lastHashPosition()} first). */
    public long lastHash()
    {
        return lastHash;
    }

    /** The member's current role; only a leader's egress is acted on by clients. */
    public Cluster.Role role()
    {
        return role;
    }

    public void onStart(final Cluster cluster, final Image snapshotImage)
    {
        this.cluster = cluster;
        nextMetricsNs = System.nanoTime();
        egress.cluster(cluster);
        timers.cluster(cluster);
        if (null != snapshotImage)
        {
            inputCount = new SnapshotLoader().load(snapshotImage, state, cluster.idleStrategy());
            restoredFromSnapshot = true;
        }
    }

    public void onSessionOpen(final ClientSession session, final long timestamp)
    {
    }

    public void onSessionClose(final ClientSession session, final long timestamp, final CloseReason closeReason)
    {
        messagesBySession.remove(session.id());
    }

    public void onSessionMessage(
        final ClientSession session,
        final long timestamp,
        final DirectBuffer buffer,
        final int offset,
        final int length,
        final Header header)
    {
        // Aeron allows egress only from log events, not from background work: every event retries
        // what a back-pressured client refused, so a stalled gateway gets it with the next input.
        egress.offerWaiting();
        final boolean admin = AdminAuthenticator.isAdminTemplate(buffer, offset, length);
        if (admin && !AdminAuthenticator.isAdmin(session))
        {
            // Authentication happens at ingress; the principal is in the log, so every member drops it alike.
            adminMessagesDropped++;
            cluster.context().countedErrorHandler().onError(new SecurityException(
                "admin message dropped: session " + (session == null ? "none" : session.id()) +
                " did not authenticate with " + AdminAuthenticator.TOKEN_ENV));
            return;
        }
        final long startNs = System.nanoTime();
        if (Cluster.Role.LEADER == role)
        {
            // the log time is the leader's clock when it appended the input: no clock skew on the leader
            latency.record(Stage.SEQUENCER_TO_COMMIT, epochClock.nanoTime() - timestamp);
        }
        try
        {
            input.onInput(buffer, offset, length, header.position(), timestamp);
        }
        catch (final RuntimeException ex)
        {
            engineFailed(ex);
        }
        latency.record(Stage.ENGINE_STEP, System.nanoTime() - startNs);
        inputApplied(header.position(), timestamp);
        if (admin && SourceKey.hasKey(length))
        {
            // An operator waits for each command: acknowledged at once, not every ackInterval.
            offerAck(session, buffer, offset);
            return;
        }

        if (null != session && SourceKey.hasKey(length))
        {
            final long sessionId = session.id();
            final long count = messagesBySession.get(sessionId) + 1;
            messagesBySession.put(sessionId, count);
            if (count % ackInterval == 0)
            {
                offerAck(session, buffer, offset);
            }
        }
    }

    /** Tells the input's sender that everything it sent up to this input is applied. */
    private void offerAck(final ClientSession session, final DirectBuffer input, final int offset)
    {
        ackEncoder.wrapAndApplyHeader(ackBuffer, 0, ackHeader)
            .sourceId(SourceKey.sourceId(input, offset))
            .sequence(SourceKey.sequence(input, offset));
        session.offer(ackBuffer, 0, ControlProtocol.ACK_LENGTH);
    }

    public void onTimerEvent(final long correlationId, final long timestamp)
    {
        egress.offerWaiting();
        final long startNs = System.nanoTime();
        try
        {
            input.onTimer(correlationId, timestamp);
        }
        catch (final RuntimeException ex)
        {
            engineFailed(ex);
        }
        latency.record(Stage.ENGINE_STEP, System.nanoTime() - startNs);
        inputApplied(cluster.logPosition(), timestamp);
    }

    private void inputApplied(final long logPosition, final long timestampNs)
    {
        if (snapshotSchedule.onInput(timestampNs) && Cluster.Role.LEADER == role)
        {
            requestScheduledSnapshot();
        }
        if (0 == ++inputCount % hashInterval)
        {
            final long hash = state.stateHash();
            if (null == hashCounters)
            {
                // the member id is known once the service has joined the log, not in onStart
                hashCounters = StateHashCounters.allocate(cluster.aeron(), cluster.memberId());
            }
            hashCounters.publish(logPosition, hash);
            lastHashPosition = StateHashCounters.WRITING;
            lastHash = hash;
            lastHashPosition = logPosition;
        }
    }

    /**
     * Between inputs, on this thread (the only one that may read the engine): copies the engine's
     * figures into the member's counters every {@link #METRICS_INTERVAL_NS}, whether or not inputs arrive.
     */
    public int doBackgroundWork(final long nowNs)
    {
        // the member id is known once the service has joined the log, as for the hash counters
        if (null == metrics || null == cluster || cluster.memberId() < 0 || nowNs - nextMetricsNs < 0)
        {
            return 0;
        }
        if (null == metricCounters)
        {
            metricCounters = new FerrumCounters(cluster.aeron(), "member=\"" + cluster.memberId() + "\"");
        }
        metrics.publishMetrics(metricCounters);
        nextMetricsNs = nowNs + METRICS_INTERVAL_NS;
        return 1;
    }

    private void requestScheduledSnapshot()
    {
        if (null == controlToggle)
        {
            controlToggle = ClusterControl.findControlToggle(
                cluster.aeron().countersReader(), cluster.context().clusterId());
        }
        if (null != controlToggle && ClusterControl.ToggleState.SNAPSHOT.toggle(controlToggle))
        {
            scheduledSnapshots++;
        }
        else
        {
            // another control action (an operator's snapshot, a shutdown) is in progress: the next interval tries again
            scheduledSnapshotsRefused++;
        }
    }

    /** Scheduled snapshots this member asked its consensus module for, as leader, since it started. */
    public long scheduledSnapshots()
    {
        return scheduledSnapshots;
    }

    /** Scheduled snapshots not asked for because another control action was in progress. */
    public long scheduledSnapshotsRefused()
    {
        return scheduledSnapshotsRefused;
    }

    /** Whether this member started from a snapshot (then replayed only the log after it). */
    public boolean restoredFromSnapshot()
    {
        return restoredFromSnapshot;
    }

    /**
     * An engine bug on one input must not stop the log: every member hits it at the same
     * position (the engine is deterministic), reports it and goes on with the next input.
     */
    private void engineFailed(final RuntimeException ex)
    {
        engineErrors++;
        cluster.context().countedErrorHandler().onError(ex);
    }

    /** Admin-template messages dropped because their session is not an admin's, since this member started. */
    public long adminMessagesDropped()
    {
        return adminMessagesDropped;
    }

    /** Inputs and timers on which the engine threw, since this member started. */
    public long engineErrors()
    {
        return engineErrors;
    }

    public void onTakeSnapshot(final ExclusivePublication snapshotPublication)
    {
        snapshotWriter.write(snapshotPublication, state, inputCount, cluster.idleStrategy());
    }

    public void onRoleChange(final Cluster.Role newRole)
    {
        role = newRole;
        if (Cluster.Role.LEADER != newRole)
        {
            egress.forgetWaiting();
        }
    }

    /** Engine outputs a client refused with back-pressure and took on a later offer (leader only). */
    public long egressResent()
    {
        return egress.resent();
    }

    public void onTerminate(final Cluster cluster)
    {
        CloseHelper.quietClose(hashCounters);
        if (null != metricCounters)
        {
            metricCounters.closeAll();
        }
    }
}
