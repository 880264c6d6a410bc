package io.ferrum.ops.cli;

import io.aeron.cluster.ConsensusModule;
import io.aeron.driver.MediaDriver;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.EngineInput;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.replica.ReplicaHashMonitor;
import io.ferrum.sequencer.replica.StateHashCounters;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.File;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hot standby as deployed: three {@code ./ferrum node} processes (the real engine), a
 * sequencer in this JVM under steady load, the leader killed with SIGKILL mid-stream. Every
 * committed input is in the survivors' journal once and in order, the survivors' state
 * hashes agree with each other and with a replay of the journal, and the killed member
 * restarts, catches up and agrees. The takeover time is printed for docs/operations.md.
 */
class NodeFailoverSystemTest
{
    private static final int SOURCE_ID = 1;
    private static final int INPUTS = 6_000;
    private static final int HASH_INTERVAL = 100;

    @TempDir
    Path dir;

    private final Process[] members = new Process[3];
    private final String[] roles = new String[3];

    @Test
    void killTheLeaderMidStreamLosesNothingAndTheMembersAgree() throws Exception
    {
        final ClusterConfig free = ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\n" +
            "cluster.hash.interval = " + HASH_INTERVAL + "\n", "test").withFreePorts(3);
        final StringBuilder text = new StringBuilder();
        free.effectiveValues().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        final Path configFile = dir.resolve("cluster.conf");
        Files.writeString(configFile, text.toString());
        final ClusterConfig config = ClusterConfig.load(configFile);

        final Map<Integer, File> aeronDirs = new HashMap<>();
        for (int id = 0; id < 3; id++)
        {
            aeronDirs.put(id, config.aeronDir(id).toFile());
        }
        final ReplicaHashMonitor monitor = new ReplicaHashMonitor(aeronDirs, 256, (position, a, hashA, b, hashB) ->
            System.err.println("MISMATCH at " + position + " member " + a + " vs " + b));

