package io.ferrum.sequencer.journal;

import io.ferrum.sequencer.CountingEngine;
import io.ferrum.sequencer.Inputs;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterNode;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.*;

class JournalReaderTest
{
    private static final int INPUTS = 3_000;
    @TempDir
    static Path runDir;
    static Path journal;
    static long liveHash;
    static long liveTimers;

    @TempDir
    Path scratch;

    /** One real run: a 1-member cluster fed through the ring, a snapshot half way, then stopped. */
    @BeforeAll
    static void recordARun() throws Exception
    {
        final CopyOnWriteArrayList<CountingEngine> engines = new CopyOnWriteArrayList<>();
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + runDir, "test");
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                (output, timers) ->
                {
                    final CountingEngine engine = new CountingEngine(output, timers);
                    engines.add(engine);
                    return engine;
                }, config.ackInterval()), ThreadLayout.none(), Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((b, o, l, t) -> {}))
        {
            final ClusterNode node = cluster.awaitLeader(10, TimeUnit.SECONDS);
            final Inputs inputs = new Inputs();
            final BackoffIdleStrategy idle = new BackoffIdleStrategy();
            final CountingEngine engine = engines.get(0);
            for (long sequence = 1; sequence <= INPUTS; sequence++)
            {
                inputs.publish(sequencer.ring(), idle, 1 + (int)(sequence % 3), (sequence + 2) / 3);
                if (INPUTS / 2 == sequence)
                {
                    final long half = sequence;
                    await(() -> engine.applied() == half);
                    assertTrue(node.requestSnapshot());
                    await(() -> node.snapshotCount() == 1);
                }
            }
            await(() -> engine.applied() == INPUTS && engine.timersFired() == INPUTS / CountingEngine.TIMER_EVERY);
            liveHash = engine.hashSeen();
            liveTimers = engine.timersFired();
            journal = node.journalDir().toPath();
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }

    private static CountingEngine replay(final Path dir)
    {
        final CountingEngine engine = new CountingEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final JournalReader.Summary summary = JournalReader.open(dir).replay(engine);
        assertTrue(summary.endPosition() > summary.startPosition());
        return engine;
    }

    @Test
    void replayOfTheJournalReachesTheLiveStateHash()
    {
        final CountingEngine engine = replay(journal);
        assertEquals(INPUTS, engine.applied());
        assertEquals(liveTimers, engine.timersFired(), "timer events are replayed from the log");
        assertEquals(liveHash, engine.hashSeen());
        assertEquals(0, engine.gaps());
    }

    @Test
    void aCursorReadingInStepsUpToEachLimitSeesWhatOneReplaySees()
    {
        final CountingEngine whole = new CountingEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final long end = JournalReader.open(journal).replay(whole).endPosition();
        final CountingEngine stepped = new CountingEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final JournalReader.Cursor cursor = new JournalReader.Cursor(stepped);
        assertEquals(-1, cursor.position());
        final JournalReader reader = JournalReader.open(journal);
        long messages = 0;
        long limit = 0;
        JournalReader.Summary step;
        do
        {
            // 1000 is not a multiple of the 32-byte frame alignment: limits fall inside frames
            limit += 1000;
            step = reader.replay(cursor, limit);
            assertTrue(step.endPosition() <= limit, "nothing read past the limit");
            assertEquals(step.endPosition(), cursor.position());
            messages += step.messages();
        }
        while (step.endPosition() < end);

        assertEquals(INPUTS, stepped.applied());
        assertEquals(whole.hashSeen(), stepped.hashSeen(), "same inputs, positions and timers as one replay");
        assertEquals(0, reader.replay(cursor, Long.MAX_VALUE).messages(), "a cursor at the end reads nothing new");
        assertTrue(messages >= INPUTS);
    }

    @Test
    void replayIsReadOnlyAndRepeatable() throws IOException
    {
        final long before = lastModifiedSum(journal);
        assertEquals(replay(journal).hashSeen(), replay(journal).hashSeen());
        assertEquals(before, lastModifiedSum(journal), "nothing in the journal was touched");
    }

    @Test
    void missingOrForeignDirectoriesAreClearErrors() throws IOException
    {
        assertTrue(assertThrows(JournalException.class, () -> JournalReader.open(scratch.resolve("nope")))
            .getMessage().contains("does not exist"));
        assertTrue(assertThrows(JournalException.class, () -> JournalReader.open(scratch))
            .getMessage().contains("not a cluster member's journal"));

        final Path copy = copyJournal();
        Files.writeString(copy.resolve("cluster").resolve("recording.log"), "garbage");
        assertThrows(JournalException.class, () -> JournalReader.open(copy));
    }

    @Test
    void aMissingLogSegmentIsAClearError() throws IOException
    {
        final Path copy = copyJournal();
        final JournalReader reader = JournalReader.open(copy);
        try (Stream<Path> files = Files.list(copy.resolve("archive")))
        {
            for (final Path file : (Iterable<Path>)files::iterator)
            {
                if (file.getFileName().toString().startsWith(reader.recordingId() + "-"))
                {
                    Files.delete(file);
                }
            }
        }
        assertTrue(assertThrows(JournalException.class, () -> JournalReader.open(copy))
            .getMessage().contains("no segment file"));
    }

    @Test
    void aCorruptFrameIsAClearErrorAtItsPosition() throws IOException
    {
        final Path copy = copyJournal();
        final Path segment = logSegment(copy);
        try (RandomAccessFile file = new RandomAccessFile(segment.toFile(), "rw"))
        {
            // frames are 32-byte aligned: a huge length in every aligned word hits a frame header
            for (long at = 4096; at < 4096 + 32 * 8; at += 32)
            {
                file.seek(at);
                file.writeInt(Integer.reverseBytes(0x7FFF_FFF0));
            }
        }
        final JournalException ex = assertThrows(JournalException.class, () -> replay(copy));
        assertTrue(ex.getMessage().contains("corrupt journal"), ex.getMessage());
        assertTrue(ex.getMessage().contains("log position"), ex.getMessage());
    }

    private Path logSegment(final Path dir) throws IOException
    {
        final long recordingId = JournalReader.open(dir).recordingId();
        try (Stream<Path> files = Files.list(dir.resolve("archive")))
        {
            return files.filter((f) -> f.getFileName().toString().startsWith(recordingId + "-"))
                .sorted().findFirst().orElseThrow();
        }
    }

    private Path copyJournal() throws IOException
    {
        final Path copy = scratch.resolve("journal");
        try (Stream<Path> walk = Files.walk(journal))
        {
            for (final Path source : (Iterable<Path>)walk::iterator)
            {
                final Path target = copy.resolve(journal.relativize(source).toString());
                if (Files.isDirectory(source))
                {
                    Files.createDirectories(target);
                }
                else
                {
                    Files.copy(source, target);
                }
            }
        }
        return copy;
    }

    private static long lastModifiedSum(final Path dir) throws IOException
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            long sum = 0;
            for (final Path path : (Iterable<Path>)walk::iterator)
            {
                sum += Files.getLastModifiedTime(path).toMillis() * 31 + Files.size(path);
            }
            return sum;
        }
    }
}
