package io.ferrum.bench.latency;

import io.ferrum.ops.cli.DurationConverter;
import io.ferrum.ops.cli.ExitCodes;
import io.ferrum.ops.cli.FerrumCommand;
import io.ferrum.ops.cli.Main;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile command lines get a clear usage error before anything starts. */
class BenchCommandTest
{
    /** What ./ferrum bench ARGS prints on stderr, checking that it is a usage error and nothing ran. */
    private static String refusal(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ExitCodes.USAGE, Main.run(new BenchCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertEquals(0, out.size(), "nothing ran");
        return err.toString(StandardCharsets.UTF_8);
    }

    /** The options ./ferrum bench latency ARGS would run with. */
    static LatencyOptions options(final String... args)
    {
        final LatencyCommand command = new LatencyCommand();
        new CommandLine(command).registerConverter(Duration.class, new DurationConverter()).parseArgs(args);
        return command.options();
    }

    @Test
    void theLauncherFindsTheCommand()
    {
        assertTrue(ServiceLoader.load(FerrumCommand.class).stream().anyMatch(p -> p.type() == BenchCommand.class));
    }

    @Test
    void followsTheLaunchersConventions()
    {
        assertTrue(refusal("latency", "--duration=abc").contains("ferrum bench latency: Invalid value for option '--duration'"));
        assertTrue(refusal("latency", "--duration").contains("(see ./ferrum help bench latency)"));
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        assertEquals(0, Main.run(List.of("help", "bench"), print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("latency"), out.toString(StandardCharsets.UTF_8));
        out.reset();
        assertEquals(0, Main.run(List.of("bench", "latency", "--help"), print, print));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--rates=LIST"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void badRates()
    {
        assertTrue(refusal("latency", "--rates", "abc").contains("not a rate: 'abc'"));
        assertTrue(refusal("latency", "--rates", "0").contains("outside 1.."));
        assertTrue(refusal("latency", "--rates", "-5").contains("outside 1..5000000"));
        assertTrue(refusal("latency", "--rates", "10k,5k").contains("must rise"));
        assertTrue(refusal("latency", "--rates", "99m").contains("outside 1.."));
        assertTrue(refusal("latency", "--rates", "9223372036854775807k").contains("not a rate"));
        assertTrue(refusal("latency", "--rates", ",,").contains("needs a list"));
        assertTrue(refusal("latency", "--rates").contains("Missing required parameter for option '--rates'"));
    }

    @Test
    void badOptionsAndSubcommands()
    {
        assertTrue(refusal().contains("which benchmark"));
        assertTrue(refusal("throughput").contains("'throughput'"));
        assertTrue(refusal("latency", "--bogus").contains("Unknown option: '--bogus'"));
        assertTrue(refusal("latency", "extra").contains("'extra'"));
        assertTrue(refusal("latency", "--duration", "10").contains("is not a duration"));
        assertTrue(refusal("latency", "--duration", "0s").contains("must be positive"));
        assertTrue(refusal("latency", "--duration", "10ms").contains("at least 100ms"));
        assertTrue(refusal("latency", "--profile", "turbo").contains("unknown profile 'turbo'"));
        assertTrue(refusal("latency", "--rates", "5m", "--duration", "10m").contains("too long"));
    }

    @Test
    void colocatedNeedsIsolatedCores()
    {
        if (Runtime.getRuntime().availableProcessors() < LatencyOptions.COLOCATED_MIN_CORES)
        {
            assertTrue(refusal("latency", "--profile", "colocated").contains("needs isolated cores"));
        }
        else
        {
            assertEquals("COLOCATED", options("--profile", "colocated").profile.name());
        }
    }

    @Test
    void quickIsTheShortProfileAndLaterOptionsOverrideIt()
    {
        final LatencyOptions quick = options("--quick");
        assertEquals(List.of(1_000L, 5_000L, 10_000L), quick.rates);
        assertEquals(4, quick.phases().size(), "warm-up and three rates");
        assertEquals(List.of(20_000L), options("--quick", "--rates", "20k").rates);
    }
}
