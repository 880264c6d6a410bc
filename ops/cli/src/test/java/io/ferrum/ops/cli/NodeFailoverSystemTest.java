package io.ferrum.ops.cli;

import io.aeron.cluster.ConsensusModule;
import io.aeron.driver.MediaDriver;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.RingPublisher;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.EngineEgressListener;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.SourceKey;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterContexts;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.replica.ReplicaHashMonitor;
import io.ferrum.sequencer.replica.StateHashCounters;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.BufferedReader;
import java.io.ByteArrayOutputStream;
import java.io.File;
import java.io.InputStreamReader;
import java.io.OutputStream;
import java.io.PrintStream;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * The hot standby as deployed: three {@code ./ferrum node} processes (the real engine with a
 * momentum strategy that trades on every price move), a sequencer and the order gateway with its
 * simulated venue in this JVM as the cluster's client, and the leader killed with SIGKILL three
 * times, the killed member restarted in between: mid-stream under steady load, in the middle of
 * an input burst, and the moment its snapshot counter moved after {@code ./ferrum admin snapshot}
 * (restarted, it must load that snapshot).
 * <p>
 * Every committed input is in the journal once and in order (the tail follows the first
 * failover live), the members' state hashes agree with each other and with a replay of the
 * journal, every restarted member catches up and agrees, and every order the engine decided
 * (the NewOrders of a replay of the journal) reached the venue exactly once, counted by client
 * order id at the venue. Takeover times are printed for docs/operations.md.
 */
class NodeFailoverSystemTest
{
    private static final int SOURCE_ID = 1;
    private static final int VENUE_SOURCE_ID = 100;
    private static final int STREAM = 6_000;
    private static final int BURST = 2_000;
    private static final int HASH_INTERVAL = 100;
    private static final String[] STRATEGIES = {
        "strategy.momentum.class = io.ferrum.engine.strategy.momentum.MomentumTaker",
        "strategy.momentum.instrumentId = 1",
        "strategy.momentum.lookbackTrades = 2",
        "strategy.momentum.thresholdBps = 1",
        "strategy.momentum.orderQuantity = 1000",
        "strategy.momentum.maxPosition = 1000000",
        "strategy.momentum.cooldownNs = 0",
        "strategy.momentum.holdNs = 3600000000000"};

    @TempDir
    Path dir;

    private final Process[] members = new Process[3];
    private final String[] roles = new String[3];
    private final boolean[] restored = new boolean[3];
    private final AtomicLong published = new AtomicLong();
    private final List<Long> venueNewOrders = new CopyOnWriteArrayList<>();
    private final List<String> takeovers = new ArrayList<>();
    private ClusterConfig config;
    private Path configFile;
    private ReplicaHashMonitor monitor;
    private OrderGateway gateway;

    @Test
    void killTheLeaderMidStreamInABurstAndInASnapshotLosesNothingAndSendsEveryOrderOnce() throws Exception
    {
        final ClusterConfig free = ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\n" +
            "cluster.hash.interval = " + HASH_INTERVAL + "\n" +
            ClusterStrategies.engineLines(dir, STRATEGIES), "test").withFreePorts(3);
        final StringBuilder text = new StringBuilder();
        free.effectiveValues().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        configFile = dir.resolve("cluster.conf");
        Files.writeString(configFile, text.toString());
        config = ClusterConfig.load(configFile);

        final Map<Integer, File> aeronDirs = new HashMap<>();
        for (int id = 0; id < 3; id++)
        {
            aeronDirs.put(id, config.aeronDir(id).toFile());
        }
        monitor = new ReplicaHashMonitor(aeronDirs, 256, (position, a, hashA, b, hashB) ->
            System.err.println("MISMATCH at " + position + " member " + a + " vs " + b));

