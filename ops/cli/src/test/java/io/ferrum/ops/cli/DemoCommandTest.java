package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./ferrum demo} and {@code ./ferrum replay} as a user runs them. */
class DemoCommandTest
{
    @TempDir
    Path dir;

    private static final class Captured
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text()
        {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }

    @Test
    void aShortDemoPrintsItsStartAndSummaryLinesAndReplayOfItsJournalPrintsTheSameStateHash() throws Exception
    {
        final Path journal = dir.resolve("demo");
        final Captured out = new Captured();
        final Captured err = new Captured();
        assertEquals(0, Main.run(new DemoCommand(),
            List.of("--duration", "5s", "--speed", "10", "--journal", journal.toString()), out.stream, err.stream), err.text());

        final JsonNode summary = summary(out);
        assertTrue(summary.get("events").asLong() > 0, out.text());
        assertTrue(summary.get("state_hash").asText().matches("[0-9a-f]{16}"), out.text());
        assertTrue(summary.get("realized_pnl").asText().matches("-?[0-9]+(\\.[0-9]+)?"), out.text());
        assertEquals(journal.toString(), summary.get("journal").asText());
        assertTrue(err.text().contains("events/s"), "a status line every second: " + err.text());
        assertTrue(out.text().contains("http://127.0.0.1:"), "the MCP address is in the start line");

        final Captured replayOut = new Captured();
        assertEquals(0, Main.run(new ReplayCommand(), List.of("--journal", journal.toString()), replayOut.stream, err.stream));
        final JsonNode replay = JsonSchemas.assertValid("engine_summary", replayOut.text().trim());
        assertEquals("replay_summary", replay.get("type").asText());
        for (final String field : List.of("events", "orders", "fills", "rejects", "realized_pnl", "state_hash"))
        {
            assertEquals(summary.get(field), replay.get(field), field);
        }

        // the runbook's checks pass on a clean run: every order the engine sent was answered once
        final Captured verifyOut = new Captured();
        assertEquals(0, Main.run(new VerifyCommand(), List.of("--journal", journal.toString()), verifyOut.stream, err.stream),
            verifyOut.text() + err.text());
        final JsonNode audit = new com.fasterxml.jackson.databind.ObjectMapper().readTree(verifyOut.text().split("\n")[0]);
        assertEquals("verify_journal", audit.get("type").asText());
        assertEquals(0, audit.get("missing").asLong(), audit.toString());
        // new orders and the new ids of replaces are each answered once
        assertTrue(audit.get("orders_answered").asLong() >= summary.get("orders").asLong(), audit.toString());
        assertTrue(audit.get("orders_answered").asLong() > 0, audit.toString());
        assertEquals(0, audit.get("orders_answered_twice").asLong());
        assertEquals(0, audit.get("orders_without_risk_decision").asLong());
    }

    @Test
    void aMaxOrderNotionalBelowEveryOrderSendsNothingToTheVenueAndCountsTheRejects() throws Exception
    {
        final Path risk = dir.resolve("tight-risk.properties");
        Files.writeString(risk, "risk.global.max_order_notional = 0.00000001\n");
        final Path journal = dir.resolve("risk-demo");
        final Captured out = new Captured();
        final Captured err = new Captured();
        assertEquals(0, Main.run(new DemoCommand(), List.of("--duration", "5s", "--speed", "10", "--risk-config",
            risk.toString(), "--journal", journal.toString()), out.stream, err.stream), err.text());
        final JsonNode summary = summary(out);
        assertEquals(0, summary.get("orders").asLong(), out.text());
        assertTrue(summary.get("rejects").asLong() > 0, out.text());
        assertTrue(out.text().contains("\"orders\":0,"), out.text());

        // The journal carries the limits: its replay refuses the same orders and ends on the same
        // state, even though a flood of RiskRejects can back-pressure live egress and never a replay's.
        final Captured replayOut = new Captured();
        assertEquals(0, Main.run(new ReplayCommand(), List.of("--journal", journal.toString()), replayOut.stream, err.stream));
        final JsonNode replay = JsonSchemas.assertValid("engine_summary", replayOut.text().trim());
        for (final String field : List.of("orders", "rejects", "state_hash"))
        {
            assertEquals(summary.get(field), replay.get(field), field);
        }

        final Path bad = dir.resolve("bad-risk.properties");
        Files.writeString(bad, "risk.global.max_order_notional = lots\n");
        final Captured badErr = new Captured();
        assertEquals(ExitCodes.CONFIG, Main.run(new DemoCommand(), List.of("--risk-config", bad.toString(), "--journal",
            dir.resolve("bad").toString()), new Captured().stream, badErr.stream));
        assertTrue(badErr.text().contains("max_order_notional"), badErr.text());
    }

