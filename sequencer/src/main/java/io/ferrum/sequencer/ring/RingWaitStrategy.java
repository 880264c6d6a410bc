package io.ferrum.sequencer.ring;

import org.agrona.concurrent.BackoffIdleStrategy;
import org.agrona.concurrent.BusySpinIdleStrategy;
import org.agrona.concurrent.IdleStrategy;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.YieldingIdleStrategy;

import java.util.Locale;

/**
 * How the ring's consumer waits when the ring is empty. The consumer has other duties
 * than the ring (cluster egress, keep-alives, reconnects), so it never parks inside the
 * Disruptor; it runs a duty cycle and idles with one of these between cycles.
 */
public enum RingWaitStrategy
{
    /** Spin, then yield, then park up to 1 ms: the default, safe on 2 cores. */
    BACKOFF,
    /** Sleep 1 ms between empty cycles: lowest CPU, highest latency. */
    SLEEPING,
    /** Thread.yield between empty cycles. */
    YIELDING,
    /** Never gives the core up: for a dedicated, isolated core only (colocated profile). */
    BUSY_SPIN;

    private static final long BACKOFF_MAX_SPINS = 100;
    private static final long BACKOFF_MAX_YIELDS = 100;
    private static final long BACKOFF_MIN_PARK_NS = 1_000;
    private static final long BACKOFF_MAX_PARK_NS = 1_000_000;

    public IdleStrategy newIdleStrategy()
    {
        switch (this)
        {
            case SLEEPING:
                return new SleepingMillisIdleStrategy(1);
            case YIELDING:
                return new YieldingIdleStrategy();
            case BUSY_SPIN:
                return new BusySpinIdleStrategy();
            default:
                return new BackoffIdleStrategy(
                    BACKOFF_MAX_SPINS, BACKOFF_MAX_YIELDS, BACKOFF_MIN_PARK_NS, BACKOFF_MAX_PARK_NS);
        }
    }

    /**
     * @param text {@code backoff}, {@code sleeping}, {@code yielding} or {@code busy-spin}
     */
    public static RingWaitStrategy parse(final String text)
    {
        final String name = text.trim().toUpperCase(Locale.ROOT).replace('-', '_');
        for (final RingWaitStrategy value : values())
        {
            if (value.name().equals(name))
            {
                return value;
            }
        }
        throw new IllegalArgumentException(
            "unknown wait strategy '" + text + "', expected backoff, sleeping, yielding or busy-spin");
    }
}
