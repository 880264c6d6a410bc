package io.ferrum.gateway.client;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.gateway.binance.FeedStatusPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.book.BookSyncs;
import org.agrona.concurrent.EpochNanoClock;

import java.util.List;

/**
 * Per-symbol liveness: a symbol with no event for the stale timeout is STALE, one with no
 * best bid/ask for the quote timeout is MISSING_QUOTE; each is published once when it
 * starts and once when it ends (back to the book's own state).
 */
final class FeedMonitor
{
    private final List<Instrument> instruments;
    private final BookSyncs books;
    private final FeedStatusPublisher status;
    private final EpochNanoClock clock;
    private final long staleTimeoutNs;
    private final long quoteTimeoutNs;
    private final boolean[] stale;
    private final boolean[] missingQuote;
    private long connectedAtNs;

    /** @param quoteTimeoutNs 0 when quotes are not subscribed */
    FeedMonitor(
        final InstrumentTable instruments,
        final BookSyncs books,
        final FeedStatusPublisher status,
        final EpochNanoClock clock,
        final long staleTimeoutNs,
        final long quoteTimeoutNs)
    {
        this.instruments = instruments.instruments();
        this.books = books;
        this.status = status;
        this.clock = clock;
        this.staleTimeoutNs = staleTimeoutNs;
        this.quoteTimeoutNs = quoteTimeoutNs;
        stale = new boolean[this.instruments.size()];
        missingQuote = new boolean[this.instruments.size()];
    }

    void connected()
    {
        connectedAtNs = clock.nanoTime();
    }

    void check(final boolean connected)
    {
        if (!connected)
        {
            return; // the connection's own state says what is wrong
        }
        final long nowNs = clock.nanoTime();
        for (int i = 0; i < instruments.size(); i++)
        {
            final Instrument instrument = instruments.get(i);
            final long lastUpdate = Math.max(instrument.lastUpdateNs(), connectedAtNs);
            stale[i] = flag(instrument, stale[i], nowNs - lastUpdate > staleTimeoutNs, FeedState.STALE,
                "no event for " + (nowNs - lastUpdate) / 1_000_000 + " ms");
            if (quoteTimeoutNs > 0)
            {
                final long lastQuote = Math.max(instrument.lastQuoteNs(), connectedAtNs);
                missingQuote[i] = flag(instrument, missingQuote[i], nowNs - lastQuote > quoteTimeoutNs, FeedState.MISSING_QUOTE,
                    "no best bid/ask for " + (nowNs - lastQuote) / 1_000_000 + " ms");
            }
        }
    }

    private boolean flag(
        final Instrument instrument, final boolean was, final boolean is, final FeedState state, final String detail)
    {
        if (is && !was)
        {
            status.publish(instrument, state, books.get(instrument).state(), detail, clock.nanoTime());
        }
        else if (was && !is)
        {
            status.publish(instrument, books.get(instrument).state(), state, "events again", clock.nanoTime());
        }
        return is;
    }
}
