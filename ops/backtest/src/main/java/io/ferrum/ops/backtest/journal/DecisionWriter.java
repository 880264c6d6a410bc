package io.ferrum.ops.backtest.journal;

import org.agrona.concurrent.Agent;
import org.agrona.concurrent.MessageHandler;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.ringbuffer.OneToOneRingBuffer;
import org.agrona.concurrent.ringbuffer.RingBufferDescriptor;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Drains the {@link DecisionRecorder}'s ring into the journal's {@link DecisionLog} file, off the
 * engine's thread; on close it drains what is left and writes the END record.
 */
public final class DecisionWriter implements Agent
{
    /** 4 MiB: some ten thousand decisions in flight before the writer must have run. */
    private static final int RING_CAPACITY = 4 * 1024 * 1024;

    private final Path file;
    private final FileChannel channel;
    private final OneToOneRingBuffer ring = new OneToOneRingBuffer(
        new UnsafeBuffer(ByteBuffer.allocateDirect(RING_CAPACITY + RingBufferDescriptor.TRAILER_LENGTH)));
    private final ByteBuffer staging = ByteBuffer.allocateDirect(1 << 16).order(ByteOrder.LITTLE_ENDIAN);
    private final UnsafeBuffer stagingBuffer = new UnsafeBuffer(staging);
    private final MessageHandler onDecision = this::onDecision;
    private DecisionRecorder recorder;
    private long records;

    /** Creates (or truncates) {@code journalDir/decisions.dat} and writes its header. */
    public DecisionWriter(final Path journalDir)
    {
        this.file = journalDir.resolve(DecisionLog.FILE_NAME);
        try
        {
            channel = FileChannel.open(file, StandardOpenOption.CREATE, StandardOpenOption.TRUNCATE_EXISTING,
                StandardOpenOption.WRITE);
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot create " + file, ex);
        }
        stagingBuffer.putInt(0, DecisionLog.MAGIC, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(4, DecisionLog.VERSION, ByteOrder.LITTLE_ENDIAN);
        staging.position(DecisionLog.FILE_HEADER_LENGTH);
        flush();
    }

    /** The engine-side recorder around {@code egress}; one per writer. */
    public DecisionRecorder recorder(final io.ferrum.engine.api.EngineOutput egress)
    {
        if (recorder != null)
        {
            throw new IllegalStateException("one engine per decision log");
        }
        recorder = new DecisionRecorder(egress, ring);
        return recorder;
    }

    public int doWork()
    {
        final int read = ring.read(onDecision);
        flush();
        return read;
    }

    public void onClose()
    {
        while (ring.read(onDecision) > 0)
        {
            flush();
        }
        ensureRoom(DecisionLog.RECORD_HEADER_LENGTH);
        final int at = staging.position();
        stagingBuffer.putInt(at, 0, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(at + 4, DecisionLog.END, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putLong(at + 8, recorder == null ? 0 : recorder.lost(), ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putLong(at + 16, records, ByteOrder.LITTLE_ENDIAN);
        staging.position(at + DecisionLog.RECORD_HEADER_LENGTH);
        flush();
        try
        {
            channel.force(false);
            channel.close();
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot close " + file, ex);
        }
    }

    public String roleName()
    {
        return "decision-writer";
    }

    private void onDecision(final int type, final org.agrona.MutableDirectBuffer buffer, final int index, final int length)
    {
        final int messageLength = length - 16;
        final int recordLength = org.agrona.BitUtil.align(DecisionLog.RECORD_HEADER_LENGTH + messageLength, 8);
        ensureRoom(recordLength);
        final int at = staging.position();
        stagingBuffer.putInt(at, messageLength, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putInt(at + 4, DecisionLog.DECISION, ByteOrder.LITTLE_ENDIAN);
        stagingBuffer.putBytes(at + 8, buffer, index, 16);
        stagingBuffer.putBytes(at + DecisionLog.RECORD_HEADER_LENGTH, buffer, index + 16, messageLength);
        stagingBuffer.setMemory(at + DecisionLog.RECORD_HEADER_LENGTH + messageLength,
            recordLength - DecisionLog.RECORD_HEADER_LENGTH - messageLength, (byte)0);
        staging.position(at + recordLength);
        records++;
    }

    private void ensureRoom(final int length)
    {
        if (staging.remaining() < length)
        {
            flush();
        }
    }

    private void flush()
    {
        if (staging.position() == 0)
        {
            return;
        }
        staging.flip();
        try
        {
            while (staging.hasRemaining())
            {
                channel.write(staging);
            }
        }
        catch (final IOException ex)
        {
            throw new UncheckedIOException("cannot write " + file, ex);
        }
        staging.clear();
    }
}
