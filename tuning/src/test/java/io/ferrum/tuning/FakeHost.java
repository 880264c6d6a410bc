package io.ferrum.tuning;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Map;
import java.util.TreeMap;
import java.util.stream.Stream;

/**
 * A fake {@code /proc}, {@code /sys} and {@code /etc} under a temp directory, shaped like the
 * real files of an 8-CPU Linux server, either untuned (distribution defaults) or tuned for
 * the colocated profile. The OS scripts (FERRUM_HOST_ROOT) and the Doctor (its root
 * directory) read it instead of the real host.
 */
public final class FakeHost
{
    public static final int CPUS = 8;

    private final Path root;

    private FakeHost(final Path root)
    {
        this.root = root;
    }

    public static FakeHost untuned(final Path root)
    {
        final FakeHost host = new FakeHost(root);
        host.common();
        host.write("proc/cmdline", "BOOT_IMAGE=/boot/vmlinuz-6.1.0 root=/dev/sda1 ro quiet\n");
        host.write("sys/devices/system/cpu/isolated", "\n");
        host.write("sys/devices/system/cpu/nohz_full", "(null)\n");
        for (int cpu = 0; cpu < CPUS; cpu++)
        {
            host.write("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor", "powersave\n");
        }
        host.write("sys/kernel/mm/transparent_hugepage/enabled", "[always] madvise never\n");
        host.write("sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never\n");
        host.write("sys/kernel/mm/transparent_hugepage/shmem_enabled", "always within_size advise [never] deny force\n");
        host.write("sys/kernel/mm/transparent_hugepage/khugepaged/defrag", "1\n");
        host.write("proc/sys/vm/swappiness", "60\n");
        host.write("proc/swaps",
            "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n/swapfile                               file\t\t2097148\t\t0\t\t-2\n");
        host.write("proc/sys/net/core/rmem_max", "212992\n");
        host.write("proc/sys/net/core/wmem_max", "212992\n");
        host.write("proc/irq/default_smp_affinity", "ff\n");
        for (final int irq : new int[]{ 0, 1, 24, 25 })
        {
            host.write("proc/irq/" + irq + "/smp_affinity_list", "0-7\n");
        }
        host.write("proc/mounts", "tmpfs /dev/shm tmpfs rw,nosuid,nodev,size=65536k,inode64 0 0\n");
        return host;
    }

    public static FakeHost tuned(final Path root)
    {
        final FakeHost host = new FakeHost(root);
        host.common();
        host.write("proc/cmdline",
            "BOOT_IMAGE=/boot/vmlinuz-6.1.0 root=/dev/sda1 ro quiet isolcpus=2-7 nohz_full=2-7 rcu_nocbs=2-7\n");
        host.write("sys/devices/system/cpu/isolated", "2-7\n");
        host.write("sys/devices/system/cpu/nohz_full", "2-7\n");
        for (int cpu = 0; cpu < CPUS; cpu++)
        {
            host.write("sys/devices/system/cpu/cpu" + cpu + "/cpufreq/scaling_governor", "performance\n");
        }
        host.write("sys/kernel/mm/transparent_hugepage/enabled", "always [madvise] never\n");
        host.write("sys/kernel/mm/transparent_hugepage/defrag", "always defer defer+madvise [madvise] never\n");
        host.write("sys/kernel/mm/transparent_hugepage/shmem_enabled", "always within_size [advise] never deny force\n");
        host.write("sys/kernel/mm/transparent_hugepage/khugepaged/defrag", "0\n");
        host.write("proc/sys/vm/swappiness", "1\n");
        host.write("proc/swaps", "Filename\t\t\t\tType\t\tSize\t\tUsed\t\tPriority\n");
        host.write("proc/sys/net/core/rmem_max", "4194304\n");
        host.write("proc/sys/net/core/wmem_max", "2097152\n");
        host.write("proc/irq/default_smp_affinity", "03\n");
        for (final int irq : new int[]{ 0, 1, 24, 25 })
        {
            host.write("proc/irq/" + irq + "/smp_affinity_list", "0-1\n");
        }
        host.write("proc/mounts", "tmpfs /dev/shm tmpfs rw,nosuid,nodev,size=8388608k,inode64 0 0\n");
        return host;
    }

    private void common()
    {
        write("sys/devices/system/cpu/online", "0-7\n");
        for (int cpu = 0; cpu < CPUS; cpu++)
        {
            write("sys/devices/system/cpu/cpu" + cpu + "/topology/thread_siblings_list", cpu + "\n");
        }
        write("sys/devices/system/node/online", "0\n");
        write("sys/devices/system/node/node0/cpulist", "0-7\n");
        write("proc/meminfo", "MemTotal:       32780000 kB\nMemFree:        30000000 kB\n");
        write("proc/cpuinfo", "processor\t: 0\nmodel name\t: Fake Xeon 8-core @ 3.5GHz\n");
        write("etc/default/grub", "GRUB_CMDLINE_LINUX_DEFAULT=\"quiet\"\n");
    }

    public Path root()
    {
        return root;
    }

    public FakeHost write(final String relativePath, final String content)
    {
        try
        {
            final Path file = root.resolve(relativePath);
            Files.createDirectories(file.getParent());
            Files.writeString(file, content);
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public FakeHost delete(final String relativePath)
    {
        try
        {
            Files.deleteIfExists(root.resolve(relativePath));
            return this;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    public String read(final String relativePath)
    {
        try
        {
            return Files.readString(root.resolve(relativePath));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
    }

    /** Every file of the tree and its content, to prove a dry run wrote nothing. */
    public Map<String, String> snapshot()
    {
        final Map<String, String> files = new TreeMap<>();
        try (Stream<Path> paths = Files.walk(root))
        {
            paths.filter(Files::isRegularFile).forEach((path) ->
                files.put(root.relativize(path).toString(), read(root.relativize(path).toString())));
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException(ex);
        }
        return files;
    }
}
