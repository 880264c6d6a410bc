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

/** {@code ./ferrum doctor} through the launcher's own dispatch, on this very host. */
class DoctorCommandTest
{
    @TempDir
    Path tempDir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void isRegisteredWithTheLauncher()
    {
        assertEquals(0, run("help", "doctor"));
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("--layout"), out.toString(StandardCharsets.UTF_8));
    }

    @Test
    void reportsThisHostHonestly() throws Exception
    {
        final int status = run("doctor");
        final String report = out.toString(StandardCharsets.UTF_8);

        assertTrue(report.startsWith("ferrum doctor: this host"), report);
        for (final String item : List.of("cpus", "isolated cpus", "nohz_full", "rcu_nocbs", "cpu governor", "thp",
            "swap", "net buffers", "/dev/shm", "numa", "jdk", "jvm flags"))
        {
            assertTrue(report.contains("] " + item + " "), "no line for " + item + ":\n" + report);
        }
        assertEquals(report.contains("verdict: fit for the colocated profile") ? 0 : DoctorCommand.EXIT_NOT_FIT, status);

        final Path isolatedFile = Path.of("/sys/devices/system/cpu/isolated");
        if (Files.isReadable(isolatedFile) && Files.readString(isolatedFile).isBlank())
        {
            assertTrue(report.matches("(?s).*\\[FAIL] isolated cpus +no CPU is isolated.*"), report);
            assertTrue(report.contains("fix: sudo tuning/os/boot-params.sh --cpus 2-7 --apply, then reboot"), report);
            assertEquals(DoctorCommand.EXIT_NOT_FIT, status, "a host without isolated CPUs is not fit");
        }
    }

    @Test
    void readsAnotherHostTreeAndLayout() throws Exception
    {
        final Path layout = Files.writeString(tempDir.resolve("tiny.properties"), String.join("\n",
            "netty-event-loop=none", "ring-consumer=none", "driver-conductor=none", "driver-sender=none",
            "driver-receiver=none", "archive=none", "consensus-module=none", "engine=1", ""));
        final Path root = Files.createDirectories(tempDir.resolve("host"));
        Files.createDirectories(root.resolve("sys/devices/system/cpu"));
        Files.writeString(root.resolve("sys/devices/system/cpu/online"), "0-1\n");
        Files.writeString(root.resolve("sys/devices/system/cpu/isolated"), "1\n");
        Files.createDirectories(root.resolve("proc"));
        Files.writeString(root.resolve("proc/cmdline"), "quiet isolcpus=1 nohz_full=1 rcu_nocbs=1\n");

        final int status = run("doctor", "--layout", layout.toString(), "--root", root.toString());
        final String report = out.toString(StandardCharsets.UTF_8);

        assertEquals(DoctorCommand.EXIT_NOT_FIT, status, report);
        assertTrue(report.contains("layout tiny"), report);
        assertTrue(report.matches("(?s).*\\[ OK ] isolated cpus +1\\R.*"), report);
        assertTrue(report.contains("[FAIL] net buffers"), report);
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception
    {
        assertEquals(ExitCodes.USAGE, run("doctor", "--bogus"));
        assertEquals(ExitCodes.USAGE, run("doctor", "--layout"));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("(see ./ferrum help doctor)"), err.toString());
        assertEquals(ExitCodes.NO_INPUT, run("doctor", "--root", tempDir.resolve("missing").toString()));
    }

    @Test
    void missingLayoutIsAFailedItemNotACrash() throws Exception
    {
        final int status = run("doctor", "--layout", tempDir.resolve("nope.properties").toString());
        final String report = out.toString(StandardCharsets.UTF_8);
        assertEquals(DoctorCommand.EXIT_NOT_FIT, status);
        assertTrue(report.contains("[FAIL] layout"), report);
        assertTrue(report.contains("nope.properties"), report);
    }

    private int run(final String... args)
    {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }
}