        try (MediaDriver clientDriver =
            MediaDriver.launch(ClusterContexts.clientDriverContext(config, dir.resolve("client").toString()));
            AutoCloseable ignored = this::killAll)
        {
            for (int id = 0; id < 3; id++)
            {
                start(id);
            }
            final int firstLeader = awaitLeader(-1);

            // a risk officer's tail on a follower, following live through the first failover
            final List<String> tailLines = new CopyOnWriteArrayList<>();
            final Thread tail = startTail((firstLeader + 1) % 3, tailLines);

            final InboundRing ring = ClusterContexts.newRing(config, ThreadLayout.none());
            gateway = new OrderGateway(new OrderGateway.Context()
                .instruments(EngineSettings.parse(config.engineSettings()).instruments())
                .venue(new SimulatedVenue.Context().sourceId(VENUE_SOURCE_ID))
                .reportPublisher(new RingPublisher(ring, null))
                .orderTap((buffer, offset, length) ->
                {
                    final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
                    if (NewOrderDecoder.TEMPLATE_ID == header.templateId())
                    {
                        venueNewOrders.add(new NewOrderDecoder().wrapAndApplyHeader(buffer, offset, header)
                            .clientOrderId());
                    }
                    return true;
                }));
            final EngineEgressListener leaderEgress = new EngineEgressListener()
            {
                public void onEngineOutput(
                    final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
                {
                    gateway.onEngineOutput(buffer, offset, length, timestampNs);
                }

                public void onNewLeader(final int leaderMemberId)
                {
                    gateway.onNewLeader(leaderMemberId);
                }
            };

            try (AgentRunner gatewayRunner = new AgentRunner(
                new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null, gateway);
                Sequencer sequencer = Sequencer.launch(
                    ClusterContexts.sequencerContext(config, ring, clientDriver.aeronDirectoryName()).egressListener(leaderEgress)))
            {
                AgentRunner.startOnThread(gatewayRunner);

                await("the order gateway reconciled its first session", () ->
                    gateway.reconciliations() >= 1 && !gateway.isReconciling());

                // 1. steady load, the leader killed a third of the way in
                final long steadyEnd = STREAM;
                final int killed1 = killLeaderDuring("steady", ring, 1, steadyEnd, 0,
                    () -> published.get() > STREAM / 3);
                await("the tail shows every input of the first stream", () -> tailLines.size() >= steadyEnd);
                tail.interrupt();
                tail.join(10_000);
                assertEquals(steadyEnd, tailLines.size(), "each committed input once, none twice");
                for (int i = 0; i < steadyEnd; i++)
                {
                    final var event = EventSchema.assertValid(tailLines.get(i));
                    assertEquals(i + 1, event.get("payload").get("sequence").asLong(), "in order, no gap");
                }
                restartAndCatchUp(killed1);

                // 2. a burst as fast as the ring takes it in a steady stream, the leader killed with the burst in flight
                final long burstEnd = steadyEnd + STREAM;
                final long burstStart = steadyEnd + STREAM / 3;
                final int killed2 = killLeaderDuring("burst", ring, steadyEnd + 1, burstEnd, burstStart,
                    () -> published.get() > burstStart + BURST / 4);
                restartAndCatchUp(killed2);

                // 3. ./ferrum admin snapshot sent to the leader, killed the moment its snapshot counter moves
                // (its followers may still be writing theirs); restarted, it loads that snapshot plus the log
                final long snapshotEnd = burstEnd + STREAM;
                final int[] snapshotLeader = { -1 };
                final int killed3 = killLeaderDuring("snapshot", ring, burstEnd + 1, snapshotEnd, 0, () ->
                {
                    if (snapshotLeader[0] < 0)
                    {
                        if (published.get() <= burstEnd + STREAM / 3)
                        {
                            return false;
                        }
                        snapshotLeader[0] = currentLeader();
                        adminSnapshot(snapshotLeader[0]);
                    }
                    return counter(snapshotLeader[0], ConsensusModule.Configuration.SNAPSHOT_COUNTER_TYPE_ID) > 0;
                });
                assertEquals(snapshotLeader[0], killed3);
                final int[] pair = restartAndCatchUp(killed3);
                assertTrue(restored[killed3], "the killed leader restarted from the snapshot it took, plus the log");

                // every order decided reached the venue once; nothing is left waiting at the venue
                await("the venue answered every order", () -> 0 == gateway.venueOpenOrders() && !gateway.isReconciling());
                System.out.println("TAKEOVERS " + takeovers + " " + gatewayStatus(gateway));

                final ByteArrayOutputStream replicas = new ByteArrayOutputStream();
                assertEquals(0, Main.run(new ReplicasCommand(), List.of("--config", configFile.toString()),
                    new PrintStream(replicas, true, StandardCharsets.UTF_8), System.err));
                final String report = replicas.toString(StandardCharsets.UTF_8);
                assertTrue(report.contains("replicas agree"), report);
                assertTrue(report.contains("role LEADER"), report);
                assertTrue(monitor.healthy(), monitor::lastMismatch);
                assertTrue(monitor.comparisons() > 0);

                // the runbook's checks after three failovers, on the running members
                final ByteArrayOutputStream verified = new ByteArrayOutputStream();
                final int verifyStatus = Main.run(new VerifyCommand(), List.of("--config", configFile.toString()),
                    new PrintStream(verified, true, StandardCharsets.UTF_8), System.err);
                System.out.println("VERIFY " + verified.toString(StandardCharsets.UTF_8));
                assertEquals(ExitCodes.OK, verifyStatus, verified.toString(StandardCharsets.UTF_8));
                for (final String line : verified.toString(StandardCharsets.UTF_8).split("\n"))
                {
                    final com.fasterxml.jackson.databind.JsonNode json = new com.fasterxml.jackson.databind.ObjectMapper().readTree(line);
                    if ("verify_journal".equals(json.get("type").asText()))
                    {
                        // only orders the old leader decided and reconciliation re-sent can lack their decision record
                        assertTrue(json.get("orders_without_risk_decision").asLong() <= gateway.ordersRecovered(), line);
                    }
                }

                // a replay of a member's journal: every input once, in order, the same hash, the same orders
                final int replayed = pair[0];
                final long hashPosition = hashPair(replayed)[0];
                final long hash = hashPair(replayed)[1];
                members[replayed].destroy();
                members[replayed].waitFor();
                final Replay check = new Replay(config, hashPosition);
                JournalReader.open(config.memberDir(replayed)).replay(check);
                assertEquals(snapshotEnd, check.last, "every committed input, once, in order");
                assertEquals(0, check.outOfOrder);
                assertEquals(hash, check.hashAtPosition, "a replay of the journal agrees with the members");
                System.out.println("REPLAY decided " + check.decided.size() + " " + check.engine.counters().toJson());
                assertTrue(gateway.reconciliations() >= 4, "the first connection and three leader changes");

                final Set<Long> atVenue = new HashSet<>(venueNewOrders);
                assertEquals(venueNewOrders.size(), atVenue.size(), "no order reached the venue twice");
                assertTrue(atVenue.size() >= 30, "the strategy traded through the failovers: " + atVenue.size());
                final Set<Long> decided = new TreeSet<>(check.decided); // reconcile answers repeat some
                assertEquals(check.engine.counters().get(EngineCounters.ORDERS_SENT), decided.size(),
                    "each order decided once, whatever the answers repeated");
                final Set<Long> missing = new TreeSet<>(decided);
                missing.removeAll(atVenue);
                final Set<Long> extra = new TreeSet<>(atVenue);
                extra.removeAll(decided);
                assertEquals(Set.of(), missing, "every order the engine decided reached the venue");
                assertEquals(Set.of(), extra, "nothing reached the venue that the engine did not decide");
            }
        }
    }

