package io.ferrum.gateway.check;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.DirectBuffer;

import java.time.Instant;
import java.util.Locale;

/**
 * Renders the gateway's SBE market-data messages as event-contract JSON lines (E1):
 * {@code type}, {@code venue}, {@code symbol}, {@code ts_event} (RFC 3339 UTC, the venue's
 * event time, else the receive time) and a snake_case {@code payload}, with prices and
 * sizes as the venue's decimal strings. For operators' tools: a cold path that allocates.
 */
public final class EventJson
{
    /** Symbol of connection-wide feed status events, which concern no single instrument. */
    public static final String ALL_SYMBOLS = "*";

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder delta = new BookDeltaDecoder();
    private final BestBidAskDecoder quote = new BestBidAskDecoder();
    private final Ticker24hDecoder ticker = new Ticker24hDecoder();
    private final FeedStatusDecoder status = new FeedStatusDecoder();

    /** @return one JSON line, or null for a message that is not market data */
    public String format(final DirectBuffer buffer, final int offset)
    {
        header.wrap(buffer, offset);
        final int body = offset + MessageHeaderDecoder.ENCODED_LENGTH;
        final int blockLength = header.blockLength();
        final int version = header.version();
        final StringBuilder out = new StringBuilder(256);
        switch (header.templateId())
        {
            case TradeDecoder.TEMPLATE_ID ->
            {
                trade.wrap(buffer, body, blockLength, version);
                final int px = trade.priceExponent();
                final int sz = trade.sizeExponent();
                start(out, "trade_tick", trade.venue(), trade.symbol(), trade.source().eventTimeNs(), trade.source().receiveTimeNs());
                out.append("\"trade_id\":").append(trade.tradeId());
                decimal(out, "price", trade.price(), px);
                decimal(out, "quantity", trade.quantity(), sz);
                out.append(",\"aggressor\":\"").append(side(trade.aggressor())).append('"');
            }
            case AggTradeDecoder.TEMPLATE_ID ->
            {
                aggTrade.wrap(buffer, body, blockLength, version);
                start(out, "trade_tick", aggTrade.venue(), aggTrade.symbol(), aggTrade.source().eventTimeNs(),
                    aggTrade.source().receiveTimeNs());
                out.append("\"agg_trade_id\":").append(aggTrade.aggTradeId());
                decimal(out, "price", aggTrade.price(), aggTrade.priceExponent());
                decimal(out, "quantity", aggTrade.quantity(), aggTrade.sizeExponent());
                out.append(",\"first_trade_id\":").append(aggTrade.firstTradeId())
                    .append(",\"last_trade_id\":").append(aggTrade.lastTradeId())
                    .append(",\"aggressor\":\"").append(side(aggTrade.aggressor())).append('"');
            }
            case BookSnapshotDecoder.TEMPLATE_ID ->
            {
                snapshot.wrap(buffer, body, blockLength, version);
                final int px = snapshot.priceExponent();
                final int sz = snapshot.sizeExponent();
                start(out, "order_book_depth", snapshot.venue(), snapshot.symbol(), snapshot.source().eventTimeNs(),
                    snapshot.source().receiveTimeNs());
                out.append("\"last_update_id\":").append(snapshot.lastUpdateId()).append(",\"bids\":[");
                boolean first = true;
                for (final BookSnapshotDecoder.BidsDecoder level : snapshot.bids())
                {
                    first = level(out, first, level.price(), px, level.quantity(), sz);
                }
                out.append("],\"asks\":[");
                first = true;
                for (final BookSnapshotDecoder.AsksDecoder level : snapshot.asks())
                {
                    first = level(out, first, level.price(), px, level.quantity(), sz);
                }
                out.append(']');
            }
            case BookDeltaDecoder.TEMPLATE_ID ->
            {
                delta.wrap(buffer, body, blockLength, version);
                final int px = delta.priceExponent();
                final int sz = delta.sizeExponent();
                start(out, "order_book_deltas", delta.venue(), delta.symbol(), delta.source().eventTimeNs(),
                    delta.source().receiveTimeNs());
                out.append("\"first_update_id\":").append(delta.firstUpdateId())
                    .append(",\"last_update_id\":").append(delta.lastUpdateId()).append(",\"bids\":[");
                boolean first = true;
                for (final BookDeltaDecoder.BidsDecoder level : delta.bids())
                {
                    first = level(out, first, level.price(), px, level.quantity(), sz);
                }
                out.append("],\"asks\":[");
                first = true;
                for (final BookDeltaDecoder.AsksDecoder level : delta.asks())
                {
                    first = level(out, first, level.price(), px, level.quantity(), sz);
                }
                out.append(']');
            }
            case BestBidAskDecoder.TEMPLATE_ID ->
            {
                quote.wrap(buffer, body, blockLength, version);
                final int px = quote.priceExponent();
                final int sz = quote.sizeExponent();
                start(out, "quote_tick", quote.venue(), quote.symbol(), quote.source().eventTimeNs(), quote.source().receiveTimeNs());
                out.append("\"update_id\":").append(quote.updateId());
                decimal(out, "bid_price", quote.bidPrice(), px);
                decimal(out, "bid_quantity", quote.bidQuantity(), sz);
                decimal(out, "ask_price", quote.askPrice(), px);
                decimal(out, "ask_quantity", quote.askQuantity(), sz);
            }
            case Ticker24hDecoder.TEMPLATE_ID ->
            {
                ticker.wrap(buffer, body, blockLength, version);
                final int px = ticker.priceExponent();
                final int sz = ticker.sizeExponent();
                start(out, "ticker_24h", ticker.venue(), ticker.symbol(), ticker.source().eventTimeNs(), ticker.source().receiveTimeNs());
                out.append("\"trade_count\":").append(ticker.tradeCount());
                decimal(out, "price_change", ticker.priceChange(), px);
                decimal(out, "price_change_percent", ticker.priceChangePercent(), ticker.percentExponent());
                decimal(out, "weighted_avg_price", ticker.weightedAvgPrice(), px);
                decimal(out, "last_price", ticker.lastPrice(), px);
                decimal(out, "last_quantity", ticker.lastQuantity(), sz);
                decimal(out, "bid_price", ticker.bidPrice(), px);
                decimal(out, "ask_price", ticker.askPrice(), px);
                decimal(out, "open_price", ticker.openPrice(), px);
                decimal(out, "high_price", ticker.highPrice(), px);
                decimal(out, "low_price", ticker.lowPrice(), px);
                decimal(out, "volume", ticker.volume(), sz);
                decimal(out, "quote_volume", ticker.quoteVolume(), ticker.quoteExponent());
            }
            case FeedStatusDecoder.TEMPLATE_ID ->
            {
                status.wrap(buffer, body, blockLength, version);
                final String symbol = status.instrumentId() == 0 ? ALL_SYMBOLS : status.symbol();
                start(out, "feed_status", status.venue(), symbol, status.source().eventTimeNs(), status.source().receiveTimeNs());
                out.append("\"stream_id\":").append(status.streamId())
                    .append(",\"state\":\"").append(status.state().name().toLowerCase(Locale.ROOT))
                    .append("\",\"previous_state\":\"").append(status.previousState().name().toLowerCase(Locale.ROOT))
                    .append("\",\"detail\":");
                string(out, status.detail());
            }
            default ->
            {
                return null;
            }
        }
        return out.append("}}").toString();
    }

