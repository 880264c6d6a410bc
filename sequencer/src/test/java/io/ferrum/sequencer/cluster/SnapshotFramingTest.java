package io.ferrum.sequencer.cluster;

import io.aeron.Aeron;
import io.aeron.ExclusivePublication;
import io.aeron.Image;
import io.aeron.Subscription;
import io.aeron.driver.MediaDriver;
import io.aeron.driver.ThreadingMode;
import io.ferrum.engine.api.EngineState;
import io.ferrum.codecs.control.MessageHeaderEncoder;
import io.ferrum.codecs.control.SnapshotBeginEncoder;
import io.ferrum.codecs.control.SnapshotChunkEncoder;
import io.ferrum.sequencer.ControlProtocol;
import org.agrona.CloseHelper;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.Arrays;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Snapshot framing over a real IPC publication: large states cross in many chunks, and a
 * snapshot that is cut short, oversized or restores to another hash is refused.
 */
class SnapshotFramingTest
{
    @TempDir
    Path dir;
    private MediaDriver driver;
    private Aeron aeron;
    private ExclusivePublication publication;
    private Subscription subscription;
    private final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);

    /** State = bytes; its hash a checksum of them (or a lie, to model a bad restore). */
    private static final class BytesState implements EngineState
    {
        byte[] bytes;
        long hashOffset;

        BytesState(final byte[] bytes)
        {
            this.bytes = bytes;
        }

        public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
        {
            buffer.putBytes(offset, bytes);
            return bytes.length;
        }

        public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
        {
            bytes = new byte[length];
            buffer.getBytes(offset, bytes);
        }

        public long stateHash()
        {
            return Arrays.hashCode(bytes) + hashOffset;
        }
    }

    @BeforeEach
    void start()
    {
        driver = MediaDriver.launch(new MediaDriver.Context()
            .aeronDirectoryName(dir.resolve("aeron").toString())
            .threadingMode(ThreadingMode.SHARED)
            .sharedIdleStrategy(new SleepingMillisIdleStrategy(1))
            .ipcTermBufferLength(64 * 1024)
            .termBufferSparseFile(true)
            .dirDeleteOnStart(true)
            .dirDeleteOnShutdown(true));
        aeron = Aeron.connect(new Aeron.Context().aeronDirectoryName(driver.aeronDirectoryName()));
        subscription = aeron.addSubscription("aeron:ipc", 7);
        publication = aeron.addExclusivePublication("aeron:ipc", 7);
        while (!publication.isConnected())
        {
            idle.idle();
        }
    }

    @AfterEach
    void stop()
    {
        CloseHelper.closeAll(publication, subscription, aeron, driver);
    }

    private Image image()
    {
        while (subscription.imageCount() == 0)
        {
            idle.idle();
        }
        return subscription.imageAtIndex(0);
    }

    @Test
    void aLargeStateCrossesInManyChunksAndRestoresExactly()
    {
        final byte[] state = new byte[100_000];
        for (int i = 0; i < state.length; i++)
        {
            state[i] = (byte)(i * 31 + 7);
        }
        final Thread writer = new Thread(() -> new SnapshotWriter().write(publication, new BytesState(state), 42, idle));
        writer.start();

        final BytesState restored = new BytesState(new byte[0]);
        assertEquals(42, new SnapshotLoader().load(image(), restored, idle), "the input count comes back");
        assertArrayEquals(state, restored.bytes);
    }

    @Test
    void aSnapshotCutShortIsRefused()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        new SnapshotBeginEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder()).totalLength(1000);
        offer(frame, ControlProtocol.HEADER_LENGTH + SnapshotBeginEncoder.BLOCK_LENGTH);
        new SnapshotChunkEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder());
        offer(frame, ControlProtocol.HEADER_LENGTH + 40);
        final Image image = image();
        publication.close();

        final IllegalStateException ex = assertThrows(IllegalStateException.class,
            () -> new SnapshotLoader().load(image, new BytesState(new byte[0]), idle));
        assertTrue(ex.getMessage().contains("ended before its END"), ex.getMessage());
    }

    @Test
    void aForeignFragmentIsRefused()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        frame.putLong(0, 0x0001_1D25_0001_0008L); // an SBE header of some other schema
        offer(frame, 32);
        assertTrue(assertThrows(IllegalStateException.class,
            () -> new SnapshotLoader().load(image(), new BytesState(new byte[0]), idle))
            .getMessage().contains("not a Ferrum snapshot fragment"));
    }

    @Test
    void moreBytesThanAnnouncedIsRefused()
    {
        final UnsafeBuffer frame = new UnsafeBuffer(new byte[64]);
        new SnapshotBeginEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder()).totalLength(8);
        offer(frame, ControlProtocol.HEADER_LENGTH + SnapshotBeginEncoder.BLOCK_LENGTH);
        new SnapshotChunkEncoder().wrapAndApplyHeader(frame, 0, new MessageHeaderEncoder());
        offer(frame, ControlProtocol.HEADER_LENGTH + 16);
        assertTrue(assertThrows(IllegalStateException.class,
            () -> new SnapshotLoader().load(image(), new BytesState(new byte[0]), idle))
            .getMessage().contains("outside the announced length"));
    }

    @Test
    void aRestoreThatGivesAnotherHashIsRefused()
    {
        final byte[] state = { 1, 2, 3 };
        new SnapshotWriter().write(publication, new BytesState(state), 42, idle);
        final BytesState lying = new BytesState(new byte[0]);
        lying.hashOffset = 1;
        assertTrue(assertThrows(IllegalStateException.class, () -> new SnapshotLoader().load(image(), lying, idle))
            .getMessage().contains("restored state hash"));
    }

    private void offer(final UnsafeBuffer frame, final int length)
    {
        while (publication.offer(frame, 0, length) < 0)
        {
            idle.idle();
        }
    }
}
