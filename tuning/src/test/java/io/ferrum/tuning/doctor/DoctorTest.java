package io.ferrum.tuning.doctor;

import io.ferrum.tuning.FakeHost;
import io.ferrum.tuning.ProjectFiles;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

class DoctorTest
{
    private static final String OPENS = "--add-opens=java.base/jdk.internal.misc=ALL-UNNAMED";
    private static final JvmFacts JDK_17_COLOCATED = new JvmFacts(
        17, "17.0.15+6", "OpenJDK 64-Bit Server VM",
        List.of(OPENS, "-Xms2g", "-Xmx2g", "-XX:+UseZGC", "-XX:+AlwaysPreTouch"), 2L << 30, List.of("ZGC Cycles", "ZGC Pauses"));

    @TempDir
    Path tempDir;

    @Test
    void tunedHostIsFit()
    {
        final Report report = examine(FakeHost.tuned(tempDir), JDK_17_COLOCATED);

        assertTrue(report.fit(), text(report));
        assertEquals(0, report.count(Status.FAIL), text(report));
        assertEquals(0, report.count(Status.WARN), text(report));
        assertEquals(Status.OK, report.find("isolated cpus").status());
        assertEquals("2-7", report.find("isolated cpus").found());
        assertEquals("nohz_full=2-7", report.find("nohz_full").found());
        assertEquals("performance on all 8 CPUs", report.find("cpu governor").found());
        assertEquals("8.0 GiB", report.find("/dev/shm").found().split(" \\(")[0].replace("tmpfs ", ""));
        assertTrue(text(report).contains("verdict: fit for the colocated profile"), text(report));
        assertEquals("Fake Xeon 8-core @ 3.5GHz", report.find("cpu model").found());
    }

    @Test
    void untunedHostFailsItemByItemWithTheFix()
    {
        final Report report = examine(FakeHost.untuned(tempDir), JDK_17_COLOCATED);

        assertFalse(report.fit());
        assertFinding(report, "cpus", Status.OK, "8 online (0-7)", "");
        assertFinding(report, "isolated cpus", Status.FAIL, "no CPU is isolated",
            "sudo tuning/os/boot-params.sh --cpus 2-7 --apply, then reboot");
        assertFinding(report, "nohz_full", Status.FAIL, "not on the kernel command line", "boot-params.sh");
        assertFinding(report, "rcu_nocbs", Status.FAIL, "not on the kernel command line", "boot-params.sh");
        assertFinding(report, "cpu governor", Status.FAIL, "cpu0=powersave", "sudo tuning/os/cpu-governor.sh --apply");
        assertFinding(report, "thp", Status.FAIL, "enabled=always defrag=madvise", "sudo tuning/os/thp.sh --apply");
        assertFinding(report, "thp shmem", Status.WARN, "shmem_enabled=never", "thp.sh");
        assertFinding(report, "khugepaged", Status.WARN, "defrag=1", "thp.sh");
        assertFinding(report, "swap", Status.FAIL, "active: /swapfile", "sudo tuning/os/swap.sh --apply");
        assertFinding(report, "swappiness", Status.WARN, "vm.swappiness=60", "swap.sh");
        assertFinding(report, "net buffers", Status.FAIL, "rmem_max=212992 wmem_max=212992",
            "sudo tuning/os/net-buffers.sh --apply");
        assertFinding(report, "/dev/shm", Status.FAIL, "64 MiB", "remount,size=2g");
        assertFinding(report, "irq affinity", Status.INFO, "not checked: no CPU is isolated", "");
        assertTrue(text(report).contains("verdict: NOT fit for the colocated profile (8 failed"), text(report));
    }

