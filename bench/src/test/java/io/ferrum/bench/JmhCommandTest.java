package io.ferrum.bench;

import io.ferrum.ops.cli.ExitCodes;
import io.ferrum.ops.cli.FerrumCommand;
import io.ferrum.ops.cli.Main;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.ServiceLoader;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class JmhCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void isFoundByTheLauncherThroughServiceLoader()
    {
        assertTrue(ServiceLoader.load(FerrumCommand.class).stream().anyMatch((p) -> p.type() == JmhCommand.class));
    }

    @Test
    void badOptionsAreUsageErrorsBeforeAnythingRuns() throws Exception
    {
        assertEquals(ExitCodes.USAGE, run(new JmhCommand(), "--forks", "3"));
        assertEquals(ExitCodes.USAGE, run(new JmhCommand(), "--out"));
        assertEquals(ExitCodes.USAGE, run(new JmhCommand(), "--quick", "-prof"));
        assertEquals(0, out.size(), "nothing ran");
    }

    @Test
    void aRegexThatMatchesNoBenchmarkIsAUsageError() throws Exception
    {
        // Nothing matches, so JMH forks nothing: this runs in milliseconds.
        assertEquals(ExitCodes.USAGE, run(new JmhCommand(), "--quick", "--out",
            System.getProperty("java.io.tmpdir") + "/ferrum-jmh-test.json", "NoSuchBenchmarkAnywhere"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no benchmark matches [NoSuchBenchmarkAnywhere]"));
    }

    @Test
    void medianOfIterations()
    {
        assertEquals(3.0, JmhSummary.median(List.of(9.0, 1.0, 3.0)));
        assertEquals(2.5, JmhSummary.median(List.of(4.0, 1.0, 2.0, 3.0)));
        assertTrue(Double.isNaN(JmhSummary.median(List.of())));
    }

    private int run(final JmhCommand command, final String... args) throws Exception
    {
        return Main.run(new JmhCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
