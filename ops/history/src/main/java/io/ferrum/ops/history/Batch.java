package io.ferrum.ops.history;

import java.util.EnumMap;
import java.util.Map;

/**
 * The rows read from the log since the last commit, one {@link CopyRows} per table, and the log
 * position they reach: committed together with that position in one transaction, or not at all, and
 * kept here until they are (a database that is down costs memory up to the batch size, never rows).
 */
final class Batch
{
    private final Map<Table, CopyRows> tables = new EnumMap<>(Table.class);
    private long logPosition = -1;
    private long minLogTimeNs = Long.MAX_VALUE;
    private long maxLogTimeNs = Long.MIN_VALUE;
    private long firstRowNs;
    private int rows;

    Batch()
    {
        for (final Table table : Table.values())
        {
            tables.put(table, new CopyRows(table));
        }
    }

    /** Starts a row of {@code table} at a log position and time; the caller adds its values and ends it. */
    CopyRows row(final Table table, final int logId, final long logPosition, final long logTimeNs, final long nowNs)
    {
        if (0 == rows++)
        {
            firstRowNs = nowNs;
        }
        minLogTimeNs = Math.min(minLogTimeNs, logTimeNs);
        maxLogTimeNs = Math.max(maxLogTimeNs, logTimeNs);
        return tables.get(table).row(logId, logPosition, logTimeNs);
    }

    /** Marks everything up to {@code logPosition} read into this batch (rows or not). */
    void readUpTo(final long logPosition)
    {
        this.logPosition = Math.max(this.logPosition, logPosition);
    }

    long logPosition()
    {
        return logPosition;
    }

    int rows()
    {
        return rows;
    }

    long firstRowNs()
    {
        return firstRowNs;
    }

    long minLogTimeNs()
    {
        return minLogTimeNs;
    }

    long maxLogTimeNs()
    {
        return maxLogTimeNs;
    }

    Iterable<CopyRows> tables()
    {
        return tables.values();
    }

    void clear()
    {
        tables.values().forEach(CopyRows::clear);
        rows = 0;
        minLogTimeNs = Long.MAX_VALUE;
        maxLogTimeNs = Long.MIN_VALUE;
    }
}
