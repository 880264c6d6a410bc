package io.ferrum.ops.backtest.data;

import org.agrona.DirectBuffer;

import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.List;

/**
 * One symbol's day files, read one after another through one chunk buffer; a file is open
 * only while it is read, so a two-year run keeps one file per symbol open.
 */
public final class ConcatenatedEventSource implements EventSource
{
    private final List<Path> files;
    private final ByteBuffer chunk = ByteBuffer.allocateDirect(EventFileReader.CHUNK_LENGTH);
    private int index;
    private EventFileReader current;
    private long lastTimeNs = Long.MIN_VALUE;

    public ConcatenatedEventSource(final List<Path> files)
    {
        this.files = List.copyOf(files);
    }

    public boolean next()
    {
        while (true)
        {
            if (current != null && current.next())
            {
                if (current.timestampNs() < lastTimeNs)
                {
                    throw new EventFileException(current.path(), current.recordPosition(),
                        "starts before the end of the previous file");
                }
                lastTimeNs = current.timestampNs();
                return true;
            }
            if (current != null)
            {
                current.close();
                current = null;
            }
            if (index == files.size())
            {
                return false;
            }
            current = new EventFileReader(files.get(index++), chunk);
        }
    }

    public long timestampNs()
    {
        return current.timestampNs();
    }

    public DirectBuffer buffer()
    {
        return current.buffer();
    }

    public int offset()
    {
        return current.offset();
    }

    public int length()
    {
        return current.length();
    }

    public void close()
    {
        if (current != null)
        {
            current.close();
            current = null;
        }
        index = files.size();
    }
}
