package io.ferrum.ops.cli;

import io.aeron.cluster.service.Cluster;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.ops.node.JournalCheck;
import io.ferrum.ops.node.NodeErrors;
import io.ferrum.ops.node.ReplicaAlarm;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterNode;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.telemetry.MetricsAgent;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum node --config FILE --member N}: one cluster member in this JVM (media
 * driver, archive, consensus module and the engine configured by the file's {@code engine.*}
 * lines) until the process is stopped. It prints one line per role change and the member's
 * state hash position, so an operator sees elections in the member's own output, and raises a
 * {@link ReplicaAlarm} (log and health counter) when members' state hashes differ.
 */
@Command(name = "node", header = "run one cluster member (driver, archive, consensus module, engine) until stopped",
    footer = "Stops on SIGTERM or SIGINT; data stays in cluster.dir/member-N for a restart.")
public final class NodeCommand implements FerrumCommand
{
    private static final long MARK_FILE_WAIT_S = 30;

    @Option(names = "--config", paramLabel = "FILE", required = true,
        description = "the cluster file every member reads (members, timeouts, engine.* settings)")
    Path configFile;

    @Option(names = "--member", paramLabel = "N", required = true, description = "which cluster.member.N this process is")
    int memberId;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        if (memberId < 0)
        {
            throw new UsageException("--member must be a member id (0, 1, ...): " + memberId);
        }
        final ClusterConfig config = ClusterConfig.load(configFile);
        if (config.members().isEmpty())
        {
            throw new CommandException(ExitCodes.CONFIG,
                configFile + " names no cluster.member.N: a node needs the members' endpoints");
        }
        if (memberId >= config.members().size())
        {
            throw new UsageException("--member " + memberId + " is not in " + configFile + " (members 0.." +
                (config.members().size() - 1) + ")");
        }
        final String damage = JournalCheck.problem(config.memberDir(memberId), memberId, config.archiveSegmentLength());
        if (null != damage)
        {
            throw new CommandException(ExitCodes.DATA, damage);
        }
        final EngineSettings parsed = EngineSettings.parse(config.engineSettings(), System.getenv());
        // Binance reports the account's balances: orders it cannot cover are refused before they leave (docs/risk.md)
        final EngineSettings settings = (ClusterConfig.VENUE_BINANCE.equals(config.venue()) ?
            parsed.withVenueBalances() : parsed)
            .keepRiskIn(config.memberDir(memberId), warning -> err.println(Instant.now() + " warning: " + warning));
        final StageLatency latency = new StageLatency();
        final FerrumClusteredService service = FerrumClusteredService.create(settings::newEngine, config).latency(latency);

        final int id = memberId;
        final Map<Integer, File> aeronDirs = new HashMap<>();
        for (final ClusterConfig.Member member : config.members())
        {
            aeronDirs.put(member.id(), config.aeronDir(member.id()).toFile());
        }
        final NodeErrors errors = new NodeErrors(id, err);
        try (Termination stop = Termination.install("node");
            ClusterNode node = launch(config, id, service, out, errors);
            ReplicaAlarm alarm = new ReplicaAlarm(aeronDirs, node.aeronDirectoryName(), id);
            AgentRunner metrics = startMetrics(node, latency))
        {
            out.println(Instant.now() + " member " + memberId + " started: " + node.journalDir());
            out.flush();
            Cluster.Role role = null;
            long hashPosition = -1;
            long snapshots = 0;
            boolean restored = false;
            while (!stop.await(100, TimeUnit.MILLISECONDS))
            {
                if (node.isTerminated())
                {
                    return stopped(memberId, config, errors, out);
                }
                final long usable = config.memberDir(memberId).toFile().getUsableSpace();
                if (usable < config.diskMinFree())
                {
                    return diskFull(memberId, config, usable, out);
                }
                if (!restored && service.restoredFromSnapshot())
                {
                    restored = true;
                    out.println(Instant.now() + " member " + memberId + " restored from its latest snapshot");
                    out.flush();
                }
                if (node.snapshotCount() != snapshots)
                {
                    snapshots = node.snapshotCount();
                    out.println(Instant.now() + " member " + memberId + " snapshots taken " + snapshots);
                    out.flush();
                }
                final Cluster.Role now = node.role();
                if (now != role)
                {
                    role = now;
                    out.println(Instant.now() + " member " + memberId + " role " + now);
                    out.flush();
                }
                hashPosition = service.lastHashPosition();
                alarm.poll();
            }
            out.println(Instant.now() + " member " + memberId + " stopping at hash position " + hashPosition);
        }
        return ExitCodes.OK;
    }

    /** Stops before the disk refuses a journal write (cluster.disk.min.free); the try block closes the member. */
    private static int diskFull(final int memberId, final ClusterConfig config, final long usable, final PrintStream out)
    {
        out.println(Instant.now() + " member " + memberId + " stopping: " + usable + " bytes free under " +
            config.memberDir(memberId) + ", below cluster.disk.min.free (" + config.diskMinFree() + "). Free space " +
            "there and start it again: it catches up from the others, which go on without it.");
        out.flush();
        return ExitCodes.IO_ERROR;
    }

    /**
     * The consensus module or the service container ended by itself: the member takes no further
     * part, so the process ends too, non-zero, saying why (the others go on if they are a majority).
     */
    private static int stopped(final int memberId, final ClusterConfig config, final NodeErrors errors, final PrintStream out)
    {
        final String storage = errors.storageFailure();
        if (null != storage)
        {
            out.println(Instant.now() + " member " + memberId + " stopped: its journal's disk refused a write (" +
                storage + "). Free space under " + config.memberDir(memberId) + " and start it again: it catches " +
                "up from the others, which go on without it.");
            out.flush();
            return ExitCodes.IO_ERROR;
        }
        out.println(Instant.now() + " member " + memberId + " stopped: the cluster terminated it (see the errors " +
            "above). Start it again once the cause is fixed: it catches up from the others.");
        out.flush();
        return ExitCodes.INTERNAL;
    }

    /** The member's engine-step and commit latency into the latency file beside its CnC, on a cold thread. */
    private static AgentRunner startMetrics(final ClusterNode node, final StageLatency latency)
    {
        final AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(10), Throwable::printStackTrace, null,
            new MetricsAgent(new MetricsAgent.Context().aeronDir(new File(node.aeronDirectoryName())).latency(latency)));
        AgentRunner.startOnThread(runner);
        return runner;
    }

    /**
     * A member killed with SIGKILL leaves its archive and cluster mark files marked active for
     * Aeron's driver timeout (10 s): a restart within that time waits for them to expire
     * instead of failing.
     */
    private static ClusterNode launch(
        final ClusterConfig config,
        final int id,
        final FerrumClusteredService service,
        final PrintStream out,
        final NodeErrors errors) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(MARK_FILE_WAIT_S);
        while (true)
        {
            try
            {
                return ClusterNode.launch(config, id, service, ThreadLayout.fromSystemProperties(), errors);
            }
            catch (final IllegalStateException ex)
            {
                if (null == ex.getMessage() || !ex.getMessage().contains("active mark file") ||
                    System.nanoTime() > deadline)
                {
                    throw ex;
                }
                out.println(Instant.now() + " member " + id + " waiting for the previous run's mark file: " +
                    ex.getMessage());
                out.flush();
                Thread.sleep(1000);
            }
        }
    }
}
