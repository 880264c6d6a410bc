package io.ferrum.sequencer.cluster;

import io.aeron.archive.Archive;
import io.aeron.archive.ArchiveThreadingMode;
import io.aeron.archive.ArchivingMediaDriver;
import io.aeron.archive.client.AeronArchive;
import io.aeron.cluster.ClusterBackup;
import io.aeron.cluster.ClusterBackupEventsListener;
import io.aeron.cluster.ClusterMember;
import io.aeron.cluster.RecordingLog;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ferrum.codecs.config.ConfigException;
import io.ferrum.sequencer.ring.RingWaitStrategy;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;

import java.io.File;
import java.util.List;
import java.util.StringJoiner;
import java.util.concurrent.TimeUnit;

/**
 * Aeron's {@link ClusterBackup} as a non-voting copy of the cluster's log for disaster
 * recovery and as the source of {@code ./ferrum tail}: its own media driver and archive
 * under {@code cluster.dir/backup}, replicating the log recording (and snapshots) from the
 * members' archives and following the live log. It never votes and never runs the engine;
 * its {@code cluster/} and {@code archive/} directories have a member's layout, so
 * {@link io.ferrum.sequencer.journal.JournalReader} and the tail read it as they read a member.
 */
public final class BackupNode implements AutoCloseable
{
    private final ArchivingMediaDriver driver;
    private final ClusterBackup backup;
    private final SourceListener source;

    private BackupNode(final ArchivingMediaDriver driver, final ClusterBackup backup, final SourceListener source)
    {
        this.driver = driver;
        this.backup = backup;
        this.source = source;
    }

    public static BackupNode launch(final ClusterConfig config, final ErrorHandler errorHandler)
    {
        final ClusterConfig.Member self = config.backup();
        if (null == self)
        {
            throw new ConfigException("no cluster.backup = host:basePort in the configuration");
        }
        final File dir = config.backupDir().toFile();
        final String aeronDir = config.backupAeronDir().toString();
        final String termLength = "term-length=" + config.termLength();
        final String localControl = "aeron:ipc?" + termLength;
        final String host = self.host();

        final MediaDriver.Context driverContext = new MediaDriver.Context()
            .aeronDirectoryName(aeronDir)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true)
            .termBufferSparseFile(config.sparseFiles())
            .publicationTermBufferLength(config.termLength())
            .ipcTermBufferLength(config.termLength())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(RingWaitStrategy.BACKOFF.newIdleStrategy())
            // the live log comes from one member's archive: when that member dies, its stream goes silent
            // rather than ending, and the backup moves to another member only once the image is dropped
            .imageLivenessTimeoutNs(config.clientImageLivenessTimeoutNs())
            .errorHandler(errorHandler);
        final Archive.Context archiveContext = new Archive.Context()
            .aeronDirectoryName(aeronDir)
            .archiveDir(new File(dir, "archive"))
            .archiveId(1_000 + config.members().size())
            .controlChannel("aeron:udp?endpoint=" + host + ":" + (self.basePort() + 2) + "|" + termLength)
            .localControlChannel(localControl)
            .replicationChannel("aeron:udp?endpoint=" + host + ":0")
            .controlTermBufferLength(config.termLength())
            .controlTermBufferSparse(config.sparseFiles())
            .recordingEventsEnabled(false)
            .segmentFileLength(config.archiveSegmentLength())
            .fileSyncLevel(config.archiveFileSyncLevel())
            .catalogFileSyncLevel(config.archiveFileSyncLevel())
            .threadingMode(ArchiveThreadingMode.SHARED)
            .idleStrategySupplier(RingWaitStrategy.BACKOFF::newIdleStrategy)
            .errorHandler(errorHandler);

        final StringJoiner consensusEndpoints = new StringJoiner(",");
        for (final ClusterConfig.Member member : config.members())
        {
            consensusEndpoints.add(member.consensusEndpoint());
        }

