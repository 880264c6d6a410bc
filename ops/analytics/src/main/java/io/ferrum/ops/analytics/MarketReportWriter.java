package io.ferrum.ops.analytics;

import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ArrayNode;
import com.fasterxml.jackson.databind.node.JsonNodeFactory;
import com.fasterxml.jackson.databind.node.ObjectNode;
import io.ferrum.codecs.decimal.FixedPoint;

import java.math.BigDecimal;
import java.math.MathContext;
import java.math.RoundingMode;
import java.time.Instant;

/**
 * Renders a symbol's state as a {@code market_report} event (docs/schemas/market_report.schema.json):
 * the event contract's envelope around the report. Prices and quantities are decimal
 * strings in the venue's precision; derived statistics are JSON numbers, or null when
 * they cannot be computed (no book, an empty window, too short a baseline).
 */
public final class MarketReportWriter
{
    /** Semver of the report format: bump minor for added fields, major for changed ones. */
    public static final String REPORT_VERSION = "1.0.0";
    public static final String TYPE = "market_report";

    static final int[] DEPTH_BANDS_BPS = {10, 25, 50, 100};
    static final long[] SLIPPAGE_NOTIONALS = {10_000L, 100_000L, 1_000_000L};
    static final String[] FLOW_WINDOW_NAMES = {"1m", "5m", "1h"};
    static final int[] FLOW_WINDOW_SECONDS = {60, 300, 3600};

    private final ObjectMapper mapper;
    private final HealthPolicy health;
    private final long[] flowScratch = new long[3];
    private final TradeTape.Stats tapeStats = new TradeTape.Stats();

    public MarketReportWriter(final ObjectMapper mapper, final HealthPolicy health)
    {
        this.mapper = mapper;
        this.health = health;
    }

    public String write(final SymbolAnalytics s, final long nowNs)
    {
        try
        {
            return mapper.writeValueAsString(toJson(s, nowNs));
        }
        catch (final com.fasterxml.jackson.core.JsonProcessingException ex)
        {
            throw new IllegalStateException("cannot serialise report of " + s.symbol, ex);
        }
    }

    public ObjectNode toJson(final SymbolAnalytics s, final long nowNs)
    {
        final JsonNodeFactory f = JsonNodeFactory.instance;
        final ObjectNode event = f.objectNode();
        event.put("symbol", s.symbol);
        event.put("venue", s.venue);
        event.put("type", TYPE);
        event.put("ts_event", rfc3339(nowNs));
        final ObjectNode p = event.putObject("payload");
        p.put("report_version", REPORT_VERSION);
        p.put("generated_at", rfc3339(nowNs));
        putLongOrNull(p, "last_sequence", s.lastSequence, s.lastSequence >= 0);
        putLongOrNull(p, "last_update_id", s.book.lastUpdateId(), s.book.lastUpdateId() >= 0);
        putTimeOrNull(p, "last_event_time", s.lastEventTimeNs);
        p.put("price_exponent", s.priceExponent);
        p.put("size_exponent", s.sizeExponent);

        writeStats24h(s, p.putObject("stats_24h"));
        writeL1(s, p.putObject("l1"));
        writeDepth(s, p.putObject("depth"));
        writeLiquidity(s, p.putObject("liquidity"));
        writeFlows(s, p.putObject("flows"));
        final long dataAgeMs = dataAgeMs(s, nowNs);
        writeAnomalies(s, p.putObject("anomalies"), dataAgeMs);
        writeHealth(s, p.putObject("health"), dataAgeMs);
        return event;
    }

    static long dataAgeMs(final SymbolAnalytics s, final long nowNs)
    {
        return Long.MIN_VALUE == s.lastEventTimeNs ? -1 : Math.max(0, (nowNs - s.lastEventTimeNs) / 1_000_000L);
    }

