package io.ferrum.gateway.check;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.json.JsonOut;
import io.ferrum.gateway.DirectDispatchPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.BookSync;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.book.SbeBookBuilder;
import io.ferrum.gateway.client.MarketDataClient;
import io.ferrum.sequencer.journal.EventJson;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

/**
 * An operator's check of a Binance-compatible market-data endpoint: connects, keeps the
 * books, optionally prints every decoded event as an event-contract JSON line, and ends
 * with one {@code book_summary} line per symbol. Ends after a fixed duration, once no
 * message has arrived for the idle time, or when asked to stop (SIGTERM): the summaries are
 * printed in every case.
 */
public final class FeedCheck
{
    /**
     * What to check.
     *
     * @param untilIdle stop once nothing arrived for this long (null: use duration)
     * @param duration  stop after this long (null: use untilIdle)
     */
    public record Options(
        String wsUrl, String restUrl, List<String> symbols, List<String> streamKinds,
        Duration untilIdle, Duration duration, boolean events, int depthLimit)
    {
        public Options
        {
            Objects.requireNonNull(wsUrl, "wsUrl");
            Objects.requireNonNull(restUrl, "restUrl");
            if (symbols == null || symbols.isEmpty())
            {
                throw new IllegalArgumentException("at least one symbol");
            }
            if ((untilIdle == null) == (duration == null))
            {
                throw new IllegalArgumentException("exactly one of untilIdle and duration");
            }
        }
    }

    /** Per-symbol outcome, as printed in the summary line. */
    public record BookSummary(
        String symbol, long lastUpdateId, String bestBid, String bestAsk, int bidLevels, int askLevels,
        boolean crossed, long resyncs, long gaps, long diffs, long diffsInSnapshot)
    {
        public String toJson()
        {
            return JsonOut.object().field("type", "book_summary").field("symbol", symbol)
                .field("last_update_id", lastUpdateId)
                .field("best_bid", bestBid)
                .field("best_ask", bestAsk)
                .field("bid_levels", bidLevels)
                .field("ask_levels", askLevels)
                .field("crossed", crossed)
                .field("resyncs", resyncs)
                .field("gaps", gaps)
                .field("diffs", diffs)
                .field("diffs_in_snapshot", diffsInSnapshot)
                .toString();
        }
    }

    private static final int SLOT_LENGTH = 256 * 1024;

    private FeedCheck()
    {
    }

    /**
     * Runs the check, printing events (if asked) and then the summaries to {@code out}.
     *
     * @param stopRequested polled every 50 ms: true ends the check early, with its summaries
     */
    public static List<BookSummary> run(final Options options, final PrintStream out,
        final java.util.function.BooleanSupplier stopRequested) throws Exception
    {
        final EventJson json = new EventJson();
        final long[] lastMessageNs = {System.nanoTime()};
        final SbeBookBuilder consumer = new SbeBookBuilder((buffer, offset, length) ->
        {
            lastMessageNs[0] = System.nanoTime();
            if (options.events())
            {
                // Off the log: no position, and the wall clock only for messages that carry no time.
                final String line = json.format(buffer, offset, length, -1, System.currentTimeMillis() * 1_000_000L);
                if (line != null)
                {
                    out.println(line);
                }
            }
        });
        final List<Instrument> instruments = new ArrayList<>();
        for (int i = 0; i < options.symbols().size(); i++)
        {
            instruments.add(new Instrument(options.symbols().get(i), i + 1));
        }
        final MarketDataClient client = MarketDataClient.connect(new MarketDataClient.Context()
            .wsUri(options.wsUrl())
            .restUri(options.restUrl())
            .instruments(instruments)
            .streamKinds(options.streamKinds())
            .depthLimit(options.depthLimit())
            .publisher(new DirectDispatchPublisher(SLOT_LENGTH, consumer)));
        try
        {
            final long startNs = System.nanoTime();
            while (!stopRequested.getAsBoolean())
            {
                Thread.sleep(50);
                final long nowNs = System.nanoTime();
                if (options.duration() != null && nowNs - startNs >= options.duration().toNanos())
                {
                    break;
                }
                if (options.untilIdle() != null && nowNs - read(client, c -> lastMessageNs[0]) >= options.untilIdle().toNanos())
                {
                    break;
                }
            }
            final List<BookSummary> summaries = read(client, c ->
            {
                final List<BookSummary> list = new ArrayList<>();
                for (final BookSync sync : c.feed().books().all())
                {
                    list.add(summary(sync));
                }
                return list;
            });
            summaries.forEach(summary -> out.println(summary.toJson()));
            return summaries;
        }
        finally
        {
            client.close();
        }
    }

    private static BookSummary summary(final BookSync sync)
    {
        final LocalBook book = sync.book();
        final int px = sync.instrument().priceExponent();
        return new BookSummary(
            sync.instrument().symbol(),
            book.lastUpdateId(),
            book.bidLevels() == 0 ? null : FixedPoint.format(book.bestBid(), px),
            book.askLevels() == 0 ? null : FixedPoint.format(book.bestAsk(), px),
            book.bidLevels(),
            book.askLevels(),
            book.isCrossed() || sync.crossings() > 0,
            sync.resyncs(),
            sync.gaps(),
            sync.diffsReceived(),
            sync.diffsInSnapshot());
    }

    private static <T> T read(final MarketDataClient client, final java.util.function.Function<MarketDataClient, T> reader)
        throws Exception
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        client.execute(() -> result.complete(reader.apply(client)));
        return result.get(10, TimeUnit.SECONDS);
    }
}
