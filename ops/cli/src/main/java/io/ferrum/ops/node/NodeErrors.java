package io.ferrum.ops.node;

import org.agrona.ErrorHandler;

import java.io.PrintStream;
import java.time.Instant;

/**
 * A member's error handler: prints each error with the time and member id, and remembers the
 * first one that says the journal's disk refused a write (full, or below the archive's free-space
 * threshold), so that a member that stops after it can say why and what to do.
 */
public final class NodeErrors implements ErrorHandler
{
    private final int memberId;
    private final PrintStream err;
    private volatile String storageFailure;

    public NodeErrors(final int memberId, final PrintStream err)
    {
        this.memberId = memberId;
        this.err = err;
    }

    public void onError(final Throwable throwable)
    {
        err.println(Instant.now() + " member " + memberId + " error: " + throwable);
        if (null == storageFailure && isStorageFailure(throwable))
        {
            storageFailure = String.valueOf(throwable.getMessage());
        }
    }

    /** The first storage failure's message, or null when there was none. */
    public String storageFailure()
    {
        return storageFailure;
    }

    static boolean isStorageFailure(final Throwable throwable)
    {
        for (Throwable cause = throwable; null != cause; cause = cause.getCause())
        {
            final String message = cause.getMessage();
            if (null != message && (message.contains("No space left on device") || message.contains("low storage")))
            {
                return true;
            }
        }
        return false;
    }
}