    private void writeStats24h(final SymbolAnalytics s, final ObjectNode out)
    {
        if (s.hasTicker24h)
        {
            final ObjectNode v = out.putObject("venue");
            v.put("open", price(s, s.t24Open));
            v.put("high", price(s, s.t24High));
            v.put("low", price(s, s.t24Low));
            v.put("last", price(s, s.t24Last));
            v.put("change", price(s, s.t24Change));
            v.put("change_pct", FixedPoint.format(s.t24ChangePercent, s.percentExponent));
            v.put("volume", size(s, s.t24Volume));
            v.put("quote_volume", FixedPoint.format(s.t24QuoteVolume, s.quoteExponent));
            v.put("trade_count", s.t24TradeCount);
            v.put("vwap", price(s, s.t24Vwap));
            v.put("open_time", rfc3339(s.t24OpenTimeNs));
            v.put("close_time", rfc3339(s.t24CloseTimeNs));
        }
        else
        {
            out.putNull("venue");
        }

        s.tape.stats24h(tapeStats);
        final TradeTape.Stats t = tapeStats;
        double tapeVwap = Double.NaN;
        if (t.tradeCount > 0)
        {
            final ObjectNode o = out.putObject("tape");
            o.put("source", s.tapeFromTrades ? "trade" : "agg_trade");
            o.put("open", price(s, t.open));
            o.put("high", price(s, t.high));
            o.put("low", price(s, t.low));
            o.put("last", price(s, t.last));
            o.put("change", price(s, t.last - t.open));
            putNumber(o, "change_pct", 0 == t.open ? Double.NaN : (t.last - t.open) * 100.0 / t.open);
            o.put("volume", size(s, t.volume));
            putNumber(o, "quote_volume", t.quoteVolume);
            o.put("trade_count", t.tradeCount);
            tapeVwap = t.volume > 0 ? t.quoteVolume / Metrics.value(t.volume, s.sizeExponent) : Double.NaN;
            putNumber(o, "vwap", tapeVwap);
            o.put("window_start", rfc3339(t.windowStartNs));
            o.put("window_end", rfc3339(t.windowEndNs));
            o.put("covers_24h", t.windowEndNs - s.tape.firstTradeTimeNs() >= 24L * 3600 * TradeTape.NANOS_PER_SECOND);
        }
        else
        {
            out.putNull("tape");
        }

        if (s.hasTicker24h && t.tradeCount > 0)
        {
            final ObjectNode d = out.putObject("difference");
            d.put("last", price(s, t.last - s.t24Last));
            d.put("volume", size(s, t.volume - s.t24Volume));
            d.put("trade_count", t.tradeCount - s.t24TradeCount);
            final double venueVwap = Metrics.value(s.t24Vwap, s.priceExponent);
            putNumber(d, "vwap", tapeVwap - venueVwap);
            putNumber(d, "vwap_bps", venueVwap > 0 ? (tapeVwap - venueVwap) / venueVwap * Metrics.BPS : Double.NaN);
        }
        else
        {
            out.putNull("difference");
        }
    }

    private void writeL1(final SymbolAnalytics s, final ObjectNode out)
    {
        if (!s.hasTop())
        {
            out.put("source", "none");
            for (final String name : new String[]{"bid", "bid_size", "ask", "ask_size", "mid", "spread", "spread_bps",
                "microprice", "imbalance"})
            {
                out.putNull(name);
            }
            return;
        }
        final long bid = s.bestBid();
        final long ask = s.bestAsk();
        final long bidQty = s.bestBidQty();
        final long askQty = s.bestAskQty();
        out.put("source", s.topFromBook() ? "book" : "book_ticker");
        out.put("bid", price(s, bid));
        out.put("bid_size", size(s, bidQty));
        out.put("ask", price(s, ask));
        out.put("ask_size", size(s, askQty));
        // mid = (bid + ask) / 2 is exact with one more decimal.
        out.put("mid", FixedPoint.format((bid + ask) * 5, s.priceExponent - 1));
        out.put("spread", price(s, ask - bid));
        putNumber(out, "spread_bps", Metrics.spreadBps(bid, ask));
        out.put("microprice", BigDecimal.valueOf(Metrics.micropriceMantissa(bid, bidQty, ask, askQty))
            .round(MathContext.DECIMAL64)
            .scaleByPowerOfTen(s.priceExponent)
            .setScale(Math.max(0, 2 - s.priceExponent), RoundingMode.HALF_EVEN)
            .toPlainString());
        putNumber(out, "imbalance", Metrics.imbalance(bidQty, askQty));
    }

