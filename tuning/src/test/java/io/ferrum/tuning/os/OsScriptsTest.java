package io.ferrum.tuning.os;

import io.ferrum.tuning.FakeHost;
import io.ferrum.tuning.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.TimeUnit;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The OS scripts run with bash against fake host trees (FERRUM_HOST_ROOT) and, without
 * --apply only, against this very host: a dry run must write nothing and exit 0.
 */
class OsScriptsTest
{
    private static final List<String> SCRIPTS =
        List.of("cpu-governor", "boot-params", "irq-affinity", "thp", "swap", "net-buffers", "all");

    @TempDir
    Path tempDir;

    record Result(int exitCode, String output)
    {
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpu-governor", "boot-params", "thp", "swap", "net-buffers", "all" })
    void dryRunOnAnUntunedHostShowsChangesAndWritesNothing(final String script) throws Exception
    {
        final FakeHost host = FakeHost.untuned(tempDir);
        final Map<String, String> before = host.snapshot();

        final Result result = run(host.root(), script);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("nothing was changed (run again with --apply)"), result.output());
        assertEquals(before, host.snapshot(), "a dry run wrote to the host");
    }

    @Test
    void dryRunOfIrqAffinityOnAnUntunedHostSaysIsolateFirst() throws Exception
    {
        final FakeHost host = FakeHost.untuned(tempDir);
        final Map<String, String> before = host.snapshot();

        final Result result = run(host.root(), "irq-affinity");

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("no CPU is isolated"), result.output());
        assertEquals(before, host.snapshot());

        final Result explicit = run(host.root(), "irq-affinity", "--housekeeping", "0-1");
        assertEquals(0, explicit.exitCode(), explicit.output());
        assertTrue(explicit.output().contains("proc/irq/24/smp_affinity_list: 0-7 -> 0-1"), explicit.output());
        assertEquals(before, host.snapshot());
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpu-governor", "boot-params", "irq-affinity", "thp", "swap", "net-buffers" })
    void dryRunOnATunedHostFindsNothingToChange(final String script) throws Exception
    {
        final FakeHost host = FakeHost.tuned(tempDir);
        final Map<String, String> before = host.snapshot();

        final Result result = run(host.root(), script);

        assertEquals(0, result.exitCode(), result.output());
        assertTrue(result.output().contains("nothing to change"), result.output());
        assertEquals(before, host.snapshot());
    }

    @Test
    void applyTunesTheFakeHostAndASecondRunFindsNothingLeft() throws Exception
    {
        final FakeHost host = FakeHost.untuned(tempDir);

        for (final List<String> command : List.of(
            List.of("cpu-governor", "--apply"),
            List.of("boot-params", "--apply"),
            List.of("irq-affinity", "--housekeeping", "0-1", "--apply"),
            List.of("thp", "--apply"),
            List.of("swap", "--apply"),
            List.of("net-buffers", "--apply")))
        {
            final Result result = run(host.root(), command);
            assertEquals(0, result.exitCode(), command + "\n" + result.output());
            assertFalse(result.output().contains("FAILED"), result.output());
        }

        assertEquals("performance\n", host.read("sys/devices/system/cpu/cpu5/cpufreq/scaling_governor"));
        assertEquals("0-1\n", host.read("proc/irq/24/smp_affinity_list"));
        assertEquals("3\n", host.read("proc/irq/default_smp_affinity"));
        assertEquals("madvise\n", host.read("sys/kernel/mm/transparent_hugepage/enabled"));
        assertEquals("advise\n", host.read("sys/kernel/mm/transparent_hugepage/shmem_enabled"));
        assertEquals("0\n", host.read("sys/kernel/mm/transparent_hugepage/khugepaged/defrag"));
        assertEquals("1\n", host.read("proc/sys/vm/swappiness"));
        assertEquals("vm.swappiness = 1\n", host.read("etc/sysctl.d/60-ferrum-swap.conf"));
        assertEquals("2097152\n", host.read("proc/sys/net/core/rmem_max"));
        assertTrue(host.read("etc/sysctl.d/60-ferrum-aeron.conf").contains("net.core.wmem_max = 2097152"));
        assertEquals(
            "GRUB_CMDLINE_LINUX_DEFAULT=\"$GRUB_CMDLINE_LINUX_DEFAULT isolcpus=2-7 nohz_full=2-7 rcu_nocbs=2-7\"\n",
            host.read("etc/default/grub.d/60-ferrum-isolation.cfg"));

        for (final List<String> command : List.of(
            List.of("cpu-governor"), List.of("irq-affinity", "--housekeeping", "0-1"), List.of("thp"),
            List.of("net-buffers")))
        {
            final Result again = run(host.root(), command);
            assertTrue(again.output().contains("nothing to change"), command + "\n" + again.output());
        }
        // The boot parameters only reach /proc/cmdline after a reboot; the drop-in is in place.
        assertTrue(run(host.root(), "boot-params").output().contains("60-ferrum-isolation.cfg is in place"));
    }

