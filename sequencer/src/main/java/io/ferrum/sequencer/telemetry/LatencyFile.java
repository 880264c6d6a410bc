package io.ferrum.sequencer.telemetry;

import org.HdrHistogram.Histogram;
import org.agrona.BitUtil;
import org.agrona.IoUtil;
import org.agrona.concurrent.UnsafeBuffer;

import java.io.File;
import java.nio.ByteBuffer;
import java.nio.MappedByteBuffer;
import java.nio.channels.FileChannel;

/**
 * The per-stage latency histograms of one process in a memory-mapped file beside its CnC
 * ({@value #FILE_NAME} in the Aeron directory), written by the process's {@link MetricsAgent} and
 * read by other processes, like the CnC's counters. Each stage has a slot holding the HdrHistogram
 * encoding of everything recorded since the process started; a slot's sequence is odd while it is
 * written, so a reader copies it, checks the sequence did not move, and decodes its copy.
 * <pre>
 * header (64 bytes): magic, version, stage count, slot length, heartbeat (epoch ms), pid
 * slot per stage:    sequence (long), encoded length (int), pad, encoded histogram
 * </pre>
 * The heartbeat is written at every publication: a file whose heartbeat is older than a few
 * intervals belongs to a process that died (a stopped one deletes its file).
 */
public final class LatencyFile implements AutoCloseable
{
    public static final String FILE_NAME = "ferrum-latency.dat";
    static final long MAGIC = 0x464552524D4C4154L; // "FERRMLAT"
    static final int VERSION = 1;
    static final int MAGIC_OFFSET = 0;
    static final int VERSION_OFFSET = 8;
    static final int STAGE_COUNT_OFFSET = 12;
    static final int SLOT_LENGTH_OFFSET = 16;
    static final int HEARTBEAT_OFFSET = 24;
    static final int PID_OFFSET = 32;
    static final int HEADER_LENGTH = 64;
    static final int SEQUENCE_OFFSET = 0;
    static final int LENGTH_OFFSET = 8;
    static final int DATA_OFFSET = 16;
    static final int SLOT_LENGTH =
        BitUtil.align(DATA_OFFSET + StageLatency.newHistogram().getNeededByteBufferCapacity(), 64);

    private final File file;
    private final MappedByteBuffer mapped;
    private final UnsafeBuffer buffer;

    private LatencyFile(final File file, final MappedByteBuffer mapped)
    {
        this.file = file;
        this.mapped = mapped;
        this.buffer = new UnsafeBuffer(mapped);
    }

    /** Creates (or replaces) the file in {@code aeronDir} with empty slots. */
    public static LatencyFile create(final File aeronDir)
    {
        final File file = new File(aeronDir, FILE_NAME);
        final int length = HEADER_LENGTH + Stage.count() * SLOT_LENGTH;
        IoUtil.deleteIfExists(file);
        final LatencyFile latencyFile = new LatencyFile(file, IoUtil.mapNewFile(file, length, true));
        final UnsafeBuffer header = latencyFile.buffer;
        header.putInt(VERSION_OFFSET, VERSION);
        header.putInt(STAGE_COUNT_OFFSET, Stage.count());
        header.putInt(SLOT_LENGTH_OFFSET, SLOT_LENGTH);
        header.putLong(PID_OFFSET, ProcessHandle.current().pid());
        header.putLongRelease(HEARTBEAT_OFFSET, System.currentTimeMillis());
        header.putLongRelease(MAGIC_OFFSET, MAGIC);
        return latencyFile;
    }

    /** Writes {@code histogram} into the stage's slot, encoding it through {@code scratch}. */
    void write(final Stage stage, final Histogram histogram, final ByteBuffer scratch)
    {
        scratch.clear();
        final int length = histogram.encodeIntoByteBuffer(scratch);
        final int slot = HEADER_LENGTH + stage.ordinal() * SLOT_LENGTH;
        final long sequence = buffer.getLong(slot + SEQUENCE_OFFSET);
        buffer.putLongRelease(slot + SEQUENCE_OFFSET, sequence + 1);
        java.lang.invoke.VarHandle.storeStoreFence();
        buffer.putBytes(slot + DATA_OFFSET, scratch, 0, length);
        buffer.putInt(slot + LENGTH_OFFSET, length);
        buffer.putLongRelease(slot + SEQUENCE_OFFSET, sequence + 2);
    }