    private void writeDepth(final SymbolAnalytics s, final ObjectNode out)
    {
        final boolean usable = s.book.inSync() && s.book.hasTop();
        out.put("book_in_sync", s.book.inSync());
        out.put("bid_levels", s.book.bids().size());
        out.put("ask_levels", s.book.asks().size());
        final ArrayNode bands = out.putArray("bands");
        for (final int bps : DEPTH_BANDS_BPS)
        {
            final ObjectNode band = bands.addObject();
            band.put("bps", bps);
            if (!usable)
            {
                band.putNull("bid_quantity");
                band.putNull("ask_quantity");
                band.putNull("bid_notional");
                band.putNull("ask_notional");
                band.putNull("imbalance");
                continue;
            }
            final long bid = s.book.bids().price(0);
            final long ask = s.book.asks().price(0);
            final long bidQty = Metrics.depthQuantity(s.book.bids(), bid, ask, bps);
            final long askQty = Metrics.depthQuantity(s.book.asks(), bid, ask, bps);
            band.put("bid_quantity", size(s, bidQty));
            band.put("ask_quantity", size(s, askQty));
            putNumber(band, "bid_notional", Metrics.depthNotional(s.book.bids(), bid, ask, bps, s.priceExponent, s.sizeExponent));
            putNumber(band, "ask_notional", Metrics.depthNotional(s.book.asks(), bid, ask, bps, s.priceExponent, s.sizeExponent));
            putNumber(band, "imbalance", Metrics.imbalance(bidQty, askQty));
        }
    }

    private void writeLiquidity(final SymbolAnalytics s, final ObjectNode out)
    {
        final boolean usable = s.book.inSync() && s.book.hasTop();
        final ArrayNode rows = out.putArray("slippage");
        for (final long notional : SLIPPAGE_NOTIONALS)
        {
            final ObjectNode row = rows.addObject();
            row.put("notional", notional);
            if (!usable)
            {
                row.putNull("buy_bps");
                row.putNull("sell_bps");
                continue;
            }
            final long bid = s.book.bids().price(0);
            final long ask = s.book.asks().price(0);
            putNumber(row, "buy_bps", Metrics.slippageBps(s.book.asks(), bid, ask, notional, s.priceExponent, s.sizeExponent));
            putNumber(row, "sell_bps", Metrics.slippageBps(s.book.bids(), bid, ask, notional, s.priceExponent, s.sizeExponent));
        }
    }

    private void writeFlows(final SymbolAnalytics s, final ObjectNode out)
    {
        final ArrayNode windows = out.putArray("windows");
        for (int i = 0; i < FLOW_WINDOW_NAMES.length; i++)
        {
            s.tape.flows(FLOW_WINDOW_SECONDS[i], flowScratch);
            final ObjectNode w = windows.addObject();
            w.put("window", FLOW_WINDOW_NAMES[i]);
            w.put("seconds", FLOW_WINDOW_SECONDS[i]);
            w.put("buy_volume", size(s, flowScratch[0]));
            w.put("sell_volume", size(s, flowScratch[1]));
            w.put("trade_count", flowScratch[2]);
            putNumber(w, "trade_imbalance", Metrics.imbalance(flowScratch[0], flowScratch[1]));
            putNumber(w, "order_flow_imbalance", s.ofi(FLOW_WINDOW_SECONDS[i]));
            putNumber(w, "trade_rate_per_s", flowScratch[2] / (double)FLOW_WINDOW_SECONDS[i]);
        }
    }

