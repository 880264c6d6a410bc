package io.ferrum.tuning.doctor;

import io.ferrum.tuning.CpuList;
import io.ferrum.tuning.layout.ThreadLayout;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;

/**
 * The host check behind {@code ./ferrum doctor}: reads /proc, /sys and the JVM and says,
 * item by item, what is tuned for the colocated profile, what is not, and the command that
 * fixes it. The host is fit when no item failed.
 */
public final class Doctor
{
    /** Aeron's socket buffers need the kernel to allow at least this (tuning/os/net-buffers.sh). */
    public static final long AERON_SOCKET_BUFFER_BYTES = 2L * 1024 * 1024;
    /** Log buffers of the cluster log, ingress, egress and archive in /dev/shm, with margin. */
    public static final long AERON_SHM_BYTES = 1024L * 1024 * 1024;
    /** The layout that goes with tuning/jvm/colocated.options. */
    public static final String COLOCATED_LAYOUT = "colocated-8core";
    /** JDK feature releases the JVM profiles are tested on (JvmProfilesTest). */
    public static final Set<Integer> TESTED_JDKS = Set.of(17, 25);

    private static final Set<String> QUIET_THP_DEFRAG = Set.of("madvise", "defer+madvise", "defer", "never");
    private static final Set<String> SHMEM_THP_ON = Set.of("advise", "within_size", "always");

    /** Configures a Doctor: which host root, which layout, which JVM. */
    public static final class Context
    {
        private Path hostRoot = Path.of("/");
        private Path layoutFile;
        private JvmFacts jvm;

        public Context hostRoot(final Path hostRoot)
        {
            this.hostRoot = hostRoot;
            return this;
        }

        public Path hostRoot()
        {
            return hostRoot;
        }

        /** The thread layout whose pinned CPUs must be isolated; {@value Doctor#COLOCATED_LAYOUT} by default. */
        public Context layoutFile(final Path layoutFile)
        {
            this.layoutFile = layoutFile;
            return this;
        }

        public Path layoutFile()
        {
            return layoutFile;
        }

        public Context jvm(final JvmFacts jvm)
        {
            this.jvm = jvm;
            return this;
        }

        public JvmFacts jvm()
        {
            return jvm;
        }

        public Context conclude()
        {
            if (null == hostRoot)
            {
                throw new IllegalStateException("hostRoot is required");
            }
            if (null == layoutFile)
            {
                layoutFile = ThreadLayout.resolve(COLOCATED_LAYOUT);
            }
            if (null == jvm)
            {
                jvm = JvmFacts.current();
            }
            return this;
        }
    }

    private final Context ctx;
    private final HostFiles host;

    public Doctor(final Context ctx)
    {
        this.ctx = ctx.conclude();
        host = new HostFiles(ctx.hostRoot());
    }

    public Report examine()
    {
        final List<Finding> findings = new ArrayList<>();
        findings.add(Finding.info("kernel", host.read("/proc/sys/kernel/osrelease").orElse("unknown")));
        findings.add(Finding.info("cpu model", cpuModel()));

        final Optional<BitSet> online = cpus("/sys/devices/system/cpu/online");
        final Optional<BitSet> isolated = cpus("/sys/devices/system/cpu/isolated");
        final String cmdline = host.read("/proc/cmdline").orElse("");
        final BitSet pinned;
        String layoutName;
        try
        {
            final ThreadLayout layout = ThreadLayout.load(
                ctx.layoutFile(), online.orElse(new BitSet()), (line) -> {});
            pinned = layout.pinnedCpus();
            layoutName = layout.name();
            findings.add(Finding.info("layout", layoutName + " pins threads to CPUs " + CpuList.format(pinned)));
        }
        catch (final IllegalArgumentException ex)
        {
            findings.add(Finding.fail("layout", ex.getMessage(), "pass a valid layout: ./ferrum doctor --layout <name|file>"));
            return new Report(subject("(unreadable layout)"), findings);
        }
        final String pinnedList = CpuList.format(pinned);

        findings.add(checkCpus(online, pinned));
        findings.add(checkIsolated(isolated, pinned, pinnedList));
        findings.add(checkBootCpuList("nohz_full", cmdline, pinned, pinnedList,
            host.read("/sys/devices/system/cpu/nohz_full")));
        findings.add(checkBootCpuList("rcu_nocbs", cmdline, pinned, pinnedList, Optional.empty()));
        findings.add(checkSiblings(online, isolated, pinned));
        findings.add(checkGovernor(online));
        findings.add(checkIrqs(isolated));
        findings.addAll(checkTransparentHugePages());
        findings.add(checkSwap());
        findings.add(checkSwappiness());
        findings.add(checkSocketBuffers());
        findings.add(checkSharedMemory());
        findings.add(checkNuma(pinned));
        findings.add(Finding.info("memory", memTotalBytes().map(Doctor::bytes).orElse("unknown") + " total"));
        findings.add(checkJdk());
        findings.add(checkJvmFlags());
        return new Report(subject(layoutName), findings);
    }