    void heartbeat(final long epochMs)
    {
        buffer.putLongRelease(HEARTBEAT_OFFSET, epochMs);
    }

    /** A buffer large enough to encode one of the recorders' histograms. */
    static ByteBuffer newScratch()
    {
        return ByteBuffer.allocateDirect(SLOT_LENGTH - DATA_OFFSET);
    }

    /** Unmaps and deletes the file: a stopped process leaves nothing a reader could take for live. */
    public void close()
    {
        IoUtil.unmap(mapped);
        IoUtil.deleteIfExists(file);
    }

    /** What a reader finds in a latency file. */
    public static final class Contents
    {
        private final long heartbeatMs;
        private final long pid;
        private final Histogram[] histograms;

        Contents(final long heartbeatMs, final long pid, final Histogram[] histograms)
        {
            this.heartbeatMs = heartbeatMs;
            this.pid = pid;
            this.histograms = histograms;
        }

        /** When the writer last published, epoch ms. */
        public long heartbeatMs()
        {
            return heartbeatMs;
        }

        public long pid()
        {
            return pid;
        }

        /** Everything recorded for {@code stage} since the writer started (empty when nothing was). */
        public Histogram histogram(final Stage stage)
        {
            return histograms[stage.ordinal()];
        }
    }

    /**
     * Reads a latency file, read-only, mapped for this look only.
     *
     * @return null when there is no such file or it is not (or not yet) a latency file of this version
     */
    public static Contents read(final File aeronDir)
    {
        final File file = new File(aeronDir, FILE_NAME);
        if (!file.isFile() || file.length() < HEADER_LENGTH)
        {
            return null;
        }
        MappedByteBuffer mapped = null;
        try
        {
            mapped = IoUtil.mapExistingFile(file, FileChannel.MapMode.READ_ONLY, "latency");
            final UnsafeBuffer buffer = new UnsafeBuffer(mapped);
            if (MAGIC != buffer.getLongVolatile(MAGIC_OFFSET) || VERSION != buffer.getInt(VERSION_OFFSET))
            {
                return null;
            }
            final int stages = Math.min(buffer.getInt(STAGE_COUNT_OFFSET), Stage.count());
            final int slotLength = buffer.getInt(SLOT_LENGTH_OFFSET);
            if (slotLength != SLOT_LENGTH || buffer.capacity() < HEADER_LENGTH + stages * slotLength)
            {
                return null;
            }
            final Histogram[] histograms = new Histogram[Stage.count()];
            final ByteBuffer copy = ByteBuffer.allocate(slotLength - DATA_OFFSET);
            for (int i = 0; i < histograms.length; i++)
            {
                histograms[i] = i < stages ? readSlot(buffer, HEADER_LENGTH + i * slotLength, copy) : null;
                if (null == histograms[i])
                {
                    histograms[i] = StageLatency.newHistogram();
                }
            }
            return new Contents(buffer.getLongVolatile(HEARTBEAT_OFFSET), buffer.getLong(PID_OFFSET), histograms);
        }
        catch (final RuntimeException ex)
        {
            // deleted or truncated while mapping: the writer stopped right now
            return null;
        }
        finally
        {
            if (null != mapped)
            {
                IoUtil.unmap(mapped);
            }
        }
    }

    private static Histogram readSlot(final UnsafeBuffer buffer, final int slot, final ByteBuffer copy)
    {
        for (int attempt = 0; attempt < 100; attempt++)
        {
            final long before = buffer.getLongVolatile(slot + SEQUENCE_OFFSET);
            if (0 == before)
            {
                return null; // never written
            }
            if ((before & 1) == 0)
            {
                final int length = buffer.getInt(slot + LENGTH_OFFSET);
                if (length > 0 && length <= copy.capacity())
                {
                    buffer.getBytes(slot + DATA_OFFSET, copy, 0, length);
                    java.lang.invoke.VarHandle.loadLoadFence();
                    if (before == buffer.getLongVolatile(slot + SEQUENCE_OFFSET))
                    {
                        copy.clear();
                        return Histogram.decodeFromByteBuffer(copy, 1);
                    }
                }
            }
            Thread.onSpinWait();
        }
        return null;
    }
}
