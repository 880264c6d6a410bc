package io.ferrum.sequencer.cluster;

import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalTail;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

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
        final ClusterConfig members = ClusterConfig.parse("cluster.dir = " + dir + "\n", "test").withFreePorts(3);
        final int backupPort = FreePorts.findBlock(3, members.members());
        final StringBuilder text = new StringBuilder();
        members.effectiveValues().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        final ClusterConfig config = ClusterConfig.parse(
            text.toString().replace("cluster.backup = \n", "") + "cluster.backup = localhost:" + backupPort + "\n", "test");

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
}
