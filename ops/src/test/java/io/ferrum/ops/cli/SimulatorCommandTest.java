package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SimulatorCommandTest
{
    @Test
    void servesASyntheticFlowThatTheFeedCheckReadsWhole() throws Exception
    {
        final PipedLines lines = new PipedLines();
        final CompletableFuture<Integer> simulator = CompletableFuture.supplyAsync(() -> run(new SimulatorCommand(), List.of(
            "--synthetic", "7", "--symbols", "AAAUSDT,BBBUSDT", "--events", "3000", "--speed", "10", "--duration", "9s"), lines.out));
        final JsonNode urls = new ObjectMapper().readTree(lines.awaitFirstLine());
        final ByteArrayOutputStream feedOut = new ByteArrayOutputStream();
        assertEquals(0, new FeedCommand().run(List.of("--ws", urls.get("ws").asText(), "--rest", urls.get("rest").asText(),
            "--symbols", "AAAUSDT,BBBUSDT", "--until-idle", "3s"), new PrintStream(feedOut, true, StandardCharsets.UTF_8), System.err));
        final String[] summaries = feedOut.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(2, summaries.length);
        for (final String summary : summaries)
        {
            final JsonNode book = new ObjectMapper().readTree(summary);
            assertEquals("book_summary", book.get("type").asText());
            assertEquals(false, book.get("crossed").asBoolean());
            assertTrue(book.get("last_update_id").asLong() > 0, summary);
        }
        assertEquals(0, simulator.get());
    }

    @Test
    void refusesBadCommandLines()
    {
        final SimulatorCommand command = new SimulatorCommand();
        final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertThrows(UsageException.class, () -> command.run(List.of(), sink, sink));
        assertThrows(UsageException.class, () -> command.run(List.of("--synthetic", "1"), sink, sink));
        assertThrows(UsageException.class, () -> command.run(List.of("--session", "/nonexistent.tsv"), sink, sink));
        assertThrows(UsageException.class, () -> command.run(List.of("--synthetic", "x", "--symbols", "A"), sink, sink));
        assertThrows(UsageException.class, () -> command.run(List.of("--synthetic", "1", "--symbols", "A", "--speed", "-1"), sink, sink));
    }

    private static int run(final Command command, final List<String> args, final PrintStream out)
    {
        try
        {
            return command.run(args, out, System.err);
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    /** Collects what a command prints, so the test can wait for its first line. */
    private static final class PipedLines
    {
        private final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream out = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String awaitFirstLine() throws InterruptedException
        {
            for (int i = 0; i < 200; i++)
            {
                final String text;
                synchronized (out)
                {
                    text = bytes.toString(StandardCharsets.UTF_8);
                }
                if (text.contains("\n"))
                {
                    return text.substring(0, text.indexOf('\n'));
                }
                Thread.sleep(25);
            }
            throw new IllegalStateException("the simulator printed nothing");
        }
    }
}