    private String subject(final String layoutName)
    {
        return "ferrum doctor: " + ("/".equals(ctx.hostRoot().toString()) ? "this host" : "host tree " + ctx.hostRoot()) +
            " against the colocated profile (tuning/jvm/colocated.options, layout " + layoutName + ")";
    }

    private String cpuModel()
    {
        final String cpuinfo = host.read("/proc/cpuinfo").orElse("");
        for (final String line : cpuinfo.split("\n"))
        {
            if (line.startsWith("model name"))
            {
                final int colon = line.indexOf(':');
                return colon < 0 ? "unknown" : line.substring(colon + 1).trim();
            }
        }
        return "unknown";
    }

    private Finding checkCpus(final Optional<BitSet> online, final BitSet pinned)
    {
        if (online.isEmpty())
        {
            return Finding.fail("cpus", "cannot read /sys/devices/system/cpu/online", "check that /sys is mounted");
        }
        final BitSet missing = minus(pinned, online.get());
        final String found = online.get().cardinality() + " online (" + CpuList.format(online.get()) + ")";
        if (!missing.isEmpty())
        {
            return Finding.fail("cpus", found + "; the layout needs CPUs " + CpuList.format(missing) + " too",
                "run on a machine with CPUs " + CpuList.format(pinned) + " online, or write a layout for this one " +
                "in tuning/layouts/ and pass --layout");
        }
        return Finding.ok("cpus", found);
    }

    private Finding checkIsolated(final Optional<BitSet> isolated, final BitSet pinned, final String pinnedList)
    {
        final String fix = "sudo tuning/os/boot-params.sh --cpus " + pinnedList + " --apply, then reboot";
        if (isolated.isEmpty())
        {
            return Finding.fail("isolated cpus", "cannot read /sys/devices/system/cpu/isolated", fix);
        }
        final BitSet notIsolated = minus(pinned, isolated.get());
        if (!notIsolated.isEmpty())
        {
            final String have = isolated.get().isEmpty() ?
                "no CPU is isolated" : "isolated " + CpuList.format(isolated.get());
            return Finding.fail("isolated cpus",
                have + "; the layout pins to " + pinnedList + ", so " + CpuList.format(notIsolated) +
                " would share with other threads", fix);
        }
        return Finding.ok("isolated cpus", CpuList.format(isolated.get()));
    }

    private Finding checkBootCpuList(
        final String parameter,
        final String cmdline,
        final BitSet pinned,
        final String pinnedList,
        final Optional<String> sysfsList)
    {
        final String fix = "sudo tuning/os/boot-params.sh --cpus " + pinnedList + " --apply, then reboot";
        Optional<String> value = bootParameter(cmdline, parameter);
        if (value.isEmpty() && sysfsList.isPresent() && !"(null)".equals(sysfsList.get()) && !sysfsList.get().isEmpty())
        {
            value = sysfsList;
        }
        if (value.isEmpty())
        {
            return Finding.fail(parameter, "not on the kernel command line", fix);
        }
        final BitSet cpus;
        try
        {
            cpus = CpuList.parse(value.get());
        }
        catch (final IllegalArgumentException ex)
        {
            return Finding.fail(parameter, "cannot parse '" + value.get() + "': " + ex.getMessage(), fix);
        }
        final BitSet uncovered = minus(pinned, cpus);
        if (!uncovered.isEmpty())
        {
            return Finding.fail(parameter, parameter + "=" + value.get() + " leaves out " + CpuList.format(uncovered), fix);
        }
        return Finding.ok(parameter, parameter + "=" + value.get());
    }

