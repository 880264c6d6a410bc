package io.ferrum.tuning.gc;

import java.util.Arrays;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.locks.LockSupport;

/**
 * Measures what a JVM option profile costs a thread that wants to run every millisecond:
 * one thread parks for 1 ms again and again and records how late it woke up, while
 * another allocates garbage at a fixed rate over a retained live set (the gateway and ops
 * side of Ferrum allocate; the engine thread does not). Stop-the-world pauses show up as
 * lateness, so profiles and GCs can be compared on one JDK and across JDKs.
 * <p>
 * Not a test and not a benchmark of Ferrum: it compares JVM settings. Run as
 * {@code java @tuning/jvm/colocated.options -cp tuning/target/classes io.ferrum.tuning.gc.HiccupProbe 20}.
 */
public final class HiccupProbe
{
    private static final long PERIOD_NS = TimeUnit.MILLISECONDS.toNanos(1);
    private static final int LIVE_OBJECTS = 1 << 20;
    private static final int GARBAGE_PER_TICK = 1 << 20;

    private HiccupProbe()
    {
    }

    public static void main(final String[] args) throws InterruptedException
    {
        final int seconds = args.length > 0 ? Integer.parseInt(args[0]) : 20;
        final long[] lateness = new long[seconds * 1_200];
        final Thread allocator = new Thread(HiccupProbe::allocate, "probe-allocator");
        allocator.setDaemon(true);
        allocator.start();

        final long end = System.nanoTime() + TimeUnit.SECONDS.toNanos(seconds);
        final long warmUpEnd = System.nanoTime() + TimeUnit.SECONDS.toNanos(Math.min(5, seconds / 4));
        int count = 0;
        while (count < lateness.length)
        {
            final long before = System.nanoTime();
            if (before > end)
            {
                break;
            }
            LockSupport.parkNanos(PERIOD_NS);
            final long late = System.nanoTime() - before - PERIOD_NS;
            if (before > warmUpEnd)
            {
                lateness[count++] = Math.max(0, late);
            }
        }

        final long[] sorted = Arrays.copyOf(lateness, count);
        Arrays.sort(sorted);
        System.out.printf("java %s %s: samples=%d lateness us p50=%d p99=%d p99.9=%d max=%d%n",
            System.getProperty("java.version"),
            gcNames(),
            count,
            percentile(sorted, 0.50) / 1000,
            percentile(sorted, 0.99) / 1000,
            percentile(sorted, 0.999) / 1000,
            0 == count ? 0 : sorted[count - 1] / 1000);
    }

    private static long percentile(final long[] sorted, final double fraction)
    {
        return 0 == sorted.length ? 0 : sorted[(int)Math.min(sorted.length - 1, Math.floor(fraction * sorted.length))];
    }

    private static String gcNames()
    {
        final StringBuilder names = new StringBuilder();
        for (final java.lang.management.GarbageCollectorMXBean bean :
            java.lang.management.ManagementFactory.getGarbageCollectorMXBeans())
        {
            names.append(0 == names.length() ? "" : "+").append(bean.getName().replace(' ', '_'));
        }
        return names.toString();
    }

    /** About 100 MB/s of short-lived garbage and a slowly churned live set of about 40 MB. */
    private static void allocate()
    {
        final Object[] live = new Object[LIVE_OBJECTS];
        final ThreadLocalRandom random = ThreadLocalRandom.current();
        long sink = 0;
        while (true)
        {
            for (int allocated = 0; allocated < GARBAGE_PER_TICK; allocated += 256)
            {
                final byte[] garbage = new byte[256];
                garbage[random.nextInt(256)] = 1;
                sink += garbage[0];
            }
            for (int i = 0; i < 4_096; i++)
            {
                live[random.nextInt(LIVE_OBJECTS)] = new long[2];
            }
            if (sink == Long.MIN_VALUE)
            {
                System.out.println(sink);
            }
            LockSupport.parkNanos(TimeUnit.MILLISECONDS.toNanos(10));
        }
    }
}
