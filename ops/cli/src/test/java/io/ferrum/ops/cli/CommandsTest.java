package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.analytics.ReportSchema;
import io.ferrum.ops.mcp.HttpMcpServer;
import io.ferrum.ops.mcp.McpProtocol;
import io.ferrum.ops.mcp.TestReports;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** ./ferrum report and ./ferrum mcp as the launcher finds and runs them. */
class CommandsTest
{
    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int report(final String... args) throws Exception
    {
        return Main.run(new ReportCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private int mcp(final String... args)
    {
        return Main.run(new McpCommand(), List.of(args), new PrintStream(out, true, StandardCharsets.UTF_8),
            new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void commandsAreRegisteredForTheLauncher()
    {
        assertTrue(Main.commands().keySet().containsAll(List.of("mcp", "report")), Main.commands().keySet().toString());
    }

    @Test
    void reportFromARecordedSession() throws Exception
    {
        assertEquals(0, report("manausdt", "--session", Fixtures.tenSymbolSession().toString()));
        final JsonNode report = ReportSchema.assertValid(out.toString(StandardCharsets.UTF_8).trim());
        assertEquals("MANAUSDT", report.path("symbol").asText());
        // Recorded in 2021 and read by the wall clock: the data is old, and the report says so.
        assertEquals("down", report.path("payload").path("health").path("status").asText());
    }

    @Test
    void reportFromARunningServer() throws Exception
    {
        try (HttpMcpServer server = new HttpMcpServer(McpProtocol.forSource(TestReports.contractSource(), 150), "127.0.0.1", 0))
        {
            assertEquals(0, report(TestReports.KNOWN, "--url", server.url()));
            assertEquals(TestReports.KNOWN, ReportSchema.assertValid(out.toString(StandardCharsets.UTF_8).trim())
                .path("symbol").asText());
            out.reset();
            assertEquals(1, report("NOSUCHPAIR", "--url", server.url()));
            assertEquals("null", out.toString(StandardCharsets.UTF_8).trim());
            assertEquals(1, report(TestReports.SLOW, "--url", server.url()));
            assertTrue(err.toString(StandardCharsets.UTF_8).contains("timeout"), err.toString(StandardCharsets.UTF_8));
            assertEquals(0, server.sessionCount(), "each run ends its session");
        }
    }

    @Test
    void badCommandLinesAreUsageErrors() throws Exception
    {
        assertEquals(ExitCodes.USAGE, report());
        assertEquals(ExitCodes.USAGE, report("BTCUSDT"));
        assertEquals(ExitCodes.USAGE, report("BTC/USDT", "--session", "x"));
        assertEquals(ExitCodes.USAGE, report("BTCUSDT", "--session"));
        assertEquals(ExitCodes.USAGE, report("BTCUSDT", "--url", "http://127.0.0.1:1/mcp", "--session", "x"));
        assertEquals(ExitCodes.USAGE, mcp("--stdio", "--http", "0", "--session", "x"));
        assertEquals(ExitCodes.USAGE, mcp("--http", "70000", "--session", "x"));
        assertEquals(ExitCodes.USAGE, mcp("--http", "port", "--session", "x"));
        assertEquals(ExitCodes.USAGE, mcp("--stdio"));
        assertEquals(ExitCodes.USAGE, mcp("--timeout-ms", "0", "--session", "x"));
        // one source only; --config and --member go together
        assertEquals(ExitCodes.USAGE, mcp("--journal", "d", "--session", "x"));
        assertEquals(ExitCodes.USAGE, mcp("--config", "c", "--journal", "d", "--member", "0"));
        assertEquals(ExitCodes.USAGE, mcp("--config", "c"));
        assertEquals(ExitCodes.USAGE, mcp("--journal", "d", "--member", "0"));
        assertEquals(ExitCodes.USAGE, mcp("--config", "c", "--member", "-1"));
        assertEquals(ExitCodes.USAGE, mcp("--config", "c", "--member", "one"));
        final McpCommand parsed = new McpCommand();
        new CommandLine(parsed).parseArgs("--config=c", "--member", "0");
        assertEquals(0, parsed.member);
        assertEquals("c", parsed.config.toString(), "--opt=value and --opt value read the same");
        assertEquals(ExitCodes.NO_INPUT, report("BTCUSDT", "--session", "/nonexistent/session.tsv"));
    }

    @Test
    void aCorruptSessionFileIsSkippedLineByLine() throws Exception
    {
        final Path file = Files.createTempFile("corrupt", ".frames.jsonl");
        try
        {
            final List<String> good = Files.readAllLines(Fixtures.binance(
                "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.frames.jsonl")).subList(0, 200);
            final java.util.ArrayList<String> lines = new java.util.ArrayList<>(good);
            lines.add(50, "{\"stream\":\"zilusdt@bookTicker\",\"data\":{\"s\":\"ZILUSDT\",\"b\":\"NaN\",\"B\":\"1\",\"a\":\"1\",\"A\":\"1\"}}");
            lines.add(60, "\u0000garbage{{{");
            lines.add(70, "{\"stream\":\"btcusdt@depth\",\"data\":{\"s\":\"" + "X".repeat(40) + "\"}}");
            Files.write(file, lines);
            final io.ferrum.ops.analytics.RecordedSession reader = new io.ferrum.ops.analytics.RecordedSession();
            reader.replay(file, (buffer, offset, length) -> { });
            assertEquals(3, reader.skippedLines());
            assertEquals(200, reader.messages());
            assertEquals(0, report("ZILUSDT", "--session", file.toString()));
            final JsonNode report = ReportSchema.assertValid(out.toString(StandardCharsets.UTF_8).trim());
            assertEquals("book_ticker", report.path("payload").path("l1").path("source").asText(),
                "no REST snapshot in a frames file: the top of book comes from @bookTicker");
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
