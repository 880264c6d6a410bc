package io.ferrum.ops.history;

/**
 * A history writer or reader that cannot go on, with what is wrong in one line (never a password),
 * and which kind of problem it is, so the command line gives each its exit status.
 */
public final class HistoryException extends RuntimeException
{
    private static final long serialVersionUID = 1L;

    /** What kind of problem. */
    public enum Kind
    {
        /** A URL or option that cannot be right whatever the database does. */
        USAGE,
        /** The database did not answer, or refused us, for as long as we waited. */
        UNAVAILABLE,
        /** The database holds something we cannot take (another writer's progress, an unknown log). */
        DATA
    }

    private final Kind kind;

    public HistoryException(final Kind kind, final String message, final Throwable cause)
    {
        super(message, cause);
        this.kind = kind;
    }

    public HistoryException(final Kind kind, final String message)
    {
        this(kind, message, null);
    }

    public Kind kind()
    {
        return kind;
    }
}
