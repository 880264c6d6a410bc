package io.ferrum.ops.analytics;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.engine.book.PriceLadder;

/**
 * Everything the report of one symbol is made from, updated by the single consumer
 * thread. Time windows run in venue event time (deterministic on replay); only the
 * health section looks at the wall clock, through the consumer's clock.
 */
public final class SymbolAnalytics
{
    static final int SPREAD_BASELINE_SECONDS = 300;
    static final int RETURN_BASELINE_SECONDS = 300;
    static final int VOLUME_BASELINE_MINUTES = 60;
    static final int MIN_SECOND_SAMPLES = 30;
    static final int MIN_MINUTE_SAMPLES = 10;
    static final int OFI_SECONDS = 3600;

    final String symbol;
    String venue = "unknown";
    int priceExponent;
    int sizeExponent;
    boolean exponentsKnown;

    long lastSequence = -1;
    long lastEventTimeNs = Long.MIN_VALUE;
    long messages;
    long rejectedMessages;

    final LocalBook book = new LocalBook();
    final TradeTape tape = new TradeTape();
    boolean tapeFromTrades;

    // Last @bookTicker, the fallback top of book while the local book is not in sync.
    boolean hasBookTicker;
    long tickerBid;
    long tickerBidQty;
    long tickerAsk;
    long tickerAskQty;
    long bookTickerUpdateId = -1;

    // Last venue 24 h ticker.
    boolean hasTicker24h;
    int quoteExponent;
    int percentExponent;
    long t24Open;
    long t24High;
    long t24Low;
    long t24Last;
    long t24Change;
    long t24ChangePercent;
    long t24Vwap;
    long t24Volume;
    long t24QuoteVolume;
    long t24TradeCount;
    long t24OpenTimeNs;
    long t24CloseTimeNs;

    // Order-flow imbalance per event second.
    final long[] ofiSecond = new long[OFI_SECONDS];
    final double[] ofiValue = new double[OFI_SECONDS];
    boolean hasPrevTop;
    long prevBid;
    long prevBidQty;
    long prevAsk;
    long prevAskQty;

    // Baselines sampled once per event second / minute.
    final RollingStats spreadBaseline = new RollingStats(SPREAD_BASELINE_SECONDS);
    final RollingStats returnBaseline = new RollingStats(RETURN_BASELINE_SECONDS);
    final RollingStats volumeBaseline = new RollingStats(VOLUME_BASELINE_MINUTES);
    long sampledSecond = Long.MIN_VALUE;
    long sampledMinute = Long.MIN_VALUE;
    double lastSampledMid = Double.NaN;
    double lastReturn = Double.NaN;
    double lastReturnZ = Double.NaN;
    double lastMinuteVolume = Double.NaN;
    double lastVolumeZ = Double.NaN;

    // Feed health as the gateway reports it.
    FeedState feedState;
    long reconnects;
    String lastError;
    long lastErrorTimeNs;
    boolean seenConnected;

    SymbolAnalytics(final String symbol)
    {
        this.symbol = symbol;
        java.util.Arrays.fill(ofiSecond, Long.MIN_VALUE);
    }

    public String symbol()
    {
        return symbol;
    }

    public LocalBook book()
    {
        return book;
    }

    /**
     * Checks a message's exponents against the symbol's; the book and the tape are kept
     * in one fixed point, so a message in another is refused and reported.
     */
    boolean acceptExponents(final int priceExp, final int sizeExp)
    {
        if (!exponentsKnown)
        {
            priceExponent = priceExp;
            sizeExponent = sizeExp;
            exponentsKnown = true;
            return true;
        }
        if (priceExp != priceExponent || sizeExp != sizeExponent)
        {
            reject("exponent change refused: price " + priceExp + " size " + sizeExp +
                " (symbol uses " + priceExponent + ", " + sizeExponent + ")");
            return false;
        }
        return true;
    }

    /** Counts a message that could not be applied and keeps why, for health.last_error. */
    void reject(final String why)
    {
        rejectedMessages++;
        lastError = why;
        lastErrorTimeNs = lastEventTimeNs;
    }

    /** Common bookkeeping for every message: sequence, event time, per-second and per-minute sampling. */
    void onEvent(final String venueName, final long sequence, final long eventTimeNs)
    {
        venue = venueName;
        messages++;
        lastSequence = sequence;
        if (eventTimeNs > lastEventTimeNs)
        {
            advanceTo(eventTimeNs);
            lastEventTimeNs = eventTimeNs;
        }
    }

    void onTrade(final long timeNs, final long price, final long quantity, final boolean buyAggressor, final long count)
    {
        final double quoteValue = Metrics.value(price, priceExponent) * Metrics.value(quantity, sizeExponent);
        tape.onTrade(timeNs, price, quantity, buyAggressor, count, quoteValue);
    }

    void onBookTicker(final long updateId, final long bid, final long bidQty, final long ask, final long askQty)
    {
        hasBookTicker = true;
        bookTickerUpdateId = updateId;
        tickerBid = bid;
        tickerBidQty = bidQty;
        tickerAsk = ask;
        tickerAskQty = askQty;
    }

