package io.ferrum.sequencer.cluster;

import io.ferrum.sequencer.ring.RingWaitStrategy;

import java.util.Locale;

/**
 * How a member's Aeron threads run.
 * <ul>
 * <li>{@link #DEFAULT}: media driver SHARED (one thread), archive SHARED, backoff idle
 * everywhere: every thread gives its core back when idle, safe on a 2-core machine.</li>
 * <li>{@link #COLOCATED}: media driver and archive DEDICATED; the driver's sender and receiver,
 * the archive recorder, the consensus module, the engine's service thread and the sequencer
 * busy-spin (6 spinning threads: give them isolated cores through a thread layout).</li>
 * </ul>
 */
public enum ThreadingProfile
{
    DEFAULT(RingWaitStrategy.BACKOFF),
    COLOCATED(RingWaitStrategy.BUSY_SPIN);

    private final RingWaitStrategy ringWaitStrategy;

    ThreadingProfile(final RingWaitStrategy ringWaitStrategy)
    {
        this.ringWaitStrategy = ringWaitStrategy;
    }

    /** The ring consumer's wait strategy unless the configuration names one. */
    public RingWaitStrategy ringWaitStrategy()
    {
        return ringWaitStrategy;
    }

    public static ThreadingProfile parse(final String text)
    {
        final String name = text.trim().toUpperCase(Locale.ROOT);
        for (final ThreadingProfile value : values())
        {
            if (value.name().equals(name))
            {
                return value;
            }
        }
        throw new IllegalArgumentException("unknown profile '" + text + "', expected default or colocated");
    }
}
