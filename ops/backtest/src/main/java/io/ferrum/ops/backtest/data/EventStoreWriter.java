package io.ferrum.ops.backtest.data;

import org.agrona.DirectBuffer;

import java.time.Instant;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.Map;

/**
 * Routes one time-ordered stream per symbol into {@code SYMBOL/STREAM/yyyy-MM-dd.fev} day
 * files, closing a day's file when the stream moves past it. One writer per stream name;
 * a day written again replaces the earlier file, never half of it.
 */
public final class EventStoreWriter implements AutoCloseable
{
    private static final long DAY_NS = 86_400_000_000_000L;

    private final EventStore store;
    private final String stream;
    private final Map<String, DayFile> open = new HashMap<>();
    private long records;

    /**
     * @param stream name of the data's kind (trades, aggTrades, quotes, session...), a directory name
     */
    public EventStoreWriter(final EventStore store, final String stream)
    {
        if (!stream.matches("[A-Za-z0-9_.-]+") || stream.startsWith("."))
        {
            throw new IllegalArgumentException("stream name must be a plain directory name: '" + stream + "'");
        }
        this.store = store;
        this.stream = stream;
    }

    public void append(final String symbol, final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        final long day = Math.floorDiv(timestampNs, DAY_NS);
        DayFile file = open.get(symbol);
        if (file == null || file.day != day)
        {
            if (file != null)
            {
                if (day < file.day)
                {
                    throw new IllegalArgumentException(symbol + ": event at " + Instant.ofEpochSecond(0, timestampNs) +
                        " goes back to a day already written");
                }
                file.writer.close();
            }
            final LocalDate date = LocalDate.ofEpochDay(day);
            file = new DayFile(day, new EventFileWriter(store.file(symbol, stream, date), symbol));
            open.put(symbol, file);
        }
        file.writer.append(buffer, offset, length, timestampNs);
        records++;
    }

    public long records()
    {
        return records;
    }

    /** Deletes the partial files after a failed import, so a later run cannot read half a day. */
    public void abort()
    {
        open.values().forEach(file -> file.writer.abort());
        open.clear();
    }

    public void close()
    {
        open.values().forEach(file -> file.writer.close());
        open.clear();
    }


    private record DayFile(long day, EventFileWriter writer)
    {
    }
}