    private Finding checkSiblings(final Optional<BitSet> online, final Optional<BitSet> isolated, final BitSet pinned)
    {
        if (online.isEmpty() || !minus(pinned, online.get()).isEmpty())
        {
            return Finding.info("smt siblings", "not checked: the layout's CPUs are not all online here");
        }
        final BitSet busySiblings = new BitSet();
        for (int cpu = pinned.nextSetBit(0); cpu >= 0; cpu = pinned.nextSetBit(cpu + 1))
        {
            final Optional<BitSet> siblings = cpus("/sys/devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list");
            if (siblings.isEmpty())
            {
                return Finding.info("smt siblings", "not visible for CPU " + cpu);
            }
            final BitSet others = siblings.get();
            others.clear(cpu);
            others.and(online.get());
            // A sibling that is isolated and not pinned stays idle: the core is the pinned thread's alone.
            final BitSet idle = isolated.orElse(new BitSet());
            final BitSet idleUnpinned = minus(idle, pinned);
            busySiblings.or(minus(others, idleUnpinned));
        }
        if (!busySiblings.isEmpty())
        {
            return Finding.warn("smt siblings",
                "hyper-threads " + CpuList.format(busySiblings) + " share cores with pinned CPUs",
                "take them offline (echo 0 | sudo tee /sys/devices/system/cpu/cpuN/online), boot with nosmt, " +
                "or isolate them and pin nothing there");
        }
        return Finding.ok("smt siblings", "no pinned CPU shares its core with a busy hyper-thread");
    }

    private Finding checkGovernor(final Optional<BitSet> online)
    {
        final List<String> notPerformance = new ArrayList<>();
        int seen = 0;
        for (final String cpu : host.numbered("/sys/devices/system/cpu", "cpu"))
        {
            final Optional<String> governor = host.read("/sys/devices/system/cpu/" + cpu + "/cpufreq/scaling_governor");
            if (governor.isPresent())
            {
                seen++;
                if (!"performance".equals(governor.get()))
                {
                    notPerformance.add(cpu + "=" + governor.get());
                }
            }
        }
        if (0 == seen)
        {
            return Finding.warn("cpu governor", "no cpufreq governor visible (a VM, or frequency managed by firmware)",
                "nothing the OS can set: choose the maximum-performance power profile in the BIOS/hypervisor");
        }
        if (!notPerformance.isEmpty())
        {
            return Finding.fail("cpu governor", "not 'performance': " + String.join(" ", notPerformance),
                "sudo tuning/os/cpu-governor.sh --apply");
        }
        return Finding.ok("cpu governor", "performance on all " + seen + " CPUs");
    }

    private Finding checkIrqs(final Optional<BitSet> isolated)
    {
        if (isolated.isEmpty() || isolated.get().isEmpty())
        {
            return Finding.info("irq affinity", "not checked: no CPU is isolated");
        }
        final List<String> onIsolated = new ArrayList<>();
        for (final String irq : host.numbered("/proc/irq", ""))
        {
            final Optional<BitSet> cpus = cpus("/proc/irq/" + irq + "/smp_affinity_list");
            if (cpus.isPresent() && cpus.get().intersects(isolated.get()))
            {
                onIsolated.add(irq);
            }
        }
        if (!onIsolated.isEmpty())
        {
            return Finding.warn("irq affinity",
                onIsolated.size() + " IRQ(s) may run on isolated CPUs: " + abbreviate(onIsolated),
                "sudo tuning/os/irq-affinity.sh --apply");
        }
        return Finding.ok("irq affinity", "no IRQ may run on an isolated CPU");
    }

