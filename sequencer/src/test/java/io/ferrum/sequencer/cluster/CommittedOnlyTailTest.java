package io.ferrum.sequencer.cluster;

import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.journal.JournalException;
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
 * The tail shows committed entries only, on a member and on the backup. Five members, so
 * that a leader and one follower (2 of 5) keep appending the log but cannot commit it: with
 * three followers stopped, inputs reach both archives uncommitted. The tails of the leader,
 * of that follower and of the ClusterBackup (which copies from that follower) must not show
 * them; once a stopped follower is back and makes a quorum, all three show them, once each.
 */
class CommittedOnlyTailTest
{
    private static final int COMMITTED = 100;
    private static final int UNCOMMITTED = 50;

    @TempDir
    Path dir;

    @Test
    void uncommittedEntriesAreShownOnlyOnceCommitted() throws Exception
    {
        // a long heartbeat timeout: the leader without a quorum stays leader for the test instead of starting
        // an election, so its log keeps growing uncommitted (an election would not commit it either)
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\n" +
            "cluster.leader.heartbeat.timeout = 30s\n" + "cluster.startup.canvass.timeout = 60s\n" +
            "cluster.session.timeout = 30s\n", "test").withFreePorts(5).withFreeBackupPorts();

        final CountingEngine[] engines = new CountingEngine[5];
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                (output, timers) -> engines[id] = new CountingEngine(output, timers), config.ackInterval()),
                ThreadLayout.none(), Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final int leader = cluster.awaitLeader(20, TimeUnit.SECONDS).memberId();
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            publish(sequencer, inputs, idle, 1, COMMITTED);
            TestCluster.await("every member applied the first inputs", () ->
            {
                for (final CountingEngine engine : engines)
                {
                    if (engine.applied() != COMMITTED)
                    {
                        return false;
                    }
                }
                return true;
            });

            // leave the leader and one follower: 2 of 5, no quorum
            final int follower = (leader + 1) % 5;
            for (int id = 0; id < 5; id++)
            {
                if (id != leader && id != follower)
                {
                    cluster.stopMember(id);
                }
            }
            try (BackupNode ignored = BackupNode.launch(config, Throwable::printStackTrace))
            {
                final Tail leaderTail = new Tail(config.memberDir(leader),
                    CommittedPosition.ofMember(config.aeronDir(leader).toFile()));
                final Tail followerTail = new Tail(config.memberDir(follower),
                    CommittedPosition.ofMember(config.aeronDir(follower).toFile()));
                final Tail backupTail = new Tail(config.backupDir(),
                    CommittedPosition.ofBackup(config.backupAeronDir().toFile()));
                backupTail.await(COMMITTED);

                publish(sequencer, inputs, idle, COMMITTED + 1, COMMITTED + UNCOMMITTED);
                // the log as recorded (no bound): both archives hold the new inputs
                final Tail leaderRecorded = new Tail(config.memberDir(leader), null);
                final Tail followerRecorded = new Tail(config.memberDir(follower), null);
                leaderRecorded.await(COMMITTED + UNCOMMITTED);
                followerRecorded.await(COMMITTED + UNCOMMITTED);
                final long firstUncommitted = leaderRecorded.positionOf(COMMITTED + 1);
                assertTrue(CommittedPosition.ofMember(config.aeronDir(leader).toFile()).read() < firstUncommitted,
                    "the leader cannot commit without a quorum");
                assertEquals(COMMITTED, engines[leader].applied(), "not applied either");

                Thread.sleep(1_000); // time for anything uncommitted to leak into a tail, if it could
                for (final Tail tail : List.of(leaderTail, followerTail, backupTail))
                {
                    tail.poll();
                    assertEquals(COMMITTED, tail.lines.size(), "only committed entries: " + tail);
                }

                cluster.startMember((follower + 1) % 5 == leader ? (follower + 2) % 5 : (follower + 1) % 5);
                for (final Tail tail : List.of(leaderTail, followerTail, backupTail))
                {
                    tail.await(COMMITTED + UNCOMMITTED);
                    tail.assertOnceInOrder(COMMITTED + UNCOMMITTED);
                }
            }
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

    /** A tail of trades, polled by the test. */
    private static final class Tail
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        final JournalTail tail;
        final Path journal;

        Tail(final Path journal, final CommittedPosition committed)
        {
            this.journal = journal;
            this.tail = new JournalTail(journal, committed, 0, 0, (event) -> "trade_tick".equals(event.type()), lines::add);
        }

        void poll()
        {
            try
            {
                tail.poll();
            }
            catch (final JournalException ex)
            {
                // a backup that has not written its recording log yet
            }
        }

        void await(final int count) throws InterruptedException
        {
            TestCluster.await(count + " trades in the tail of " + journal, () ->
            {
                poll();
                return lines.size() >= count;
            });
        }

        long positionOf(final long sequence)
        {
            final String line = lines.get((int)sequence - 1);
            assertTrue(line.contains("\"sequence\":" + sequence + "}"), line);
            final int start = line.indexOf("\"log_position\":") + "\"log_position\":".length();
            return Long.parseLong(line.substring(start, line.indexOf(',', start)));
        }

        void assertOnceInOrder(final int count)
        {
            assertEquals(count, lines.size(), "each input once: " + journal);
            for (int i = 0; i < count; i++)
            {
                assertTrue(lines.get(i).contains("\"sequence\":" + (i + 1) + "}"), lines.get(i));
            }
        }

        public String toString()
        {
            return journal.toString();
        }
    }
}
