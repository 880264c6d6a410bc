package io.ferrum.sequencer.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterControl;
import io.aeron.cluster.ClusteredMediaDriver;
import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.NanosecondClusterClock;
import io.aeron.cluster.service.Cluster;
import io.aeron.cluster.service.ClusteredService;
import io.aeron.cluster.service.ClusteredServiceContainer;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.ring.PinnedThreadFactory;
import io.ferrum.sequencer.ring.RingWaitStrategy;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.IdleStrategy;

import java.io.File;
import java.util.Objects;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Supplier;

/**
 * One cluster member in this JVM, assembled from a {@link ClusterConfig}: a media driver,
 * an archive and a consensus module ({@link ClusteredMediaDriver}) plus a
 * {@link ClusteredServiceContainer} running the engine's {@link ClusteredService}.
 * <p>
 * Directories under {@code cluster.dir/member-N}: {@code cluster/} (recording log, mark
 * files, consensus state), {@code archive/} (the recorded log and snapshots: the journal of
 * the run) and {@code aeron/} (the driver's transient files, deleted on start and shutdown).
 * Each Aeron thread pins itself to its role's CPU in the thread layout: driver conductor
 * (also the SHARED driver thread), sender, receiver, archive, consensus module, engine.
 */
public final class ClusterNode implements AutoCloseable
{
    private final ClusterConfig config;
    private final int memberId;
    private final ClusteredMediaDriver clusteredMediaDriver;
    private final ClusteredServiceContainer container;
    private final AtomicBoolean terminated;
    private final CncCounters.Mapping cnc;
    private final int roleCounterId;
    private final int snapshotCounterId;

    private ClusterNode(
        final ClusterConfig config,
        final int memberId,
        final ClusteredMediaDriver clusteredMediaDriver,
        final ClusteredServiceContainer container,
        final AtomicBoolean terminated)
    {
        this.config = config;
        this.memberId = memberId;
        this.clusteredMediaDriver = clusteredMediaDriver;
        this.container = container;
        this.terminated = terminated;
        // Read through a mapping of our own: the consensus module unmaps its counters when it
        // terminates by itself (a full disk, say), and reading them then would crash the JVM.
        this.cnc = Objects.requireNonNull(
            CncCounters.Mapping.map(new File(clusteredMediaDriver.mediaDriver().aeronDirectoryName())),
            "the member's own CnC file");
        final ConsensusModule.Context consensus = clusteredMediaDriver.consensusModule().context();
        this.roleCounterId = consensus.clusterNodeRoleCounter().id();
        this.snapshotCounterId = consensus.snapshotCounter().id();
    }

    /**
     * Starts member {@code memberId}: a fresh member dir starts an empty log, an existing one
     * recovers from its latest snapshot plus the rest of the log.
     */
    public static ClusterNode launch(
        final ClusterConfig config,
        final int memberId,
        final ClusteredService service,
        final ThreadLayout layout,
        final ErrorHandler errorHandler)
    {
        return launch(config, memberId, service, layout, errorHandler, AdminAuthenticator.environmentToken());
    }

