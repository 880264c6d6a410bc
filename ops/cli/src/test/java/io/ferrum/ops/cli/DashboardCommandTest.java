package io.ferrum.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./ferrum dashboard}'s refusals, each with its exit status and one line saying why; the
 * page itself is tested in a browser ({@code DashboardBrowserTest}).
 */
class DashboardCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void optionsThatDoNotGoTogetherAreUsageErrors()
    {
        assertEquals(ExitCodes.USAGE, run("--member", "1"));
        assertTrue(stderr().contains("--member N (N >= 0) goes with --config"), stderr());
        assertEquals(ExitCodes.USAGE, run("--port", "70000"));
        assertTrue(stderr().contains("--port must be 0..65535"), stderr());
        assertEquals(ExitCodes.USAGE, run("--journal", dir.toString(), "--config", dir.resolve("cluster.conf").toString()));
        assertTrue(stderr().contains("give --journal or --config, not both"), stderr());
    }

    @Test
    void whatIsNotThereIsNoInput() throws Exception
    {
        assertEquals(ExitCodes.NO_INPUT, run("--backtest", dir.resolve("missing").toString()));
        assertTrue(stderr().contains("does not exist"), stderr());
        assertEquals(ExitCodes.NO_INPUT, run("--journal", dir.resolve("missing").toString()));
        assertTrue(stderr().contains("is not a directory"), stderr());
        final Path notABacktest = Files.createDirectories(dir.resolve("empty"));
        assertEquals(ExitCodes.NO_INPUT, run("--backtest", notABacktest.toString(), "--port", "0"));
        assertTrue(stderr().contains("holds no result.json nor sweep.txt"), stderr());
        assertEquals("", out.toString(StandardCharsets.UTF_8), "no start line when nothing is served");
    }

    @Test
    void aPortInUseIsUnavailable() throws Exception
    {
        try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress()))
        {
            assertEquals(ExitCodes.UNAVAILABLE, run("--port", Integer.toString(taken.getLocalPort()),
                "--root", dir.toString()));
            assertTrue(stderr().contains("cannot serve on 127.0.0.1:" + taken.getLocalPort()), stderr());
        }
    }

    private int run(final String... args)
    {
        err.reset();
        return Main.run(new DashboardCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String stderr()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
