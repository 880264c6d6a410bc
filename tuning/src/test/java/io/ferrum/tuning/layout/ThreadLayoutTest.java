package io.ferrum.tuning.layout;

import io.ferrum.tuning.CpuList;
import io.ferrum.tuning.ProjectFiles;
import net.openhft.affinity.Affinity;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ThreadLayoutTest
{
    private static final String ALL_UNPINNED = """
        netty-event-loop=none
        ring-consumer=none
        driver-conductor=none
        driver-sender=none
        driver-receiver=none
        archive=none
        consensus-module=none
        engine=none
        """;

    @TempDir
    Path tempDir;

    private final List<String> logLines = new ArrayList<>();

    @Test
    void shippedDefaultLayoutPinsNothing()
    {
        final ThreadLayout layout = ThreadLayout.load(
            ProjectFiles.file("tuning/layouts/default.properties"), cpus("0-1"), logLines::add);

        assertEquals("default", layout.name());
        for (final String role : ThreadLayout.ROLES)
        {
            assertEquals(ThreadLayout.NOT_PINNED, layout.cpuOf(role), role);
            assertFalse(layout.pin(role));
        }
        assertTrue(layout.fitsThisMachine());
        assertEquals(List.of(), logLines, "pinning nothing is not a degrade");
    }

    @Test
    void shippedColocatedLayoutPutsTheHotPathOnIsolatedCpus()
    {
        final ThreadLayout layout = ThreadLayout.load(
            ProjectFiles.file("tuning/layouts/colocated-8core.properties"), cpus("0-7"), logLines::add);

        assertEquals("colocated-8core", layout.name());
        assertEquals(2, layout.cpuOf(ThreadLayout.NETTY_EVENT_LOOP));
        assertEquals(3, layout.cpuOf(ThreadLayout.RING_CONSUMER));
        assertEquals(4, layout.cpuOf(ThreadLayout.CONSENSUS_MODULE));
        assertEquals(5, layout.cpuOf(ThreadLayout.ENGINE));
        assertEquals(ThreadLayout.NOT_PINNED, layout.cpuOf(ThreadLayout.DRIVER_CONDUCTOR));
        assertEquals("2-7", CpuList.format(layout.pinnedCpus()));
        assertTrue(layout.fitsThisMachine());
    }

    @Test
    void degradesToNoPinningOnASmallMachineAndSaysSoOnce() throws Exception
    {
        final ThreadLayout layout = ThreadLayout.load(
            ProjectFiles.file("tuning/layouts/colocated-8core.properties"), cpus("0-1"), logLines::add);
        assertFalse(layout.fitsThisMachine());

        final AtomicReference<BitSet> affinityAfter = new AtomicReference<>();
        final BitSet affinityBefore = Affinity.getAffinity();
        final Thread thread = new Thread(() ->
        {
            for (final String role : ThreadLayout.ROLES)
            {
                assertFalse(layout.pin(role), role);
            }
            assertFalse(layout.pin(ThreadLayout.ENGINE));
            affinityAfter.set(Affinity.getAffinity());
        });
        thread.start();
        thread.join();

        assertEquals(1, logLines.size(), logLines.toString());
        assertTrue(logLines.get(0).contains("colocated-8core"), logLines.get(0));
        assertTrue(logLines.get(0).contains("needs CPUs 2-7"), logLines.get(0));
        assertTrue(logLines.get(0).contains("has only 0-1 online"), logLines.get(0));
        assertEquals(affinityBefore, affinityAfter.get(), "the thread was left where the scheduler put it");
    }

    @Test
    void pinsTheCallingThreadWhenTheLayoutFits() throws Exception
    {
        // A CPU this very thread may run on, so the test also passes inside a cpuset.
        final BitSet allowed = Affinity.getAffinity();
        final int cpu = allowed.length() - 1;
        final Path file = write("fits.properties", ALL_UNPINNED.replace("engine=none", "engine=" + cpu));
        final ThreadLayout layout = ThreadLayout.load(file, allowed, logLines::add);

        final AtomicReference<BitSet> pinnedTo = new AtomicReference<>();
        final AtomicReference<Boolean> pinned = new AtomicReference<>();
        final AtomicReference<Boolean> unpinnedRole = new AtomicReference<>();
        final Thread thread = new Thread(() ->
        {
            unpinnedRole.set(layout.pin(ThreadLayout.RING_CONSUMER));
            pinned.set(layout.pin(ThreadLayout.ENGINE));
            pinnedTo.set(Affinity.getAffinity());
        });
        thread.start();
        thread.join();

        assertTrue(pinned.get(), "engine pinned; log: " + logLines);
        assertFalse(unpinnedRole.get());
        assertEquals(cpus(String.valueOf(cpu)), pinnedTo.get());
        assertEquals(List.of(), logLines);
    }

    @Test
    void unknownRoleAtRunTimeIsAProgrammingError()
    {
        final ThreadLayout layout = ThreadLayout.none();
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> layout.pin("enigne"));
        assertTrue(ex.getMessage().contains("enigne"), ex.getMessage());
    }

    @Test
    void malformedFilesAreRefusedNamingTheLineAndKey() throws Exception
    {
        assertRefused("no-equals", ALL_UNPINNED + "engine 3\n", ":9:", "expected 'key = value'");
        assertRefused("typo", ALL_UNPINNED.replace("ring-consumer=none", "ring-consmer=3"), ":2:", "'ring-consmer'");
        assertRefused("twice", ALL_UNPINNED + "engine=3\n", ":9:", "'engine' given twice (first on line 8)");
        assertRefused("word", ALL_UNPINNED.replace("engine=none", "engine=two"), ":8:", "'engine' has value 'two'");
        assertRefused("negative", ALL_UNPINNED.replace("engine=none", "engine=-1"), ":8:", "'engine' has value '-1'");
        assertRefused("empty", ALL_UNPINNED.replace("engine=none", "engine="), ":8:", "'engine' has value ''");
        assertRefused("huge", ALL_UNPINNED.replace("engine=none", "engine=5000"), ":8:", "'engine' names CPU 5000");
        assertRefused("shared",
            ALL_UNPINNED.replace("engine=none", "engine=3").replace("archive=none", "archive=3"),
            ":8:", "'engine' puts a second thread on CPU 3, already given to 'archive'");
        assertRefused("missing", ALL_UNPINNED.replace("archive=none\n", ""), "missing.properties", "missing key 'archive'");
        assertRefused("binary", "\u00ff\u00fe\u0000garbage\n" + ALL_UNPINNED, ":1:", "expected 'key = value'");
    }

    @Test
    void missingFileIsAClearError()
    {
        final Path missing = tempDir.resolve("nope.properties");
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> ThreadLayout.load(missing, cpus("0-1"), logLines::add));
        assertTrue(ex.getMessage().contains("nope.properties"), ex.getMessage());
    }

    @Test
    void commentsAndBlankLinesAreIgnored() throws Exception
    {
        final Path file = write("commented.properties",
            "# header\n\n" + ALL_UNPINNED.replace("engine=none", "engine = 1   # the engine\r"));
        assertEquals(1, ThreadLayout.load(file, cpus("0-1"), logLines::add).cpuOf(ThreadLayout.ENGINE));
    }

    @Test
    void systemPropertiesChooseTheLayout() throws Exception
    {
        final String before = System.getProperty(ThreadLayout.LAYOUT_PROPERTY);
        try
        {
            System.clearProperty(ThreadLayout.LAYOUT_PROPERTY);
            assertEquals("none", ThreadLayout.fromSystemProperties().name());
            assertTrue(ThreadLayout.onlineCpus().cardinality() >= 1);

            System.setProperty(ThreadLayout.LAYOUT_PROPERTY,
                ProjectFiles.file("tuning/layouts/colocated-8core.properties").toString());
            assertEquals(5, ThreadLayout.fromSystemProperties().cpuOf(ThreadLayout.ENGINE));

            System.setProperty(ThreadLayout.LAYOUT_PROPERTY, "default");
            assertEquals("default", ThreadLayout.fromSystemProperties().name(), "a name is looked up in tuning/layouts");

            System.setProperty(ThreadLayout.LAYOUT_PROPERTY, tempDir.resolve("absent.properties").toString());
            assertThrows(IllegalArgumentException.class, ThreadLayout::fromSystemProperties);
        }
        finally
        {
            if (null == before)
            {
                System.clearProperty(ThreadLayout.LAYOUT_PROPERTY);
            }
            else
            {
                System.setProperty(ThreadLayout.LAYOUT_PROPERTY, before);
            }
        }
    }

    private void assertRefused(final String name, final String text, final String where, final String what)
        throws Exception
    {
        final Path file = write(name + ".properties", text);
        final IllegalArgumentException ex = assertThrows(
            IllegalArgumentException.class, () -> ThreadLayout.load(file, cpus("0-7"), logLines::add), name);
        assertTrue(ex.getMessage().contains(name + ".properties" + (where.startsWith(":") ? where : "")),
            name + ": " + ex.getMessage());
        assertTrue(ex.getMessage().contains(what), name + ": " + ex.getMessage());
    }

    private Path write(final String name, final String text) throws Exception
    {
        return Files.writeString(tempDir.resolve(name), text);
    }

    private static BitSet cpus(final String list)
    {
        return CpuList.parse(list);
    }
}