    @Test
    void isolatedHostWithIrqsOnIsolatedCpusAndHyperThreadsIsWarned()
    {
        final FakeHost host = FakeHost.tuned(tempDir)
            .write("proc/irq/24/smp_affinity_list", "0-7\n")
            .write("sys/devices/system/cpu/cpu5/topology/thread_siblings_list", "1,5\n")
            .write("sys/devices/system/cpu/cpu1/topology/thread_siblings_list", "1,5\n");

        final Report report = examine(host, JDK_17_COLOCATED);

        assertTrue(report.fit(), "warnings do not make a host unfit: " + text(report));
        assertFinding(report, "irq affinity", Status.WARN, "1 IRQ(s) may run on isolated CPUs: 24",
            "sudo tuning/os/irq-affinity.sh --apply");
        assertFinding(report, "smt siblings", Status.WARN, "hyper-threads 1 share cores", "nosmt");
    }

    @Test
    void layoutThatNeedsMoreCpusThanTheHostHas()
    {
        final FakeHost host = FakeHost.tuned(tempDir)
            .write("sys/devices/system/cpu/online", "0-1\n")
            .write("sys/devices/system/cpu/isolated", "\n");

        final Report report = examine(host, JDK_17_COLOCATED);

        assertFalse(report.fit());
        assertFinding(report, "cpus", Status.FAIL, "2 online (0-1); the layout needs CPUs 2-7 too", "tuning/layouts/");
        assertFinding(report, "smt siblings", Status.INFO, "not checked", "");
    }

    @Test
    void missingAndMalformedFilesAreFindingsNotCrashes()
    {
        final FakeHost host = FakeHost.tuned(tempDir)
            .delete("sys/devices/system/cpu/isolated")
            .write("proc/cmdline", "quiet nohz_full=two-seven rcu_nocbs=2-7 -- nohz_full=2-7\n")
            .write("proc/sys/net/core/rmem_max", "\u0000\u0001binary\n")
            .delete("proc/sys/net/core/wmem_max")
            .write("sys/kernel/mm/transparent_hugepage/enabled", "")
            .delete("proc/swaps")
            .write("proc/mounts", "tmpfs /dev/shm tmpfs rw,size=lots 0 0\n")
            .delete("proc/meminfo")
            .write("proc/cpuinfo", "garbage")
            .write("sys/devices/system/cpu/cpu3/cpufreq/scaling_governor", "\n");

        final Report report = examine(host, JDK_17_COLOCATED);

        assertFalse(report.fit());
        assertFinding(report, "isolated cpus", Status.FAIL, "cannot read /sys/devices/system/cpu/isolated", "boot-params.sh");
        assertFinding(report, "nohz_full", Status.FAIL, "cannot parse 'two-seven'", "boot-params.sh");
        assertFinding(report, "rcu_nocbs", Status.OK, "rcu_nocbs=2-7", "");
        assertFinding(report, "net buffers", Status.FAIL, "rmem_max=unreadable wmem_max=unreadable", "net-buffers.sh");
        assertFinding(report, "thp", Status.FAIL, "enabled= defrag=madvise", "thp.sh");
        assertFinding(report, "swap", Status.WARN, "cannot read /proc/swaps", "swapon");
        assertFinding(report, "/dev/shm", Status.WARN, "cannot tell the size from options 'rw,size=lots'", "");
        assertFinding(report, "memory", Status.INFO, "unknown total", "");
        assertFinding(report, "cpu model", Status.INFO, "unknown", "");
        assertFinding(report, "cpu governor", Status.FAIL, "cpu3=", "cpu-governor.sh");
    }

    @Test
    void emptyRootIsAnswerableToo()
    {
        final Report report = examine(FakeHost.untuned(tempDir).delete("sys/devices/system/cpu/online"), JDK_17_COLOCATED);
        assertFinding(report, "cpus", Status.FAIL, "cannot read /sys/devices/system/cpu/online", "");

        final Path empty = tempDir.resolve("empty");
        final Report nothing = new Doctor(new Doctor.Context()
            .hostRoot(empty)
            .layoutFile(ProjectFiles.file("tuning/layouts/colocated-8core.properties"))
            .jvm(JDK_17_COLOCATED)).examine();
        assertFalse(nothing.fit());
        assertTrue(text(nothing).contains("verdict: NOT fit"), text(nothing));
    }

