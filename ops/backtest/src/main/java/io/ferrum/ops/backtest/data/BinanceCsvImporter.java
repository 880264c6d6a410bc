package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Venue;

import java.io.BufferedInputStream;
import java.io.EOFException;
import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.time.ZoneOffset;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import java.util.zip.ZipEntry;
import java.util.zip.ZipException;
import java.util.zip.ZipInputStream;

/**
 * Imports Binance CSV dumps (trades, aggTrades, klines; plain or zipped; header line or
 * not; millisecond or microsecond timestamps) into an {@link EventStore}, once, so that
 * backtests read SBE records instead of text. Every refused row is an
 * {@link ImportException} naming the file and the line, and the partial output is deleted.
 * <p>
 * Klines carry no individual trades; each bar becomes four trades (the bar model in
 * docs/backtesting.md): open at the open time, then low and high (high then low for a
 * falling bar) at one and two thirds of the bar, close at the close time, a quarter of
 * the volume each.
 */
public final class BinanceCsvImporter
{
    private static final Pattern DATE_IN_NAME = Pattern.compile("(\\d{4}-\\d{2})(-\\d{2})?\\.(csv|zip)$");
    private static final long MS_TO_NS = 1_000_000L;
    private static final long US_TO_NS = 1_000L;
    /** Below this a raw epoch time is in milliseconds (year 5138), above in microseconds. */
    private static final long MICROS_THRESHOLD = 100_000_000_000_000L;
    private static final long MAX_MICROS = 10_000_000_000_000_000L;

    private final DecimalParser decimals = new DecimalParser();
    private final long fromNs;
    private final long toExclusiveNs;
    private final LocalDate from;
    private final LocalDate to;
    private long rows;
    private long events;

    /**
     * @param from first UTC day imported
     * @param to   last UTC day imported, inclusive
     */
    public BinanceCsvImporter(final LocalDate from, final LocalDate to)
    {
        this.from = from;
        this.to = to;
        this.fromNs = epochNanos(from);
        this.toExclusiveNs = epochNanos(to.plusDays(1));
    }

    /** Start of a UTC day in epoch nanoseconds, saturated to the range a long holds (years 1678 to 2262). */
    private static long epochNanos(final LocalDate day)
    {
        final long seconds = day.atStartOfDay(ZoneOffset.UTC).toEpochSecond();
        final long limit = Long.MAX_VALUE / 1_000_000_000L;
        return seconds > limit ? Long.MAX_VALUE : seconds < -limit ? Long.MIN_VALUE : seconds * 1_000_000_000L;
    }

    public long rows()
    {
        return rows;
    }

    public long events()
    {
        return events;
    }

    /** Every .csv and .zip under {@code dir} (recursively) whose name's date falls in the range, in name order. */
    public List<Path> filesIn(final Path dir) throws IOException
    {
        try (Stream<Path> walk = Files.walk(dir))
        {
            final List<Path> files = new ArrayList<>();
            walk.filter(Files::isRegularFile).filter(p ->
            {
                final String name = p.getFileName().toString();
                return (name.endsWith(".csv") || name.endsWith(".zip")) && CsvFormat.fromFileName(name) != null &&
                    dateInRange(name);
            }).forEach(files::add);
            files.sort(null);
            return files;
        }
    }

    /**
     * Name of the store stream a file's events belong in (trades, aggTrades, klines, quotes);
     * one {@link EventStoreWriter} per stream keeps kinds of one symbol and day apart.
     */
    public static String streamOf(final Path file)
    {
        final CsvFormat format = CsvFormat.fromFileName(file.getFileName().toString());
        return format == null ? "unknown" : format.streamName();
    }

