package io.ferrum.engine.instrument;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.Venue;
import org.agrona.collections.Int2ObjectHashMap;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.Reader;
import java.io.StringReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

/**
 * The instruments the engine knows, by id (hot path, no boxing) and by symbol (cold path).
 * <p>
 * Config file format (one instrument per line, whitespace separated, {@code #} starts a comment):
 * <pre>
 * # symbol   instrumentId  venue         priceExponent  sizeExponent  tickSize    lotSize
 * BTCUSDT    1             BINANCE_SPOT  -2             -8            0.01        0.00001
 * ETHUSDT    2             BINANCE_SPOT  -2             -4            0.01        0.0001  base=ETH quote=USDT minQty=0.0001 maxQty=9000 minNotional=5 maxNumOrders=200
 * </pre>
 * Tick and lot sizes are plain decimals that must be exact at their exponent. After the seven
 * fields, optional {@code key=value} fields give the assets and the venue's filters
 * ({@link InstrumentFilters}): {@code base}, {@code quote}, {@code minPrice}, {@code maxPrice}
 * (exact at the price exponent), {@code minQty}, {@code maxQty} (exact at the size exponent),
 * {@code minNotional}, {@code maxNotional} (quote units, exact at the price exponent) and
 * {@code maxNumOrders}. Any error (an unknown or repeated key included) is an
 * {@link IllegalArgumentException} naming the line; duplicate ids or symbols are refused.
 * Binance's own exchangeInfo is read by {@link ExchangeInfo}.
 */
public final class InstrumentRegistry
{
    private final Int2ObjectHashMap<Instrument> byId = new Int2ObjectHashMap<>(64, 0.5f);
    private final Map<String, Instrument> bySymbol = new HashMap<>();
    private final List<Instrument> ordered = new ArrayList<>();

    public InstrumentRegistry add(final Instrument instrument)
    {
        if (byId.containsKey(instrument.instrumentId()))
        {
            throw new IllegalArgumentException("duplicate instrumentId " + instrument.instrumentId());
        }
        if (bySymbol.containsKey(instrument.symbol()))
        {
            throw new IllegalArgumentException("duplicate symbol " + instrument.symbol());
        }
        byId.put(instrument.instrumentId(), instrument);
        bySymbol.put(instrument.symbol(), instrument);
        ordered.add(instrument);
        ordered.sort((a, b) -> Integer.compare(a.instrumentId(), b.instrumentId()));
        return this;
    }

    /** @return the instrument, or null when the id is unknown (callers reject with UNKNOWN_INSTRUMENT). */
    public Instrument get(final int instrumentId)
    {
        return byId.get(instrumentId);
    }

    /** Cold path lookup; null when unknown. */
    public Instrument get(final String symbol)
    {
        return bySymbol.get(symbol);
    }

    public int size()
    {
        return ordered.size();
    }

    /** All instruments by ascending id: a deterministic order for snapshots and reports. */
    public List<Instrument> instruments()
    {
        return Collections.unmodifiableList(ordered);
    }

    public static InstrumentRegistry load(final Path file) throws IOException
    {
        try (Reader reader = Files.newBufferedReader(file, StandardCharsets.US_ASCII))
        {
            return parse(reader, file.toString());
        }
    }

    /** The instruments of the recorded Binance sessions in {@code shared/fixtures/binance} (demo, tests). */
    public static final String BINANCE_FIXTURES = "/io/ferrum/engine/instrument/binance-fixtures.instruments";

    /** Loads a registry file from the class path, e.g. {@link #BINANCE_FIXTURES}. */
    public static InstrumentRegistry loadResource(final String resource) throws IOException
    {
        final java.io.InputStream in = InstrumentRegistry.class.getResourceAsStream(resource);
        if (in == null)
        {
            throw new java.io.FileNotFoundException("no class-path resource " + resource);
        }
        try (Reader reader = new java.io.InputStreamReader(in, StandardCharsets.US_ASCII))
        {
            return parse(reader, resource);
        }
    }

