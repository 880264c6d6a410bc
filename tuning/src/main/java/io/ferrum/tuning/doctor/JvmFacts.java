package io.ferrum.tuning.doctor;

import java.lang.management.GarbageCollectorMXBean;
import java.lang.management.ManagementFactory;
import java.util.ArrayList;
import java.util.List;

/**
 * What the Doctor reports about a JVM: its version and the options it was started with.
 *
 * @param featureVersion the JDK feature release, e.g. 17 or 25.
 * @param version        the full version string.
 * @param vmName         e.g. "OpenJDK 64-Bit Server VM".
 * @param inputArguments the JVM options in effect (from the command line and @argfiles).
 * @param maxHeapBytes   the maximum heap.
 * @param collectors     names of the garbage collectors in use.
 */
public record JvmFacts(
    int featureVersion,
    String version,
    String vmName,
    List<String> inputArguments,
    long maxHeapBytes,
    List<String> collectors)
{
    public JvmFacts
    {
        inputArguments = List.copyOf(inputArguments);
        collectors = List.copyOf(collectors);
    }

    /** The JVM this code runs in. */
    public static JvmFacts current()
    {
        final List<String> collectors = new ArrayList<>();
        for (final GarbageCollectorMXBean bean : ManagementFactory.getGarbageCollectorMXBeans())
        {
            collectors.add(bean.getName());
        }
        return new JvmFacts(
            Runtime.version().feature(),
            System.getProperty("java.runtime.version", Runtime.version().toString()),
            System.getProperty("java.vm.name", "unknown VM"),
            ManagementFactory.getRuntimeMXBean().getInputArguments(),
            Runtime.getRuntime().maxMemory(),
            collectors);
    }
}