    private List<Finding> checkTransparentHugePages()
    {
        final String dir = "/sys/kernel/mm/transparent_hugepage/";
        final Optional<String> enabled = host.read(dir + "enabled").map(Doctor::selected);
        final Optional<String> defrag = host.read(dir + "defrag").map(Doctor::selected);
        final List<Finding> findings = new ArrayList<>();
        final String fix = "sudo tuning/os/thp.sh --apply";
        if (enabled.isEmpty() || defrag.isEmpty())
        {
            findings.add(Finding.warn("thp", "not visible under /sys/kernel/mm/transparent_hugepage", fix));
        }
        else
        {
            final String found = "enabled=" + enabled.get() + " defrag=" + defrag.get();
            if ("madvise".equals(enabled.get()) && QUIET_THP_DEFRAG.contains(defrag.get()))
            {
                findings.add(Finding.ok("thp", found));
            }
            else if ("never".equals(enabled.get()) && QUIET_THP_DEFRAG.contains(defrag.get()))
            {
                findings.add(Finding.warn("thp", found + ": the JVM heap gets no huge pages", fix));
            }
            else
            {
                findings.add(Finding.fail("thp", found + ": compaction and khugepaged can stall any thread", fix));
            }
        }

        final Optional<String> shmem = host.read(dir + "shmem_enabled").map(Doctor::selected);
        if (shmem.isPresent() && !SHMEM_THP_ON.contains(shmem.get()))
        {
            findings.add(Finding.warn("thp shmem",
                "shmem_enabled=" + shmem.get() + ": ZGC on JDK 25 gets no huge pages for its heap", fix));
        }
        else
        {
            findings.add(shmem.map((value) -> Finding.ok("thp shmem", "shmem_enabled=" + value))
                .orElse(Finding.info("thp shmem", "not visible")));
        }

        final Optional<String> khugepaged = host.read(dir + "khugepaged/defrag");
        if (khugepaged.isPresent() && !"0".equals(khugepaged.get()))
        {
            findings.add(Finding.warn("khugepaged", "defrag=" + khugepaged.get() +
                ": collapses pages in the background, taking the process's memory lock", fix));
        }
        else
        {
            findings.add(khugepaged.map((value) -> Finding.ok("khugepaged", "defrag=" + value))
                .orElse(Finding.info("khugepaged", "not visible")));
        }
        return findings;
    }

    private Finding checkSwap()
    {
        final Optional<String> swaps = host.read("/proc/swaps");
        if (swaps.isEmpty())
        {
            return Finding.warn("swap", "cannot read /proc/swaps", "check with: swapon --show");
        }
        final List<String> active = new ArrayList<>();
        final String[] lines = swaps.get().split("\n");
        for (int i = 1; i < lines.length; i++)
        {
            final String line = lines[i].trim();
            if (!line.isEmpty())
            {
                active.add(line.split("\\s+")[0]);
            }
        }
        if (!active.isEmpty())
        {
            return Finding.fail("swap", "active: " + String.join(" ", active), "sudo tuning/os/swap.sh --apply");
        }
        return Finding.ok("swap", "none active");
    }

    private Finding checkSwappiness()
    {
        final Optional<Long> swappiness = number("/proc/sys/vm/swappiness");
        if (swappiness.isEmpty())
        {
            return Finding.info("swappiness", "not readable");
        }
        if (swappiness.get() > 10)
        {
            return Finding.warn("swappiness", "vm.swappiness=" + swappiness.get() + " (wanted 1)",
                "sudo tuning/os/swap.sh --apply");
        }
        return Finding.ok("swappiness", "vm.swappiness=" + swappiness.get());
    }