    /**
     * As above with the admin token given (null: admin commands disabled); see {@link AdminAuthenticator}.
     */
    public static ClusterNode launch(
        final ClusterConfig config,
        final int memberId,
        final ClusteredService service,
        final ThreadLayout layout,
        final ErrorHandler errorHandler,
        final String adminToken)
    {
        final ClusterConfig.Member member = config.member(memberId);
        final File memberDir = config.memberDir(memberId).toFile();
        final String aeronDir = config.aeronDir(memberId).toString();
        final boolean colocated = ThreadingProfile.COLOCATED == config.profile();
        final Supplier<IdleStrategy> backoff = RingWaitStrategy.BACKOFF::newIdleStrategy;
        final Supplier<IdleStrategy> hot = colocated ? RingWaitStrategy.BUSY_SPIN::newIdleStrategy : backoff;
        final String termLength = "term-length=" + config.termLength();
        final String localControl = "aeron:ipc?" + termLength;

        final MediaDriver.Context driver = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(config.sparseFiles())
            .publicationTermBufferLength(config.termLength())
            .ipcTermBufferLength(config.termLength())
            .conductorThreadFactory(new PinnedThreadFactory(layout, ThreadLayout.DRIVER_CONDUCTOR))
            .sharedThreadFactory(new PinnedThreadFactory(layout, ThreadLayout.DRIVER_CONDUCTOR))
            .senderThreadFactory(new PinnedThreadFactory(layout, ThreadLayout.DRIVER_SENDER))
            .receiverThreadFactory(new PinnedThreadFactory(layout, ThreadLayout.DRIVER_RECEIVER))
            .errorHandler(errorHandler);
        if (colocated)
        {
            driver.threadingMode(ThreadingMode.DEDICATED)
                .conductorIdleStrategy(backoff.get())
                .senderIdleStrategy(hot.get())
                .receiverIdleStrategy(hot.get());
        }
        else
        {
            driver.threadingMode(ThreadingMode.SHARED).sharedIdleStrategy(backoff.get());
        }

        final Archive.Context archive = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(memberDir, "archive"))
            .archiveId(memberId)
            .controlChannel("aeron:udp?endpoint=" + member.archiveEndpoint() + "|" + termLength)
            .localControlChannel(localControl)
            .replicationChannel("aeron:udp?endpoint=" + member.host() + ":0")
            .archiveClientContext(new AeronArchive.Context()
                .controlResponseChannel("aeron:udp?endpoint=" + member.host() + ":0"))
            .controlTermBufferLength(config.termLength())
            .controlTermBufferSparse(config.sparseFiles())
            .recordingEventsEnabled(false)
            .segmentFileLength(config.archiveSegmentLength())
            .fileSyncLevel(config.archiveFileSyncLevel())
            .catalogFileSyncLevel(config.archiveFileSyncLevel())
            .threadingMode(colocated ? ArchiveThreadingMode.DEDICATED : ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(backoff)
            .recorderIdleStrategySupplier(hot)
            .threadFactory(new PinnedThreadFactory(layout, ThreadLayout.ARCHIVE))
            .errorHandler(errorHandler);

        final AeronArchive.Context archiveClient = new AeronArchive.Context()
            .aeronDirectoryName(aeronDir)
            .controlRequestChannel(localControl)
            .controlRequestStreamId(archive.localControlStreamId())
            .controlResponseChannel(localControl);

        final File clusterDir = new File(memberDir, "cluster");
        final AtomicBoolean terminated = new AtomicBoolean();
        final ConsensusModule.Context consensus = new ConsensusModule.Context()
            .aeronDirectoryName(aeronDir)
            .clusterDir(clusterDir)
            .clusterMemberId(memberId)
            .clusterMembers(config.clusterMembers())
            .archiveContext(archiveClient.clone())
            .ingressChannel("aeron:udp?" + termLength)
            .isIpcIngressAllowed(config.clientIpc()) // the leader also listens on IPC for clients sharing its driver
            .logChannel("aeron:udp?" + termLength)
            .replicationChannel("aeron:udp?endpoint=" + member.host() + ":0")
            .clusterClock(new NanosecondClusterClock())
            .leaderHeartbeatTimeoutNs(config.leaderHeartbeatTimeoutNs())
            .leaderHeartbeatIntervalNs(config.leaderHeartbeatIntervalNs())
            .electionTimeoutNs(config.electionTimeoutNs())
            .electionStatusIntervalNs(config.electionStatusIntervalNs())
            .startupCanvassTimeoutNs(config.startupCanvassTimeoutNs())
            .sessionTimeoutNs(config.sessionTimeoutNs())
            .terminationTimeoutNs(config.terminationTimeoutNs())
            .idleStrategySupplier(hot)
            .threadFactory(new PinnedThreadFactory(layout, ThreadLayout.CONSENSUS_MODULE))
            .terminationHook(() -> terminated.set(true))
            .errorHandler(errorHandler);
        // The module calls the supplier after its context concluded, when its Aeron client exists.
        consensus.authenticatorSupplier(AdminAuthenticator.supplier(adminToken, consensus::aeron, memberId));

        final ClusteredServiceContainer.Context serviceContext = new ClusteredServiceContainer.Context()
            .aeronDirectoryName(aeronDir)
            .clusterDir(clusterDir)
            .archiveContext(archiveClient.clone())
            .clusteredService(service)
            .idleStrategySupplier(hot)
            .threadFactory(new PinnedThreadFactory(layout, ThreadLayout.ENGINE))
            .terminationHook(() -> terminated.set(true))
            .errorHandler(errorHandler);

        ClusteredMediaDriver clusteredMediaDriver = null;
        try
        {
            clusteredMediaDriver = ClusteredMediaDriver.launch(driver, archive, consensus);
            final ClusteredServiceContainer container = ClusteredServiceContainer.launch(serviceContext);
            return new ClusterNode(config, memberId, clusteredMediaDriver, container, terminated);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(clusteredMediaDriver);
            throw ex;
        }
    }

    public int memberId()
    {
        return memberId;
    }

    public ClusterConfig config()
    {
        return config;
    }

    /** The media driver a client in this JVM may share. */
    public String aeronDirectoryName()
    {
        return clusteredMediaDriver.mediaDriver().aeronDirectoryName();
    }

    /** The member's data: what {@code ./ferrum replay --journal} reads after the run. */
    public File journalDir()
    {
        return config.memberDir(memberId).toFile();
    }

    /** This member's role right now, from the consensus module's role counter. */
    public Cluster.Role role()
    {
        return Cluster.Role.get(cnc.counters().getCounterValue(roleCounterId));
    }

    /** Snapshots this member has taken since it started. */
    public long snapshotCount()
    {
        return cnc.counters().getCounterValue(snapshotCounterId);
    }

    /**
     * True once the consensus module or the service container has terminated: by request (the
     * cluster shut down) or by itself after an error it cannot go on from, such as a journal
     * write that failed. The member no longer takes part; its process should end.
     */
    public boolean isTerminated()
    {
        return terminated.get();
    }

    /**
     * Asks the cluster to take a snapshot (like {@code ClusterTool snapshot}); it is taken at
     * a log position by every member, so watch {@link #snapshotCount()} for completion.
     *
     * @return false when another control action is in progress
     */
    public boolean requestSnapshot()
    {
        return ClusterControl.ToggleState.SNAPSHOT.toggle(
            clusteredMediaDriver.consensusModule().context().controlToggleCounter());
    }

    public void close()
    {
        CloseHelper.closeAll(container, clusteredMediaDriver, cnc);
    }
}