        try (MediaDriver clientDriver = MediaDriver.launch(config.clientDriverContext(dir.resolve("client").toString()));
            AutoCloseable ignored = this::killAll)
        {
            for (int id = 0; id < 3; id++)
            {
                start(configFile, id);
            }
            final int leader = awaitLeader(-1);

            // a risk officer's tail on a follower, following live through the failover
            final int tailed = (leader + 1) % 3;
            final List<String> tailLines = new java.util.concurrent.CopyOnWriteArrayList<>();
            final java.io.OutputStream lines = new java.io.OutputStream()
            {
                private final java.io.ByteArrayOutputStream line = new java.io.ByteArrayOutputStream();

                public void write(final int b)
                {
                    if ('\n' == b)
                    {
                        tailLines.add(line.toString(StandardCharsets.UTF_8));
                        line.reset();
                    }
                    else
                    {
                        line.write(b);
                    }
                }
            };
            final Thread tail = new Thread(() ->
            {
                try
                {
                    new TailCommand().run(List.of("--config", configFile.toString(), "--member", Integer.toString(tailed),
                        "--follow", "--type", "trade_tick"), new java.io.PrintStream(lines, true, StandardCharsets.UTF_8),
                        System.err);
                }
                catch (final InterruptedException ignore)
                {
                    // stopped by the test
                }
                catch (final Exception ex)
                {
                    ex.printStackTrace();
                }
            }, "tail");
            tail.start();

            try (Sequencer sequencer = Sequencer.launch(config
                .sequencerContext(config.newRing(ThreadLayout.none()), clientDriver.aeronDirectoryName())))
            {
                final AtomicLong published = new AtomicLong();
                final Thread producer = new Thread(() -> produce(sequencer.ring(), published), "producer");
                producer.start();

                await("a third of the stream committed", () -> commitPosition(config, leader) > 0 &&
                    published.get() > INPUTS / 3);
                final long[] lastCommitBeforeKill = { commitPosition(config, leader), System.nanoTime() };
                members[leader].destroyForcibly().waitFor();

                // takeover: the last commit before the kill to the first commit after it, seen by a survivor
                final int survivor = (leader + 1) % 3;
                final long killedAt = System.nanoTime();
                long firstCommitAfter = 0;
                while (0 == firstCommitAfter)
                {
                    final long position = Math.max(commitPosition(config, survivor), commitPosition(config, (leader + 2) % 3));
                    if (position > lastCommitBeforeKill[0])
                    {
                        firstCommitAfter = System.nanoTime();
                    }
                    else
                    {
                        Thread.sleep(1);
                    }
                    assertTrue(System.nanoTime() - killedAt < TimeUnit.SECONDS.toNanos(30), "no commit after the kill");
                }
                System.out.println("TAKEOVER_MS " + TimeUnit.NANOSECONDS.toMillis(firstCommitAfter - killedAt));

                final int newLeader = awaitLeader(leader);
                assertNotEquals(leader, newLeader);
                producer.join(60_000);
                assertFalse(producer.isAlive());

                // every input applied by both survivors: their last hashes stand at the same position
                final int a = (leader + 1) % 3;
                final int b = (leader + 2) % 3;
                final long[] pairA = new long[2];
                final long[] pairB = new long[2];
                await("the survivors settle at equal hash positions", () ->
                {
                    monitor.poll();
                    return hashOf(config, a, pairA) && hashOf(config, b, pairB) && pairA[0] == pairB[0] &&
                        pairA[0] == settledPosition(config, a, pairA);
                });
                assertEquals(pairA[1], pairB[1], "the survivors' state hashes agree");

                await("the tail shows every input", () -> tailLines.size() >= INPUTS);
                tail.interrupt();
                tail.join(10_000);
                assertEquals(INPUTS, tailLines.size(), "each committed input once, none twice");
                for (int i = 0; i < INPUTS; i++)
                {
                    final var event = EventSchema.assertValid(tailLines.get(i));
                    assertEquals(i + 1, event.get("payload").get("sequence").asLong(), "in order, no gap");
                }

                start(configFile, leader);
                final long[] pairRestarted = new long[2];
                await("the restarted member catches up", () ->
                {
                    monitor.poll();
                    return hashOf(config, leader, pairRestarted) && pairRestarted[0] == pairA[0];
                });
                assertEquals(pairA[1], pairRestarted[1], "the restarted member agrees");

                final java.io.ByteArrayOutputStream replicas = new java.io.ByteArrayOutputStream();
                assertEquals(0, new ReplicasCommand().run(List.of("--config", configFile.toString()),
                    new java.io.PrintStream(replicas, true, StandardCharsets.UTF_8), System.err));
                final String report = replicas.toString(StandardCharsets.UTF_8);
                assertTrue(report.contains("replicas agree"), report);
                assertTrue(report.contains("role LEADER"), report);
                assertTrue(report.contains("hash_position " + pairA[0] + " hash " + Long.toHexString(pairA[1])), report);
                assertTrue(monitor.healthy(), monitor::lastMismatch);
                assertTrue(monitor.comparisons() > 0);

                // a replay of a survivor's journal: every input once, in order, and the same hash at that position
                members[a].destroy();
                members[a].waitFor();
                final OnceInOrder check = new OnceInOrder(pairA[0]);
                JournalReader.open(config.memberDir(a)).replay(check);
                assertEquals(INPUTS, check.last, "every committed input, once, in order");
                assertEquals(0, check.outOfOrder);
                assertEquals(pairA[1], check.hashAtPosition, "a replay of the journal agrees with the members");
            }
        }
    }

    private void produce(final InboundRing ring, final AtomicLong published)
    {
        final TradeEncoder trade = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        for (long sequence = 1; sequence <= INPUTS; sequence++)
        {
            final long slot = ring.claim(idle);
            trade.wrapAndApplyHeader(ring.buffer(slot), 0, header);
            trade.source().sourceId(SOURCE_ID).sequence(sequence)
                .eventTimeNs(1_700_000_000_000_000_000L + sequence).receiveTimeNs(1_700_000_000_000_000_000L + sequence);
            trade.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT")
                .priceExponent((byte)-8).sizeExponent((byte)-8)
                .tradeId(sequence).price(4_200_000_000_000L + sequence % 100 * 1_000_000L).quantity(100_000 + sequence % 7)
                .tradeTimeNs(1_700_000_000_000_000_000L + sequence).aggressor(0 == (sequence & 1) ? Side.BUY : Side.SELL);
            ring.commit(slot, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
            published.set(sequence);
            if (0 == sequence % 200)
            {
                try
                {
                    Thread.sleep(10); // a steady stream that spans the failover
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }
    }

    /** The real engine on a replay: checks each source's sequence and takes the hash at one position. */
    private static final class OnceInOrder implements EngineInput
    {
        private final Engine engine = EngineSettings.parse(Map.of(), "test")
            .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        private final long hashPosition;
        private long inputs;
        long last;
        long outOfOrder;
        long hashAtPosition;

        OnceInOrder(final long hashPosition)
        {
            this.hashPosition = hashPosition;
        }

        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
            if (SourceKey.hasKey(length) && SOURCE_ID == SourceKey.sourceId(buffer, offset))
            {
                final long sequence = SourceKey.sequence(buffer, offset);
                if (sequence == last + 1)
                {
                    last = sequence;
                }
                else if (sequence > last + 1)
                {
                    outOfOrder++;
                }
            }
            engine.onInput(buffer, offset, length, logPosition, timestampNs);
            counted(logPosition);
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
            engine.onTimer(timerId, timestampNs);
            counted(engine.logPosition());
        }

        private void counted(final long logPosition)
        {
            if (0 == ++inputs % HASH_INTERVAL && logPosition == hashPosition)
            {
                hashAtPosition = engine.stateHash();
            }
        }
    }

    private void start(final Path configFile, final int id) throws Exception
    {
        final List<String> command = new ArrayList<>();
        command.add(Path.of(System.getProperty("java.home"), "bin", "java").toString());
        for (final String arg : ManagementFactory.getRuntimeMXBean().getInputArguments())
        {
            if (arg.startsWith("--add-opens") || arg.startsWith("--add-exports"))
            {
                command.add(arg);
            }
        }
        command.addAll(List.of("-Xmx256m", "-XX:+UseSerialGC", "-XX:TieredStopAtLevel=1",
            "-cp", System.getProperty("java.class.path"),
            "io.ferrum.ops.cli.Main", "node", "--config", configFile.toString(), "--member", Integer.toString(id)));
        final Process process = new ProcessBuilder(command).redirectErrorStream(true).start();
        members[id] = process;
        roles[id] = null;
        final Thread reader = new Thread(() ->
        {
            try (BufferedReader lines = new BufferedReader(
                new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
            {
                String line;
                while (null != (line = lines.readLine()))
                {
                    System.out.println("[member " + id + "] " + line);
                    final int role = line.indexOf(" role ");
                    if (role > 0 && members[id] == process)
                    {
                        roles[id] = line.substring(role + 6).strip();
                    }
                }
            }
            catch (final Exception ignore)
            {
                // the process was killed
            }
        }, "member-" + id + "-output");
        reader.setDaemon(true);
        reader.start();
    }

    private int awaitLeader(final int except) throws InterruptedException
    {
        final int[] leader = { -1 };
        await("a leader", () ->
        {
            for (int id = 0; id < 3; id++)
            {
                if (id != except && "LEADER".equals(roles[id]) && members[id].isAlive())
                {
                    leader[0] = id;
                    return true;
                }
            }
            return false;
        });
        return leader[0];
    }

    private static long commitPosition(final ClusterConfig config, final int id)
    {
        final long[] position = { -1 };
        CncCounters.read(config.aeronDir(id).toFile(), (counters) ->
        {
            position[0] = CncCounters.valueOf(counters, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID, -1);
            return true;
        });
        return position[0];
    }

    private static boolean hashOf(final ClusterConfig config, final int id, final long[] pair)
    {
        return CncCounters.read(config.aeronDir(id).toFile(), (counters) -> StateHashCounters.read(counters, id, pair));
    }

    /** The hash position once the member has been quiet for a moment (no newer hash after 300 ms). */
    private static long settledPosition(final ClusterConfig config, final int id, final long[] pair)
        throws RuntimeException
    {
        final long before = pair[0];
        try
        {
            Thread.sleep(300);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
        final long[] again = new long[2];
        return hashOf(config, id, again) && again[0] == before ? before : -2;
    }

    private void killAll()
    {
        for (final Process process : members)
        {
            if (null != process)
            {
                process.destroyForcibly();
            }
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
