package io.ferrum.ops.cli;

import io.ferrum.codecs.json.JsonOut;
import io.ferrum.ops.soak.Soak;
import io.ferrum.ops.soak.SoakResult;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;

/**
 * {@code ./ferrum soak}: three members, the gateway and the simulator on this machine, members
 * killed at random ({@link Soak}), then {@code ./ferrum verify} on the cluster it leaves running.
 * One JSON line per failure as it happens, the verifier's lines, and a {@code soak_summary}; exit 0
 * when every failure healed as it must and verify passed, 1 otherwise.
 */
@Command(name = "soak", header = "run 3 members, the gateway and the simulator, kill members at random, then verify",
    footer = {"Exit status: 0 every failure healed and verify passed, 1 a check failed or the cluster did not",
        "start or heal in time (see DIR/logs), 64 usage."})
public final class SoakCommand implements FerrumCommand
{
    @Option(names = "--duration", paramLabel = "DURATION", description = "how long to run (default 2m)")
    Duration duration = Duration.ofMinutes(2);

    @Option(names = "--dir", paramLabel = "DIR",
        description = "a new or empty directory for the cluster file, the data and the logs (default ferrum-data/soak-<seed>)")
    Path dir;

    @Option(names = "--seed", paramLabel = "N", description = "the kill schedule's and the flow's seed (default: from the clock)")
    Long seed;

    @Option(names = "--kill-interval", paramLabel = "DURATION",
        description = "mean time from a healed failure to the next (default 15s)")
    Duration killInterval = Duration.ofSeconds(15);

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        if (duration.compareTo(Duration.ofSeconds(30)) < 0 || killInterval.isZero() || killInterval.isNegative())
        {
            throw new UsageException("--duration of at least 30s (the last 20 s are kept free of failures) " +
                "and a positive --kill-interval");
        }
        final long seed = null == this.seed ? System.nanoTime() : this.seed;
        final Path dir = null == this.dir ? Path.of("ferrum-data", "soak-" + seed) : this.dir;
        if (Files.exists(dir) && !isEmptyDirectory(dir))
        {
            throw new UsageException("--dir " + dir + " is not empty: a soak starts a cluster of its own, give a new directory");
        }
        final long startNs = System.nanoTime();
        try (Termination stop = Termination.install("soak", Duration.ofSeconds(60));
            Soak soak = new Soak(dir, seed, duration.toNanos(), killInterval.toNanos(), out))
        {
            out.println(JsonOut.object().field("type", "soak_start").field("dir", dir.toString()).field("seed", seed)
                .field("duration_ms", duration.toMillis()).field("config", soak.configFile().toString()).toString());
            out.flush();
            final SoakResult result;
            try
            {
                result = soak.run(stop::isRequested, seed);
            }
            catch (final IllegalStateException ex)
            {
                throw new CommandException(ExitCodes.CHECK_FAILED, ex.getMessage());
            }
            final VerifyCommand verify = new VerifyCommand();
            verify.configFile = soak.configFile();
            final boolean verified = ExitCodes.OK == verify.run(out, err);
            final JsonOut summary = JsonOut.object().field("type", "soak_summary").field("seed", seed)
                .field("ran_ms", (System.nanoTime() - startNs) / 1_000_000).field("kills", result.kills())
                .field("leader_kills", result.leaderKills()).field("restarts", result.restarts())
                .field("two_lost", result.doubleLosses()).field("two_lost_committed_nothing", result.stallsHeld())
                .field("false_elections", result.falseElections()).beginArray("takeover_ms");
            result.takeoversMs().forEach(summary::value);
            summary.endArray().field("caught_up", result.caughtUp()).field("gateway_stopped", result.gatewayStopped())
                .field("verify_ok", verified).field("ok", verified && result.passed());
            if (null != result.gatewaySummary())
            {
                summary.rawField("gateway", result.gatewaySummary());
            }
            out.println(summary.toString());
            out.flush();
            return verified && result.passed() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    private static boolean isEmptyDirectory(final Path dir) throws IOException
    {
        if (!Files.isDirectory(dir))
        {
            return false;
        }
        try (Stream<Path> entries = Files.list(dir))
        {
            return entries.findAny().isEmpty();
        }
    }
}