    @Test
    void aSyntheticDemoRunsToo() throws Exception
    {
        final Captured out = new Captured();
        final Captured err = new Captured();
        assertEquals(0, Main.run(new DemoCommand(), List.of("--duration", "3s", "--synthetic", "--seed", "5", "--events", "3000", "--speed", "1",
            "--journal", dir.resolve("synthetic").toString()), out.stream, err.stream), err.text());
        assertTrue(summary(out).get("events").asLong() > 0, out.text());
    }

    /** The demo's stdout: its demo_start line, then its demo_summary line (returned), nothing else. */
    private static JsonNode summary(final Captured out) throws IOException
    {
        final String[] lines = out.text().trim().split("\n");
        assertEquals(2, lines.length, "the start and summary lines on stdout: " + out.text());
        assertEquals("demo_start", JsonSchemas.assertValid("demo_start", lines[0]).get("type").asText());
        final JsonNode summary = JsonSchemas.assertValid("engine_summary", lines[1]);
        assertEquals("demo_summary", summary.get("type").asText());
        return summary;
    }

    @Test
    void refusesBadCommandLinesAndMissingSessions()
    {
        final Captured sink = new Captured();
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--duration"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--duration", "0s"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--speed", "-1"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--speed", "NaN"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--synthetic", "--session", "x"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--seed", "1"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--bogus"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new DemoCommand(), List.of("--latency-ms", "-5"), sink.stream, sink.stream));
    }

    @Test
    void aMissingSessionIsNoInputBeforeAnythingStarts() throws Exception
    {
        final Captured err = new Captured();
        assertEquals(ExitCodes.NO_INPUT, Main.run(new DemoCommand(), List.of("--session", dir.resolve("none").toString(),
            "--journal", dir.resolve("j").toString()), new Captured().stream, err.stream));
        assertTrue(err.text().contains("no session directory"), err.text());
        assertTrue(Files.notExists(dir.resolve("j")), "no journal for a run that never started");
    }

    @Test
    void replayRefusesMissingAndCorruptJournalsClearly() throws IOException
    {
        final Captured sink = new Captured();
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of(), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of("--journal"), sink.stream, sink.stream));
        assertEquals(ExitCodes.USAGE, Main.run(new ReplayCommand(), List.of("--bogus", "x"), sink.stream, sink.stream));

        assertEquals(ExitCodes.NO_INPUT, Main.run(new ReplayCommand(), List.of("--journal", dir.resolve("missing").toString()),
            sink.stream, sink.stream));

        final Path empty = Files.createDirectories(dir.resolve("empty"));
        final Captured err = new Captured();
        assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--journal", empty.toString()), sink.stream, err.stream));
        assertTrue(err.text().contains("not a demo journal"), err.text());

        Files.writeString(empty.resolve("demo.properties"), "instruments.resource = /nope\n");
        final Captured badConfig = new Captured();
        assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--journal", empty.toString()), sink.stream, badConfig.stream));
        assertTrue(badConfig.text().contains("cannot load instruments"), badConfig.text());

        Files.writeString(empty.resolve("demo.properties"), "market.maker.quote.quantity = ten\n");
        assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--journal", empty.toString()), sink.stream, sink.stream));
    }

    @Test
    void replayOfACorruptedArchiveIsADataErrorNotACrash() throws Exception
    {
        final Path journal = dir.resolve("demo");
        final Captured sink = new Captured();
        assertEquals(0, Main.run(new DemoCommand(),
            List.of("--duration", "2s", "--speed", "10", "--journal", journal.toString()), sink.stream, sink.stream));
        try (Stream<Path> files = Files.list(journal.resolve("member-0").resolve("archive")))
        {
            final Path segment = files.filter(f -> f.getFileName().toString().endsWith(".rec")).findFirst().orElseThrow();
            final byte[] bytes = Files.readAllBytes(segment);
            for (int i = 64; i < Math.min(bytes.length, 4096); i++)
            {
                bytes[i] = (byte)0xA5; // frame headers and bodies turned to garbage
            }
            Files.write(segment, bytes);
        }
        final Captured err = new Captured();
        assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--journal", journal.toString()), sink.stream, err.stream));
        assertTrue(err.text().startsWith("ferrum replay: "), err.text());
    }
}