    public static InstrumentRegistry parse(final String text)
    {
        try
        {
            return parse(new StringReader(text), "<text>");
        }
        catch (final IOException ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    public static InstrumentRegistry parse(final Reader reader, final String name) throws IOException
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        final BufferedReader lines = new BufferedReader(reader);
        String line;
        int lineNumber = 0;
        while ((line = lines.readLine()) != null)
        {
            lineNumber++;
            final int hash = line.indexOf('#');
            final String content = (hash >= 0 ? line.substring(0, hash) : line).trim();
            if (content.isEmpty())
            {
                continue;
            }
            try
            {
                registry.add(parseLine(content));
            }
            catch (final IllegalArgumentException ex)
            {
                throw new IllegalArgumentException(name + ":" + lineNumber + ": " + ex.getMessage(), ex);
            }
        }
        return registry;
    }

    private static Instrument parseLine(final String content)
    {
        final String[] fields = content.split("\\s+");
        if (fields.length < 7)
        {
            throw new IllegalArgumentException(
                "expected 7 fields (symbol instrumentId venue priceExponent sizeExponent tickSize lotSize), got " +
                fields.length);
        }
        final int instrumentId = parseInt(fields[1], "instrumentId");
        final Venue venue;
        try
        {
            venue = Venue.valueOf(fields[2]);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException("unknown venue " + fields[2]);
        }
        final int priceExponent = parseInt(fields[3], "priceExponent");
        final int sizeExponent = parseInt(fields[4], "sizeExponent");
        if (priceExponent < DecimalParser.MIN_EXPONENT || priceExponent > 0 ||
            sizeExponent < DecimalParser.MIN_EXPONENT || sizeExponent > 0)
        {
            throw new IllegalArgumentException("exponents must be in [-18, 0]");
        }
        final long tickSize = parseDecimal(fields[5], priceExponent, "tickSize");
        final long lotSize = parseDecimal(fields[6], sizeExponent, "lotSize");
        final Map<String, String> options = new HashMap<>();
        for (int i = 7; i < fields.length; i++)
        {
            final int equals = fields[i].indexOf('=');
            if (equals <= 0)
            {
                throw new IllegalArgumentException("expected key=value after the seven fields, got '" + fields[i] + "'");
            }
            final String key = fields[i].substring(0, equals);
            if (!OPTIONAL_KEYS.contains(key))
            {
                throw new IllegalArgumentException("unknown key '" + key + "' (known: " + String.join(", ", OPTIONAL_KEYS) + ")");
            }
            if (options.put(key, fields[i].substring(equals + 1)) != null)
            {
                throw new IllegalArgumentException("key '" + key + "' repeated");
            }
        }
        final InstrumentFilters filters = new InstrumentFilters(
            optionalDecimal(options, "minPrice", priceExponent), optionalDecimal(options, "maxPrice", priceExponent),
            optionalDecimal(options, "minQty", sizeExponent), optionalDecimal(options, "maxQty", sizeExponent),
            optionalDecimal(options, "minNotional", priceExponent), optionalDecimal(options, "maxNotional", priceExponent),
            options.containsKey("maxNumOrders") ? parseInt(options.get("maxNumOrders"), "maxNumOrders") : 0);
        return new Instrument(instrumentId, fields[0], venue, priceExponent, sizeExponent, tickSize, lotSize,
            options.getOrDefault("base", ""), options.getOrDefault("quote", ""), filters);
    }

    private static final List<String> OPTIONAL_KEYS = List.of(
        "base", "quote", "minPrice", "maxPrice", "minQty", "maxQty", "minNotional", "maxNotional", "maxNumOrders");

    private static long optionalDecimal(final Map<String, String> options, final String key, final int exponent)
    {
        final String text = options.get(key);
        if (text == null)
        {
            return 0;
        }
        final long value = parseDecimal(text, exponent, key);
        if (value < 0)
        {
            throw new IllegalArgumentException(key + " cannot be negative: " + text);
        }
        return value;
    }

    private static int parseInt(final String text, final String field)
    {
        try
        {
            return Integer.parseInt(text);
        }
        catch (final NumberFormatException ex)
        {
            throw new IllegalArgumentException(field + " is not an integer: " + text);
        }
    }

    private static long parseDecimal(final String text, final int exponent, final String field)
    {
        try
        {
            return DecimalParser.parse(text, exponent);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(field + ": " + ex.getMessage());
        }
    }
}
