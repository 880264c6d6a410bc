package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.ExchangeInfo;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.replay.ReplaySession;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/**
 * The instruments of a recorded session (every symbol with a REST depth snapshot), with the ids the demo and
 * the cluster give them (unknown symbols after those, in the order the session first asks for their
 * snapshots), from the first of:
 * <ol>
 * <li>an instruments file or a saved Binance exchangeInfo JSON given by the user
 *     ({@code --instruments FILE}): every session symbol must be in it;</li>
 * <li>the session's own exchangeInfo: an {@value #EXCHANGE_INFO_FILE} beside the
 *     {@code *.replay.tsv} files, or a recorded REST {@code /api/v3/exchangeInfo} response;</li>
 * <li>derived from the session's data: exponents of Binance's 8 wire decimals (so no recorded price
 *     or quantity is ever rounded or refused), and as tick and lot the finest step the REST depth
 *     snapshots show: a symbol whose snapshot prices have at most 4 significant decimals gets a tick
 *     of 0.0001. The real tick divides that one (a venue's prices are multiples of its tick), so an
 *     order on the derived grid is on the venue's; no other filter is known.</li>
 * </ol>
 * The same session and file always give the same instruments, so that its import and its engine agree.
 */
public final class SessionInstruments
{
    /** A session's saved exchangeInfo, looked for beside its recordings. */
    public static final String EXCHANGE_INFO_FILE = "exchangeInfo.json";

    private static final Pattern LEVEL = Pattern.compile("\\[\\s*\"([0-9.]+)\"\\s*,\\s*\"([0-9.]+)\"");
    private static final int WIRE_DECIMALS = ExchangeInfo.BINANCE_DECIMALS;

    private SessionInstruments()
    {
    }

    /** The session's recordings, by name. */
    public static List<Path> recordings(final Path dir) throws IOException
    {
        try (Stream<Path> files = Files.list(dir))
        {
            final List<Path> frames = files.filter(p -> p.getFileName().toString().endsWith(".replay.tsv")).sorted().toList();
            if (frames.isEmpty())
            {
                throw new IOException(dir + ": no *.replay.tsv recorded session here");
            }
            return frames;
        }
    }

    /**
     * @param dir         the session folder
     * @param instruments an instruments file or an exchangeInfo JSON, or null to use the session's own
     * @throws ImportException naming the file when a symbol is missing or a file is malformed
     */
    public static InstrumentRegistry of(final Path dir, final Path instruments) throws IOException
    {
        final Map<String, List<String>> snapshots = new LinkedHashMap<>();
        String recordedInfo = null;
        Path recordedIn = null;
        for (final Path file : recordings(dir))
        {
            final ReplaySession session = load(file);
            for (final ReplaySession.Entry entry : session.entries())
            {
                if (entry.kind() != ReplaySession.Kind.REST)
                {
                    continue;
                }
                if (isDepth(entry.url()))
                {
                    final String symbol = ReplaySession.queryParameter(entry.url(), "symbol");
                    if (symbol != null)
                    {
                        snapshots.computeIfAbsent(symbol, s -> new ArrayList<>()).add(entry.payload());
                    }
                }
                else if (entry.url().contains("/exchangeInfo") && recordedInfo == null)
                {
                    recordedInfo = entry.payload();
                    recordedIn = file;
                }
            }
        }
        final List<String> symbols = List.copyOf(snapshots.keySet());
        if (symbols.isEmpty())
        {
            throw new ImportException(dir, 0, "no REST depth snapshot in the session: no book can be synced");
        }
        final Path saved = dir.resolve(EXCHANGE_INFO_FILE);
        try
        {
            if (instruments != null)
            {
                return fromFile(instruments, symbols);
            }
            if (Files.exists(saved))
            {
                return withKnownIds(ExchangeInfo.load(saved).registry(Venue.BINANCE_SPOT, symbols));
            }
            if (recordedInfo != null)
            {
                return withKnownIds(ExchangeInfo.parse(recordedInfo, recordedIn + " (its exchangeInfo response)")
                    .registry(Venue.BINANCE_SPOT, symbols));
            }
        }
        catch (final IllegalArgumentException ex)
        {
            throw named(instruments != null ? instruments : Files.exists(saved) ? saved : recordedIn, ex);
        }
        return withKnownIds(derived(symbols, snapshots));
    }

