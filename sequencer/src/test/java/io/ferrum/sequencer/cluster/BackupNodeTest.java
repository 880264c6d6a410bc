package io.ferrum.sequencer.cluster;

import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import io.aeron.cluster.RecordingLog;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.journal.JournalTail;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * A ClusterBackup next to a 3-member cluster replicates the log into a journal of its own,
 * which the tail reads like a member's: every input, once, in order.
 */
class BackupNodeTest
{
    private static final int INPUTS = 1_000;

    @TempDir
    Path dir;

    @Test
    void theBackupHoldsTheLogAndTheTailReadsIt() throws Exception
    {
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\n", "test").withFreePorts(3).withFreeBackupPorts();

        final CountingEngine[] engines = new CountingEngine[3];
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                (output, timers) -> engines[id] = new CountingEngine(output, timers), config.ackInterval()),
                ThreadLayout.none(), Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {});
            BackupNode backup = BackupNode.launch(config, Throwable::printStackTrace))
        {
            cluster.awaitLeader(20, TimeUnit.SECONDS);
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            for (long sequence = 1; sequence <= INPUTS; sequence++)
            {
                inputs.publish(sequencer.ring(), idle, 1, sequence);
            }
            TestCluster.await("the members applied everything", () -> engines[0].applied() == INPUTS);

            final List<String> lines = new CopyOnWriteArrayList<>();
            final JournalTail tail = new JournalTail(
                config.backupDir(), CommittedPosition.ofBackup(config.backupAeronDir().toFile()), 0, 0, (event) -> "trade_tick".equals(event.type()), lines::add);
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (lines.size() < INPUTS && System.nanoTime() < deadline)
            {
                try
                {
                    tail.poll();
                }
                catch (final io.ferrum.sequencer.journal.JournalException ex)
                {
                    // the backup has not written its recording log yet
                }
                Thread.sleep(100);
            }
            assertEquals(INPUTS, lines.size(), "the backup's journal holds every input once");
            for (int i = 0; i < INPUTS; i++)
            {
                assertTrue(lines.get(i).contains("\"sequence\":" + (i + 1) + "}"), lines.get(i));
            }
        }
    }

    @Test
    void theTailOnTheBackupFollowsItsSourceStoppingAndALeaderChange() throws Exception
    {
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\n", "test").withFreePorts(3).withFreeBackupPorts();
        final CountingEngine[] engines = new CountingEngine[3];
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                (output, timers) -> engines[id] = new CountingEngine(output, timers), config.ackInterval()),
                ThreadLayout.none(), Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {});
            BackupNode backup = BackupNode.launch(config, Throwable::printStackTrace))
        {
            final int leader = cluster.awaitLeader(20, TimeUnit.SECONDS).memberId();
            final List<String> lines = new CopyOnWriteArrayList<>();
            final JournalTail tail = new JournalTail(config.backupDir(),
                CommittedPosition.ofBackup(config.backupAeronDir().toFile()), 0, 0,
                (event) -> "trade_tick".equals(event.type()), lines::add);
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            final int quarter = INPUTS / 4;
            publish(sequencer, inputs, idle, 1, quarter);
            follow(tail, lines, quarter);
            final long recordingId = JournalReader.open(config.backupDir()).recordingId();

            // the member the backup copies from stops and comes back: the backup's recording stops, and it
            // starts over from the other follower, extending its recording
            TestCluster.await("the backup's source", () -> backup.sourceMemberId() >= 0);
            final int source = backup.sourceMemberId();
            assertNotEquals(leader, source, "the backup copies from a follower");
            cluster.stopMember(source);
            publish(sequencer, inputs, idle, quarter + 1, quarter * 2L);
            follow(tail, lines, quarter * 2);
            TestCluster.await("the backup copies from the other follower", () -> backup.sourceMemberId() != source);
            publish(sequencer, inputs, idle, quarter * 2L + 1, quarter * 3L);
            follow(tail, lines, quarter * 3);
            cluster.startMember(source);
            TestCluster.await("member " + source + " caught up", () ->
                null != engines[source] && engines[source].applied() >= quarter * 3L);

            // the leader goes: a new leadership term, which the backup copies on and names in its recording log
            cluster.stopMember(leader);
            assertNotEquals(leader, cluster.awaitLeader(20, TimeUnit.SECONDS).memberId());
            publish(sequencer, inputs, idle, (long)quarter * 3 + 1, INPUTS);
            follow(tail, lines, INPUTS);

            assertEquals(INPUTS, lines.size(), "every input once");
            for (int i = 0; i < INPUTS; i++)
            {
                assertTrue(lines.get(i).contains("\"sequence\":" + (i + 1) + "}"), lines.get(i));
            }
            assertEquals(recordingId, JournalReader.open(config.backupDir()).recordingId(),
                "the backup extended the recording it had");
            TestCluster.await("the new leadership term in the backup's recording log",
                () -> termsIn(config.backupDir()) >= 2);
        }
    }

    private static void publish(
        final Sequencer sequencer, final Inputs inputs, final BackoffIdleStrategy idle, final long from, final long to)
    {
        for (long sequence = from; sequence <= to; sequence++)
        {
            inputs.publish(sequencer.ring(), idle, 1, sequence);
        }
    }

    /** Polls as {@code ./ferrum tail --follow} does until {@code count} lines (30 s at most). */
    private static void follow(final JournalTail tail, final List<String> lines, final int count) throws Exception
    {
        TestCluster.await(count + " trades in the backup's tail", () ->
        {
            try
            {
                tail.poll();
            }
            catch (final io.ferrum.sequencer.journal.JournalException ex)
            {
                // the backup is (re)writing its recording log
            }
            return lines.size() >= count;
        });
    }

    private long termsIn(final Path journal)
    {
        try
        {
            final Path copy = Files.createTempDirectory(dir, "recording-log");
            Files.copy(journal.resolve("cluster").resolve(RecordingLog.RECORDING_LOG_FILE_NAME),
                copy.resolve(RecordingLog.RECORDING_LOG_FILE_NAME));
            try (RecordingLog log = new RecordingLog(copy.toFile(), false))
            {
                return log.entries().stream().filter((entry) -> RecordingLog.ENTRY_TYPE_TERM == entry.type).count();
            }
        }
        catch (final java.io.IOException ex)
        {
            throw new java.io.UncheckedIOException(ex);
        }
    }
}