    @Test
    void badLayoutIsReportedAndUnfit() throws Exception
    {
        final Path layout = Files.writeString(tempDir.resolve("broken.properties"), "engine=two\n");
        final Report report = new Doctor(new Doctor.Context()
            .hostRoot(FakeHost.tuned(tempDir.resolve("host")).root())
            .layoutFile(layout)
            .jvm(JDK_17_COLOCATED)).examine();

        assertFalse(report.fit());
        assertFinding(report, "layout", Status.FAIL, "'engine' has value 'two'", "--layout");
    }

    @Test
    void jvmFactsAreReported()
    {
        final JvmFacts jdk21NoOpens = new JvmFacts(21, "21.0.2", "OpenJDK 64-Bit Server VM", List.of("-Xmx512m"),
            512L << 20, List.of("G1 Young Generation"));
        final Report report = examine(FakeHost.tuned(tempDir), jdk21NoOpens);

        assertFinding(report, "jdk", Status.WARN, "21.0.2", "JDK 17 or 25");
        assertFinding(report, "jvm flags", Status.WARN, "Aeron's --add-opens are missing", "./ferrum");
        assertTrue(report.fit(), "JDK and flags of the doctor's own JVM only warn");

        final Report colocated = examine(FakeHost.tuned(tempDir), JDK_17_COLOCATED);
        assertFinding(colocated, "jdk", Status.OK, "17.0.15+6", "");
        assertFinding(colocated, "jvm flags", Status.INFO, "-XX:+UseZGC -XX:+AlwaysPreTouch", "");
    }

    @Test
    void multipleNumaNodesAskForBinding()
    {
        final FakeHost host = FakeHost.tuned(tempDir)
            .write("sys/devices/system/node/node0/cpulist", "0-3\n")
            .write("sys/devices/system/node/node1/cpulist", "4-7\n");
        assertFinding(examine(host, JDK_17_COLOCATED), "numa", Status.FAIL, "span more than one", "");

        host.write("sys/devices/system/node/node0/cpulist", "0-7\n").write("sys/devices/system/node/node1/cpulist", "8-15\n");
        assertFinding(examine(host, JDK_17_COLOCATED), "numa", Status.WARN, "all on node0",
            "numactl --cpunodebind=0 --membind=0");
    }

    @Test
    void thisHostGetsAVerdictWithoutErrors()
    {
        final Report report = new Doctor(new Doctor.Context()
            .layoutFile(ProjectFiles.file("tuning/layouts/colocated-8core.properties"))).examine();
        final String text = text(report);
        assertTrue(text.contains("verdict: "), text);
        assertTrue(report.findings().size() > 15, text);
    }

    @Test
    void bootParameterTakesTheLastValueBeforeTheInitSeparator()
    {
        assertEquals("2-3", Doctor.bootParameter("a isolcpus=1 isolcpus=2-3 -- isolcpus=9", "isolcpus").orElseThrow());
        assertTrue(Doctor.bootParameter("nohz_fullx=1 quiet", "nohz_full").isEmpty());
    }

    private Report examine(final FakeHost host, final JvmFacts jvm)
    {
        return new Doctor(new Doctor.Context()
            .hostRoot(host.root())
            .layoutFile(ProjectFiles.file("tuning/layouts/colocated-8core.properties"))
            .jvm(jvm)).examine();
    }

    private static void assertFinding(
        final Report report, final String item, final Status status, final String foundContains, final String fixContains)
    {
        final Finding finding = report.find(item);
        assertEquals(status, finding.status(), item + ": " + finding);
        assertTrue(finding.found().contains(foundContains), item + ": " + finding.found());
        assertTrue(finding.fix().contains(fixContains), item + ": " + finding.fix());
        if (status == Status.OK || status == Status.INFO)
        {
            assertEquals("", finding.fix(), item);
        }
        else
        {
            assertFalse(finding.fix().isEmpty(), item + " needs a fix");
        }
    }

    private static String text(final Report report)
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        report.print(new PrintStream(bytes, true, StandardCharsets.UTF_8));
        return bytes.toString(StandardCharsets.UTF_8);
    }
}
