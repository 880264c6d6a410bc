package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.ops.analytics.RecordedSessionAnalytics;
import io.ferrum.ops.cli.Arguments;
import io.ferrum.ops.cli.Command;
import io.ferrum.ops.cli.UsageException;
import io.ferrum.ops.mcp.McpHttpClient;
import org.agrona.concurrent.SystemEpochNanoClock;

import java.io.PrintStream;
import java.net.URI;
import java.nio.file.Paths;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum report SYMBOL (--url URL | --session FILE)}: prints one market_report
 * as a JSON line, read from a running {@code ./ferrum mcp --http} server's cache, or
 * built from a recorded session file. Prints {@code null} and exits 1 for an unknown symbol.
 */
public final class ReportCommand implements Command
{
    public String name()
    {
        return "report";
    }

    public String summary()
    {
        return "print one symbol's market report (JSON) from a running MCP server or a recorded session";
    }

    public String usage()
    {
        return String.join(System.lineSeparator(),
            "usage: ./ferrum report SYMBOL (--url http://127.0.0.1:PORT/mcp | --session FILE)",
            "  --url URL        ask a running './ferrum mcp --http PORT' (its cache, nothing recomputed)",
            "  --session FILE   build the report from a recorded session (*.replay.tsv or *.frames.jsonl)");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        String symbol = null;
        String url = null;
        String session = null;
        final Arguments a = new Arguments(args);
        while (a.hasNext())
        {
            final String arg = a.next();
            switch (arg)
            {
                case "--url" -> url = a.value();
                case "--session" -> session = a.value();
                default ->
                {
                    if (a.isOption() || null != symbol)
                    {
                        throw a.unknown();
                    }
                    symbol = arg.toUpperCase(Locale.ROOT);
                }
            }
        }
        if (null == symbol || !symbol.matches("[A-Z0-9]{1,16}"))
        {
            throw new UsageException("SYMBOL (1 to 16 letters or digits) is required");
        }
        if ((null == url) == (null == session))
        {
            throw new UsageException("give exactly one of --url and --session");
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
                    return 1;
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
            return 1;
        }
        out.println(report);
        return 0;
    }
}
