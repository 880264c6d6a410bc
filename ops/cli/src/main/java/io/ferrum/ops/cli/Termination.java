package io.ferrum.ops.cli;

import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * SIGTERM or Ctrl-C as a request, not an abrupt end: a long-running command waits on this
 * instead of sleeping, stops its work when it fires, prints its summary and closes it; the
 * JVM's shutdown hook waits (up to a bound) for that close, so the summary is printed before
 * the process exits. Closing also removes the hook, so commands run in-process (tests) leave
 * none behind.
 */
public final class Termination implements AutoCloseable
{
    /** How long a SIGTERM waits for the command's summary before the JVM exits anyway. */
    public static final Duration DEFAULT_GRACE = Duration.ofSeconds(20);

    private final CountDownLatch requested = new CountDownLatch(1);
    private final CountDownLatch finished = new CountDownLatch(1);
    private final Thread hook;

    private Termination(final String command, final Duration grace)
    {
        hook = new Thread(() ->
        {
            requested.countDown();
            try
            {
                finished.await(grace.toMillis(), TimeUnit.MILLISECONDS);
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, "ferrum-" + command + "-shutdown");
    }

    /** Installs the hook of {@code command} (named in the hook thread) with the default grace. */
    public static Termination install(final String command)
    {
        return install(command, DEFAULT_GRACE);
    }

    public static Termination install(final String command, final Duration grace)
    {
        final Termination termination = new Termination(command, grace);
        Runtime.getRuntime().addShutdownHook(termination.hook);
        return termination;
    }

    /** True once termination was requested. */
    public boolean isRequested()
    {
        return 0 == requested.getCount();
    }

    /**
     * Waits up to {@code timeout} for a request: the duty cycle's sleep of a command's loop.
     *
     * @return true when termination was requested
     */
    public boolean await(final long timeout, final TimeUnit unit) throws InterruptedException
    {
        return requested.await(timeout, unit);
    }

    /** Requests termination from inside the process, as a signal would (tests, a duration that ran out). */
    public void request()
    {
        requested.countDown();
    }

    /** The command is done (summary printed): a pending shutdown may go on. */
    public void close()
    {
        finished.countDown();
        try
        {
            Runtime.getRuntime().removeShutdownHook(hook);
        }
        catch (final IllegalStateException shuttingDown)
        {
            // The hook is running: it has just been released.
        }
    }
}
