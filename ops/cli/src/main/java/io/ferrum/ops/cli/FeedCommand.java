package io.ferrum.ops.cli;

import io.ferrum.gateway.check.FeedCheck;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.time.Duration;
import java.util.List;

/**
 * {@code ./ferrum feed}: checks a Binance-compatible market-data endpoint (the live venue or
 * the simulator) and prints one {@code book_summary} JSON line per symbol, and with
 * {@code --events} every decoded event as an event-contract JSON line first. SIGTERM ends the
 * check early; the summaries are printed all the same.
 */
@Command(name = "feed", header = "check a Binance-compatible market-data feed and print its books")
public final class FeedCommand implements FerrumCommand
{
    @Option(names = "--ws", paramLabel = "URL", required = true,
        description = "WebSocket base, e.g. wss://stream.binance.com:9443 or ws://127.0.0.1:PORT")
    String ws;

    @Option(names = "--rest", paramLabel = "URL", required = true,
        description = "REST base, e.g. https://api.binance.com or http://127.0.0.1:PORT")
    String rest;

    @Option(names = "--symbols", paramLabel = "A,B", required = true, split = ",", description = "symbols to check")
    List<String> symbols;

    @Option(names = "--streams", paramLabel = "S,S", split = ",",
        description = "streams per symbol (default depth@100ms,bookTicker,aggTrade)")
    List<String> streams = List.of("depth@100ms", "bookTicker", "aggTrade");

    @Option(names = "--until-idle", paramLabel = "DURATION",
        description = "stop once nothing has arrived for this long (default 3s)")
    Duration untilIdle;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long instead")
    Duration duration;

    @Option(names = "--depth-limit", paramLabel = "N", description = "levels of the REST depth snapshot (default 1000)")
    int depthLimit = 1000;

    @Option(names = "--events", description = "print every decoded event as one JSON line")
    boolean events;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        final List<String> symbols = Lists.upperCase(this.symbols);
        final List<String> streams = Lists.nonBlank(this.streams);
        Duration untilIdle = this.untilIdle;
        if (symbols.isEmpty() || streams.isEmpty())
        {
            throw new UsageException("--symbols and --streams need at least one name");
        }
        if (untilIdle != null && duration != null)
        {
            throw new UsageException("give --until-idle or --duration, not both");
        }
        if (untilIdle == null && duration == null)
        {
            untilIdle = Duration.ofSeconds(3);
        }
        final List<FeedCheck.BookSummary> summaries;
        try (Termination stop = Termination.install("feed"))
        {
            summaries = FeedCheck.run(
                new FeedCheck.Options(ws, rest, symbols, streams, untilIdle, duration, events, depthLimit), out,
                stop::isRequested);
            out.flush();
        }
        catch (final IllegalArgumentException ex)
        {
            throw new UsageException(ex.getMessage());
        }
        out.flush();
        return summaries.stream().anyMatch(FeedCheck.BookSummary::crossed) ? ExitCodes.DATA : ExitCodes.OK;
    }
}
