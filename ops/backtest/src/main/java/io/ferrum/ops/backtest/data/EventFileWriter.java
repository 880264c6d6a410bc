package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;

/**
 * Appends records to a new event file through a direct staging buffer and writes the
 * header on {@link #close()}. It writes to {@code name.tmp} and renames on close, so a
 * reader never sees a file that is being written.
 */
public final class EventFileWriter implements AutoCloseable
{
    private static final int STAGING = 1 << 20;

    private final Path path;
    private final Path temporary;
    private final FileChannel channel;
    private final ByteBuffer staging = ByteBuffer.allocateDirect(STAGING).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer stagingBuffer = new UnsafeBuffer(staging);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final byte[] symbol;
    private int position;
    private long records;
    private long firstTimeNs;
    private long lastTimeNs = Long.MIN_VALUE;
    private long dataLength;

    public EventFileWriter(final Path path, final String symbol)
    {
        this.path = path;
        this.temporary = path.resolveSibling(path.getFileName() + ".tmp");
        this.symbol = symbol.getBytes(StandardCharsets.US_ASCII);
        try
        {
            Files.createDirectories(path.toAbsolutePath().getParent());
            channel = FileChannel.open(temporary,
                StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING, StandardOpenOption.WRITE);
            channel.position(EventFile.HEADER_LENGTH);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + temporary, ex);
        }
    }

    /**
     * @param timestampNs must not go backwards: readers rely on files being time ordered
     */
    public void append(final DirectBuffer buffer, final int offset, final int length, final long timestampNs)
    {
        if (timestampNs < lastTimeNs)
        {
            throw new IllegalArgumentException(
                path + ": event at " + timestampNs + " ns is before the previous one at " + lastTimeNs + " ns");
        }
        final int recordLength = EventFile.alignedRecordLength(length);
        if (position + recordLength > STAGING)
        {
            flush();
        }
        header.wrap(buffer, offset);
        stagingBuffer.putInt(position, length);
        stagingBuffer.putInt(position + EventFile.RECORD_TEMPLATE_OFFSET, header.templateId());
        stagingBuffer.putLong(position + EventFile.RECORD_TIME_OFFSET, timestampNs);
        stagingBuffer.putBytes(position + EventFile.RECORD_HEADER_LENGTH, buffer, offset, length);
        stagingBuffer.setMemory(position + EventFile.RECORD_HEADER_LENGTH + length,
            recordLength - EventFile.RECORD_HEADER_LENGTH - length, (byte)0);
        position += recordLength;
        dataLength += recordLength;
        if (records++ == 0)
        {
            firstTimeNs = timestampNs;
        }
        lastTimeNs = timestampNs;
    }

    public long records()
    {
        return records;
    }

    public Path path()
    {
        return path;
    }

    public void close()
    {
        try
        {
            flush();
            stagingBuffer.setMemory(0, EventFile.HEADER_LENGTH, (byte)0);
            stagingBuffer.putLong(0, EventFile.MAGIC);
            stagingBuffer.putInt(EventFile.SCHEMA_ID_OFFSET, MessageHeaderDecoder.SCHEMA_ID);
            stagingBuffer.putInt(EventFile.SCHEMA_VERSION_OFFSET, MessageHeaderDecoder.SCHEMA_VERSION);
            stagingBuffer.putLong(EventFile.RECORD_COUNT_OFFSET, records);
            stagingBuffer.putLong(EventFile.FIRST_TIME_OFFSET, firstTimeNs);
            stagingBuffer.putLong(EventFile.LAST_TIME_OFFSET, records > 0 ? lastTimeNs : 0);
            stagingBuffer.putLong(EventFile.DATA_LENGTH_OFFSET, dataLength);
            stagingBuffer.putBytes(EventFile.SYMBOL_OFFSET, symbol, 0, Math.min(symbol.length, EventFile.SYMBOL_LENGTH));
            staging.clear().limit(EventFile.HEADER_LENGTH);
            long at = 0;
            while (staging.hasRemaining())
            {
                at += channel.write(staging, at);
            }
            channel.close();
            Files.move(temporary, path, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot finish " + path, ex);
        }
    }

    /** Removes the partial file after a failed import. */
    public void abort()
    {
        try
        {
            channel.close();
            Files.deleteIfExists(temporary);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot remove " + temporary, ex);
        }
    }

    private void flush()
    {
        try
        {
            staging.clear().limit(position);
            while (staging.hasRemaining())
            {
                channel.write(staging);
            }
            position = 0;
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + temporary, ex);
        }
    }
}
