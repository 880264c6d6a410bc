package io.ferrum.sequencer.journal;

/**
 * A journal directory that cannot be replayed: missing, not a cluster member's directory,
 * or corrupt at a named file and log position.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    public JournalException(final String message)
    {
        super(message);
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
    }
}
