package io.ferrum.ops.history;

/**
 * What the writer has done and whether its database answers, written by the writer's thread and read
 * from any other (status lines, the demo, a metrics exporter): plain volatile fields, one writer each.
 */
public final class HistoryCounters
{
    volatile long rowsWritten;
    volatile long batchesCommitted;
    volatile long failures;
    volatile long consecutiveFailures;
    volatile long committedPosition = -1;
    volatile long readPosition = -1;
    volatile boolean databaseUp;
    volatile String lastFailure;

    /** Rows this writer committed since it started. */
    public long rowsWritten()
    {
        return rowsWritten;
    }

    public long batchesCommitted()
    {
        return batchesCommitted;
    }

    /** Connections, migrations or commits that failed and were retried, since start. */
    public long failures()
    {
        return failures;
    }

    /** Failures since the last success: above 0, the writer is waiting for its database. */
    public long consecutiveFailures()
    {
        return consecutiveFailures;
    }

    /** The log position the database holds everything up to (-1: nothing yet). */
    public long committedPosition()
    {
        return committedPosition;
    }

    /** The log position read from the journal (ahead of the committed one by the batch in hand). */
    public long readPosition()
    {
        return readPosition;
    }

    /** Health: whether the last attempt to reach the database succeeded. */
    public boolean databaseUp()
    {
        return databaseUp;
    }

    /** The last failure's message (never holds a password: the URL cannot), or null. */
    public String lastFailure()
    {
        return lastFailure;
    }
}
