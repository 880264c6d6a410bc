package io.ferrum.ops.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.BookMessageLength;
import io.ferrum.gateway.logging.LogFields;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.EpochNanoClock;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

/**
 * Follows Ferrum's sequenced market data read-only and keeps every symbol's report warm
 * in a {@link ReportCache}. Feed it each log message with {@link #onMessage}; call
 * {@link #doWork()} from the same thread on every duty cycle (also when idle), which
 * republishes every report at most once per refresh interval so that health moves on
 * while a feed is silent. Not thread safe: one consumer thread owns it; readers only
 * ever touch the cache.
 */
public final class AnalyticsConsumer
{
    private static final Logger LOG = LogManager.getLogger(AnalyticsConsumer.class);

    private final Context ctx;
    private final ReportCache cache;
    private final MarketReportWriter writer;
    private final EpochNanoClock clock;
    private final Map<String, SymbolAnalytics> symbols = new HashMap<>();
    private final List<SymbolAnalytics> ordered = new ArrayList<>();

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final BestBidAskDecoder bestBidAsk = new BestBidAskDecoder();
    private final Ticker24hDecoder ticker = new Ticker24hDecoder();
    private final FeedStatusDecoder feedStatus = new FeedStatusDecoder();

    private final org.agrona.collections.Long2LongHashMap lastSequenceBySource =
        new org.agrona.collections.Long2LongHashMap(Long.MIN_VALUE);
    private long lastRefreshNs = Long.MIN_VALUE;
    private long duplicateMessages;
    private long ignoredMessages;
    private long malformedMessages;

    public AnalyticsConsumer(final Context ctx)
    {
        this.ctx = ctx.conclude();
        this.cache = ctx.reportCache();
        this.clock = ctx.clock();
        this.writer = new MarketReportWriter(new ObjectMapper(), new HealthPolicy(ctx.healthyMaxAgeMs(), ctx.downAfterMs()));
    }

    public ReportCache cache()
    {
        return cache;
    }

    /** Messages of other templates or schemas (orders, admin, timers): not analytics' business. */
    public long ignoredMessages()
    {
        return ignoredMessages;
    }

    /**
     * Messages whose source sequence is not above the last one seen from the same source:
     * the log can carry a failover resend, which must not count a trade twice.
     */
    public long duplicateMessages()
    {
        return duplicateMessages;
    }

    /** Messages too short for their header or block: counted and dropped. */
    public long malformedMessages()
    {
        return malformedMessages;
    }

    /** The live state of a symbol, for tests and tools on the consumer thread; null when unknown. */
    public SymbolAnalytics symbol(final String symbol)
    {
        return symbols.get(symbol);
    }