    private void writeAnomalies(final SymbolAnalytics s, final ObjectNode out, final long dataAgeMs)
    {
        final double spreadZ = s.hasTop() ?
            s.spreadBaseline.zScore(Metrics.spreadBps(s.bestBid(), s.bestAsk()), SymbolAnalytics.MIN_SECOND_SAMPLES) :
            Double.NaN;
        zAnomaly(out.putObject("spread"), spreadZ, s.spreadBaseline.count());
        zAnomaly(out.putObject("price_jump"), s.lastReturnZ, s.returnBaseline.count());
        zAnomaly(out.putObject("volume"), s.lastVolumeZ, s.volumeBaseline.count());

        final boolean crossed = s.hasTop() && s.bestBid() > s.bestAsk();
        final boolean locked = s.hasTop() && s.bestBid() == s.bestAsk();
        final ObjectNode book = out.putObject("crossed_book");
        book.put("crossed", crossed);
        book.put("locked", locked);
        book.put("crossed_events", s.book.crossedEvents());
        book.put("locked_events", s.book.lockedEvents());
        book.put("severity", (crossed ? Severity.CRITICAL : locked ? Severity.WARNING : Severity.OK).json());

        final ObjectNode stale = out.putObject("stale_feed");
        final boolean isStale = dataAgeMs < 0 || dataAgeMs > health.healthyMaxAgeMs();
        stale.put("stale", isStale);
        putLongOrNull(stale, "data_age_ms", dataAgeMs, dataAgeMs >= 0);
        stale.put("severity", (dataAgeMs < 0 || dataAgeMs > health.downAfterMs() ? Severity.CRITICAL :
            isStale ? Severity.WARNING : Severity.OK).json());

        final ObjectNode gaps = out.putObject("gaps");
        gaps.put("gap_count", s.book.gaps());
        gaps.put("resync_count", s.book.resyncs());
        gaps.put("severity", (s.book.state() == LocalBook.SyncState.OUT_OF_SYNC ? Severity.CRITICAL :
            s.book.gaps() + s.book.resyncs() > 0 ? Severity.WARNING : Severity.OK).json());
    }

    private static void zAnomaly(final ObjectNode out, final double z, final int samples)
    {
        putNumber(out, "z", z);
        out.put("baseline_samples", samples);
        out.put("severity", Severity.ofZ(z).json());
    }

    private void writeHealth(final SymbolAnalytics s, final ObjectNode out, final long dataAgeMs)
    {
        putLongOrNull(out, "data_age_ms", dataAgeMs, dataAgeMs >= 0);
        out.put("status", health.status(dataAgeMs, s.book.inSync(), s.feedState).json());
        out.put("book_in_sync", s.book.inSync());
        out.put("book_state", s.book.state().name().toLowerCase(java.util.Locale.ROOT));
        if (null == s.feedState)
        {
            out.putNull("feed_state");
        }
        else
        {
            out.put("feed_state", s.feedState.name().toLowerCase(java.util.Locale.ROOT));
        }
        out.put("reconnects", s.reconnects);
        out.put("messages", s.messages);
        out.put("rejected_messages", s.rejectedMessages);
        if (null == s.lastError)
        {
            out.putNull("last_error");
        }
        else
        {
            final ObjectNode e = out.putObject("last_error");
            e.put("message", s.lastError);
            e.put("time", rfc3339(s.lastErrorTimeNs));
        }
    }

    static String price(final SymbolAnalytics s, final long mantissa)
    {
        return FixedPoint.format(mantissa, s.priceExponent);
    }

    static String size(final SymbolAnalytics s, final long mantissa)
    {
        return FixedPoint.format(mantissa, s.sizeExponent);
    }

    public static String rfc3339(final long epochNs)
    {
        return Instant.ofEpochSecond(Math.floorDiv(epochNs, 1_000_000_000L), Math.floorMod(epochNs, 1_000_000_000L)).toString();
    }

    private static void putTimeOrNull(final ObjectNode out, final String name, final long epochNs)
    {
        if (Long.MIN_VALUE == epochNs)
        {
            out.putNull(name);
        }
        else
        {
            out.put(name, rfc3339(epochNs));
        }
    }

    private static void putLongOrNull(final ObjectNode out, final String name, final long value, final boolean present)
    {
        if (present)
        {
            out.put(name, value);
        }
        else
        {
            out.putNull(name);
        }
    }

    private static void putNumber(final ObjectNode out, final String name, final double value)
    {
        if (Double.isNaN(value) || Double.isInfinite(value))
        {
            out.putNull(name);
        }
        else
        {
            out.put(name, value);
        }
    }
}