    private static void start(
        final StringBuilder out, final String type, final Venue venue, final String symbol, final long eventTimeNs, final long receiveTimeNs)
    {
        final long ts = eventTimeNs != 0 ? eventTimeNs : receiveTimeNs;
        out.append("{\"type\":\"").append(type)
            .append("\",\"venue\":\"").append(venue.name().toLowerCase(Locale.ROOT))
            .append("\",\"symbol\":");
        string(out, symbol.trim());
        out.append(",\"ts_event\":\"").append(Instant.ofEpochSecond(0, ts))
            .append("\",\"payload\":{");
    }

    private static void decimal(final StringBuilder out, final String name, final long mantissa, final int exponent)
    {
        FixedPoint.appendTo(out.append(",\"").append(name).append("\":\""), mantissa, exponent).append('"');
    }

    private static boolean level(
        final StringBuilder out, final boolean first, final long price, final int px, final long quantity, final int sz)
    {
        if (!first)
        {
            out.append(',');
        }
        FixedPoint.appendTo(out.append("[\""), price, px).append("\",\"");
        FixedPoint.appendTo(out, quantity, sz).append("\"]");
        return false;
    }

    private static String side(final Side side)
    {
        return side == Side.BUY ? "buy" : "sell";
    }

    /** Appends a JSON string literal, escaping what JSON requires. */
    public static void string(final StringBuilder out, final String text)
    {
        out.append('"');
        for (int i = 0; i < text.length(); i++)
        {
            final char c = text.charAt(i);
            if (c == '"' || c == '\\')
            {
                out.append('\\').append(c);
            }
            else if (c < 0x20 || c == 0x7f)
            {
                out.append(String.format("\\u%04x", (int)c));
            }
            else
            {
                out.append(c);
            }
        }
        out.append('"');
    }
}
