package io.ferrum.sequencer.ring;

import io.ferrum.tuning.ThreadLayout;
import net.openhft.affinity.AffinityLock;

import java.util.concurrent.ThreadFactory;

/**
 * Starts a thread for a role and pins it to the CPU the layout names for that role, for the
 * thread's whole life; with no CPU named the thread floats and Java-Thread-Affinity is not touched.
 */
public final class PinnedThreadFactory implements ThreadFactory
{
    private final ThreadLayout layout;
    private final String role;

    public PinnedThreadFactory(final ThreadLayout layout, final String role)
    {
        this.layout = layout;
        this.role = role;
    }

    public Thread newThread(final Runnable runnable)
    {
        final int cpu = layout.cpuFor(role);
        final Runnable body = ThreadLayout.NO_CPU == cpu ? runnable : () ->
        {
            try (AffinityLock ignore = AffinityLock.acquireLock(cpu))
            {
                runnable.run();
            }
        };
        final Thread thread = new Thread(body, "ferrum-" + role);
        thread.setDaemon(true);
        return thread;
    }
}
