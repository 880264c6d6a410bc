package io.ferrum.ops.analytics;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.AggTradeEncoder;
import io.ferrum.codecs.sbe.BestBidAskEncoder;
import io.ferrum.codecs.sbe.BookDeltaEncoder;
import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Locale;

/**
 * Turns a recorded Binance spot session (the fixtures' {@code *.replay.tsv}, or a
 * {@code *.frames.jsonl} of combined-stream frames) into Ferrum SBE market-data messages,
 * in order, for {@code ./ferrum report|mcp --session FILE}. A stop-gap on a cold path
 * (Jackson, allocation) until the sequenced-log reader feeds the analytics; prices and
 * sizes use exponent -8, as Binance's spot decimals have at most 8 places.
 * Lines it cannot read are counted and skipped, never fatal.
 */
public final class RecordedSession
{
    public static final int PRICE_EXPONENT = -8;
    public static final int SIZE_EXPONENT = -8;
    public static final int PERCENT_EXPONENT = -3;
    public static final int SOURCE_ID = 1;

    /** Receives each message: a Ferrum SBE message, header included. */
    @FunctionalInterface
    public interface Sink
    {
        void onMessage(DirectBuffer buffer, int offset, int length);
    }

    private final ObjectMapper mapper = new ObjectMapper();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 16);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final AggTradeEncoder aggTrade = new AggTradeEncoder();
    private final BookSnapshotEncoder snapshot = new BookSnapshotEncoder();
    private final BookDeltaEncoder delta = new BookDeltaEncoder();
    private final BestBidAskEncoder bestBidAsk = new BestBidAskEncoder();
    private final Ticker24hEncoder ticker = new Ticker24hEncoder();
    private long sequence;
    private long skippedLines;
    private long lastTimeNs;

    /** Lines that were not a frame or snapshot we could read (kline streams, bad JSON, bad decimals). */
    public long skippedLines()
    {
        return skippedLines;
    }

    public long messages()
    {
        return sequence;
    }

    public void replay(final Path file, final Sink sink) throws IOException
    {
        final boolean tsv = file.getFileName().toString().endsWith(".tsv");
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String line;
            boolean first = true;
            while (null != (line = reader.readLine()))
            {
                if (tsv && first)
                {
                    first = false;
                    continue;
                }
                try
                {
                    if (!(tsv ? tsvLine(line, sink) : frame(line, -1, sink)))
                    {
                        skippedLines++;
                    }
                }
                catch (final IOException | RuntimeException ex)
                {
                    skippedLines++;
                }
            }
        }
    }

    private boolean tsvLine(final String line, final Sink sink) throws IOException
    {
        final String[] cols = line.split("\t", 4);
        if (cols.length < 4)
        {
            return "connect".equals(cols.length > 1 ? cols[1] : "");
        }
        final long recvNs = (long)(Double.parseDouble(cols[0]) * 1e9);
        switch (cols[1])
        {
            case "ws":
                return frame(cols[3], recvNs, sink);
            case "rest":
                return restDepth(cols[2], cols[3], recvNs, sink);
            case "connect":
                return true;
            default:
                return false;
        }
    }

    private boolean restDepth(final String url, final String body, final long recvNs, final Sink sink) throws IOException
    {
        final int at = url.indexOf("depth?symbol=");
        if (at < 0)
        {
            return false;
        }
        int end = url.indexOf('&', at);
        end = end < 0 ? url.length() : end;
        final String symbol = url.substring(at + "depth?symbol=".length(), end).toUpperCase(Locale.ROOT);
        final JsonNode json = mapper.readTree(body);
        final JsonNode bids = json.path("bids");
        final JsonNode asks = json.path("asks");
        if (!json.path("lastUpdateId").canConvertToLong() || !bids.isArray() || !asks.isArray())
        {
            return false;
        }
        snapshot.wrapAndApplyHeader(buffer, 0, header);
        source(snapshot.source(), recvNs, recvNs);
        snapshot.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol(symbol)
            .priceExponent((byte)PRICE_EXPONENT).sizeExponent((byte)SIZE_EXPONENT)
            .lastUpdateId(json.path("lastUpdateId").asLong());
        final BookSnapshotEncoder.BidsEncoder b = snapshot.bidsCount(bids.size());
        for (final JsonNode level : bids)
        {
            b.next().price(decimal(level.path(0), PRICE_EXPONENT)).quantity(decimal(level.path(1), SIZE_EXPONENT));
        }
        final BookSnapshotEncoder.AsksEncoder a = snapshot.asksCount(asks.size());
        for (final JsonNode level : asks)
        {
            a.next().price(decimal(level.path(0), PRICE_EXPONENT)).quantity(decimal(level.path(1), SIZE_EXPONENT));
        }
        emit(sink, snapshot.encodedLength());
        return true;
    }

    private boolean frame(final String text, final long recvNs, final Sink sink) throws IOException
    {
        final JsonNode root = mapper.readTree(text);
        final String stream = root.path("stream").asText("");
        final JsonNode d = root.path("data");
        final String symbol = d.path("s").asText("");
        if (symbol.isEmpty() || symbol.length() > 16)
        {
            return false;
        }
        final long eventNs = d.has("E") ? d.path("E").asLong() * 1_000_000L : (recvNs >= 0 ? recvNs : lastTimeNs);
        final long receiveNs = recvNs >= 0 ? recvNs : eventNs;
        lastTimeNs = Math.max(lastTimeNs, eventNs);
        final int length;
        if (stream.endsWith("@bookTicker"))
        {
            bestBidAsk.wrapAndApplyHeader(buffer, 0, header);
            source(bestBidAsk.source(), eventNs, receiveNs);
            bestBidAsk.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol(symbol)
                .priceExponent((byte)PRICE_EXPONENT).sizeExponent((byte)SIZE_EXPONENT)
                .updateId(d.path("u").asLong())
                .bidPrice(decimal(d.path("b"), PRICE_EXPONENT)).bidQuantity(decimal(d.path("B"), SIZE_EXPONENT))
                .askPrice(decimal(d.path("a"), PRICE_EXPONENT)).askQuantity(decimal(d.path("A"), SIZE_EXPONENT));
            length = bestBidAsk.encodedLength();
        }
        else if (stream.contains("@depth"))
        {
            final JsonNode bids = d.path("b");
            final JsonNode asks = d.path("a");
            if (!bids.isArray() || !asks.isArray() || !d.has("U") || !d.has("u"))
            {
                return false;
            }
            delta.wrapAndApplyHeader(buffer, 0, header);
            source(delta.source(), eventNs, receiveNs);
            delta.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol(symbol)
                .priceExponent((byte)PRICE_EXPONENT).sizeExponent((byte)SIZE_EXPONENT)
                .firstUpdateId(d.path("U").asLong()).lastUpdateId(d.path("u").asLong());
            final BookDeltaEncoder.BidsEncoder b = delta.bidsCount(bids.size());
            for (final JsonNode level : bids)
            {
                b.next().price(decimal(level.path(0), PRICE_EXPONENT)).quantity(decimal(level.path(1), SIZE_EXPONENT));
            }
            final BookDeltaEncoder.AsksEncoder a = delta.asksCount(asks.size());
            for (final JsonNode level : asks)
            {
                a.next().price(decimal(level.path(0), PRICE_EXPONENT)).quantity(decimal(level.path(1), SIZE_EXPONENT));
            }
            length = delta.encodedLength();
        }
        else if (stream.endsWith("@aggTrade"))
        {
            aggTrade.wrapAndApplyHeader(buffer, 0, header);
            source(aggTrade.source(), eventNs, receiveNs);
            aggTrade.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol(symbol)
                .priceExponent((byte)PRICE_EXPONENT).sizeExponent((byte)SIZE_EXPONENT)
                .aggTradeId(d.path("a").asLong())
                .price(decimal(d.path("p"), PRICE_EXPONENT)).quantity(decimal(d.path("q"), SIZE_EXPONENT))
                .firstTradeId(d.path("f").asLong()).lastTradeId(d.path("l").asLong())
                .tradeTimeNs(d.path("T").asLong() * 1_000_000L)
                .aggressor(d.path("m").asBoolean() ? Side.SELL : Side.BUY);
            length = aggTrade.encodedLength();
        }
        else if (stream.endsWith("@trade"))
        {
            trade.wrapAndApplyHeader(buffer, 0, header);
            source(trade.source(), eventNs, receiveNs);
            trade.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol(symbol)
                .priceExponent((byte)PRICE_EXPONENT).sizeExponent((byte)SIZE_EXPONENT)
                .tradeId(d.path("t").asLong())
                .price(decimal(d.path("p"), PRICE_EXPONENT)).quantity(decimal(d.path("q"), SIZE_EXPONENT))
                .tradeTimeNs(d.path("T").asLong() * 1_000_000L)
                .aggressor(d.path("m").asBoolean() ? Side.SELL : Side.BUY);
            length = trade.encodedLength();
        }
        else if (stream.endsWith("@ticker"))
        {
            ticker.wrapAndApplyHeader(buffer, 0, header);
            source(ticker.source(), eventNs, receiveNs);
            ticker.venue(Venue.BINANCE_SPOT).instrumentId(0).symbol(symbol)
                .priceExponent((byte)PRICE_EXPONENT).sizeExponent((byte)SIZE_EXPONENT)
                .quoteExponent((byte)PRICE_EXPONENT).percentExponent((byte)PERCENT_EXPONENT)
                .priceChange(decimal(d.path("p"), PRICE_EXPONENT))
                .priceChangePercent(decimal(d.path("P"), PERCENT_EXPONENT))
                .weightedAvgPrice(decimal(d.path("w"), PRICE_EXPONENT))
                .prevClosePrice(decimal(d.path("x"), PRICE_EXPONENT))
                .lastPrice(decimal(d.path("c"), PRICE_EXPONENT))
                .lastQuantity(decimal(d.path("Q"), SIZE_EXPONENT))
                .bidPrice(decimal(d.path("b"), PRICE_EXPONENT)).bidQuantity(decimal(d.path("B"), SIZE_EXPONENT))
                .askPrice(decimal(d.path("a"), PRICE_EXPONENT)).askQuantity(decimal(d.path("A"), SIZE_EXPONENT))
                .openPrice(decimal(d.path("o"), PRICE_EXPONENT))
                .highPrice(decimal(d.path("h"), PRICE_EXPONENT))
                .lowPrice(decimal(d.path("l"), PRICE_EXPONENT))
                .volume(decimal(d.path("v"), SIZE_EXPONENT))
                .quoteVolume(decimal(d.path("q"), PRICE_EXPONENT))
                .openTimeNs(d.path("O").asLong() * 1_000_000L)
                .closeTimeNs(d.path("C").asLong() * 1_000_000L)
                .firstTradeId(d.path("F").asLong()).lastTradeId(d.path("L").asLong())
                .tradeCount(d.path("n").asLong());
            length = ticker.encodedLength();
        }
        else
        {
            return false;
        }
        emit(sink, length);
        return true;
    }

    private void emit(final Sink sink, final int bodyLength)
    {
        sequence++;
        sink.onMessage(buffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + bodyLength);
    }

    private void source(final io.ferrum.codecs.sbe.SourceEncoder source, final long eventNs, final long receiveNs)
    {
        // The sequence is taken only once the whole message encoded (see emit), so a bad line leaves no hole.
        source.sourceId(SOURCE_ID).sequence(sequence + 1).eventTimeNs(eventNs).receiveTimeNs(receiveNs);
    }

    private static long decimal(final JsonNode node, final int exponent)
    {
        if (!node.isTextual())
        {
            throw new IllegalArgumentException("expected a decimal string, got " + node);
        }
        final long value = DecimalParser.parse(node.asText(), exponent);
        if (DecimalParser.INVALID == value)
        {
            throw new IllegalArgumentException("bad decimal " + node.asText());
        }
        return value;
    }
}
