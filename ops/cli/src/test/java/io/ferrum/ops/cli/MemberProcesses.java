package io.ferrum.ops.cli;

import io.aeron.cluster.ConsensusModule;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.replica.StateHashCounters;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.lang.management.ManagementFactory;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.function.IntFunction;

/**
 * Three {@code ./ferrum node} processes of one cluster config, as the system tests run them: each
 * member a JVM of its own (optionally behind a command prefix such as {@code ip netns exec NS}),
 * its output echoed with its id, its role and "restored from its snapshot" read from that output,
 * and its counters (commit position, state hash) read from its CnC file as another process would.
 */
final class MemberProcesses implements AutoCloseable
{
    private final ClusterConfig config;
    private final Path configFile;
    private final IntFunction<List<String>> prefix;
    private final Map<String, String> environment;
    private final Process[] members;
    private final String[] roles;
    private final boolean[] restored;

    /**
     * @param prefix the words put before {@code java} for member {@code id} (empty for none)
     */
    MemberProcesses(final ClusterConfig config, final Path configFile, final IntFunction<List<String>> prefix)
    {
        this(config, configFile, prefix, Map.of());
    }

    /**
     * @param environment variables added to each member's environment (the admin token)
     */
    MemberProcesses(
        final ClusterConfig config,
        final Path configFile,
        final IntFunction<List<String>> prefix,
        final Map<String, String> environment)
    {
        this.config = config;
        this.configFile = configFile;
        this.prefix = prefix;
        this.environment = environment;
        final int count = config.members().size();
        members = new Process[count];
        roles = new String[count];
        restored = new boolean[count];
    }

    void start(final int id) throws Exception
    {
        final List<String> command = new ArrayList<>(prefix.apply(id));
        command.addAll(ferrumCommand("node", "--config", configFile.toString(), "--member", Integer.toString(id)));
        final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
        builder.environment().putAll(environment);
        final Process process = builder.start();
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

    /**
     * {@code ./ferrum ARGS} as a JVM of its own, on this JVM's class path with its module openings, small
     * and quick to start: how the system tests run members and gateways as separate processes.
     */
    static List<String> ferrumCommand(final String... args)
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
            "-cp", System.getProperty("java.class.path"), "io.ferrum.ops.cli.Main"));
        command.addAll(List.of(args));
        return command;
    }

    /** SIGKILL, waited for: no shutdown hook, no flush. */
    void kill(final int id) throws InterruptedException
    {
        members[id].destroyForcibly().waitFor();
    }

    /** SIGTERM, waited for: the member ends cleanly, as an operator stops it. */
    void stop(final int id) throws InterruptedException
    {
        members[id].destroy();
        members[id].waitFor();
    }

    boolean isAlive(final int id)
    {
        return null != members[id] && members[id].isAlive();
    }

    /** The exit code of an ended member. */
    int exitValue(final int id)
    {
        return members[id].exitValue();
    }

    boolean restored(final int id)
    {
        return restored[id];
    }

    /** The role the member printed last ("LEADER", "FOLLOWER", "CANDIDATE"), or null. */
    String role(final int id)
    {
        return roles[id];
    }

    /** The first live member whose last printed role is LEADER, or -1. */
    int currentLeader()
    {
        for (int id = 0; id < members.length; id++)
        {
            if ("LEADER".equals(roles[id]) && isAlive(id))
            {
                return id;
            }
        }
        return -1;
    }

    /** Waits for a live leader other than {@code except} (-1 for any). */
    int awaitLeader(final int except) throws InterruptedException
    {
        final int[] leader = { -1 };
        await("a leader", () ->
        {
            leader[0] = currentLeader();
            return leader[0] >= 0 && leader[0] != except;
        });
        return leader[0];
    }

    long commitPosition(final int id)
    {
        return counter(id, ConsensusModule.Configuration.COMMIT_POSITION_TYPE_ID);
    }

    /** A consensus module counter of member {@code id} from its CnC file, -1 when not readable. */
    long counter(final int id, final int typeId)
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
    long[] hashPair(final int id)
    {
        final long[] pair = new long[2];
        if (!CncCounters.read(config.aeronDir(id).toFile(), (counters) -> StateHashCounters.read(counters, id, pair)))
        {
            pair[0] = -1;
        }
        return pair;
    }

    /** The hash position once the member has been quiet for a moment (no newer hash after 300 ms). */
    long settledPosition(final int id)
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

    /** Waits until every member hashes at the same settled position; returns that position. */
    long awaitAllAgree(final String what) throws InterruptedException
    {
        final long[] position = { -1 };
        await(what, () ->
        {
            final long[] first = hashPair(0);
            for (int id = 1; id < members.length; id++)
            {
                if (hashPair(id)[0] != first[0])
                {
                    return false;
                }
            }
            position[0] = first[0];
            return first[0] > 0 && first[0] == settledPosition(0);
        });
        return position[0];
    }

    public void close()
    {
        for (final Process process : members)
        {
            if (null != process)
            {
                process.destroyForcibly();
            }
        }
    }

    static void await(final String what, final BooleanSupplier condition) throws InterruptedException
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
