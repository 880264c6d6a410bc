package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.analytics.RecordedSessionAnalytics;
import io.ferrum.ops.mcp.McpHttpClient;
import org.agrona.concurrent.SystemEpochNanoClock;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Files;
import java.nio.file.Paths;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum report SYMBOL (--url URL | --session FILE)}: prints one market_report
 * as a JSON line, read from a running {@code ./ferrum mcp --http} server's cache, or
 * built from a recorded session file. Prints {@code null} and exits 1 for an unknown symbol.
 */
@Command(name = "report", header = "print one symbol's market report (JSON) from a running MCP server or a recorded session",
    footer = "Exit status: 0 printed, 1 no report for the symbol (prints null).")
public final class ReportCommand implements FerrumCommand
{
    @Parameters(index = "0", paramLabel = "SYMBOL", description = "the symbol, e.g. BTCUSDT")
    String symbol;

    @Option(names = "--url", paramLabel = "URL",
        description = "ask a running './ferrum mcp --http PORT' at http://127.0.0.1:PORT/mcp (its cache, nothing recomputed)")
    String url;

    @Option(names = "--session", paramLabel = "FILE",
        description = "build the report from a recorded session (*.replay.tsv or *.frames.jsonl)")
    String session;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final String symbol = this.symbol.toUpperCase(Locale.ROOT);
        if (null == symbol || !symbol.matches("[A-Z0-9]{1,16}"))
        {
            throw new UsageException("SYMBOL (1 to 16 letters or digits) is required");
        }
        if ((null == url) == (null == session))
        {
            throw new UsageException("give exactly one of --url and --session");
        }
        if (null != session && !Files.exists(Paths.get(session)))
        {
            throw new CommandException(ExitCodes.NO_INPUT, "--session " + session + ": no such file");
        }

        final String report;
        if (null != url)
        {
            try (McpHttpClient client = new McpHttpClient(URI.create(url)))
            {
                client.connect();
                final JsonNode result = client.callGetReport(symbol);
                if (result.path("isError").asBoolean())
                {
                    err.println("ferrum report: " + result.path("content").path(0).path("text").asText());
                    return ExitCodes.CHECK_FAILED;
                }
                final JsonNode structured = result.get("structuredContent");
                report = null == structured ? null : structured.toString();
            }
        }
        else
        {
            try (RecordedSessionAnalytics analytics = new RecordedSessionAnalytics(Paths.get(session), new SystemEpochNanoClock()))
            {
                analytics.awaitLoaded(5, TimeUnit.MINUTES);
                report = analytics.cache().report(symbol);
            }
        }
        if (null == report)
        {
            out.println("null");
            err.println("ferrum report: no report for " + symbol);
            return ExitCodes.CHECK_FAILED;
        }
        out.println(report);
        return ExitCodes.OK;
    }
}
