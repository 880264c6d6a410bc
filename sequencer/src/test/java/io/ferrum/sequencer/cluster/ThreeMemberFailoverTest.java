package io.ferrum.sequencer.cluster;

import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Three members in this JVM: every member applies the same log, and when the leader is
 * stopped mid-stream the sequencer follows the new leader and re-sends what was not
 * acknowledged; each input takes effect exactly once and the members agree.
 */
class ThreeMemberFailoverTest
{
    private static final int SOURCES = 2;
    private static final int PER_SOURCE = 3_000;

    @TempDir
    Path dir;

    @Test
    void leaderLossMidStreamLosesNothingAndAppliesNothingTwice() throws Exception
    {
        try (TestCluster test = new TestCluster(dir, "cluster.ack.interval = 32\n", 3);
            Sequencer sequencer = test.cluster.launchSequencer((buffer, offset, length, ts) -> {}))
        {
            final ClusterNode leader = test.cluster.awaitLeader(20, TimeUnit.SECONDS);
            final int leaderId = leader.memberId();

            final Thread producer = new Thread(() ->
            {
                final Inputs inputs = new Inputs();
                final BackoffIdleStrategy idle = new BackoffIdleStrategy();
                for (long sequence = 1; sequence <= PER_SOURCE; sequence++)
                {
                    for (int source = 1; source <= SOURCES; source++)
                    {
                        inputs.publish(sequencer.ring(), idle, source, sequence);
                    }
                    if (0 == sequence % 500)
                    {
                        try
                        {
                            Thread.sleep(20); // keep the stream going across the failover
                        }
                        catch (final InterruptedException ex)
                        {
                            return;
                        }
                    }
                }
            });
            producer.start();

            final CountingEngine leaderEngine = test.engine(leaderId);
            TestCluster.await("a third of the stream applied", () -> leaderEngine.applied() >= SOURCES * PER_SOURCE / 3);
            test.cluster.stopMember(leaderId);

            final ClusterNode newLeader = test.cluster.awaitLeader(20, TimeUnit.SECONDS);
            assertNotEquals(leaderId, newLeader.memberId());
            producer.join(60_000);
            assertFalse(producer.isAlive());

            final long total = (long)SOURCES * PER_SOURCE;
            for (int id = 0; id < 3; id++)
            {
                if (id != leaderId)
                {
                    final CountingEngine engine = test.engine(id);
                    TestCluster.await("member " + engine + " applied everything", () -> engine.applied() == total);
                    assertEquals(0, engine.gaps(), "no input lost or reordered");
                }
            }
            final int a = (leaderId + 1) % 3;
            final int b = (leaderId + 2) % 3;
            TestCluster.await("survivors agree", () -> test.engine(a).hashSeen() == test.engine(b).hashSeen());
            assertEquals(total, test.engine(a).applied(), "nothing applied twice");

            test.cluster.startMember(leaderId);
            final CountingEngine rejoined = test.engine(leaderId);
            TestCluster.await("restarted member caught up", () -> rejoined.applied() == total);
            TestCluster.await("restarted member agrees", () -> rejoined.hashSeen() == test.engine(a).hashSeen());
        }
    }
}
