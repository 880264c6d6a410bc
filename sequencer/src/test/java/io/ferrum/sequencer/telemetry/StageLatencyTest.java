package io.ferrum.sequencer.telemetry;

import io.ferrum.tuning.jit.StringLiterals;
import org.HdrHistogram.Histogram;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.lang.management.ManagementFactory;
import java.nio.ByteBuffer;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;

class StageLatencyTest
{
    /** The hot threads record every message: a record must not allocate, as the rest of the path does not. */
    @Test
    void recordingAllocatesNothing()
    {
        StringLiterals.preIntern("io.ferrum", "org.HdrHistogram");
        final StageLatency latency = new StageLatency();
        final Histogram into = StageLatency.newHistogram();
        final com.sun.management.ThreadMXBean threads = (com.sun.management.ThreadMXBean)ManagementFactory.getThreadMXBean();
        for (int i = 0; i < 300_000; i++)
        {
            latency.record(Stage.ENGINE_STEP, 100 + (i & 0xFFFF));
            latency.record(Stage.RING_WAIT, i);
        }
        latency.intervalInto(Stage.ENGINE_STEP, into); // the cold side swaps in between, as the agent does

        final long before = threads.getCurrentThreadAllocatedBytes();
        for (int i = 0; i < 1_000_000; i++)
        {
            latency.record(Stage.ENGINE_STEP, 100 + (i & 0xFFFF));
            latency.record(Stage.RING_WAIT, i * 37L);
            latency.record(Stage.SEQUENCER_TO_COMMIT, -i); // a clock behind another: counted as 1 ns
            latency.record(Stage.TICK_TO_TRADE, Long.MAX_VALUE); // beyond the range: counted as the highest
        }
        final long allocated = threads.getCurrentThreadAllocatedBytes() - before;

        assertEquals(0, allocated, "bytes allocated by 4 M records");
        latency.intervalInto(Stage.TICK_TO_TRADE, into);
        assertEquals(1_000_000, into.getTotalCount());
        assertEquals(StageLatency.HIGHEST_NS, into.getMaxValue(), StageLatency.HIGHEST_NS / 100.0);
    }

    @Test
    void aWrittenHistogramReadsBackFromTheFileAndAClosedFileIsGone(@TempDir final Path dir)
    {
        final File aeronDir = dir.toFile();
        final Histogram written = StageLatency.newHistogram();
        for (int i = 1; i <= 10_000; i++)
        {
            written.recordValue(i * 1_000L);
        }
        try (LatencyFile file = LatencyFile.create(aeronDir))
        {
            file.write(Stage.ENGINE_STEP, written, LatencyFile.newScratch());
            final LatencyFile.Contents contents = LatencyFile.read(aeronDir);
            assertNotNull(contents);
            assertEquals(ProcessHandle.current().pid(), contents.pid());
            assertEquals(written, contents.histogram(Stage.ENGINE_STEP));
            assertEquals(0, contents.histogram(Stage.GATEWAY_DECODE).getTotalCount(), "never written: empty");
        }
        assertFalse(new File(aeronDir, LatencyFile.FILE_NAME).exists(), "a stopped writer leaves nothing behind");
        assertNull(LatencyFile.read(aeronDir));
    }

    @Test
    void aFileThatIsNotALatencyFileIsNotRead(@TempDir final Path dir) throws Exception
    {
        Files.write(dir.resolve(LatencyFile.FILE_NAME), new byte[4096]);
        assertNull(LatencyFile.read(dir.toFile()), "zeros: no magic");
        Files.write(dir.resolve(LatencyFile.FILE_NAME), new byte[10]);
        assertNull(LatencyFile.read(dir.toFile()), "shorter than a header");
        final ByteBuffer garbage = ByteBuffer.allocate(LatencyFile.HEADER_LENGTH + 64);
        garbage.putLong(0, Long.reverseBytes(LatencyFile.MAGIC)).putInt(8, Integer.reverseBytes(LatencyFile.VERSION))
            .putInt(12, Integer.reverseBytes(Stage.count()));
        garbage.putInt(16, Integer.reverseBytes(LatencyFile.SLOT_LENGTH));
        Files.write(dir.resolve(LatencyFile.FILE_NAME), garbage.array());
        assertNull(LatencyFile.read(dir.toFile()), "a header promising slots the file does not hold");
    }
}