    /**
     * Produces inputs {@code from..to} (a burst of {@link #BURST} from {@code burstStart} when not 0)
     * and kills the leader once {@code when} holds; returns the killed member, after the takeover
     * and once the stream is fully published, having checked that orders went out after the takeover.
     */
    private int killLeaderDuring(
        final String scenario,
        final InboundRing ring,
        final long from,
        final long to,
        final long burstStart,
        final BooleanSupplier when) throws Exception
    {
        final int leader = awaitLeader(-1);
        final Thread producer = new Thread(() -> produce(ring, from, to, burstStart), "producer-" + scenario);
        producer.start();
        await(scenario + ": the moment to kill", () -> commitPosition(leader) > 0 && when.getAsBoolean());
        final long lastCommitBeforeKill = commitPosition(leader);
        members[leader].destroyForcibly().waitFor();
        final long ordersBeforeTakeover = gateway.ordersSent();

        // takeover: the last commit before the kill to the first commit after it, seen by a survivor
        final long killedAt = System.nanoTime();
        await(scenario + ": a commit after the kill", () ->
            Math.max(commitPosition((leader + 1) % 3), commitPosition((leader + 2) % 3)) > lastCommitBeforeKill);
        final long takeoverMs = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt);
        System.out.println("TAKEOVER_MS " + scenario + " " + takeoverMs);
        takeovers.add(scenario + "=" + takeoverMs + "ms");