    private Finding checkSocketBuffers()
    {
        final Optional<Long> rmem = number("/proc/sys/net/core/rmem_max");
        final Optional<Long> wmem = number("/proc/sys/net/core/wmem_max");
        final String found = "rmem_max=" + rmem.map(String::valueOf).orElse("unreadable") +
            " wmem_max=" + wmem.map(String::valueOf).orElse("unreadable");
        if (rmem.orElse(0L) < AERON_SOCKET_BUFFER_BYTES || wmem.orElse(0L) < AERON_SOCKET_BUFFER_BYTES)
        {
            return Finding.fail("net buffers",
                found + " (Aeron needs at least " + AERON_SOCKET_BUFFER_BYTES + ")", "sudo tuning/os/net-buffers.sh --apply");
        }
        return Finding.ok("net buffers", found + " (Aeron needs at least " + AERON_SOCKET_BUFFER_BYTES + ")");
    }

    private Finding checkSharedMemory()
    {
        final String fix = "sudo mount -o remount,size=2g /dev/shm (in a container: --shm-size=2g)";
        final String mounts = host.read("/proc/mounts").orElse("");
        for (final String line : mounts.split("\n"))
        {
            final String[] fields = line.trim().split("\\s+");
            if (fields.length >= 4 && "/dev/shm".equals(fields[1]))
            {
                final Optional<Long> size = shmSize(fields[3]);
                if (size.isEmpty())
                {
                    return Finding.warn("/dev/shm", "cannot tell the size from options '" + fields[3] + "'", fix);
                }
                final String found = fields[2] + " " + bytes(size.get()) + " (Aeron's log buffers want " +
                    bytes(AERON_SHM_BYTES) + ")";
                return size.get() < AERON_SHM_BYTES ? Finding.fail("/dev/shm", found, fix) : Finding.ok("/dev/shm", found);
            }
        }
        return Finding.fail("/dev/shm", "not mounted: Aeron keeps its files there", fix);
    }

    private Optional<Long> shmSize(final String options)
    {
        for (final String option : options.split(","))
        {
            if (option.startsWith("size="))
            {
                return parseSize(option.substring("size=".length()));
            }
        }
        // tmpfs without size= gets half of RAM.
        return memTotalBytes().map((total) -> total / 2);
    }

    private Optional<Long> parseSize(final String value)
    {
        if (value.isEmpty())
        {
            return Optional.empty();
        }
        final char unit = Character.toLowerCase(value.charAt(value.length() - 1));
        final String digits = Character.isDigit(unit) ? value : value.substring(0, value.length() - 1);
        if (digits.isEmpty() || digits.length() > 15 || !digits.chars().allMatch(Character::isDigit))
        {
            return Optional.empty();
        }
        final long number = Long.parseLong(digits);
        switch (unit)
        {
            case 'k': return Optional.of(number << 10);
            case 'm': return Optional.of(number << 20);
            case 'g': return Optional.of(number << 30);
            case '%': return memTotalBytes().map((total) -> total / 100 * number);
            default: return Character.isDigit(unit) ? Optional.of(number) : Optional.empty();
        }
    }

    private Finding checkNuma(final BitSet pinned)
    {
        final List<String> nodes = host.numbered("/sys/devices/system/node", "node");
        if (nodes.isEmpty())
        {
            return Finding.info("numa", "not visible");
        }
        if (1 == nodes.size())
        {
            return Finding.ok("numa", "1 node");
        }
        String home = null;
        for (final String node : nodes)
        {
            final Optional<BitSet> cpus = cpus("/sys/devices/system/node/" + node + "/cpulist");
            if (cpus.isPresent() && minus(pinned, cpus.get()).isEmpty())
            {
                home = node;
            }
        }
        if (null == home)
        {
            return Finding.fail("numa", nodes.size() + " nodes, and the layout's CPUs span more than one",
                "write a layout whose pinned CPUs are all on one node (see /sys/devices/system/node/node*/cpulist)");
        }
        final String id = home.substring("node".length());
        return Finding.warn("numa", nodes.size() + " nodes; the layout's CPUs are all on " + home,
            "start Ferrum with: numactl --cpunodebind=" + id + " --membind=" + id + " ./ferrum ...");
    }

