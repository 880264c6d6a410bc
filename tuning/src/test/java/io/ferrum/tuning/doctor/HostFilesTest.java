package io.ferrum.tuning.doctor;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class HostFilesTest
{
    @TempDir
    Path tempDir;

    @Test
    void readsProcSysFilesWholeLikeCatDoes() throws Exception
    {
        final HostFiles host = new HostFiles(Path.of("/"));
        for (final String file : List.of("/proc/sys/vm/swappiness", "/proc/sys/net/core/rmem_max", "/proc/cmdline"))
        {
            if (Files.isReadable(Path.of(file)))
            {
                final Process cat = new ProcessBuilder("cat", file).start();
                final String expected = new String(cat.getInputStream().readAllBytes(), StandardCharsets.UTF_8).trim();
                assertEquals(0, cat.waitFor());
                assertEquals(expected, host.read(file).orElseThrow(), file);
            }
        }
    }

    @Test
    void missingDirectoriesAndHugeFilesReadAsAbsent() throws Exception
    {
        final HostFiles host = new HostFiles(tempDir);
        assertTrue(host.read("/proc/nothing").isEmpty());
        Files.createDirectories(tempDir.resolve("proc/dir"));
        assertTrue(host.read("/proc/dir").isEmpty());
        Files.write(tempDir.resolve("proc/huge"), new byte[(1 << 20) + 1]);
        assertTrue(host.read("/proc/huge").isEmpty());
        assertEquals(List.of(), host.numbered("/sys/absent", "cpu"));
    }

    @Test
    void numberedEntriesSortNumerically() throws Exception
    {
        for (final String name : List.of("cpu10", "cpu2", "cpufreq", "cpuidle", "cpu0", "cpu1x"))
        {
            Files.createDirectories(tempDir.resolve("sys/cpu").resolve(name));
        }
        assertEquals(List.of("cpu0", "cpu2", "cpu10"), new HostFiles(tempDir).numbered("/sys/cpu", "cpu"));
    }
}