        final SourceListener source = new SourceListener();
        ArchivingMediaDriver driver = null;
        try
        {
            driver = ArchivingMediaDriver.launch(driverContext, archiveContext);
            final ClusterBackup backup = ClusterBackup.launch(new ClusterBackup.Context()
                .aeronDirectoryName(aeronDir)
                .clusterDir(new File(dir, "cluster"))
                .archiveContext(new AeronArchive.Context()
                    .aeronDirectoryName(aeronDir)
                    .controlRequestChannel(localControl)
                    .controlRequestStreamId(archiveContext.localControlStreamId())
                    .controlResponseChannel(localControl))
                .clusterArchiveContext(new AeronArchive.Context()
                    .aeronDirectoryName(aeronDir)
                    .controlRequestChannel("aeron:udp?" + termLength)
                    .controlResponseChannel("aeron:udp?endpoint=" + host + ":0"))
                .consensusChannel("aeron:udp?endpoint=" + host + ":" + self.basePort())
                .clusterConsensusEndpoints(consensusEndpoints.toString())
                .catchupEndpoint(host + ":" + (self.basePort() + 1))
                .sourceType(ClusterBackup.SourceType.FOLLOWER)
                // When its log recording stops (a leader change, a member restart) the backup starts
                // over after a cool-down: 1 s instead of Aeron's 30 s, so the copy, and the tail that
                // reads it, resume within a failover's time rather than half a minute later.
                .clusterBackupCoolDownIntervalNs(TimeUnit.SECONDS.toNanos(1))
                .clusterBackupProgressTimeoutNs(TimeUnit.SECONDS.toNanos(5))
                // A member that does not answer the backup's query (stopped, or the leader that just died) is
                // skipped after 1 s instead of Aeron's 5 s: with one dead member in the rotation, a leader change
                // held the tail on the backup back 25 s; an answer on loopback or a LAN takes milliseconds.
                .clusterBackupResponseTimeoutNs(TimeUnit.SECONDS.toNanos(1))
                // The backup learns of new leadership terms and snapshots only when it asks (Aeron: every
                // hour); the live log copy goes on meanwhile, but a restore needs a recording log that names
                // the terms and snapshots in it, so ask every second (one small consensus message).
                .clusterBackupIntervalNs(TimeUnit.SECONDS.toNanos(1))
                .eventsListener(source)
                .idleStrategySupplier(RingWaitStrategy.BACKOFF::newIdleStrategy)
                .errorHandler(errorHandler));
            return new BackupNode(driver, backup, source);
        }
        catch (final RuntimeException ex)
        {
            CloseHelper.quietClose(driver);
            throw ex;
        }
    }

    /**
     * @return the id of the member whose archive the backup copies the log from (a follower), or -1
     *         before the first answer
     */
    public int sourceMemberId()
    {
        return source.memberId;
    }

    /** The log position the backup's live copy had reached at its last progress report, or -1. */
    public long liveLogPosition()
    {
        return source.liveLogPosition;
    }

    /** The backup's journal: what {@code ./ferrum tail --journal} reads. */
    public File journalDir(final ClusterConfig config)
    {
        return config.backupDir().toFile();
    }

    public void close()
    {
        CloseHelper.closeAll(backup, driver);
    }

    /** Remembers which member the backup copies from (called on the backup's agent thread). */
    private static final class SourceListener implements ClusterBackupEventsListener
    {
        private volatile int memberId = -1;
        private volatile long liveLogPosition = -1;

        public void onBackupQuery()
        {
        }

        public void onPossibleFailure(final Exception ex)
        {
        }

        public void onBackupResponse(
            final ClusterMember[] clusterMembers,
            final ClusterMember logSourceMember,
            final List<RecordingLog.Snapshot> snapshotsToRetrieve)
        {
            memberId = logSourceMember.id();
        }

        public void onUpdatedRecordingLog(
            final RecordingLog recordingLog, final List<RecordingLog.Snapshot> snapshotsRetrieved)
        {
        }

        public void onLiveLogProgress(final long recordingId, final long recordingPosCounterId, final long logPosition)
        {
            liveLogPosition = logPosition;
        }
    }
}
