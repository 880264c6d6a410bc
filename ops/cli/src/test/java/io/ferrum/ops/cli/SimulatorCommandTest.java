package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.ops.JsonSchemas;
import org.junit.jupiter.api.Test;

import io.ferrum.ops.Fixtures;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.TimeUnit;

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
        final JsonNode urls = JsonSchemas.assertValid("command_line", lines.awaitFirstLine());
        final ByteArrayOutputStream feedOut = new ByteArrayOutputStream();
        assertEquals(0, Main.run(new FeedCommand(), List.of("--ws", urls.get("ws").asText(), "--rest", urls.get("rest").asText(),
            "--symbols", "AAAUSDT,BBBUSDT", "--until-idle", "3s"), new PrintStream(feedOut, true, StandardCharsets.UTF_8), System.err));
        final String[] summaries = feedOut.toString(StandardCharsets.UTF_8).trim().split("\n");
        assertEquals(2, summaries.length);
        for (final String summary : summaries)
        {
            final JsonNode book = JsonSchemas.assertValid("book_summary", summary);
            assertEquals("book_summary", book.get("type").asText());
            assertEquals(false, book.get("crossed").asBoolean());
            assertTrue(book.get("last_update_id").asLong() > 0, summary);
        }
        assertEquals(0, simulator.get());
        final String[] printed = lines.bytes.toString(StandardCharsets.UTF_8).trim().split("\n");
        final JsonNode stopped = JsonSchemas.assertValid("command_line", printed[printed.length - 1]);
        assertEquals("simulator_stopped", stopped.get("type").asText());
        assertTrue(stopped.get("ran_ms").asLong() >= 9_000, stopped.toString());
    }

    /** The first depth diff of the NKNUSDT session, recorded with E 1633998512068: moved onto now, or kept with the option. */
    @Test
    void movesVenueTimesOntoTheReplayClockUnlessAskedForTheOriginalOnes() throws Exception
    {
        final long beforeMs = System.currentTimeMillis();
        final long moved = firstDepthEventTime(List.of());
        assertTrue(moved >= beforeMs - 1_000 && moved <= System.currentTimeMillis() + 1_000, "E near now: " + moved);
        assertEquals(1633998512068L, firstDepthEventTime(List.of("--original-times")));
    }

    private static long firstDepthEventTime(final List<String> options) throws Exception
    {
        final PipedLines lines = new PipedLines();
        final List<String> args = new java.util.ArrayList<>(List.of("--session",
            Fixtures.binance("spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv").toString(),
            "--speed", "1", "--duration", "3s"));
        args.addAll(options);
        final CompletableFuture<Integer> simulator = CompletableFuture.supplyAsync(() -> run(new SimulatorCommand(), args, lines.out));
        final String ws = new ObjectMapper().readTree(lines.awaitFirstLine()).get("ws").asText();
        final CompletableFuture<String> first = new CompletableFuture<>();
        final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().buildAsync(
            URI.create(ws + "/ws/nknusdt@depth@100ms"), new WebSocket.Listener()
            {
                private final StringBuilder text = new StringBuilder();

                public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
                {
                    text.append(data);
                    if (last)
                    {
                        first.complete(text.toString());
                    }
                    webSocket.request(1);
                    return null;
                }
            }).get(10, TimeUnit.SECONDS);
        final JsonNode event = new ObjectMapper().readTree(first.get(10, TimeUnit.SECONDS));
        socket.abort();
        assertEquals(0, simulator.get());
        assertEquals(499869750L, event.get("U").asLong(), "the session's first diff");
        return event.get("E").asLong();
    }

    @Test
    void refusesBadCommandLines()
    {
        final PrintStream sink = new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8);
        assertEquals(ExitCodes.USAGE, Main.run(new SimulatorCommand(), List.of(), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new SimulatorCommand(), List.of("--synthetic", "1"), sink, sink));
        assertEquals(ExitCodes.NO_INPUT, Main.run(new SimulatorCommand(), List.of("--session", "/nonexistent.tsv"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new SimulatorCommand(), List.of("--synthetic", "x", "--symbols", "A"), sink, sink));
        assertEquals(ExitCodes.USAGE, Main.run(new SimulatorCommand(), List.of("--synthetic", "1", "--symbols", "A", "--speed", "-1"), sink, sink));
    }

    private static int run(final FerrumCommand command, final List<String> args, final PrintStream out)
    {
        try
        {
            return Main.run(new SimulatorCommand(), args, out, System.err);
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
