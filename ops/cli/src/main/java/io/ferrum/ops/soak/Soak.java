package io.ferrum.ops.soak;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.json.JsonOut;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.replica.MemberState;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * The soak's run: writes a 3-member cluster file on free loopback ports (the default failover timeouts), starts the members
 * ({@code ./ferrum node}), a synthetic BTCUSDT/ZILUSDT venue ({@code ./ferrum simulator}) and the
 * gateway ({@code ./ferrum gateway}) that trades it through the cluster, then until the duration
 * ends kills members with SIGKILL at random (exponentially spaced) times, always waiting until
 * all three are back and caught up before the next failure:
 * <ul>
 * <li>one member (half the time the leader, else a follower): a leader's loss is timed from the kill to the
 *     first commit of a new leader (the takeover); the member is restarted after a few seconds;</li>
 * <li>with probability 1/4, two members at once: the survivor must commit nothing while it has no
 *     majority, and the cluster must commit again once one of the two is back.</li>
 * </ul>
 * Every tick it also watches for an election that no kill caused (a false election: a leader
 * declared dead while it lived). At the end the gateway is stopped and the members are left running
 * and caught up, so that the caller can verify the journals and compare live state hashes; then
 * {@link #close()} stops them.
 */
public final class Soak implements AutoCloseable
{
    private static final int MEMBERS = 3;
    private static final String SYMBOLS = "BTCUSDT,ZILUSDT";
    private static final long TICK_MS = 100;
    private static final long MAX_EVENTS = 200_000;
    private static final long MAX_EVENTS_PER_S = 500;
    /** SyntheticFlow spaces its events 1 ms apart. */
    private static final long SYNTHETIC_EVENTS_PER_S_AT_SPEED_1 = 1000;
    private static final long RESTART_AFTER_NS = TimeUnit.SECONDS.toNanos(2);
    private static final long STALL_CHECK_FROM_NS = TimeUnit.SECONDS.toNanos(1);
    private static final long STALL_CHECK_TO_NS = TimeUnit.SECONDS.toNanos(4);
    /** No failure this close to the end: the last one must heal before the verdict. */
    private static final long QUIET_END_NS = TimeUnit.SECONDS.toNanos(20);
    private static final long JOIN_TIMEOUT_NS = TimeUnit.SECONDS.toNanos(90);

    private final Path dir;
    private final PrintStream out;
    private final Random random;
    private final long durationNs;
    private final long meanKillIntervalNs;
    private final ChildProcess[] members = new ChildProcess[MEMBERS];
    private final Path configFile;
    private final ClusterConfig config;
    private final SoakResult result = new SoakResult();
    private ChildProcess simulator;
    private ChildProcess gateway;

    /**
     * @param dir                an empty or new directory: the cluster file, the members' data, the logs
     * @param seed               the kill schedule's and the synthetic flow's seed (printed, to run it again)
     * @param meanKillIntervalNs the mean time from one healed failure to the next
     */
    public Soak(final Path dir, final long seed, final long durationNs, final long meanKillIntervalNs,
        final PrintStream out) throws IOException
    {
        this.dir = dir;
        this.out = out;
        this.random = new Random(seed);
        this.durationNs = durationNs;
        this.meanKillIntervalNs = meanKillIntervalNs;
        Files.createDirectories(dir.resolve("logs"));
        final Path strategies = dir.resolve("strategies.properties").toAbsolutePath();
        Files.writeString(strategies, String.join("\n",
            "strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker",
            "strategy.mm.strategyId = 1",
            "strategy.mm.instrumentId = 1",
            "strategy.mm.quoteQuantity = 100000",
            "strategy.mm.maxPosition = 1000000",
            "strategy.momentum.class = io.ferrum.engine.strategy.momentum.MomentumTaker",
            "strategy.momentum.strategyId = 2",
            "strategy.momentum.instrumentId = 1",
            "strategy.momentum.orderQuantity = 100000",
            "strategy.momentum.maxPosition = 500000", ""));
        final ClusterConfig free = ClusterConfig.parse(String.join("\n",
            "cluster.dir = " + dir.resolve("data").toAbsolutePath(),
            "cluster.hash.interval = 256",
            "ring.slot.length = 4k",
            "engine.strategies = " + strategies, ""), "soak").withFreePorts(MEMBERS);
        final StringBuilder text = new StringBuilder("# written by ./ferrum soak (seed " + seed + ")\n");
        free.effectiveValues().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        configFile = dir.resolve("cluster.conf").toAbsolutePath();
        Files.writeString(configFile, text.toString());
        config = ClusterConfig.load(configFile);
    }

    public Path configFile()
    {
        return configFile;
    }

    /**
     * Runs the soak until its duration ends or {@code stop} says so.
     *
     * @return what happened; the members are still running (see the class comment)
     */
    public SoakResult run(final BooleanSupplier stop, final long seed) throws IOException, InterruptedException
    {
        final long startNs = System.nanoTime();
        for (int id = 0; id < MEMBERS; id++)
        {
            startMember(id);
        }
        awaitAllJoined(startNs);
        // the synthetic flow is made in memory before it is served: at most MAX_EVENTS, spread over the whole run
        final long seconds = TimeUnit.NANOSECONDS.toSeconds(durationNs);
        final long events = Math.min(MAX_EVENTS, seconds * MAX_EVENTS_PER_S);
        simulator = ChildProcess.start("simulator", List.of("simulator", "--synthetic", Long.toString(seed),
            "--symbols", SYMBOLS, "--events", Long.toString(events),
            "--speed", Double.toString((double)events / (seconds * SYNTHETIC_EVENTS_PER_S_AT_SPEED_1))),
            dir.resolve("logs/simulator.log"), (line) -> line.contains("\"type\":\"simulator\""));
        final JsonNode started = new ObjectMapper().readTree(awaitKept(simulator, "the simulator's start line"));
        // 30 s, not the gateway's 10 s default: in one CI run the JVMs' start on 2 cores starved the new leader into a
        // re-election whose followers waited 15 s to rejoin, and the gateway gave up before the cluster came back
        gateway = ChildProcess.start("gateway", List.of("gateway", "--config", configFile.toString(),
            "--ws", started.get("ws").asText(), "--rest", started.get("rest").asText(), "--symbols", SYMBOLS,
            "--connect-timeout", "30s"),
            dir.resolve("logs/gateway.log"), (line) -> line.startsWith("{\"type\":\"gateway"));
        awaitKept(gateway, "the gateway's start line");

        final long endNs = startNs + durationNs;
        long nextFailureNs = nextFailure(System.nanoTime());
        int lastLeader = leader();
        while (System.nanoTime() - endNs < 0 && !stop.getAsBoolean())
        {
            final long nowNs = System.nanoTime();
            final int leader = leader();
            if (leader >= 0 && lastLeader >= 0 && leader != lastLeader && members[lastLeader].isAlive())
            {
                result.falseElections++;
                event(JsonOut.object().field("type", "soak_false_election").field("old_leader", lastLeader)
                    .field("new_leader", leader));
            }
            lastLeader = leader >= 0 ? leader : lastLeader;
            if (nowNs - nextFailureNs >= 0 && endNs - nowNs > QUIET_END_NS && leader >= 0)
            {
                lastLeader = failure(nowNs, leader);
                nextFailureNs = nextFailure(System.nanoTime());
            }
            Thread.sleep(TICK_MS);
        }
        final boolean ended = gateway.stop(TimeUnit.SECONDS.toMillis(30));
        result.gatewaySummary = gateway.kept();
        result.gatewayStopped = ended && null != result.gatewaySummary && result.gatewaySummary.contains("\"gateway_stopped\"");
        simulator.stop(TimeUnit.SECONDS.toMillis(10));
        result.caughtUp = awaitSameCommitPosition();
        return result;
    }

    /** Kills one member or two, heals the cluster, and returns the leader after it. */
    private int failure(final long nowNs, final int leader) throws IOException, InterruptedException
    {
        final boolean two = random.nextInt(4) == 0;
        final int first = !two && random.nextBoolean() ? leader : (leader + 1 + random.nextInt(MEMBERS - 1)) % MEMBERS;
        final int second = two ? (first + 1 + random.nextInt(MEMBERS - 1)) % MEMBERS : -1;
        final long commitBefore = commitPosition(leader);
        members[first].kill();
        if (two)
        {
            members[second].kill();
        }
        final long killedNs = System.nanoTime();
        final boolean leaderKilled = leader >= 0 && (first == leader || second == leader);
        result.kills += two ? 2 : 1;
        result.leaderKills += leaderKilled ? 1 : 0;
        event(JsonOut.object().field("type", "soak_kill").field("members", two ? first + "," + second : "" + first)
            .field("leader", leader).field("leader_killed", leaderKilled).field("commit_position", commitBefore));
        if (two)
        {
            twoLost(first, second, killedNs);
        }
        else
        {
            if (leaderKilled)
            {
                takeover(killedNs, commitBefore);
            }
            sleepUntil(killedNs + RESTART_AFTER_NS);
            restart(first);
        }
        awaitAllJoined(System.nanoTime());
        return leader();
    }

    /** With one member of three left: it must not commit; once one is back, the cluster must. */
    private void twoLost(final int first, final int second, final long killedNs) throws IOException, InterruptedException
    {
        final int survivor = MEMBERS - first - second;
        sleepUntil(killedNs + STALL_CHECK_FROM_NS);
        final long from = commitPosition(survivor);
        sleepUntil(killedNs + STALL_CHECK_TO_NS);
        final long to = commitPosition(survivor);
        final boolean held = from == to;
        result.doubleLosses++;
        result.stallsHeld += held ? 1 : 0;
        restart(first);
        final long restartedNs = System.nanoTime();
        final long resumedMs = awaitCommitAbove(to, restartedNs);
        event(JsonOut.object().field("type", "soak_two_lost").field("survivor", survivor)
            .field("commit_position_from", from).field("commit_position_to", to).field("committed_nothing", held)
            .field("resumed_ms_after_restart", resumedMs));
        restart(second);
    }

    private void takeover(final long killedNs, final long commitBefore) throws InterruptedException
    {
        final long deadline = killedNs + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0)
        {
            final int leader = leader();
            if (leader >= 0 && commitPosition(leader) > commitBefore)
            {
                final long ms = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedNs);
                result.takeoversMs.add(ms);
                event(JsonOut.object().field("type", "soak_takeover").field("new_leader", leader).field("ms", ms));
                return;
            }
            Thread.sleep(10);
        }
        result.takeoversMs.add(-1L);
        event(JsonOut.object().field("type", "soak_takeover").field("new_leader", -1).field("ms", -1));
    }

    /** Milliseconds until some member commits above {@code position}, or -1 when none does in time. */
    private long awaitCommitAbove(final long position, final long sinceNs) throws InterruptedException
    {
        final long deadline = sinceNs + JOIN_TIMEOUT_NS;
        while (System.nanoTime() - deadline < 0)
        {
            for (int id = 0; id < MEMBERS; id++)
            {
                if (members[id].isAlive() && commitPosition(id) > position)
                {
                    return TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - sinceNs);
                }
            }
            Thread.sleep(10);
        }
        return -1;
    }

    private void restart(final int id) throws IOException
    {
        startMember(id);
        result.restarts++;
        event(JsonOut.object().field("type", "soak_restart").field("member", id));
    }

    private void startMember(final int id) throws IOException
    {
        members[id] = ChildProcess.start("member-" + id, List.of("node", "--config", configFile.toString(),
            "--member", Integer.toString(id)), dir.resolve("logs/member-" + id + ".log"), (line) -> false);
    }

    /** Until every member runs with a role (a restarted one waits out its old mark file first). */
    private void awaitAllJoined(final long sinceNs) throws InterruptedException
    {
        while (System.nanoTime() - sinceNs < JOIN_TIMEOUT_NS)
        {
            int joined = 0;
            for (int id = 0; id < MEMBERS; id++)
            {
                joined += members[id].isAlive() && state(id).joined() ? 1 : 0;
            }
            if (MEMBERS == joined && leader() >= 0)
            {
                return;
            }
            Thread.sleep(TICK_MS);
        }
        throw new IllegalStateException("the members did not all rejoin within " +
            TimeUnit.NANOSECONDS.toSeconds(JOIN_TIMEOUT_NS) + " s: see " + dir.resolve("logs"));
    }

    private boolean awaitSameCommitPosition() throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (System.nanoTime() - deadline < 0)
        {
            final long p0 = commitPosition(0);
            if (p0 > 0 && p0 == commitPosition(1) && p0 == commitPosition(2))
            {
                return true;
            }
            Thread.sleep(TICK_MS);
        }
        return false;
    }

    private int leader()
    {
        for (int id = 0; id < MEMBERS; id++)
        {
            if (null != members[id] && members[id].isAlive() && state(id).leader())
            {
                return id;
            }
        }
        return -1;
    }

    private long commitPosition(final int id)
    {
        return id < 0 ? -1 : state(id).commitPosition();
    }

    /** The member as its current process's driver shows it: a killed predecessor's file reads as not running. */
    private MemberState state(final int id)
    {
        final MemberState state = MemberState.read(config.aeronDir(id).toFile());
        return null != members[id] && members[id].isAlive() && state.pid() == members[id].pid() ? state : MemberState.NOT_RUNNING;
    }

    private long nextFailure(final long nowNs)
    {
        return nowNs + (long)(-Math.log(1 - random.nextDouble()) * meanKillIntervalNs);
    }

    private static String awaitKept(final ChildProcess child, final String what) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (null == child.kept())
        {
            if (!child.isAlive() || System.nanoTime() - deadline > 0)
            {
                throw new IllegalStateException("no " + what + " (" + (child.isAlive() ? "timed out" : "it exited") +
                    "): see its log");
            }
            Thread.sleep(TICK_MS);
        }
        return child.kept();
    }

    private static void sleepUntil(final long deadlineNs) throws InterruptedException
    {
        final long ms = TimeUnit.NANOSECONDS.toMillis(deadlineNs - System.nanoTime());
        if (ms > 0)
        {
            Thread.sleep(ms);
        }
    }

    private void event(final JsonOut line)
    {
        out.println(line.time("ts", System.currentTimeMillis() * 1_000_000L).toString());
        out.flush();
    }

    /** Stops every process still running (members with SIGTERM, so that they close their archives). */
    public void close() throws InterruptedException
    {
        final List<ChildProcess> all = new ArrayList<>();
        for (final ChildProcess child : new ChildProcess[] {gateway, simulator})
        {
            if (null != child)
            {
                all.add(child);
            }
        }
        for (final ChildProcess member : members)
        {
            if (null != member)
            {
                all.add(member);
            }
        }
        for (final ChildProcess child : all)
        {
            if (child.isAlive())
            {
                child.stop(TimeUnit.SECONDS.toMillis(20));
            }
        }
    }
}
