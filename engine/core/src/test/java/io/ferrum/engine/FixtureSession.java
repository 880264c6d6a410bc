package io.ferrum.engine;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import org.agrona.ExpandableArrayBuffer;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeSet;

/**
 * A recorded Binance session ({@code *.replay.tsv}) turned into Ferrum SBE messages in receive
 * order, as the gateway would put them on the log: REST depth snapshots become BookSnapshot,
 * depth diffs BookDelta, bookTicker BestBidAsk, aggTrade AggTrade. Test-only: the gateway's
 * real decoder is written elsewhere. Prices and sizes are at exponent -8, as Binance sends them.
 */
public final class FixtureSession
{
    public static final int EXPONENT = -8;
    public static final int SOURCE_ID = 1;

    public final InstrumentRegistry instruments = new InstrumentRegistry();
    public final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(1 << 20);
    public final List<int[]> messages = new ArrayList<>(); // {offset, length}
    public final List<Long> timestamps = new ArrayList<>();
    private final TestMessages encoder = new TestMessages();
    private int limit;
    private long sequence;

    public static FixtureSession load(final String relativeTsv) throws IOException
    {
        final Path path = Fixtures.binance(relativeTsv);
        final List<String> lines = Files.readAllLines(path);
        final FixtureSession session = new FixtureSession();
        final TreeSet<String> symbols = new TreeSet<>();
        for (final String line : lines)
        {
            final String symbol = symbolOf(line);
            if (symbol != null)
            {
                symbols.add(symbol);
            }
        }
        int id = 1;
        for (final String symbol : symbols)
        {
            session.instruments.add(new Instrument(id++, symbol, Venue.BINANCE_SPOT, EXPONENT, EXPONENT, 1, 1));
        }
        for (final String line : lines.subList(1, lines.size()))
        {
            session.add(line);
        }
        return session;
    }

    private static String symbolOf(final String line)
    {
        final String[] fields = line.split("\t", 4);
        if (fields.length < 4)
        {
            return null;
        }
        if ("rest".equals(fields[1]))
        {
            final int at = fields[2].indexOf("symbol=");
            return fields[2].substring(at + 7, fields[2].indexOf('&', at));
        }
        if ("ws".equals(fields[1]))
        {
            final Object data = MiniJson.object(fields[3]).get("data");
            return (String)((Map<?, ?>)data).get("s");
        }
        return null;
    }

    @SuppressWarnings("unchecked")
    private void add(final String line)
    {
        final String[] fields = line.split("\t", 4);
        final long timeNs = (long)(Double.parseDouble(fields[0]) * 1_000_000L) * 1000L;
        if ("rest".equals(fields[1]))
        {
            final Instrument instrument = instruments.get(symbolOf(line));
            final Map<String, Object> body = MiniJson.object(fields[3]);
            final long lastUpdateId = Long.parseLong((String)body.get("lastUpdateId"));
            final long[][] bids = levels((List<Object>)body.get("bids"));
            final long[][] asks = levels((List<Object>)body.get("asks"));
            append(encoder.bookSnapshot(buffer, limit, SOURCE_ID, ++sequence, timeNs, instrument, lastUpdateId, bids, asks),
                timeNs);
        }
        else if ("ws".equals(fields[1]))
        {
            final Map<String, Object> frame = MiniJson.object(fields[3]);
            final String stream = (String)frame.get("stream");
            final Map<String, Object> data = (Map<String, Object>)frame.get("data");
            final Instrument instrument = instruments.get((String)data.get("s"));
            if (stream.endsWith("@depth@100ms"))
            {
                append(encoder.bookDelta(buffer, limit, SOURCE_ID, ++sequence, timeNs, instrument,
                    Long.parseLong((String)data.get("U")), Long.parseLong((String)data.get("u")),
                    levels((List<Object>)data.get("b")), levels((List<Object>)data.get("a"))), timeNs);
            }
            else if (stream.endsWith("@bookTicker"))
            {
                append(encoder.bestBidAsk(buffer, limit, SOURCE_ID, ++sequence, timeNs, instrument,
                    Long.parseLong((String)data.get("u")),
                    decimal(data.get("b")), decimal(data.get("B")), decimal(data.get("a")), decimal(data.get("A"))),
                    timeNs);
            }
            else if (stream.endsWith("@aggTrade"))
            {
                append(encoder.aggTrade(buffer, limit, SOURCE_ID, ++sequence, timeNs, instrument,
                    Long.parseLong((String)data.get("a")), decimal(data.get("p")), decimal(data.get("q")),
                    Long.parseLong((String)data.get("T")) * 1_000_000L,
                    "true".equals(data.get("m"))), timeNs);
            }
        }
    }

    private void append(final int length, final long timeNs)
    {
        messages.add(new int[]{limit, length});
        timestamps.add(timeNs);
        limit += length;
    }

    private static long decimal(final Object text)
    {
        return DecimalParser.parse((String)text, EXPONENT);
    }

    private static long[][] levels(final List<Object> rows)
    {
        final long[][] levels = new long[rows.size()][];
        for (int i = 0; i < rows.size(); i++)
        {
            final List<?> row = (List<?>)rows.get(i);
            levels[i] = new long[]{decimal(row.get(0)), decimal(row.get(1))};
        }
        return levels;
    }
}