        assertNotEquals(leader, awaitLeader(leader));
        producer.join(60_000);
        assertFalse(producer.isAlive());
        await(scenario + ": orders after the takeover", () -> gateway.ordersSent() > ordersBeforeTakeover);
        System.out.println("SCENARIO " + scenario + " " + gatewayStatus(gateway));
        return leader;
    }

    private static String gatewayStatus(final OrderGateway gateway)
    {
        return "orders at the venue " + gateway.ordersSent() + ", recovered from a reconcile " +
            gateway.ordersRecovered() + ", duplicates dropped " + gateway.duplicateOrders() + ", held " +
            gateway.ordersHeld() + ", reconciliations " + gateway.reconciliations() + ", reports " +
            gateway.reportsPublished() + ", reconciling " + gateway.isReconciling();
    }

    /** {@code ./ferrum admin snapshot --cluster FILE --member N}, as an operator types it. */
    private void adminSnapshot(final int member)
    {
        try
        {
            final ByteArrayOutputStream out = new ByteArrayOutputStream();
            assertEquals(0, Main.run(new AdminCommand(), List.of("snapshot", "--cluster", configFile.toString(),
                "--member", Integer.toString(member)), new PrintStream(out, true, StandardCharsets.UTF_8),
                System.err), "admin snapshot accepted");
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /**
     * Restarts a killed member and waits until all three hash at the same, settled position with
     * the same hash. Returns two members that agree (survivors of the last kill).
     */
    private int[] restartAndCatchUp(final int killed) throws Exception
    {
        start(killed);
        final int a = (killed + 1) % 3;
        final int b = (killed + 2) % 3;
        await("the survivors settle and the restarted member " + killed + " catches up", () ->
        {
            monitor.poll();
            final long[] pairA = hashPair(a);
            final long[] pairB = hashPair(b);
            final long[] pairK = hashPair(killed);
            return pairA[0] > 0 && pairA[0] == pairB[0] && pairA[0] == pairK[0] && pairA[0] == settledPosition(a);
        });
        assertEquals(hashPair(a)[1], hashPair(b)[1], "the survivors' state hashes agree");
        assertEquals(hashPair(a)[1], hashPair(killed)[1], "the restarted member agrees");
        awaitLeader(-1);
        return new int[]{ a, b };
    }

    private void produce(final InboundRing ring, final long from, final long to, final long burstStart)
    {
        final TradeEncoder trade = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        for (long sequence = from; sequence <= to; sequence++)
        {
            final long slot = ring.claim(idle);
            trade.wrapAndApplyHeader(ring.buffer(slot), 0, header);
            trade.source().sourceId(SOURCE_ID).sequence(sequence)
                .eventTimeNs(1_700_000_000_000_000_000L + sequence).receiveTimeNs(1_700_000_000_000_000_000L + sequence);
            // 42 000.00 and 42 010.00 in turn: a 2 bps move on every trade, so the strategy orders all along
            trade.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT")
                .priceExponent((byte)-8).sizeExponent((byte)-8)
                .tradeId(sequence).price(4_200_000_000_000L + (sequence & 1) * 1_000_000_000L).quantity(100_000)
                .tradeTimeNs(1_700_000_000_000_000_000L + sequence).aggressor(0 == (sequence & 1) ? Side.BUY : Side.SELL);
            ring.commit(slot, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
            published.set(sequence);
            final boolean inBurst = burstStart > 0 && sequence >= burstStart && sequence < burstStart + BURST;
            if (!inBurst && 0 == sequence % 20)
            {
                try
                {
                    Thread.sleep(10); // about 2 000 inputs a second: a stream that spans the failover
                }
                catch (final InterruptedException ex)
                {
                    return;
                }
            }
        }
    }

    /** The real engine on a replay: checks the inputs' order, takes the hash at one position, keeps the orders. */
    private static final class Replay implements EngineInput
    {
        final Engine engine;
        private final long hashPosition;
        private final MessageHeaderDecoder header = new MessageHeaderDecoder();
        private final NewOrderDecoder newOrder = new NewOrderDecoder();
        private long inputs;
        final List<Long> decided = new ArrayList<>();
        long last;
        long outOfOrder;
        long hashAtPosition;

        Replay(final ClusterConfig config, final long hashPosition)
        {
            this.hashPosition = hashPosition;
            this.engine = EngineSettings.parse(config.engineSettings()).newEngine((buffer, offset, length) ->
            {
                header.wrap(buffer, offset);
                if (NewOrderDecoder.TEMPLATE_ID == header.templateId())
                {
                    decided.add(newOrder.wrapAndApplyHeader(buffer, offset, header).clientOrderId());
                }
                return true;
            }, JournalReader.REPLAY_TIMERS);
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

    private Thread startTail(final int member, final List<String> tailLines)
    {
        final OutputStream lines = new OutputStream()
        {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

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
            // stopped by the test's interrupt, which ends --follow normally
            Main.run(new TailCommand(), List.of("--config", configFile.toString(), "--member", Integer.toString(member),
                "--follow", "--type", "trade_tick"), new PrintStream(lines, true, StandardCharsets.UTF_8), System.err);
        }, "tail");
        tail.start();
        return tail;
    }

    private void start(final int id) throws Exception
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
        restored[id] = false;
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
                    if (line.contains(" restored from its latest snapshot") && members[id] == process)
                    {
                        restored[id] = true;
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

    private int currentLeader()
    {
        for (int id = 0; id < 3; id++)
        {
            if ("LEADER".equals(roles[id]) && members[id].isAlive())
            {
                return id;
            }
        }
        return -1;
    }

    private int awaitLeader(final int except) throws InterruptedException
    {
        final int[] leader = { -1 };
        await("a leader", () ->
        {
            leader[0] = currentLeader();
            return leader[0] >= 0 && leader[0] != except;
        });
        return leader[0];
    }

    private long commitPosition(final int id)
    {
        return counter(id, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID);
    }

    /** A consensus module counter of member {@code id} from its CnC file, -1 when not readable. */
    private long counter(final int id, final int typeId)
    {
        final long[] value = { -1 };
        CncCounters.read(config.aeronDir(id).toFile(), (counters) ->
        {
            value[0] = CncCounters.valueOf(counters, typeId, -1);
            return true;
        });
        return value[0];
    }

    /** {position, hash} of the member's latest published state hash; position -1 when none is readable. */
    private long[] hashPair(final int id)
    {
        final long[] pair = new long[2];
        if (!CncCounters.read(config.aeronDir(id).toFile(), (counters) -> StateHashCounters.read(counters, id, pair)))
        {
            pair[0] = -1;
        }
        return pair;
    }

    /** The hash position once the member has been quiet for a moment (no newer hash after 300 ms). */
    private long settledPosition(final int id)
    {
        final long before = hashPair(id)[0];
        try
        {
            Thread.sleep(300);
        }
        catch (final InterruptedException ex)
        {
            throw new IllegalStateException(ex);
        }
        return hashPair(id)[0] == before ? before : -2;
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