    /** Imports one file (every CSV entry of a zip) into {@code out}. */
    public void importFile(final Path file, final EventStoreWriter out)
    {
        final String name = file.getFileName().toString();
        final CsvFormat format = CsvFormat.fromFileName(name);
        if (format == null)
        {
            throw new ImportException(file, 0, "unknown file name: expected SYMBOL-trades-..., SYMBOL-aggTrades-..., " +
                "SYMBOL-<interval>-... (klines), binance-<symbol>-trades.csv or binance-<symbol>-quotes.csv");
        }
        final MarketDataEncoder encoder = new MarketDataEncoder(
            InstrumentCatalog.binance(CsvFormat.symbolFromFileName(name)), Venue.BINANCE_SPOT);
        long line = 0;
        try (InputStream raw = new BufferedInputStream(Files.newInputStream(file)))
        {
            if (name.endsWith(".zip"))
            {
                final ZipInputStream zip = new ZipInputStream(raw);
                boolean any = false;
                ZipEntry entry;
                while ((entry = zip.getNextEntry()) != null)
                {
                    if (!entry.isDirectory() && entry.getName().endsWith(".csv"))
                    {
                        any = true;
                        final CsvLineReader reader = new CsvLineReader(zip);
                        try
                        {
                            importRows(file, reader, format, encoder, out);
                        }
                        finally
                        {
                            line = reader.lineNumber();
                        }
                    }
                }
                if (!any)
                {
                    throw new ImportException(file, 0, "zip holds no .csv entry");
                }
            }
            else
            {
                final CsvLineReader reader = new CsvLineReader(raw);
                try
                {
                    importRows(file, reader, format, encoder, out);
                }
                finally
                {
                    line = reader.lineNumber();
                }
            }
        }
        catch (final ImportException ex)
        {
            out.abort();
            throw ex;
        }
        catch (final ZipException | EOFException ex)
        {
            out.abort();
            throw new ImportException(file, line, "truncated or corrupt zip: " + ex.getMessage(), ex);
        }
        catch (final IOException ex)
        {
            out.abort();
            throw new ImportException(file, line, "cannot read: " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            out.abort();
            throw new ImportException(file, line, ex.getMessage(), ex);
        }
    }

    private void importRows(
        final Path file, final CsvLineReader reader, final CsvFormat format, final MarketDataEncoder encoder,
        final EventStoreWriter out) throws IOException
    {
        final Row row = new Row(file, reader);
        final String symbol = encoder.instrument().symbol();
        long syntheticId = 0;
        long previousClose = 0;
        while (reader.nextLine())
        {
            if (reader.blank())
            {
                continue;
            }
            if (reader.lineNumber() == 1 && !reader.startsWithDigit())
            {
                if (!format.acceptsHeader(reader.text()))
                {
                    throw new ImportException(file, 1, "header '" + reader.text() + "' is not " +
                        format.headers.get(0) + " (columns missing or in another order)");
                }
                continue;
            }
            if (reader.fields() != format.columns)
            {
                throw new ImportException(file, reader.lineNumber(),
                    "expected " + format.columns + " columns, found " + reader.fields() + ": '" + reader.text() + "'");
            }
            rows++;
            switch (format)
            {
                case TRADES ->
                {
                    final long time = row.epochTime(4, "time");
                    if (inRange(time))
                    {
                        encoder.trade(time, time, row.integer(0, "id"), row.price(1, "price"), row.size(2, "qty"),
                            row.bool(5, "is_buyer_maker") ? Side.SELL : Side.BUY);
                        emit(symbol, encoder, out, time);
                    }
                }
                case AGG_TRADES ->
                {
                    final long time = row.epochTime(5, "transact_time");
                    if (inRange(time))
                    {
                        encoder.aggTrade(time, time, row.integer(0, "agg_trade_id"), row.price(1, "price"),
                            row.size(2, "quantity"), row.integer(3, "first_trade_id"), row.integer(4, "last_trade_id"),
                            row.bool(6, "is_buyer_maker") ? Side.SELL : Side.BUY);
                        emit(symbol, encoder, out, time);
                    }
                }
                case KLINES ->
                {
                    final long open = row.epochTime(0, "open_time");
                    final long close = row.epochTime(6, "close_time");
                    if (close < open)
                    {
                        throw new ImportException(file, reader.lineNumber(), "close_time is before open_time");
                    }
                    final long o = row.price(1, "open");
                    final long h = row.price(2, "high");
                    final long l = row.price(3, "low");
                    final long c = row.price(4, "close");
                    final long volume = row.size(5, "volume");
                    if (h < Math.max(o, c) || l > Math.min(o, c) || volume < 0)
                    {
                        throw new ImportException(file, reader.lineNumber(), "bar is inconsistent: high " + h +
                            ", low " + l + ", open " + o + ", close " + c + ", volume " + volume);
                    }
                    if (volume == 0 || !inRange(open))
                    {
                        previousClose = c;
                        continue;
                    }
                    final long quarter = volume / 4;
                    final boolean falling = c < o;
                    final long third = (close - open) / 3;
                    final long[] prices = {o, falling ? h : l, falling ? l : h, c};
                    long last = previousClose == 0 ? o : previousClose;
                    for (int i = 0; i < 4; i++)
                    {
                        final long time = i == 3 ? close : open + i * third;
                        final long quantity = i == 3 ? volume - 3 * quarter : quarter;
                        if (quantity > 0)
                        {
                            encoder.trade(time, time, ++syntheticId, prices[i], quantity,
                                prices[i] >= last ? Side.BUY : Side.SELL);
                            emit(symbol, encoder, out, time);
                        }
                        last = prices[i];
                    }
                    previousClose = c;
                }
                case ISO_TRADES ->
                {
                    final long time = row.isoTime(0, "timestamp");
                    if (inRange(time))
                    {
                        encoder.trade(time, time, row.integer(1, "trade_id"), row.price(2, "price"),
                            row.size(3, "quantity"), row.bool(4, "buyer_maker") ? Side.SELL : Side.BUY);
                        emit(symbol, encoder, out, time);
                    }
                }
                case ISO_QUOTES ->
                {
                    final long time = row.isoTime(0, "timestamp");
                    final long bid = row.price(5, "bid");
                    final long ask = row.price(3, "ask");
                    if (bid > ask)
                    {
                        throw new ImportException(file, reader.lineNumber(), "crossed quote: bid above ask");
                    }
                    if (inRange(time))
                    {
                        encoder.bestBidAsk(time, time, reader.lineNumber(), bid, row.size(4, "bid_size"),
                            ask, row.size(2, "ask_size"));
                        emit(symbol, encoder, out, time);
                    }
                }
                default -> throw new IllegalStateException(format.name());
            }
        }
    }

    private boolean inRange(final long timeNs)
    {
        return timeNs >= fromNs && timeNs < toExclusiveNs;
    }

    private void emit(final String symbol, final MarketDataEncoder encoder, final EventStoreWriter out, final long time)
    {
        out.append(symbol, encoder.buffer(), 0, encoder.length(), time);
        events++;
    }

    private boolean dateInRange(final String name)
    {
        final Matcher m = DATE_IN_NAME.matcher(name);
        if (!m.find())
        {
            return true; // no date in the name: rows are filtered by their own times
        }
        if (m.group(2) != null)
        {
            final LocalDate day = LocalDate.parse(m.group(1) + m.group(2));
            return !day.isBefore(from) && !day.isAfter(to);
        }
        final LocalDate month = LocalDate.parse(m.group(1) + "-01");
        return !month.plusMonths(1).isBefore(from.plusDays(1)) && !month.isAfter(to);
    }

    /** Field access for the current line, with errors naming file, line and column. */
    private final class Row
    {
        private final Path file;
        private final CsvLineReader reader;

        Row(final Path file, final CsvLineReader reader)
        {
            this.file = file;
            this.reader = reader;
        }

        long price(final int field, final String name)
        {
            return decimal(field, name);
        }

        long size(final int field, final String name)
        {
            final long value = decimal(field, name);
            if (value < 0)
            {
                throw error(field, name, "negative");
            }
            return value;
        }

        private long decimal(final int field, final String name)
        {
            final long value = decimals.parse(
                reader.buffer(), reader.start(field), reader.length(field), InstrumentCatalog.BINANCE_EXPONENT);
            if (value == DecimalParser.INVALID)
            {
                throw error(field, name, decimals.error().toString());
            }
            return value;
        }

        long integer(final int field, final String name)
        {
            final int start = reader.start(field);
            final int length = reader.length(field);
            if (length == 0 || length > 18)
            {
                throw error(field, name, "not an integer");
            }
            long value = 0;
            for (int i = 0; i < length; i++)
            {
                final int digit = reader.buffer().getByte(start + i) - '0';
                if (digit < 0 || digit > 9)
                {
                    throw error(field, name, "not an integer");
                }
                value = value * 10 + digit;
            }
            return value;
        }

        long epochTime(final int field, final String name)
        {
            final long raw = integer(field, name);
            if (raw < MICROS_THRESHOLD)
            {
                return raw * MS_TO_NS;
            }
            if (raw < MAX_MICROS)
            {
                return raw * US_TO_NS;
            }
            throw error(field, name, "epoch time neither in milliseconds nor in microseconds");
        }

        long isoTime(final int field, final String name)
        {
            try
            {
                final Instant instant = Instant.parse(reader.field(field));
                return Math.addExact(Math.multiplyExact(instant.getEpochSecond(), 1_000_000_000L), instant.getNano());
            }
            catch (final DateTimeParseException | ArithmeticException ex)
            {
                throw error(field, name, "not an ISO-8601 UTC time");
            }
        }

        boolean bool(final int field, final String name)
        {
            final String text = reader.field(field).toLowerCase(Locale.ROOT);
            if (text.equals("true"))
            {
                return true;
            }
            if (text.equals("false"))
            {
                return false;
            }
            throw error(field, name, "not true or false");
        }

        private ImportException error(final int field, final String name, final String reason)
        {
            return new ImportException(file, reader.lineNumber(), "column " + (field + 1) + " (" + name + ") '" +
                reader.field(field) + "': " + reason);
        }
    }
}
