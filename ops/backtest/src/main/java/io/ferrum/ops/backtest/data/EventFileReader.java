package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Iterates an event file in chunks: {@link #next()} only moves an offset within a direct
 * buffer that one positioned read fills with whole records at a time, so each message is read
 * in place, never copied into an object. Not a memory map: on the 2-core VM the benchmarks run
 * on, the first touch of each page of a freshly mapped file cost about 100 ns per 256 bytes
 * (a page fault per page) against about 15 ns for a 256 kB read into a buffer that stays in the
 * cache (docs/benchmarks.md, "Backtest replay, 2026-12-07"). The header and every record's
 * bounds are checked, so a corrupt or truncated file is an {@link EventFileException} naming the
 * file and the offset, never a crash or a misread.
 */
public final class EventFileReader implements EventSource
{
    /** Bytes read at a time: large enough that reads are rare, small enough to stay in the L2 cache. */
    public static final int CHUNK_LENGTH = 256 * 1024;

    private final Path path;
    private final FileChannel channel;
    private final UnsafeBuffer buffer = new UnsafeBuffer(0, 0);
    private final long records;
    private final long firstTimeNs;
    private final long lastTimeNs;
    private final String symbol;
    private final int end;
    private ByteBuffer chunk;
    /** File position of the chunk's first byte, and how many bytes of the file it holds. */
    private int chunkStart;
    private int chunkLength;
    private int recordOffset = -1;
    private int nextOffset = EventFile.HEADER_LENGTH;
    private int length;
    private long timestampNs;

    public EventFileReader(final Path path)
    {
        this(path, ByteBuffer.allocateDirect(CHUNK_LENGTH));
    }

    /**
     * @param chunk where records are read to, e.g. shared by the readers of one symbol's days that are
     *              read one after another; replaced by a larger one only for a record longer than it
     */
    public EventFileReader(final Path path, final ByteBuffer chunk)
    {
        this.path = path;
        this.chunk = chunk;
        buffer.wrap(chunk);
        try
        {
            channel = FileChannel.open(path, StandardOpenOption.READ);
            final long size = channel.size();
            if (size < EventFile.HEADER_LENGTH)
            {
                channel.close();
                throw new EventFileException(path, 0, "shorter than the " + EventFile.HEADER_LENGTH + "-byte header");
            }
            if (size > Integer.MAX_VALUE)
            {
                channel.close();
                throw new EventFileException(path, 0, "larger than 2 GiB; import writes one file per symbol per day");
            }
            end = (int)size;
            fill(0, EventFile.HEADER_LENGTH);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path, ex);
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

    /** @return why the header is refused, or null */
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
        if (at + EventFile.RECORD_HEADER_LENGTH > chunkStart + chunkLength)
        {
            fill(at, EventFile.RECORD_HEADER_LENGTH);
        }
        final int messageLength = buffer.getInt(at - chunkStart);
        if (messageLength < MessageHeaderDecoder.ENCODED_LENGTH || messageLength > end - at - EventFile.RECORD_HEADER_LENGTH)
        {
            throw new EventFileException(path, at, "bad record length " + messageLength);
        }
        // the padding after the last record may be missing: only the record's own bytes must be there
        final int recordLength = EventFile.RECORD_HEADER_LENGTH + messageLength;
        if (at + recordLength > chunkStart + chunkLength)
        {
            fill(at, recordLength);
        }
        final long time = buffer.getLong(at - chunkStart + EventFile.RECORD_TIME_OFFSET);
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

    /** Reads the file from {@code position} into the chunk, at least {@code needed} bytes (all there are, by the checks). */
    private void fill(final int position, final int needed)
    {
        if (needed > chunk.capacity())
        {
            chunk = ByteBuffer.allocateDirect(Integer.highestOneBit(needed) << 1); // a rare record longer than a chunk
            buffer.wrap(chunk);
        }
        chunk.clear();
        chunk.limit((int)Math.min(chunk.capacity(), (long)end - position));
        try
        {
            while (chunk.hasRemaining())
            {
                if (channel.read(chunk, position + chunk.position()) < 0)
                {
                    throw new EventFileException(path, position + chunk.position(), "file shrank while read");
                }
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot read " + path + " at byte " + position, ex);
        }
        chunkStart = position;
        chunkLength = chunk.position();
    }

    public long timestampNs()
    {
        return timestampNs;
    }

    public DirectBuffer buffer()
    {
        return buffer;
    }

    /** Offset of the current message in {@link #buffer()}, valid until the next call to {@link #next()}. */
    public int offset()
    {
        return recordOffset - chunkStart + EventFile.RECORD_HEADER_LENGTH;
    }

    /** Position of the current record in the file. */
    public int recordPosition()
    {
        return recordOffset;
    }

    public int length()
    {
        return length;
    }

    /** SBE template id of the current record, without decoding the message. */
    public int templateId()
    {
        return buffer.getInt(recordOffset - chunkStart + EventFile.RECORD_TEMPLATE_OFFSET);
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
        nextOffset = Integer.MAX_VALUE; // the file is closed: next() must never read it again
        try
        {
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + path, ex);
        }
    }
}
