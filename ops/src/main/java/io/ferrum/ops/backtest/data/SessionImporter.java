package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * Imports a recorded WebSocket session ({@code *.frames.jsonl}: one combined-stream frame
 * {@code {"stream":..,"data":{..}}} per line) into an {@link EventStore}: aggTrade,
 * bookTicker and depth diffs become AggTrade, BestBidAsk and BookDelta; kline frames
 * (bars in progress) are skipped. Frames keep their recorded order: each is delivered at
 * the latest event time seen so far on the connection (bookTicker frames carry none;
 * those before any timed frame take the file's first event time), and the venue's own
 * times stay in the messages' eventTimeNs.
 */
public final class SessionImporter
{
    private static final long MS_TO_NS = 1_000_000L;

    private final Map<String, MarketDataEncoder> encoders = new HashMap<>();
    private final long[] bids = new long[2 * 1024];
    private final long[] asks = new long[2 * 1024];
    private long lastTimeNs;
    private long events;
    private long skipped;

    public long events()
    {
        return events;
    }

    /** Frames of a kind a backtest does not replay (klines, unknown streams). */
    public long skipped()
    {
        return skipped;
    }

    public void importFile(final Path file, final EventStoreWriter out)
    {
        lastTimeNs = firstEventTime(file);
        long line = 0;
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String text;
            while ((text = reader.readLine()) != null)
            {
                line++;
                if (!text.isBlank())
                {
                    importFrame(text, out);
                }
            }
        }
        catch (final IOException ex)
        {
            out.abort();
            throw new ImportException(file, line, "cannot read: " + ex.getMessage(), ex);
        }
        catch (final RuntimeException ex)
        {
            out.abort();
            throw new ImportException(file, line, ex.getMessage(), ex);
        }
    }

    private static long firstEventTime(final Path file)
    {
        try (BufferedReader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            String text;
            while ((text = reader.readLine()) != null)
            {
                final int at = text.indexOf("\"E\":");
                if (at >= 0)
                {
                    int end = at + 4;
                    while (end < text.length() && Character.isDigit(text.charAt(end)))
                    {
                        end++;
                    }
                    if (end > at + 4 && end - at - 4 <= 18)
                    {
                        return Long.parseLong(text.substring(at + 4, end)) * MS_TO_NS;
                    }
                }
            }
            return 0;
        }
        catch (final IOException ex)
        {
            throw new ImportException(file, 0, "cannot read: " + ex.getMessage(), ex);
        }
    }

    private void importFrame(final String text, final EventStoreWriter out)
    {
        if (!(FlatJson.parse(text) instanceof Map<?, ?> frame) || !(frame.get("stream") instanceof String stream) ||
            !(frame.get("data") instanceof Map<?, ?> data))
        {
            throw new IllegalArgumentException("not a combined-stream frame {\"stream\":..,\"data\":{..}}");
        }
        final String symbol = text(data, "s").toUpperCase(java.util.Locale.ROOT);
        final MarketDataEncoder encoder = encoders.computeIfAbsent(symbol,
            s -> new MarketDataEncoder(InstrumentCatalog.binance(s), Venue.BINANCE_SPOT));
        if (stream.endsWith("@aggTrade"))
        {
            final long tradeTime = integer(data, "T") * MS_TO_NS;
            final long received = received(data);
            encoder.aggTrade(tradeTime, received, integer(data, "a"), decimal(data, "p"), decimal(data, "q"),
                integer(data, "f"), integer(data, "l"), bool(data, "m") ? Side.SELL : Side.BUY);
            emit(symbol, encoder, out, received);
        }
        else if (stream.endsWith("@bookTicker"))
        {
            encoder.bestBidAsk(lastTimeNs, lastTimeNs, integer(data, "u"), decimal(data, "b"), decimal(data, "B"),
                decimal(data, "a"), decimal(data, "A"));
            emit(symbol, encoder, out, lastTimeNs);
        }
        else if (stream.contains("@depth"))
        {
            final int bidLevels = levels(data, "b", bids);
            final int askLevels = levels(data, "a", asks);
            final long eventTime = integer(data, "E") * MS_TO_NS;
            final long received = received(data);
            encoder.bookDelta(eventTime, received, integer(data, "U"), integer(data, "u"), bids, bidLevels, asks, askLevels);
            emit(symbol, encoder, out, received);
        }
        else
        {
            skipped++;
        }
    }

    private void emit(final String symbol, final MarketDataEncoder encoder, final EventStoreWriter out, final long time)
    {
        if (time == 0)
        {
            throw new IllegalArgumentException("frame before any timed event: its time is unknown");
        }
        out.append(symbol, encoder.buffer(), 0, encoder.length(), time);
        events++;
    }

    /**
     * Frames are replayed in the order they were received; the delivery time is the latest
     * event time seen so far, so it never goes back when streams' event times interleave.
     */
    private long received(final Map<?, ?> data)
    {
        lastTimeNs = Math.max(lastTimeNs, integer(data, "E") * MS_TO_NS);
        return lastTimeNs;
    }

    private int levels(final Map<?, ?> data, final String key, final long[] into)
    {
        if (!(data.get(key) instanceof List<?> list))
        {
            throw new IllegalArgumentException("\"" + key + "\" is not a list of levels");
        }
        if (list.size() > into.length / 2)
        {
            throw new IllegalArgumentException("\"" + key + "\" has more than " + into.length / 2 + " levels");
        }
        for (int i = 0; i < list.size(); i++)
        {
            if (!(list.get(i) instanceof List<?> level) || level.size() != 2 ||
                !(level.get(0) instanceof String price) || !(level.get(1) instanceof String quantity))
            {
                throw new IllegalArgumentException("\"" + key + "\" level " + i + " is not [\"price\",\"quantity\"]");
            }
            into[2 * i] = parse(price, key);
            into[2 * i + 1] = parse(quantity, key);
        }
        return list.size();
    }

    private static String text(final Map<?, ?> data, final String key)
    {
        if (!(data.get(key) instanceof String value) || value.isEmpty())
        {
            throw new IllegalArgumentException("\"" + key + "\" missing or not a string");
        }
        return value;
    }

    private static long integer(final Map<?, ?> data, final String key)
    {
        final Object value = data.get(key);
        if (value instanceof String s && !s.isEmpty() && s.chars().allMatch(Character::isDigit) && s.length() <= 18)
        {
            return Long.parseLong(s);
        }
        throw new IllegalArgumentException("\"" + key + "\" missing or not a non-negative integer");
    }

    private static boolean bool(final Map<?, ?> data, final String key)
    {
        if (data.get(key) instanceof Boolean b)
        {
            return b;
        }
        throw new IllegalArgumentException("\"" + key + "\" missing or not a boolean");
    }

    private static long decimal(final Map<?, ?> data, final String key)
    {
        return parse(text(data, key), key);
    }

    private static long parse(final String text, final String key)
    {
        try
        {
            return DecimalParser.parse(text, InstrumentCatalog.BINANCE_EXPONENT);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("\"" + key + "\": " + ex.getMessage(), ex);
        }
    }
}