    /** After the local book changed: order-flow imbalance from the change of its top. */
    void onBookChanged(final long eventTimeNs)
    {
        if (!book.inSync() || !book.hasTop())
        {
            hasPrevTop = false;
            return;
        }
        final PriceLadder bids = book.bids();
        final PriceLadder asks = book.asks();
        final long bid = bids.price(0);
        final long bidQty = bids.quantity(0);
        final long ask = asks.price(0);
        final long askQty = asks.quantity(0);
        if (hasPrevTop)
        {
            final double e = Metrics.ofiStep(
                prevBid, Metrics.value(prevBidQty, sizeExponent), prevAsk, Metrics.value(prevAskQty, sizeExponent),
                bid, Metrics.value(bidQty, sizeExponent), ask, Metrics.value(askQty, sizeExponent));
            final long second = Math.floorDiv(eventTimeNs, TradeTape.NANOS_PER_SECOND);
            final int s = Math.floorMod(second, OFI_SECONDS);
            if (ofiSecond[s] != second)
            {
                ofiSecond[s] = second;
                ofiValue[s] = 0;
            }
            ofiValue[s] += e;
        }
        hasPrevTop = true;
        prevBid = bid;
        prevBidQty = bidQty;
        prevAsk = ask;
        prevAskQty = askQty;
    }

    void onFeedState(final FeedState state, final FeedState previous, final String detail, final long timeNs)
    {
        if (FeedState.CONNECTED == state)
        {
            if (seenConnected)
            {
                reconnects++;
            }
            seenConnected = true;
        }
        feedState = state;
        if (isFault(state))
        {
            lastError = state.name().toLowerCase(java.util.Locale.ROOT) + (detail.isEmpty() ? "" : ": " + detail);
            lastErrorTimeNs = timeNs;
        }
    }

    static boolean isFault(final FeedState state)
    {
        switch (state)
        {
            case STALE:
            case GAP:
            case MISSING_QUOTE:
            case DISCONNECTED:
            case SERVER_SHUTDOWN:
            case RATE_LIMITED:
            case BANNED:
                return true;
            default:
                return false;
        }
    }

    /** Sum of order-flow imbalance over the {@code seconds} ending at the last event. */
    double ofi(final int seconds)
    {
        if (Long.MIN_VALUE == lastEventTimeNs)
        {
            return 0;
        }
        final long last = Math.floorDiv(lastEventTimeNs, TradeTape.NANOS_PER_SECOND);
        double sum = 0;
        for (long second = last - Math.min(seconds, OFI_SECONDS) + 1; second <= last; second++)
        {
            final int s = Math.floorMod(second, OFI_SECONDS);
            if (ofiSecond[s] == second)
            {
                sum += ofiValue[s];
            }
        }
        return sum;
    }

    /** Top of book used by the report: the local book when in sync, else the last @bookTicker. */
    boolean hasTop()
    {
        return (book.inSync() && book.hasTop()) || hasBookTicker;
    }

    boolean topFromBook()
    {
        return book.inSync() && book.hasTop();
    }

    long bestBid()
    {
        return topFromBook() ? book.bids().price(0) : tickerBid;
    }

    long bestBidQty()
    {
        return topFromBook() ? book.bids().quantity(0) : tickerBidQty;
    }

    long bestAsk()
    {
        return topFromBook() ? book.asks().price(0) : tickerAsk;
    }

    long bestAskQty()
    {
        return topFromBook() ? book.asks().quantity(0) : tickerAskQty;
    }

    /**
     * Closes every event second (and minute) before the one of {@code eventTimeNs}: the
     * spread and mid at the close of each second feed the spread and price-jump baselines;
     * each finished minute's volume feeds the volume baseline. Seconds with no event carry
     * the last state forward (bounded by the baseline lengths).
     */
    private void advanceTo(final long eventTimeNs)
    {
        final long second = Math.floorDiv(eventTimeNs, TradeTape.NANOS_PER_SECOND);
        if (Long.MIN_VALUE == sampledSecond)
        {
            sampledSecond = second;
        }
        final long secondsToClose = Math.min(second - sampledSecond, SPREAD_BASELINE_SECONDS);
        for (long i = 0; i < secondsToClose; i++)
        {
            sampleSecond();
        }
        sampledSecond = second;

        final long minute = Math.floorDiv(eventTimeNs, TradeTape.NANOS_PER_MINUTE);
        if (Long.MIN_VALUE == sampledMinute)
        {
            sampledMinute = minute;
        }
        final long minutesToClose = Math.min(minute - sampledMinute, VOLUME_BASELINE_MINUTES);
        for (long i = 0; i < minutesToClose; i++)
        {
            final long closing = minute - minutesToClose + i;
            final double volume = Metrics.value(tape.minuteVolume(closing), sizeExponent);
            lastMinuteVolume = volume;
            lastVolumeZ = volumeBaseline.zScore(volume, MIN_MINUTE_SAMPLES);
            volumeBaseline.add(volume);
        }
        sampledMinute = minute;
    }

    private void sampleSecond()
    {
        if (!hasTop())
        {
            return;
        }
        final long bid = bestBid();
        final long ask = bestAsk();
        if (bid <= 0 || ask <= 0)
        {
            return;
        }
        spreadBaseline.add(Metrics.spreadBps(bid, ask));
        final double mid = (bid + (double)ask) / 2.0;
        if (!Double.isNaN(lastSampledMid))
        {
            final double r = Math.log(mid / lastSampledMid);
            lastReturn = r;
            lastReturnZ = returnBaseline.zScore(r, MIN_SECOND_SAMPLES);
            returnBaseline.add(r);
        }
        lastSampledMid = mid;
    }
}
