package io.ferrum.ops.cli;

import io.aeron.cluster.ConsensusModule;
import io.aeron.cluster.service.Cluster;
import io.ferrum.sequencer.cluster.AdminAuthenticator;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.replica.MemberState;
import io.ferrum.sequencer.replica.ReplicaHashMonitor;
import io.ferrum.sequencer.replica.StateHashCounters;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.File;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

/**
 * {@code ./ferrum replicas}: the members on this host as their CnC files show them (role,
 * commit position, latest state hash and its position) and whether their state hashes agree
 * ({@link ReplicaHashMonitor}); exit status 2 on a mismatch and 69 when no member is running or
 * none of the running ones leads, so a health check can run it.
 * Read-only: it starts no Aeron client.
 */
@Command(name = "replicas", header = "members' roles, commit positions and state hashes; exit 2 when replicas disagree, 69 when no member runs or none leads",
    footer = "Exit status: 0 the replicas agree (or nothing to compare yet), 2 two state hashes differ.")
public final class ReplicasCommand implements FerrumCommand
{
    /** Exit status when two members' state hashes differ at a log position. */
    public static final int EXIT_MISMATCH = ExitCodes.REPLICAS_DIFFER;

    @Option(names = "--config", paramLabel = "FILE", required = true,
        description = "the cluster file (reads cluster.aeron.dir/member-N of every member on this host)")
    Path configFile;

    @Option(names = "--watch", paramLabel = "SECONDS",
        description = "keep checking for this long, one line per member per second;" +
            " a mismatch is printed as an ALARM line and the exit status is 2")
    long watchSeconds;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        if (watchSeconds < 0)
        {
            throw new UsageException("--watch needs a number of seconds >= 0: " + watchSeconds);
        }
        final ClusterConfig config = ClusterConfig.load(configFile);
        final int members = Math.max(1, config.members().size());
        final Map<Integer, File> aeronDirs = new TreeMap<>();
        for (int id = 0; id < members; id++)
        {
            aeronDirs.put(id, config.aeronDir(id).toFile());
        }
        final ReplicaHashMonitor monitor = new ReplicaHashMonitor(aeronDirs, 1024, (position, a, hashA, b, hashB) ->
            out.println(Instant.now() + " ALARM state hash mismatch at log position " + position + ": member " + a +
                " " + Long.toHexString(hashA) + " != member " + b + " " + Long.toHexString(hashB)));

        final long end = System.nanoTime() + watchSeconds * 1_000_000_000L;
        do
        {
            monitor.poll();
            for (final Map.Entry<Integer, File> member : aeronDirs.entrySet())
            {
                out.println(Instant.now() + " " + describe(member.getKey(), member.getValue()));
            }
            out.flush();
            if (watchSeconds > 0)
            {
                Thread.sleep(1000);
            }
        }
        while (System.nanoTime() < end);
        monitor.poll();
        int running = 0;
        int leaders = 0;
        for (final File aeronDir : aeronDirs.values())
        {
            final MemberState state = MemberState.read(aeronDir);
            running += state.running() ? 1 : 0;
            leaders += state.leader() ? 1 : 0;
        }
        if (0 == running)
        {
            // a health check must not pass on a cluster that is not there
            throw new CommandException(ExitCodes.UNAVAILABLE, "no member is running");
        }
        if (0 == leaders)
        {
            throw new CommandException(ExitCodes.UNAVAILABLE,
                running + " of " + aeronDirs.size() + " members running, none of them leader");
        }
        if (!monitor.healthy())
        {
            out.println("ALARM " + monitor.lastMismatch());
        }
        else if (0 == monitor.comparisons())
        {
            out.println("no two members seen at the same hash position yet (try --watch 5)");
        }
        else
        {
            out.println("replicas agree (" + monitor.comparisons() + " comparisons, last at log position " +
                monitor.lastAgreedPosition() + ")");
        }
        return monitor.healthy() ? ExitCodes.OK : EXIT_MISMATCH;
    }

    private static String describe(final int memberId, final File aeronDir)
    {
        final StringBuilder line = new StringBuilder("member ").append(memberId);
        final boolean running = CncCounters.read(aeronDir, (counters) ->
        {
            final long role = CncCounters.valueOf(counters, ConsensusModule.Configuration.CLUSTER_NODE_ROLE_TYPE_ID, -1);
            line.append(" role ").append(role >= 0 ? Cluster.Role.get(role).name() : "UNKNOWN")
                .append(" commit_position ")
                .append(CncCounters.valueOf(counters, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID, -1));
            line.append(" admin_refused ").append(CncCounters.valueOf(counters, AdminAuthenticator.REFUSED_TYPE_ID, 0));
            final long[] pair = new long[2];
            if (StateHashCounters.read(counters, memberId, pair))
            {
                line.append(" hash_position ").append(pair[0]).append(" hash ").append(Long.toHexString(pair[1]));
            }
            else
            {
                line.append(" no state hash yet");
            }
            return true;
        });
        if (!running)
        {
            line.append(" not running (no live media driver at ").append(aeronDir).append(')');
        }
        return line.toString();
    }
}
