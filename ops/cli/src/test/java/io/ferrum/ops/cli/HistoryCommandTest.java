package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.history.EmbeddedHistoryDatabase;
import io.ferrum.ops.history.HistoryDb;
import io.ferrum.ops.history.TestJournal;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./ferrum history} as a user runs it: a journal written to its end with one summary line,
 * nothing written twice, and every hostile input (a bad or password-holding URL, a database that does
 * not answer, flags that do not go together, a journal missing or corrupt) a clear line and the
 * documented status; a password in PGPASSWORD never shows in anything the command prints.
 */
class HistoryCommandTest
{
    private static final String SECRET = "s3cret-Pa55-never-printed";

    @TempDir
    static Path dir;

    private static EmbeddedHistoryDatabase database;
    private static Path journal;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void startDatabaseAndWriteJournal() throws Exception
    {
        database = EmbeddedHistoryDatabase.start(dir.resolve("pg"), 0);
        journal = TestJournal.write(dir.resolve("cluster"), 100);
    }

    @AfterAll
    static void stopDatabase() throws Exception
    {
        database.close();
    }

    @Test
    void writesTheJournalToItsEndWithASummaryLineAndASecondRunWritesNothing()
    {
        assertEquals(ExitCodes.OK, run("--pg", database.url(), "--journal", journal.toString()), err());
        final JsonNode first = JsonSchemas.assertValid("command_line", out().trim());
        assertEquals("history_summary", first.get("type").asText());
        assertEquals("partitioned", first.get("layout").asText());
        assertTrue(first.get("rows").asLong() > 300, first.toString());
        assertEquals(first.get("log_position").asLong(), HistoryDb.count(database.url(),
            "SELECT log_position FROM history.progress WHERE log_id = " + first.get("log_id").asLong()));
        out.reset();
        assertEquals(ExitCodes.OK, run("--pg", database.url(), "--journal", journal.toString()), err());
        final JsonNode second = JsonSchemas.assertValid("command_line", out().trim());
        assertEquals(0, second.get("rows").asLong(), "the same journal again: nothing new");
        assertEquals(first.get("log_id"), second.get("log_id"));
    }

    @Test
    void hostileInputsGiveOneClearLineAndTheDocumentedStatus() throws Exception
    {
        final String j = journal.toString();
        assertStatus(ExitCodes.USAGE, "not a PostgreSQL JDBC URL", "--pg", "postgres://localhost/x", "--journal", j);
        assertStatus(ExitCodes.USAGE, "holds a password", "--pg",
            "jdbc:postgresql://localhost/x?user=me&password=" + SECRET, "--journal", j);
        assertFalse(err().contains(SECRET) || out().contains(SECRET), "the password is never echoed: " + err());
        assertStatus(ExitCodes.UNAVAILABLE, "no history database at jdbc:postgresql://127.0.0.1:1/x after 1 s",
            "--pg", "jdbc:postgresql://127.0.0.1:1/x", "--journal", j, "--wait", "1s");
        assertStatus(ExitCodes.USAGE, "give either", "--pg", database.url());
        assertStatus(ExitCodes.USAGE, "go with --config", "--pg", database.url(), "--journal", j, "--member", "0");
        assertStatus(ExitCodes.USAGE, "Missing required option", "--journal", j);
        assertStatus(ExitCodes.USAGE, ">= 1", "--pg", database.url(), "--journal", j, "--batch-rows", "0");
        assertStatus(ExitCodes.NO_INPUT, "is not a directory", "--pg", database.url(), "--journal",
            dir.resolve("nowhere").toString());
        final Path corrupt = Files.createDirectories(dir.resolve("corrupt/cluster"));
        Files.write(corrupt.resolve("recording.log"), new byte[] {1, 2, 3});
        Files.createDirectories(dir.resolve("corrupt/archive"));
        assertStatus(ExitCodes.DATA, "corrupt", "--pg", database.url(), "--journal", dir.resolve("corrupt").toString());
    }

    @Test
    void aPasswordFromTheEnvironmentNeverShowsInWhatTheCommandPrints() throws Exception
    {
        for (final String url : List.of("jdbc:postgresql://127.0.0.1:1/x?user=trader", database.url()))
        {
            final List<String> command = new ArrayList<>(List.of(
                Path.of(System.getProperty("java.home"), "bin", "java").toString(),
                "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
                "-cp", System.getProperty("java.class.path"), Main.class.getName(), "history", "--pg", url,
                "--journal", journal.toString(), "--wait", "2s", "--log-name", "password-test"));
            final ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true);
            builder.environment().put("PGPASSWORD", SECRET);
            builder.environment().put("FERRUM_DEBUG", "1"); // stack traces too
            final Process process = builder.start();
            final String output = new String(process.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
            final int status = process.waitFor();
            assertTrue(status == ExitCodes.OK || status == ExitCodes.UNAVAILABLE, status + ": " + output);
            assertFalse(output.contains(SECRET), "the password shows in:\n" + output);
            assertTrue(output.contains("history_summary") || output.contains("no history database"), output);
        }
    }

    private void assertStatus(final int status, final String message, final String... args)
    {
        out.reset();
        err.reset();
        assertEquals(status, run(args), err());
        final String text = err().trim();
        assertTrue(text.startsWith("ferrum history: ") && text.contains(message), text);
        assertFalse(text.contains("\tat "), "no stack trace: " + text);
    }

    private int run(final String... args)
    {
        return Main.run(new HistoryCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String out()
    {
        return out.toString(StandardCharsets.UTF_8);
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }
}
