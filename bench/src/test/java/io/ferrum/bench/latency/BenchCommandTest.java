package io.ferrum.bench.latency;

import io.ferrum.ops.cli.Command;
import io.ferrum.ops.cli.UsageException;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Hostile command lines get a clear usage error before anything starts. */
class BenchCommandTest
{
    private static String refusal(final String... args)
    {
        final ByteArrayOutputStream out = new ByteArrayOutputStream();
        final PrintStream print = new PrintStream(out, true, StandardCharsets.UTF_8);
        final UsageException ex = assertThrows(UsageException.class, () -> new BenchCommand().run(List.of(args), print, print));
        assertEquals(0, out.size(), "nothing ran");
        return ex.getMessage();
    }

    @Test
    void theLauncherFindsTheCommand()
    {
        assertTrue(ServiceLoader.load(Command.class).stream().anyMatch(p -> p.get().name().equals("bench")));
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
        assertTrue(refusal("latency", "--rates").contains("--rates needs a value"));
    }

    @Test
    void badOptionsAndSubcommands()
    {
        assertTrue(refusal().contains("which benchmark"));
        assertTrue(refusal("throughput").contains("unknown benchmark: 'throughput'"));
        assertTrue(refusal("latency", "--bogus").contains("unknown option: --bogus"));
        assertTrue(refusal("latency", "extra").contains("unexpected argument: extra"));
        assertTrue(refusal("latency", "--duration", "10").contains("needs a duration"));
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
            assertEquals("COLOCATED", LatencyOptions.parse(List.of("--profile", "colocated")).profile.name());
        }
    }

    @Test
    void quickIsTheShortProfileAndLaterOptionsOverrideIt()
    {
        final LatencyOptions quick = LatencyOptions.parse(List.of("--quick"));
        assertEquals(List.of(1_000L, 5_000L, 10_000L), quick.rates);
        assertEquals(4, quick.phases().size(), "warm-up and three rates");
        assertEquals(List.of(20_000L), LatencyOptions.parse(List.of("--quick", "--rates", "20k")).rates);
    }
}
