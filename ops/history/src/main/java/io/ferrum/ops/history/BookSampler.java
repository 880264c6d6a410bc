package io.ferrum.ops.history;

import io.ferrum.engine.book.PriceLadder;

import java.util.Map;
import java.util.TreeMap;

/**
 * The books of the log's market data (venue snapshots, then their deltas), sampled every interval of
 * log time: at the first input whose log time has crossed a multiple of the interval, each book's top
 * levels become a {@code sampled} row of {@code book_snapshots}. Log time only, so a writer restarted
 * on the same log samples at the same positions and its rows are the very rows it would have written.
 */
final class BookSampler
{
    /** One symbol's book, as the log has built it. */
    static final class Book
    {
        final String symbol;
        final PriceLadder bids = PriceLadder.growing(true, 64);
        final PriceLadder asks = PriceLadder.growing(false, 64);
        String venue;
        int priceExponent;
        int sizeExponent;
        long lastUpdateId;

        Book(final String symbol)
        {
            this.symbol = symbol;
        }
    }

    /** Receives each sampled book. */
    interface Sink
    {
        void onSample(Book book);
    }

    private final long intervalNs;
    private final Map<String, Book> books = new TreeMap<>(); // by symbol: samples come out in one order
    private long nextSampleNs = Long.MIN_VALUE;

    /** @param intervalNs log time between samples; 0 for none */
    BookSampler(final long intervalNs)
    {
        this.intervalNs = intervalNs;
    }

    /** The book of {@code symbol}, made on first use. */
    Book book(final String symbol, final String venue, final int priceExponent, final int sizeExponent)
    {
        final Book book = books.computeIfAbsent(symbol, Book::new);
        book.venue = venue;
        book.priceExponent = priceExponent;
        book.sizeExponent = sizeExponent;
        return book;
    }

    /** Samples every book when {@code logTimeNs} has crossed the next multiple of the interval. */
    void onLogTime(final long logTimeNs, final Sink sink)
    {
        if (0 == intervalNs)
        {
            return;
        }
        if (Long.MIN_VALUE == nextSampleNs)
        {
            nextSampleNs = next(logTimeNs); // a writer's first input starts the clock, it is not a sample
            return;
        }
        if (logTimeNs >= nextSampleNs)
        {
            nextSampleNs = next(logTimeNs);
            for (final Book book : books.values())
            {
                if (!book.bids.isEmpty() || !book.asks.isEmpty())
                {
                    sink.onSample(book);
                }
            }
        }
    }

    private long next(final long logTimeNs)
    {
        return (Math.floorDiv(logTimeNs, intervalNs) + 1) * intervalNs;
    }
}
