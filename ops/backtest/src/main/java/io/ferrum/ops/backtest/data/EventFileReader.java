package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Iterates an event file through a read-only memory map: {@link #next()} only moves an
 * offset, the message stays in the page cache. The header and every record's bounds are
 * checked, so a corrupt or truncated file is an {@link EventFileException} naming the file
 * and the offset, never a crash or a misread.
 */
public final class EventFileReader implements EventSource
{
    private final Path path;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;
    private final long records;
    private final long firstTimeNs;
    private final long lastTimeNs;
    private final String symbol;
    private final int end;
    private int recordOffset = -1;
    private int nextOffset = EventFile.HEADER_LENGTH;
    private int length;
    private long timestampNs;

    public EventFileReader(final Path path)
    {
        this.path = path;
        try (FileChannel channel = FileChannel.open(path, StandardOpenOption.READ))
        {
            final long size = channel.size();
            if (size < EventFile.HEADER_LENGTH)
            {
                throw new EventFileException(path, 0, "shorter than the " + EventFile.HEADER_LENGTH + "-byte header");
            }
            if (size > Integer.MAX_VALUE)
            {
                throw new EventFileException(path, 0, "larger than 2 GiB; import writes one file per symbol per day");
            }
            mapped = channel.map(FileChannel.MapMode.READ_ONLY, 0, size);
            buffer = new UnsafeBuffer(mapped);
            end = (int)size;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot map " + path, ex);
        }
        final String invalid = validateHeader();
        if (invalid != null)
        {
            close();
            throw new EventFileException(path, 0, invalid);
        }
        records = buffer.getLong(EventFile.RECORD_COUNT_OFFSET);
        firstTimeNs = buffer.getLong(EventFile.FIRST_TIME_OFFSET);
        lastTimeNs = buffer.getLong(EventFile.LAST_TIME_OFFSET);
        symbol = buffer.getStringWithoutLengthAscii(EventFile.SYMBOL_OFFSET, EventFile.SYMBOL_LENGTH).trim()
            .replace("\0", "");
    }

    /** @return why the header is refused, or null; built before unmapping so nothing reads a dead map */
    private String validateHeader()
    {
        if (buffer.getLong(0) != EventFile.MAGIC)
        {
            return "not a Ferrum event file (bad magic)";
        }
        final int schemaId = buffer.getInt(EventFile.SCHEMA_ID_OFFSET);
        final int schemaVersion = buffer.getInt(EventFile.SCHEMA_VERSION_OFFSET);
        if (schemaId != MessageHeaderDecoder.SCHEMA_ID || schemaVersion > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            return "written for SBE schema " + schemaId + " version " + schemaVersion;
        }
        final long dataLength = buffer.getLong(EventFile.DATA_LENGTH_OFFSET);
        if (dataLength != end - EventFile.HEADER_LENGTH)
        {
            return "truncated or unfinished: header says " + dataLength + " data bytes, file has " +
                (end - EventFile.HEADER_LENGTH);
        }
        return null;
    }

    public boolean next()
    {
        final int at = nextOffset;
        if (at >= end)
        {
            return false;
        }
        if (at + EventFile.RECORD_HEADER_LENGTH > end)
        {
            throw new EventFileException(path, at, "record header runs past the end");
        }
        final int messageLength = buffer.getInt(at);
        if (messageLength < MessageHeaderDecoder.ENCODED_LENGTH || messageLength > end - at - EventFile.RECORD_HEADER_LENGTH)
        {
            throw new EventFileException(path, at, "bad record length " + messageLength);
        }
        final long time = buffer.getLong(at + EventFile.RECORD_TIME_OFFSET);
        if (time < timestampNs)
        {
            throw new EventFileException(path, at, "event time goes backwards");
        }
        timestampNs = time;
        length = messageLength;
        recordOffset = at;
        nextOffset = at + EventFile.alignedRecordLength(messageLength);
        return true;
    }

    public long timestampNs()
    {
        return timestampNs;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    public int offset()
    {
        return recordOffset + EventFile.RECORD_HEADER_LENGTH;
    }

    public int length()
    {
        return length;
    }

    /** SBE template id of the current record, without decoding the message. */
    public int templateId()
    {
        return buffer.getInt(recordOffset + EventFile.RECORD_TEMPLATE_OFFSET);
    }

    public long records()
    {
        return records;
    }

    public long firstTimeNs()
    {
        return firstTimeNs;
    }

    public long lastTimeNs()
    {
        return lastTimeNs;
    }

    public String symbol()
    {
        return symbol;
    }

    public Path path()
    {
        return path;
    }

    public void close()
    {
        nextOffset = Integer.MAX_VALUE; // the map is gone: next() must never touch it again
        IoUtil.unmap(mapped);
    }
}
