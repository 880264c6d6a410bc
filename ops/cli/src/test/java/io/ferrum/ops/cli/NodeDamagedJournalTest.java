package io.ferrum.ops.cli;

import io.ferrum.ops.node.JournalCheck;
import io.ferrum.sequencer.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A member whose own journal is damaged (issue 19: "a truncated or corrupt archive segment") refuses
 * to start, naming the file and position and saying what to do, instead of failing inside Aeron's
 * election. The journal is a real one: a short demo's member, the same layout as a node's.
 */
class NodeDamagedJournalTest
{
    private static final long SEGMENT = 16 * 1024 * 1024;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @Test
    void aPageOverwrittenInTheMiddleOfASegmentIsRefusedWithWhatToDo() throws Exception
    {
        final Path member = recordJournal();
        final long end = JournalReader.open(member).replay(new JournalReader.Cursor(JournalReader.DISCARD_INPUT), Long.MAX_VALUE).endPosition();
        overwrite(segment(member), end / 2, 256);

        assertEquals(ExitCodes.DATA, node());
        final String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("member 0's journal is damaged: corrupt journal " + segment(member)), errors);
        assertTrue(errors.contains("Move " + member + " aside"), errors);
        assertFalse(out.toString(StandardCharsets.UTF_8).contains("started"), "the member did not start");
    }

    @Test
    void aSegmentCutShortIsRefused() throws Exception
    {
        final Path member = recordJournal();
        final long end = JournalReader.open(member).replay(new JournalReader.Cursor(JournalReader.DISCARD_INPUT), Long.MAX_VALUE).endPosition();
        try (RandomAccessFile raf = new RandomAccessFile(segment(member).toFile(), "rw"))
        {
            raf.setLength(end / 2 + 3);
        }

        assertEquals(ExitCodes.DATA, node());
        final String errors = err.toString(StandardCharsets.UTF_8);
        assertTrue(errors.contains("member 0's journal is damaged: segment file " + segment(member) + " is " + (end / 2 + 3) +
            " bytes, not the segment length 16777216: it was cut short"), errors);
    }

    @Test
    void aJournalThatReadsEndToEndPassesAndSoDoesAFirstStart() throws Exception
    {
        final Path member = recordJournal();
        assertNull(JournalCheck.problem(member, 0, SEGMENT), "a member restarting on its own intact journal");
        assertNull(JournalCheck.problem(dir.resolve("data/member-1"), 1, SEGMENT), "a member's first start: no journal yet");
    }

    private Path recordJournal()
    {
        assertEquals(0, Main.run(new DemoCommand(), List.of("--duration", "3s", "--speed", "10", "--journal",
            dir.resolve("data").toString()), new PrintStream(new ByteArrayOutputStream()), System.err));
        return dir.resolve("data/member-0");
    }

    private int node() throws Exception
    {
        final Path config = dir.resolve("cluster.conf");
        Files.writeString(config, "cluster.dir = " + dir.resolve("data") + "\ncluster.member.0 = localhost:20700\n");
        return Main.run(new NodeCommand(), List.of("--config", config.toString(), "--member", "0"),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private static Path segment(final Path member) throws Exception
    {
        try (Stream<Path> files = Files.list(member.resolve("archive")))
        {
            return files.filter((f) -> f.toString().endsWith(".rec")).sorted().findFirst().orElseThrow();
        }
    }

    private static void overwrite(final Path file, final long offset, final int length) throws Exception
    {
        final byte[] junk = new byte[length];
        Arrays.fill(junk, (byte)0x5a);
        try (RandomAccessFile raf = new RandomAccessFile(file.toFile(), "rw"))
        {
            raf.seek(offset);
            raf.write(junk);
        }
    }
}
