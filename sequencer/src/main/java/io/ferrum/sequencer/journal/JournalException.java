package io.ferrum.sequencer.journal;

/**
 * A journal directory that cannot be replayed: missing, not a cluster member's directory,
 * or corrupt at a named file and log position.
 */
public final class JournalException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    private final boolean corrupt;

    public JournalException(final String message)
    {
        this(message, false);
    }

    private JournalException(final String message, final boolean corrupt)
    {
        super(message);
        this.corrupt = corrupt;
    }

    /** The journal is there but damaged: a frame that is not a valid log frame, or a segment missing in the middle. */
    static JournalException corrupt(final String message)
    {
        return new JournalException(message, true);
    }

    /** Damaged (see {@link #corrupt}), as opposed to absent, not a journal, or not started yet. */
    public boolean isCorrupt()
    {
        return corrupt;
    }

    public JournalException(final String message, final Throwable cause)
    {
        super(message, cause);
        this.corrupt = false;
    }
}
