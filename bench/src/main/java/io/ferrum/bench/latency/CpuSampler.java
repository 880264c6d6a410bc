package io.ferrum.bench.latency;

import java.lang.management.ManagementFactory;
import java.util.Arrays;

/**
 * The CPU time of this whole JVM (every thread: the venue simulator, the path, the cluster), sampled
 * every {@link #PERIOD_MS} ms on a sleeping thread of its own, so that a run can say what one tick
 * cost in CPU per phase. Latency on a shared 2-core machine moves with everyone else's load; where the path
 * competes for the cores, the CPU a tick costs moves much less, and compares builds in a loaded sitting.
 */
final class CpuSampler implements AutoCloseable
{
    static final long PERIOD_MS = 20;

    private final com.sun.management.OperatingSystemMXBean os =
        (com.sun.management.OperatingSystemMXBean)ManagementFactory.getOperatingSystemMXBean();
    private final Thread thread = new Thread(this::sample, "ferrum-bench-cpu");
    private long[] timesNs = new long[4096];
    private long[] cpuNs = new long[4096];
    private int count;

    CpuSampler()
    {
        if (os.getProcessCpuTime() < 0)
        {
            throw new IllegalStateException("this JVM does not report its process CPU time");
        }
        thread.setDaemon(true);
        thread.start();
    }

    private void sample()
    {
        try
        {
            while (!Thread.currentThread().isInterrupted())
            {
                record();
                Thread.sleep(PERIOD_MS);
            }
        }
        catch (final InterruptedException ex)
        {
            Thread.currentThread().interrupt();
        }
    }

    private synchronized void record()
    {
        if (count == timesNs.length)
        {
            timesNs = Arrays.copyOf(timesNs, count * 2);
            cpuNs = Arrays.copyOf(cpuNs, count * 2);
        }
        timesNs[count] = System.nanoTime();
        cpuNs[count] = os.getProcessCpuTime();
        count++;
    }

    /** Process CPU nanoseconds spent between two {@link System#nanoTime()} instants, interpolated between samples. */
    synchronized long cpuNsBetween(final long fromNs, final long toNs)
    {
        return cpuAt(toNs) - cpuAt(fromNs);
    }

    private long cpuAt(final long timeNs)
    {
        if (count == 0)
        {
            throw new IllegalStateException("no CPU sample taken");
        }
        if (timeNs <= timesNs[0])
        {
            return cpuNs[0];
        }
        for (int i = 1; i < count; i++)
        {
            if (timesNs[i] >= timeNs)
            {
                final double share = (double)(timeNs - timesNs[i - 1]) / (timesNs[i] - timesNs[i - 1]);
                return cpuNs[i - 1] + (long)(share * (cpuNs[i] - cpuNs[i - 1]));
            }
        }
        return cpuNs[count - 1];
    }

    public void close() throws InterruptedException
    {
        thread.interrupt();
        thread.join();
        record(); // the last instant, so that a window ending at the close is covered
    }
}
