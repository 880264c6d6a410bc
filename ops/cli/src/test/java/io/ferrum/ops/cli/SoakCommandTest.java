package io.ferrum.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * What {@code ./ferrum soak} refuses before it starts anything. The soak itself runs in CI as a
 * command of its own ({@code .ci/run}: two minutes, then verify), too long for the suite.
 */
class SoakCommandTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aDirectoryWithAnythingInItIsRefusedSoNoOtherClustersDataIsTouched(@TempDir final Path dir) throws Exception
    {
        Files.writeString(dir.resolve("cluster.conf"), "cluster.dir = somewhere\n");

        assertEquals(ExitCodes.USAGE, run("--dir", dir.toString()));
        assertTrue(err().contains("is not empty"), err());
        assertEquals("cluster.dir = somewhere\n", Files.readString(dir.resolve("cluster.conf")), "left as it was");
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing started");
    }

    @Test
    void tooShortADurationOrANonPositiveKillIntervalIsAUsageError(@TempDir final Path dir) throws Exception
    {
        assertEquals(ExitCodes.USAGE, run("--dir", dir.resolve("a").toString(), "--duration", "10s"));
        assertTrue(err().contains("at least 30s"), err());
        assertEquals(ExitCodes.USAGE, run("--dir", dir.resolve("b").toString(), "--kill-interval", "0s"));
        assertEquals(ExitCodes.USAGE, run("--dir", dir.resolve("c").toString(), "--duration", "forever"));
        assertTrue(Files.notExists(dir.resolve("a")) && Files.notExists(dir.resolve("b")), "nothing created");
    }

    private int run(final String... args) throws Exception
    {
        return Main.run(new SoakCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