    @ParameterizedTest
    @ValueSource(strings = { "cpu-governor", "boot-params", "irq-affinity", "thp", "swap", "net-buffers", "all" })
    void dryRunOnThisHostChangesNothingAndExitsZero(final String script) throws Exception
    {
        final Map<String, String> before = liveFilesTheScriptsCouldWrite();

        final Result result = run(null, script);

        assertEquals(0, result.exitCode(), result.output());
        assertFalse(result.output().contains("  changed  "), result.output());
        assertFalse(result.output().contains("  written  "), result.output());
        assertEquals(before, liveFilesTheScriptsCouldWrite(), "a dry run changed this host");
    }

    @Test
    void badArgumentsAreUsageErrors() throws Exception
    {
        final FakeHost host = FakeHost.untuned(tempDir);
        final Map<String, String> before = host.snapshot();
        for (final List<String> command : List.of(
            List.of("thp", "--bogus"),
            List.of("boot-params", "--cpus"),
            List.of("boot-params", "--cpus", "7-2"),
            List.of("boot-params", "--cpus", "2-9"),
            List.of("boot-params", "--cpus", "0-7"),
            List.of("boot-params", "--cpus", "2;reboot"),
            List.of("irq-affinity", "--housekeeping", "zero"),
            List.of("all", "--now")))
        {
            final Result result = run(host.root(), command);
            assertEquals(64, result.exitCode(), command + "\n" + result.output());
            assertTrue(result.output().contains("usage:") || result.output().contains("--"), result.output());
        }
        assertEquals(before, host.snapshot());
    }

    @Test
    void helpPrintsUsageAndExitsZero() throws Exception
    {
        for (final String script : SCRIPTS)
        {
            final Result result = run(tempDir, script, "--help");
            assertEquals(0, result.exitCode(), script);
            assertTrue(result.output().startsWith("usage: tuning/os/" + script + ".sh"), result.output());
        }
    }

    @Test
    void malformedOrMissingHostFilesGiveAnAnswerNotACrash() throws Exception
    {
        final FakeHost host = FakeHost.untuned(tempDir)
            .write("proc/sys/net/core/rmem_max", "lots\n")
            .write("proc/irq/default_smp_affinity", "zz,zz\n")
            .delete("sys/kernel/mm/transparent_hugepage/shmem_enabled")
            .delete("proc/swaps");
        final Map<String, String> before = host.snapshot();

        final Result net = run(host.root(), "net-buffers");
        assertEquals(0, net.exitCode(), net.output());
        assertTrue(net.output().contains("rmem_max: lots -> 2097152"), net.output());

        final Result thp = run(host.root(), "thp");
        assertEquals(0, thp.exitCode(), thp.output());
        assertTrue(thp.output().contains("shmem_enabled: not present on this host"), thp.output());

        final Result irq = run(host.root(), "irq-affinity", "--housekeeping", "0-1");
        assertEquals(0, irq.exitCode(), irq.output());
        assertTrue(irq.output().contains("default_smp_affinity: zz,zz -> 3"), irq.output());

        assertEquals(0, run(host.root(), "swap").exitCode());
        assertEquals(before, host.snapshot());

        host.write("sys/devices/system/cpu/online", "garbage\n");
        final Result boot = run(host.root(), "boot-params");
        assertEquals(1, boot.exitCode(), boot.output());
        assertTrue(boot.output().contains("cannot read the online CPU list"), boot.output());
    }