    private Finding checkJdk()
    {
        final JvmFacts jvm = ctx.jvm();
        final String found = jvm.version() + " (" + jvm.vmName() + ")";
        if (!TESTED_JDKS.contains(jvm.featureVersion()))
        {
            return Finding.warn("jdk", found + ": the JVM profiles are tested on JDK " + TESTED_JDKS,
                "run with JDK 17 or 25 (JAVA_HOME)");
        }
        return Finding.ok("jdk", found);
    }

    private Finding checkJvmFlags()
    {
        final JvmFacts jvm = ctx.jvm();
        final List<String> relevant = new ArrayList<>();
        for (final String argument : jvm.inputArguments())
        {
            if (argument.startsWith("-XX:") || argument.startsWith("-Xm") || argument.startsWith("--add-opens") ||
                argument.startsWith("-Xlog") || argument.startsWith("-Dferrum.") || argument.startsWith("-Dagrona."))
            {
                relevant.add(argument);
            }
        }
        final String found = "this JVM: collectors " + String.join("+", jvm.collectors()) + ", max heap " +
            bytes(jvm.maxHeapBytes()) + (relevant.isEmpty() ? ", no tuning options" : ", " + String.join(" ", relevant));
        final boolean opens = jvm.inputArguments().stream().anyMatch((a) -> a.contains("java.base/jdk.internal.misc"));
        if (!opens)
        {
            return Finding.warn("jvm flags", found + "; Aeron's --add-opens are missing",
                "start through ./ferrum, which passes @tuning/jvm/<profile>.options");
        }
        return Finding.info("jvm flags", found + " (the server's flags: tuning/jvm/colocated.options)");
    }

    private Optional<BitSet> cpus(final String path)
    {
        final Optional<String> text = host.read(path);
        if (text.isEmpty())
        {
            return Optional.empty();
        }
        try
        {
            return Optional.of(CpuList.parse(text.get()));
        }
        catch (final IllegalArgumentException ex)
        {
            return Optional.empty();
        }
    }

    private Optional<Long> number(final String path)
    {
        final Optional<String> text = host.read(path);
        if (text.isEmpty() || text.get().isEmpty() || text.get().length() > 18 ||
            !text.get().chars().allMatch(Character::isDigit))
        {
            return Optional.empty();
        }
        return Optional.of(Long.parseLong(text.get()));
    }

    private Optional<Long> memTotalBytes()
    {
        for (final String line : host.read("/proc/meminfo").orElse("").split("\n"))
        {
            if (line.startsWith("MemTotal:"))
            {
                final String[] fields = line.split("\\s+");
                if (fields.length >= 2 && fields[1].length() <= 15 && fields[1].chars().allMatch(Character::isDigit))
                {
                    return Optional.of(Long.parseLong(fields[1]) * 1024);
                }
            }
        }
        return Optional.empty();
    }

    static Optional<String> bootParameter(final String cmdline, final String name)
    {
        String value = null;
        for (final String token : cmdline.trim().split("\\s+"))
        {
            if ("--".equals(token))
            {
                break; // what follows is for init, not the kernel
            }
            if (token.startsWith(name + "="))
            {
                value = token.substring(name.length() + 1); // the kernel keeps the last one
            }
        }
        return Optional.ofNullable(value);
    }

    /** The [bracketed] choice of a sysfs selector such as "always [madvise] never". */
    static String selected(final String value)
    {
        final int open = value.indexOf('[');
        final int close = value.indexOf(']', open + 1);
        return open >= 0 && close > open ? value.substring(open + 1, close) : value.trim();
    }

    private static BitSet minus(final BitSet from, final BitSet remove)
    {
        final BitSet result = (BitSet)from.clone();
        result.andNot(remove);
        return result;
    }

    private static String abbreviate(final List<String> items)
    {
        return items.size() <= 8 ? String.join(" ", items) :
            String.join(" ", items.subList(0, 8)) + " ... (" + (items.size() - 8) + " more)";
    }

    static String bytes(final long bytes)
    {
        if (bytes >= 1L << 30)
        {
            return String.format(Locale.ROOT, "%.1f GiB", bytes / (double)(1L << 30));
        }
        return String.format(Locale.ROOT, "%d MiB", bytes >> 20);
    }
}