    /**
     * The same instrument ids as the demo and the cluster use ({@link InstrumentRegistry#BINANCE_FIXTURES}) for
     * the symbols they know, so that a strategies file's {@code instrumentId} means the same symbol in a
     * backtest as live; a symbol they do not know gets the next id after theirs, in session order.
     */
    private static InstrumentRegistry withKnownIds(final InstrumentRegistry session) throws IOException
    {
        final InstrumentRegistry known = InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
        int next = known.instruments().stream().mapToInt(Instrument::instrumentId).max().orElse(0);
        final InstrumentRegistry registry = new InstrumentRegistry();
        for (final Instrument instrument : session.instruments())
        {
            final Instrument fixed = known.get(instrument.symbol());
            registry.add(new Instrument(null != fixed ? fixed.instrumentId() : ++next, instrument.symbol(),
                instrument.venue(), instrument.priceExponent(), instrument.sizeExponent(), instrument.tickSize(),
                instrument.lotSize(), instrument.baseAsset(), instrument.quoteAsset(), instrument.filters()));
        }
        return registry;
    }

    /** The readers' messages start with the file (and line): kept as the exception's file and line. */
    private static ImportException named(final Path file, final IllegalArgumentException ex)
    {
        final String message = ex.getMessage();
        final String prefix = file + ":";
        if (!message.startsWith(prefix))
        {
            return new ImportException(file, 0, message, ex);
        }
        final Matcher line = Pattern.compile("^(\\d+): (.*)$", Pattern.DOTALL).matcher(message.substring(prefix.length()));
        return line.matches() ? new ImportException(file, Long.parseLong(line.group(1)), line.group(2), ex) :
            new ImportException(file, 0, message.substring(prefix.length()).trim(), ex);
    }

    /** Whether a REST URL is a depth snapshot request (the only REST rows a book sync answers from). */
    public static boolean isDepth(final String url)
    {
        final int query = url.indexOf('?');
        return (query < 0 ? url : url.substring(0, query)).endsWith("/depth");
    }

    private static InstrumentRegistry fromFile(final Path file, final List<String> symbols) throws IOException
    {
        if (isJson(file))
        {
            return ExchangeInfo.load(file).registry(Venue.BINANCE_SPOT, symbols);
        }
        final InstrumentRegistry all = InstrumentRegistry.load(file);
        final InstrumentRegistry registry = new InstrumentRegistry();
        for (final String symbol : symbols)
        {
            final Instrument instrument = all.get(symbol);
            if (instrument == null)
            {
                throw new IllegalArgumentException(file + ": symbol " + symbol + " is not in this instruments file");
            }
            registry.add(instrument);
        }
        return registry;
    }

    /** An exchangeInfo is a JSON object; an instruments file is lines of fields. */
    public static boolean isJson(final Path file) throws IOException
    {
        try (java.io.Reader reader = Files.newBufferedReader(file, StandardCharsets.UTF_8))
        {
            int c;
            while ((c = reader.read()) >= 0)
            {
                if (!Character.isWhitespace(c))
                {
                    return c == '{';
                }
            }
            return false;
        }
        catch (final java.nio.charset.MalformedInputException ex)
        {
            return false; // the instruments parser names the line
        }
    }

    private static InstrumentRegistry derived(final List<String> symbols, final Map<String, List<String>> snapshots)
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        int id = 1;
        for (final String symbol : symbols)
        {
            int priceDecimals = 0;
            int sizeDecimals = 0;
            for (final String body : snapshots.get(symbol))
            {
                final Matcher level = LEVEL.matcher(body);
                while (level.find())
                {
                    priceDecimals = Math.max(priceDecimals, decimals(level.group(1)));
                    sizeDecimals = Math.max(sizeDecimals, decimals(level.group(2)));
                }
            }
            registry.add(new Instrument(id++, symbol, Venue.BINANCE_SPOT, -WIRE_DECIMALS, -WIRE_DECIMALS,
                step(priceDecimals), step(sizeDecimals)));
        }
        return registry;
    }

    /** Significant decimals of a wire decimal, at most the wire's 8 (a malformed level is the importer's to refuse). */
    private static int decimals(final String text)
    {
        try
        {
            return Math.min(WIRE_DECIMALS, Math.max(0, new BigDecimal(text).stripTrailingZeros().scale()));
        }
        catch (final NumberFormatException ex)
        {
            return WIRE_DECIMALS;
        }
    }

    /** One unit of the last significant decimal, as a mantissa at the wire's exponent. */
    private static long step(final int decimals)
    {
        return io.ferrum.codecs.decimal.FixedPoint.powerOfTen(WIRE_DECIMALS - decimals);
    }

    private static ReplaySession load(final Path file)
    {
        try
        {
            return ReplaySession.load(file);
        }
        catch (final IOException ex)
        {
            throw new ImportException(file, 0, "cannot read: " + ex.getMessage(), ex);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new ImportException(file, 0, ex.getMessage(), ex);
        }
    }
}