    /**
     * Applies one Ferrum SBE message (header included). Anything that is not market data of
     * schema 7301 is counted and ignored; a truncated message is counted as malformed.
     */
    public void onMessage(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < MessageHeaderDecoder.ENCODED_LENGTH)
        {
            malformedMessages++;
            return;
        }
        header.wrap(buffer, offset);
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            ignoredMessages++;
            return;
        }
        final int blockLength = header.blockLength();
        final int version = header.version();
        final int bodyOffset = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        if (length < MessageHeaderDecoder.ENCODED_LENGTH + blockLength)
        {
            malformedMessages++;
            return;
        }
        try
        {
            switch (header.templateId())
            {
                case TradeDecoder.TEMPLATE_ID:
                    onTrade(trade.wrap(buffer, bodyOffset, blockLength, version));
                    break;
                case AggTradeDecoder.TEMPLATE_ID:
                    onAggTrade(aggTrade.wrap(buffer, bodyOffset, blockLength, version));
                    break;
                case BookSnapshotDecoder.TEMPLATE_ID:
                    if (groupsWithin(buffer, bodyOffset, blockLength, length))
                    {
                        onBookSnapshot(snapshot.wrap(buffer, bodyOffset, blockLength, version));
                    }
                    break;
                case BookDeltaDecoder.TEMPLATE_ID:
                    if (groupsWithin(buffer, bodyOffset, blockLength, length))
                    {
                        onBookDelta(delta.wrap(buffer, bodyOffset, blockLength, version));
                    }
                    break;
                case BestBidAskDecoder.TEMPLATE_ID:
                    onBestBidAsk(bestBidAsk.wrap(buffer, bodyOffset, blockLength, version));
                    break;
                case Ticker24hDecoder.TEMPLATE_ID:
                    onTicker24h(ticker.wrap(buffer, bodyOffset, blockLength, version));
                    break;
                case FeedStatusDecoder.TEMPLATE_ID:
                    onFeedStatus(feedStatus.wrap(buffer, bodyOffset, blockLength, version));
                    break;
                default:
                    ignoredMessages++;
            }
        }
        catch (final IndexOutOfBoundsException ex)
        {
            // A var-data field claiming more bytes than the buffer holds (seen only with bounds checks on).
            malformedMessages++;
        }
    }

    /** Whether a book message's two level groups lie within the {@code length} bytes received; counted when not. */
    private boolean groupsWithin(final DirectBuffer buffer, final int bodyOffset, final int blockLength, final int length)
    {
        if (BookMessageLength.of(buffer, bodyOffset, blockLength, length - MessageHeaderDecoder.ENCODED_LENGTH) ==
            BookMessageLength.BEYOND_BODY)
        {
            malformedMessages++;
            return false;
        }
        return true;
    }

    public void onTrade(final TradeDecoder m)
    {
        final SymbolAnalytics s = begin(m.symbol(), m.venue(), m.source(), m.priceExponent(), m.sizeExponent());
        if (null != s)
        {
            s.tapeFromTrades = true;
            if (m.price() <= 0 || m.quantity() <= 0)
            {
                s.reject("trade with price " + m.price() + " quantity " + m.quantity());
                return;
            }
            s.onTrade(m.tradeTimeNs(), m.price(), m.quantity(), Side.BUY == m.aggressor(), 1);
        }
    }

    /** Aggregate trades feed the tape only for symbols with no @trade stream, so a print is never counted twice. */
    public void onAggTrade(final AggTradeDecoder m)
    {
        final SymbolAnalytics s = begin(m.symbol(), m.venue(), m.source(), m.priceExponent(), m.sizeExponent());
        if (null != s && !s.tapeFromTrades)
        {
            final long count = Math.max(1, m.lastTradeId() - m.firstTradeId() + 1);
            if (m.price() <= 0 || m.quantity() <= 0)
            {
                s.reject("aggTrade with price " + m.price() + " quantity " + m.quantity());
                return;
            }
            s.onTrade(m.tradeTimeNs(), m.price(), m.quantity(), Side.BUY == m.aggressor(), count);
        }
    }

    public void onBookSnapshot(final BookSnapshotDecoder m)
    {
        final SymbolAnalytics s = begin(m.symbol(), m.venue(), m.source(), m.priceExponent(), m.sizeExponent());
        final long eventTimeNs = m.source().eventTimeNs();
        final long lastUpdateId = m.lastUpdateId();
        final BookSnapshotDecoder.BidsDecoder bids = m.bids();
        final int bidCount = bids.count();
        final long[] levels = new long[2 * bidCount];
        int n = 0;
        for (final BookSnapshotDecoder.BidsDecoder level : bids)
        {
            levels[n++] = level.price();
            levels[n++] = level.quantity();
        }
        final BookSnapshotDecoder.AsksDecoder asks = m.asks();
        final long[] all = java.util.Arrays.copyOf(levels, 2 * bidCount + 2 * asks.count());
        for (final BookSnapshotDecoder.AsksDecoder level : asks)
        {
            all[n++] = level.price();
            all[n++] = level.quantity();
        }
        if (null != s)
        {
            if (!validLevels(all, 0))
            {
                s.reject("snapshot " + lastUpdateId + " with a non-positive price or a negative quantity");
                return;
            }
            s.book.onSnapshot(lastUpdateId, all, bidCount);
            s.onBookChanged(eventTimeNs);
        }
    }

    public void onBookDelta(final BookDeltaDecoder m)
    {
        final SymbolAnalytics s = begin(m.symbol(), m.venue(), m.source(), m.priceExponent(), m.sizeExponent());
        final long eventTimeNs = m.source().eventTimeNs();
        final long first = m.firstUpdateId();
        final long last = m.lastUpdateId();
        final BookDeltaDecoder.BidsDecoder bids = m.bids();
        final int bidCount = bids.count();
        final long[] head = new long[3 + 2 * bidCount];
        head[0] = first;
        head[1] = last;
        head[2] = bidCount;
        int n = 3;
        for (final BookDeltaDecoder.BidsDecoder level : bids)
        {
            head[n++] = level.price();
            head[n++] = level.quantity();
        }
        final BookDeltaDecoder.AsksDecoder asks = m.asks();
        final long[] levels = java.util.Arrays.copyOf(head, head.length + 2 * asks.count());
        for (final BookDeltaDecoder.AsksDecoder level : asks)
        {
            levels[n++] = level.price();
            levels[n++] = level.quantity();
        }
        if (null == s)
        {
            return;
        }
        if (!validLevels(levels, 3))
        {
            s.reject("diff " + first + ".." + last + " with a non-positive price or a negative quantity");
            return;
        }
        final long gapsBefore = s.book.gaps();
        if (s.book.onDelta(levels))
        {
            s.onBookChanged(eventTimeNs);
        }
        else if (s.book.gaps() > gapsBefore)
        {
            LogFields.symbol(s.symbol);
            LogFields.lagMs((m.source().receiveTimeNs() - eventTimeNs) / 1_000_000L);
            LOG.warn("book gap: diff {}..{} after update {}; out of sync until the next snapshot",
                first, last, s.book.lastUpdateId());
            LogFields.clearEvent();
        }
    }

    public void onBestBidAsk(final BestBidAskDecoder m)
    {
        final SymbolAnalytics s = begin(m.symbol(), m.venue(), m.source(), m.priceExponent(), m.sizeExponent());
        if (null != s)
        {
            if (m.bidPrice() <= 0 || m.askPrice() <= 0 || m.bidQuantity() < 0 || m.askQuantity() < 0)
            {
                s.reject("bookTicker " + m.updateId() + " with a non-positive price or a negative quantity");
                return;
            }
            s.onBookTicker(m.updateId(), m.bidPrice(), m.bidQuantity(), m.askPrice(), m.askQuantity());
        }
    }

    public void onTicker24h(final Ticker24hDecoder m)
    {
        final SymbolAnalytics s = begin(m.symbol(), m.venue(), m.source(), m.priceExponent(), m.sizeExponent());
        if (null != s)
        {
            s.hasTicker24h = true;
            s.quoteExponent = m.quoteExponent();
            s.percentExponent = m.percentExponent();
            s.t24Change = m.priceChange();
            s.t24ChangePercent = m.priceChangePercent();
            s.t24Vwap = m.weightedAvgPrice();
            s.t24Last = m.lastPrice();
            s.t24Open = m.openPrice();
            s.t24High = m.highPrice();
            s.t24Low = m.lowPrice();
            s.t24Volume = m.volume();
            s.t24QuoteVolume = m.quoteVolume();
            s.t24OpenTimeNs = m.openTimeNs();
            s.t24CloseTimeNs = m.closeTimeNs();
            s.t24TradeCount = m.tradeCount();
        }
    }

    /** A feed state for one symbol, or for every symbol when instrumentId is 0 (the whole connection). */
    public void onFeedStatus(final FeedStatusDecoder m)
    {
        final String symbol = m.symbol().trim();
        final SourceDecoder source = m.source();
        if (isDuplicate(source))
        {
            return;
        }
        final long eventTimeNs = source.eventTimeNs();
        final io.ferrum.codecs.sbe.FeedState state = m.state();
        final io.ferrum.codecs.sbe.FeedState previous = m.previousState();
        final String detail = m.detail();
        if (null == state || io.ferrum.codecs.sbe.FeedState.NULL_VAL == state)
        {
            malformedMessages++;
            return;
        }
        LogFields.symbol(symbol.isEmpty() ? "*" : symbol);
        LogFields.streamId(m.streamId());
        LOG.info("feed state {} -> {} {}", previous, state, detail);
        LogFields.clearEvent();
        if (0 == m.instrumentId() || symbol.isEmpty())
        {
            for (final SymbolAnalytics s : ordered)
            {
                s.onFeedState(state, previous, detail, eventTimeNs);
            }
            return;
        }
        final SymbolAnalytics s = symbolFor(symbol);
        s.onFeedState(state, previous, detail, eventTimeNs);
    }

    /**
     * Republishes every symbol's report when the refresh interval has passed since the
     * last publication (by the consumer's clock).
     *
     * @return the number of reports published
     */
    public int doWork()
    {
        final long nowNs = clock.nanoTime();
        if (Long.MIN_VALUE != lastRefreshNs && nowNs - lastRefreshNs < ctx.refreshIntervalNs())
        {
            return 0;
        }
        return publish(nowNs);
    }

    /** Publishes every symbol's report now, whatever the interval. */
    public int publishAll()
    {
        return publish(clock.nanoTime());
    }

    private int publish(final long nowNs)
    {
        lastRefreshNs = nowNs;
        for (final SymbolAnalytics s : ordered)
        {
            cache.put(s.symbol, writer.write(s, nowNs));
        }
        return ordered.size();
    }

    private SymbolAnalytics begin(
        final String rawSymbol, final Venue venue, final SourceDecoder source, final int priceExp, final int sizeExp)
    {
        final String symbol = rawSymbol.trim();
        if (symbol.isEmpty())
        {
            malformedMessages++;
            return null;
        }
        if (isDuplicate(source))
        {
            return null;
        }
        final SymbolAnalytics s = symbolFor(symbol);
        s.onEvent(venueName(venue), source.sequence(), source.eventTimeNs());
        return s.acceptExponents(priceExp, sizeExp) ? s : null;
    }

    /** Levels from {@code from} on are (price, quantity) pairs: prices positive, quantities not negative. */
    private static boolean validLevels(final long[] levels, final int from)
    {
        for (int i = from; i + 1 < levels.length; i += 2)
        {
            if (levels[i] <= 0 || levels[i + 1] < 0)
            {
                return false;
            }
        }
        return true;
    }

    private boolean isDuplicate(final SourceDecoder source)
    {
        final int sourceId = source.sourceId();
        final long sequence = source.sequence();
        if (sequence <= lastSequenceBySource.get(sourceId))
        {
            duplicateMessages++;
            return true;
        }
        lastSequenceBySource.put(sourceId, sequence);
        return false;
    }

    private SymbolAnalytics symbolFor(final String symbol)
    {
        SymbolAnalytics s = symbols.get(symbol);
        if (null == s)
        {
            s = new SymbolAnalytics(symbol);
            symbols.put(symbol, s);
            ordered.add(s);
        }
        return s;
    }

    private static String venueName(final Venue venue)
    {
        return null == venue || Venue.NULL_VAL == venue ? "unknown" : venue.name().toLowerCase(Locale.ROOT);
    }

    /** Configuration of the consumer; {@link #conclude()} checks it and fills defaults. */
    public static final class Context
    {
        private EpochNanoClock clock;
        private ReportCache reportCache;
        private long refreshIntervalNs = 250_000_000L;
        private long healthyMaxAgeMs = 1000;
        private long downAfterMs = 10_000;

        public Context clock(final EpochNanoClock clock)
        {
            this.clock = clock;
            return this;
        }

        public EpochNanoClock clock()
        {
            return clock;
        }

        public Context reportCache(final ReportCache reportCache)
        {
            this.reportCache = reportCache;
            return this;
        }

        public ReportCache reportCache()
        {
            return reportCache;
        }

        /** Reports are republished at most this often (default 250 ms). */
        public Context refreshIntervalNs(final long refreshIntervalNs)
        {
            this.refreshIntervalNs = refreshIntervalNs;
            return this;
        }

        public long refreshIntervalNs()
        {
            return refreshIntervalNs;
        }

        /** Oldest data, in ms, for which a symbol can still be healthy (default 1000, requirement A2). */
        public Context healthyMaxAgeMs(final long healthyMaxAgeMs)
        {
            this.healthyMaxAgeMs = healthyMaxAgeMs;
            return this;
        }

        public long healthyMaxAgeMs()
        {
            return healthyMaxAgeMs;
        }

        /** Data older than this, in ms, means the symbol is down (default 10 000). */
        public Context downAfterMs(final long downAfterMs)
        {
            this.downAfterMs = downAfterMs;
            return this;
        }

        public long downAfterMs()
        {
            return downAfterMs;
        }

        public Context conclude()
        {
            if (null == clock)
            {
                clock = new org.agrona.concurrent.SystemEpochNanoClock();
            }
            if (null == reportCache)
            {
                reportCache = new ReportCache();
            }
            if (refreshIntervalNs < 0)
            {
                throw new IllegalArgumentException("refreshIntervalNs must be >= 0: " + refreshIntervalNs);
            }
            new HealthPolicy(healthyMaxAgeMs, downAfterMs);
            return this;
        }
    }
}
