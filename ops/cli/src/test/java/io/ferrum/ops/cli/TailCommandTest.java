package io.ferrum.ops.cli;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./ferrum tail}'s command line and bad journals: a clear message and an exit status,
 * never a stack trace. (Reading real journals: NodeFailoverSystemTest, BackupNodeTest.)
 */
class TailCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        return Main.run(List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String errors()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void usageErrors()
    {
        assertTrue(Main.commands().get("tail") instanceof TailCommand);
        assertEquals(ExitCodes.USAGE, run("tail"));
        assertTrue(errors().contains("give either --config FILE --member N, --config FILE --backup or --journal DIR"), errors());
        final String journal = dir.toString();
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", journal, "--from-start", "--from-position", "5"));
        assertTrue(errors().contains("at most one of"), errors());
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", journal, "--from-time", "yesterday"));
        assertTrue(errors().contains("RFC 3339"), errors());
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", journal, "--from-position", "-3"));
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", journal, "--type", "trade_tick,orders"));
        assertTrue(errors().contains("unknown event type 'orders'"), errors());
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", journal, "--member", "1"));
        assertEquals(ExitCodes.USAGE, run("tail", "--journal"));
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", journal, "--send", "x"));
    }

    @Test
    void aDirectoryThatIsNotAJournalIsAnErrorNotACrash() throws Exception
    {
        assertEquals(ExitCodes.NO_INPUT, run("tail", "--journal", dir.resolve("missing").toString()));
        assertTrue(errors().contains("is not a directory"), errors());

        Files.createDirectories(dir.resolve("not-a-journal"));
        assertEquals(ExitCodes.DATA, run("tail", "--journal", dir.resolve("not-a-journal").toString()));
        assertTrue(errors().contains("is not a cluster member's journal"), errors());

        Files.createDirectories(dir.resolve("bad/cluster"));
        Files.createDirectories(dir.resolve("bad/archive"));
        Files.write(dir.resolve("bad/cluster/recording.log"), new byte[] { 1, 2, 3 });
        assertEquals(ExitCodes.DATA, run("tail", "--journal", dir.resolve("bad").toString()));
        assertEquals("", out.toString(StandardCharsets.UTF_8), "nothing printed from a bad journal");
    }

    @Test
    void aMemberThatIsNotRunningHasNoCommitPositionSoNothingIsPrinted() throws Exception
    {
        final Path config = dir.resolve("cluster.conf");
        Files.writeString(config, "cluster.dir = " + dir.resolve("data") + "\n" +
            "cluster.member.0 = localhost:20100\ncluster.member.1 = localhost:20110\ncluster.member.2 = localhost:20120\n" +
            "cluster.backup = localhost:20130\n");
        // the member is not running: unavailable (69), as a cluster that does not answer
        assertEquals(ExitCodes.UNAVAILABLE, run("tail", "--config", config.toString(), "--member", "1"));
        assertTrue(errors().contains("no commit position in"), errors());
        assertTrue(errors().contains("--journal"), errors());
        assertEquals(ExitCodes.UNAVAILABLE, run("tail", "--config", config.toString(), "--backup"));
        assertTrue(errors().contains("no backup live log position in"), errors());
        assertEquals("", out.toString(StandardCharsets.UTF_8));

        assertEquals(ExitCodes.USAGE, run("tail", "--config", config.toString()));
        assertTrue(errors().contains("--config needs either --member N or --backup"), errors());
        assertEquals(ExitCodes.USAGE, run("tail", "--config", config.toString(), "--member", "1", "--backup"));
        assertEquals(ExitCodes.USAGE, run("tail", "--config", config.toString(), "--member", "3"));
        assertEquals(ExitCodes.USAGE, run("tail", "--journal", dir.toString(), "--backup"));
    }
}
