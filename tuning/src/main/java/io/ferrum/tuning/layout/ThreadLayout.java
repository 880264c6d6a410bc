package io.ferrum.tuning.layout;

import io.ferrum.codecs.config.ConfigFile;
import io.ferrum.tuning.CpuList;
import net.openhft.affinity.Affinity;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.BitSet;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;

/**
 * Which thread role runs on which logical CPU, read from {@code tuning/layouts/<name>.properties},
 * applied by each thread to itself with {@link #pin(String)} through Java-Thread-Affinity.
 * <p>
 * File format: one {@code role=cpu} or {@code role=none} line per role of {@link #ROLES}, every
 * role present exactly once, {@code #} comments. Two roles on one CPU are refused: two
 * threads sharing a core, one of them spinning, is worse than no pinning at all.
 * <p>
 * If the machine does not have every CPU the layout names online, the layout degrades to no
 * pinning, and the first {@link #pin(String)} says so in one line. A CPU that is online but
 * outside the process's cpuset makes that one pin fail, which is logged for that role.
 */
public final class ThreadLayout
{
    /** System property naming the layout: a name under {@link #DIR_PROPERTY}, or a path to a file. */
    public static final String LAYOUT_PROPERTY = "ferrum.tuning.layout";
    /** System property: the directory of named layouts; see {@link #layoutsDir()}. */
    public static final String DIR_PROPERTY = "ferrum.tuning.layout.dir";

    public static final String NETTY_EVENT_LOOP = "netty-event-loop";
    public static final String RING_CONSUMER = "ring-consumer";
    public static final String DRIVER_CONDUCTOR = "driver-conductor";
    public static final String DRIVER_SENDER = "driver-sender";
    public static final String DRIVER_RECEIVER = "driver-receiver";
    public static final String ARCHIVE = "archive";
    public static final String CONSENSUS_MODULE = "consensus-module";
    public static final String ENGINE = "engine";

    /** Every thread role a layout places, in the order of the path a market event takes. */
    public static final List<String> ROLES = List.of(
        NETTY_EVENT_LOOP, RING_CONSUMER, DRIVER_CONDUCTOR, DRIVER_SENDER, DRIVER_RECEIVER, ARCHIVE,
        CONSENSUS_MODULE, ENGINE);

    /** What {@link #cpuOf(String)} answers for a role the layout leaves to the scheduler. */
    public static final int NOT_PINNED = -1;

    static final String ONLINE_CPUS_FILE = "/sys/devices/system/cpu/online";

    /** Above any machine Ferrum targets: a larger number is a typo, not a CPU. */
    static final int MAX_CPU = 4095;

    private final String name;
    private final Map<String, Integer> cpuByRole;
    private final BitSet pinnedCpus;
    private final BitSet availableCpus;
    private final boolean fits;
    private final Consumer<String> log;
    private final AtomicBoolean degradeReported = new AtomicBoolean();

    ThreadLayout(
        final String name,
        final Map<String, Integer> cpuByRole,
        final BitSet availableCpus,
        final Consumer<String> log)
    {
        this.name = name;
        this.cpuByRole = Collections.unmodifiableMap(new LinkedHashMap<>(cpuByRole));
        this.availableCpus = (BitSet)availableCpus.clone();
        this.log = log;
        pinnedCpus = new BitSet();
        for (final int cpu : cpuByRole.values())
        {
            if (NOT_PINNED != cpu)
            {
                pinnedCpus.set(cpu);
            }
        }
        final BitSet missing = (BitSet)pinnedCpus.clone();
        missing.andNot(availableCpus);
        fits = missing.isEmpty();
    }

    /** A layout that pins nothing, for when no layout is configured. */
    public static ThreadLayout none()
    {
        final Map<String, Integer> cpuByRole = new LinkedHashMap<>();
        for (final String role : ROLES)
        {
            cpuByRole.put(role, NOT_PINNED);
        }
        return new ThreadLayout("none", cpuByRole, new BitSet(), System.err::println);
    }

    /**
     * The layout named by {@value #LAYOUT_PROPERTY}, or {@link #none()} when it is not set.
     *
     * @throws IllegalArgumentException when the named file is missing or malformed.
     */
    public static ThreadLayout fromSystemProperties()
    {
        final String nameOrPath = System.getProperty(LAYOUT_PROPERTY);
        if (null == nameOrPath || nameOrPath.isBlank())
        {
            return none();
        }
        return load(resolve(nameOrPath), onlineCpus(), System.err::println);
    }