    private Result run(final Path hostRoot, final List<String> scriptAndArgs) throws IOException, InterruptedException
    {
        return run(hostRoot, scriptAndArgs.get(0), scriptAndArgs.subList(1, scriptAndArgs.size()).toArray(String[]::new));
    }

    private Result run(final Path hostRoot, final String script, final String... args)
        throws IOException, InterruptedException
    {
        final List<String> command = new ArrayList<>();
        command.add("bash");
        command.add(ProjectFiles.file("tuning/os/" + script + ".sh").toString());
        command.addAll(List.of(args));
        final Path output = Files.createTempFile(tempDir.getParent(), "os-script", ".txt");
        try
        {
            final ProcessBuilder builder = new ProcessBuilder(command)
                .redirectErrorStream(true)
                .redirectOutput(output.toFile());
            builder.environment().remove("FERRUM_HOST_ROOT");
            if (null != hostRoot)
            {
                builder.environment().put("FERRUM_HOST_ROOT", hostRoot.toString());
            }
            final Process process = builder.start();
            assertTrue(process.waitFor(60, TimeUnit.SECONDS), "timed out: " + command);
            return new Result(process.exitValue(), Files.readString(output, StandardCharsets.UTF_8));
        }
        finally
        {
            Files.deleteIfExists(output);
        }
    }

    private static Map<String, String> liveFilesTheScriptsCouldWrite() throws IOException
    {
        final List<Path> files = new ArrayList<>(List.of(
            Path.of("/proc/sys/vm/swappiness"),
            Path.of("/proc/sys/net/core/rmem_max"),
            Path.of("/proc/sys/net/core/wmem_max"),
            Path.of("/proc/swaps"),
            Path.of("/proc/irq/default_smp_affinity"),
            Path.of("/sys/kernel/mm/transparent_hugepage/enabled"),
            Path.of("/sys/kernel/mm/transparent_hugepage/defrag"),
            Path.of("/sys/kernel/mm/transparent_hugepage/shmem_enabled"),
            Path.of("/sys/kernel/mm/transparent_hugepage/khugepaged/defrag"),
            Path.of("/etc/sysctl.d/60-ferrum-swap.conf"),
            Path.of("/etc/sysctl.d/60-ferrum-aeron.conf"),
            Path.of("/etc/default/grub.d/60-ferrum-isolation.cfg")));
        if (Files.isDirectory(Path.of("/proc/irq")))
        {
            try (Stream<Path> irqs = Files.list(Path.of("/proc/irq")))
            {
                irqs.map((irq) -> irq.resolve("smp_affinity_list")).forEach(files::add);
            }
        }
        if (Files.isDirectory(Path.of("/sys/devices/system/cpu")))
        {
            try (Stream<Path> cpus = Files.list(Path.of("/sys/devices/system/cpu")))
            {
                cpus.map((cpu) -> cpu.resolve("cpufreq/scaling_governor")).forEach(files::add);
            }
        }

        final Map<String, String> contents = new TreeMap<>();
        for (final Path file : files)
        {
            String content;
            try
            {
                content = Files.isRegularFile(file) ? Files.readString(file) : "(absent)";
            }
            catch (final IOException ex)
            {
                content = "(unreadable)";
            }
            contents.put(file.toString(), content);
        }
        return contents;
    }
}
