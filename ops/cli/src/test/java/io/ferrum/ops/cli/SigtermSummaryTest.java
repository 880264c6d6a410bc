package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.JsonSchemas;
import org.junit.jupiter.api.Test;

import java.io.BufferedReader;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.BlockingQueue;
import java.util.concurrent.LinkedBlockingQueue;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * An operator stops long-running commands with SIGTERM (systemd, Kubernetes, kill): each
 * still prints its summary. Real child JVMs, real signals: {@link ProcessHandle#destroy()}
 * is SIGTERM on Linux ({@link Process#destroy()} would also close our end of the child's
 * stdout, so the summary could not be read).
 */
class SigtermSummaryTest
{
    @Test
    void simulatorAndFeedPrintTheirSummariesWhenTerminated() throws Exception
    {
        final Child simulator = Child.start("simulator", "--synthetic", "7", "--symbols", "AAAUSDT,BBBUSDT",
            "--events", "20000", "--speed", "0.5");
        try
        {
            final JsonNode urls = JsonSchemas.assertValid("command_line", simulator.awaitLine("\"type\":\"simulator\""));
            final Child feed = Child.start("feed", "--ws", urls.get("ws").asText(), "--rest", urls.get("rest").asText(),
                "--symbols", "AAAUSDT,BBBUSDT", "--duration", "1h", "--events");
            try
            {
                // both books synced from their REST snapshots: a signal now is a request to stop
                feed.awaitLine("\"type\":\"order_book_depth\"");
                feed.awaitLine("\"type\":\"order_book_depth\"");
                feed.process.toHandle().destroy();
                final String first = feed.awaitLine("\"type\":\"book_summary\"");
                final String second = feed.awaitLine("\"type\":\"book_summary\"");
                for (final String line : List.of(first, second))
                {
                    final JsonNode book = JsonSchemas.assertValid("book_summary", line);
                    assertTrue(book.get("last_update_id").asLong() > 0, line);
                }
                assertTrue(feed.process.waitFor(30, TimeUnit.SECONDS), "the feed check exits after its summary");
            }
            finally
            {
                feed.process.destroyForcibly();
            }

            simulator.process.toHandle().destroy();
            final JsonNode stopped = JsonSchemas.assertValid("command_line", simulator.awaitLine("simulator_stopped"));
            assertEquals(urls.get("session").asText(), stopped.get("session").asText());
            assertTrue(stopped.get("ran_ms").asLong() > 0, stopped.toString());
            assertTrue(simulator.process.waitFor(30, TimeUnit.SECONDS));
        }
        finally
        {
            simulator.process.destroyForcibly();
        }
    }

    /** A {@code ./ferrum} command in its own JVM, its stdout collected line by line. */
    private record Child(Process process, BlockingQueue<String> lines)
    {
        static Child start(final String... args) throws Exception
        {
            final Process process = new ProcessBuilder(MemberProcesses.ferrumCommand(args))
                .redirectError(Path.of("target", "sigterm-" + args[0] + ".err").toFile()).start();
            final BlockingQueue<String> lines = new LinkedBlockingQueue<>();
            final Thread reader = new Thread(() ->
            {
                try (BufferedReader in = new BufferedReader(new InputStreamReader(process.getInputStream(), StandardCharsets.UTF_8)))
                {
                    String line;
                    while (null != (line = in.readLine()))
                    {
                        lines.add(line);
                    }
                }
                catch (final Exception ignore)
                {
                    // the child is gone
                }
            }, "child-" + args[0]);
            reader.setDaemon(true);
            reader.start();
            return new Child(process, lines);
        }

        String awaitLine(final String containing) throws InterruptedException
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            String last = null;
            while (System.nanoTime() < deadline)
            {
                final String line = lines.poll(100, TimeUnit.MILLISECONDS);
                if (null != line && line.contains(containing))
                {
                    return line;
                }
                last = null == line ? last : line;
            }
            throw new AssertionError("no line containing " + containing + " within 60 s; alive " + process.isAlive() +
                ", last line " + last);
        }
    }
}
