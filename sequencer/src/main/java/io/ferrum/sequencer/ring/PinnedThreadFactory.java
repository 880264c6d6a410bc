package io.ferrum.sequencer.ring;

import io.ferrum.tuning.layout.ThreadLayout;

import java.util.concurrent.ThreadFactory;

/**
 * Starts a thread for a role of the thread layout ({@link ThreadLayout#ROLES}); the thread
 * pins itself to the role's CPU first thing, and a role the layout leaves unpinned floats.
 */
public final class PinnedThreadFactory implements ThreadFactory
{
    private final ThreadLayout layout;
    private final String role;

    public PinnedThreadFactory(final ThreadLayout layout, final String role)
    {
        layout.cpuOf(role); // an unknown role is a programming error: fail at assembly, not in the thread
        this.layout = layout;
        this.role = role;
    }

    public Thread newThread(final Runnable runnable)
    {
        final Thread thread = new Thread(() ->
        {
            layout.pin(role);
            runnable.run();
        }, "ferrum-" + role);
        thread.setDaemon(true);
        return thread;
    }
}