    /**
     * A layout file from a name ({@code colocated-8core}, looked up in {@link #layoutsDir()}) or
     * a path (anything ending in {@code .properties} or containing a '/').
     */
    public static Path resolve(final String nameOrPath)
    {
        return nameOrPath.endsWith(".properties") || nameOrPath.contains("/") ?
            Path.of(nameOrPath) : layoutsDir().resolve(nameOrPath + ".properties");
    }

    /**
     * {@value #DIR_PROPERTY} when set, else the first {@code tuning/layouts} found in the working
     * directory or above it (so that ./ferrum works from any directory of the repository).
     */
    public static Path layoutsDir()
    {
        final String configured = System.getProperty(DIR_PROPERTY);
        if (null != configured && !configured.isBlank())
        {
            return Path.of(configured);
        }
        for (Path dir = Path.of("").toAbsolutePath(); null != dir; dir = dir.getParent())
        {
            final Path candidate = dir.resolve("tuning").resolve("layouts");
            if (Files.isDirectory(candidate))
            {
                return candidate;
            }
        }
        return Path.of("tuning", "layouts");
    }

    /**
     * @param availableCpus the CPUs threads may be pinned to, usually {@link #onlineCpus()}.
     * @param log         where the one degrade line and pinning failures go.
     * @throws IllegalArgumentException naming the file, line and key when the file is malformed.
     */
    public static ThreadLayout load(final Path file, final BitSet availableCpus, final Consumer<String> log)
    {
        final String fileName = file.getFileName().toString();
        final String name = fileName.endsWith(".properties") ?
            fileName.substring(0, fileName.length() - ".properties".length()) : fileName;
        return new ThreadLayout(name, LayoutParser.parse(ConfigFile.read(file)), availableCpus, log);
    }

    /**
     * The CPUs this machine has online ({@code /sys/devices/system/cpu/online}). Not the
     * calling thread's affinity mask: with {@code isolcpus} the default mask leaves out the
     * isolated CPUs, which are exactly the ones a colocated layout pins to.
     */
    public static BitSet onlineCpus()
    {
        try
        {
            final BitSet online = CpuList.parse(Files.readString(Path.of(ONLINE_CPUS_FILE)));
            if (!online.isEmpty())
            {
                return online;
            }
        }
        catch (final IOException | IllegalArgumentException ignore)
        {
            // Not Linux, or no sysfs: fall back to what the JVM sees.
        }
        final BitSet all = new BitSet();
        all.set(0, Runtime.getRuntime().availableProcessors());
        return all;
    }

    public String name()
    {
        return name;
    }

    /** @return the CPU the role is placed on, or {@link #NOT_PINNED}. */
    public int cpuOf(final String role)
    {
        final Integer cpu = cpuByRole.get(role);
        if (null == cpu)
        {
            throw new IllegalArgumentException("unknown thread role '" + role + "', expected one of " + ROLES);
        }
        return cpu;
    }

    /** The CPUs the layout pins threads to. */
    public BitSet pinnedCpus()
    {
        return (BitSet)pinnedCpus.clone();
    }

    /** @return true when every CPU the layout names is one this process may use. */
    public boolean fitsThisMachine()
    {
        return fits;
    }

    /**
     * Pins the calling thread to its role's CPU. Call it first thing in the thread's run (an
     * agent's onStart, a thread factory's runnable).
     *
     * @return true when the thread is now pinned; false when the role is not pinned in this
     * layout, when the layout does not fit this machine, or when the OS refused.
     */
    public boolean pin(final String role)
    {
        final int cpu = cpuOf(role);
        if (NOT_PINNED == cpu)
        {
            return false;
        }
        if (!fits)
        {
            if (degradeReported.compareAndSet(false, true))
            {
                log.accept("ferrum tuning: thread layout '" + name + "' needs CPUs " + CpuList.format(pinnedCpus) +
                    " but this machine has only " + CpuList.format(availableCpus) + " online" + ": no thread will be pinned");
            }
            return false;
        }

        try
        {
            Affinity.setAffinity(cpu);
        }
        catch (final RuntimeException ex)
        {
            log.accept("ferrum tuning: could not pin " + role + " to CPU " + cpu + ": " + ex);
            return false;
        }
        // Without JNA the library falls back to doing nothing: check rather than trust.
        final BitSet now = Affinity.getAffinity();
        if (null == now || now.cardinality() != 1 || !now.get(cpu))
        {
            log.accept("ferrum tuning: could not pin " + role + " to CPU " + cpu + ", affinity is " +
                (null == now ? "unknown" : CpuList.format(now)));
            return false;
        }
        return true;
    }

    public String toString()
    {
        return "ThreadLayout{" + name + " " + cpuByRole + "}";
    }
}
