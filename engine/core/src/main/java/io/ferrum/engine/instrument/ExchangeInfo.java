package io.ferrum.engine.instrument;

import io.ferrum.codecs.sbe.Venue;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Binance's {@code GET /api/v3/exchangeInfo} response (a saved file), read strictly into the
 * engine's instruments (cold path). Per symbol: the base and quote assets; the price exponent
 * and tick from {@code PRICE_FILTER.tickSize} and the size exponent and lot from
 * {@code LOT_SIZE.stepSize} (the exponent is the step's number of decimals, so {@code 0.01000000}
 * is exponent -2 and tick 1, {@code 10.00000000} exponent 0 and tick 10; a step of 0, which
 * Binance uses to disable the rule, is Binance's 8 decimals and a step of one unit); and the
 * filters {@code PRICE_FILTER}, {@code LOT_SIZE}, {@code MIN_NOTIONAL}, {@code NOTIONAL} and
 * {@code MAX_NUM_ORDERS} as {@link InstrumentFilters}. Notional bounds not exact at the price
 * exponent are rounded inward (minimum up, maximum down), so a passing order passes at Binance too.
 * Other filter types are skipped; {@code MARKET_LOT_SIZE} and the market-order rules that need
 * Binance's average price are not modelled.
 * <p>
 * Strict: JSON syntax (RFC 8259, no repeated keys), every symbol's required fields and types,
 * decimal strings, a repeated symbol or filter type: each error is an {@link IllegalArgumentException}
 * naming the file and the line and column (syntax) or the field ({@code symbols[3] ETHUSDT
 * LOT_SIZE.stepSize}). Fields Binance may add are ignored.
 */
public final class ExchangeInfo
{
    /** Larger than Binance's full spot exchangeInfo (a few MB); a bigger file is refused unread. */
    public static final long MAX_FILE_BYTES = 64L * 1024 * 1024;
    /** Binance sends prices and quantities with 8 decimals: the exponent of a disabled (0) step. */
    public static final int BINANCE_DECIMALS = 8;

    private final String origin;
    private final Map<String, Symbol> symbols;

    /** One symbol's rules, without an engine instrument id. */
    public record Symbol(
        String symbol, String status, String baseAsset, String quoteAsset, int priceExponent, int sizeExponent,
        long tickSize, long lotSize, InstrumentFilters filters)
    {
        /** As an engine instrument with the given id. */
        public Instrument instrument(final int instrumentId, final Venue venue)
        {
            return new Instrument(instrumentId, symbol, venue, priceExponent, sizeExponent, tickSize, lotSize, baseAsset,
                quoteAsset, filters);
        }
    }

    private ExchangeInfo(final String origin, final Map<String, Symbol> symbols)
    {
        this.origin = origin;
        this.symbols = symbols;
    }

    public static ExchangeInfo load(final Path file) throws IOException
    {
        final long size = Files.size(file);
        if (size > MAX_FILE_BYTES)
        {
            throw new IllegalArgumentException(file + ": " + size + " bytes, more than an exchangeInfo's " + MAX_FILE_BYTES);
        }
        final byte[] bytes = Files.readAllBytes(file);
        final java.nio.charset.CharsetDecoder utf8 = StandardCharsets.UTF_8.newDecoder();
        final String text;
        try
        {
            text = utf8.decode(java.nio.ByteBuffer.wrap(bytes)).toString();
        }
        catch (final java.nio.charset.CharacterCodingException ex)
        {
            throw new IllegalArgumentException(file + ": not UTF-8 text", ex);
        }
        return parse(text, file.toString());
    }

    /** @param origin names the source in errors (a file name) */
    public static ExchangeInfo parse(final String json, final String origin)
    {
        final Object root;
        try
        {
            root = StrictJson.parse(json);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(origin + ": " + ex.getMessage(), ex);
        }
        final Map<String, Symbol> symbols = new LinkedHashMap<>();
        final List<?> list = list(object(root, origin, "the document"), "symbols", origin, "the document");
        for (int i = 0; i < list.size(); i++)
        {
            final String where = "symbols[" + i + "]";
            final Map<?, ?> entry = object(list.get(i), origin, where);
            final String name = string(entry, "symbol", origin, where);
            final String named = where + " " + name;
            final Symbol symbol;
            try
            {
                symbol = symbol(entry, name, origin, named);
            }
            catch (final IllegalArgumentException ex)
            {
                if (ex.getMessage().startsWith(origin + ": "))
                {
                    throw ex;
                }
                throw new IllegalArgumentException(origin + ": " + named + ": " + ex.getMessage(), ex);
            }
            if (symbols.put(name, symbol) != null)
            {
                throw new IllegalArgumentException(origin + ": " + named + ": symbol repeated");
            }
        }
        if (symbols.isEmpty())
        {
            throw new IllegalArgumentException(origin + ": no symbol in \"symbols\"");
        }
        return new ExchangeInfo(origin, Collections.unmodifiableMap(symbols));
    }

    public String origin()
    {
        return origin;
    }

    /** Every symbol, in the file's order. */
    public List<Symbol> symbols()
    {
        return List.copyOf(symbols.values());
    }

    /** @return the symbol's rules, or null when the file does not have it */
    public Symbol get(final String symbol)
    {
        return symbols.get(symbol);
    }

    /** Every symbol of the file as an instrument, ids 1, 2, ... in the file's order. */
    public InstrumentRegistry registry(final Venue venue)
    {
        return registry(venue, List.copyOf(symbols.keySet()));
    }

    /**
     * The given symbols as instruments, ids 1, 2, ... in the given order (small ids: risk tables are
     * sized by the largest).
     *
     * @throws IllegalArgumentException naming the file when a symbol is not in it
     */
    public InstrumentRegistry registry(final Venue venue, final List<String> wanted)
    {
        final InstrumentRegistry registry = new InstrumentRegistry();
        int id = 1;
        for (final String name : wanted)
        {
            final Symbol symbol = symbols.get(name);
            if (symbol == null)
            {
                throw new IllegalArgumentException(origin + ": symbol " + name + " is not in this exchangeInfo");
            }
            registry.add(symbol.instrument(id++, venue));
        }
        return registry;
    }

    private static Symbol symbol(final Map<?, ?> entry, final String name, final String origin, final String where)
    {
        final String status = string(entry, "status", origin, where);
        final String base = asset(string(entry, "baseAsset", origin, where), "baseAsset");
        final String quote = asset(string(entry, "quoteAsset", origin, where), "quoteAsset");
        final Map<String, Map<?, ?>> filters = new LinkedHashMap<>();
        final List<?> list = list(entry, "filters", origin, where);
        for (int i = 0; i < list.size(); i++)
        {
            final String at = where + " filters[" + i + "]";
            final Map<?, ?> filter = object(list.get(i), origin, at);
            final String type = string(filter, "filterType", origin, at);
            if (filters.put(type, filter) != null)
            {
                throw new IllegalArgumentException(origin + ": " + at + ": filter " + type + " repeated");
            }
        }
        final Map<?, ?> priceFilter = required(filters, "PRICE_FILTER", origin, where);
        final Map<?, ?> lotFilter = required(filters, "LOT_SIZE", origin, where);
        final BigDecimal tick = decimal(priceFilter, "tickSize", origin, where + " PRICE_FILTER");
        final BigDecimal step = decimal(lotFilter, "stepSize", origin, where + " LOT_SIZE");
        final int priceExponent = exponentOf(tick, origin, where + " PRICE_FILTER.tickSize");
        final int sizeExponent = exponentOf(step, origin, where + " LOT_SIZE.stepSize");
        final long tickSize = tick.signum() == 0 ? 1 : exact(tick, priceExponent, origin, where + " PRICE_FILTER.tickSize");
        final long lotSize = step.signum() == 0 ? 1 : exact(step, sizeExponent, origin, where + " LOT_SIZE.stepSize");
        final long minPrice = exact(decimal(priceFilter, "minPrice", origin, where + " PRICE_FILTER"), priceExponent,
            origin, where + " PRICE_FILTER.minPrice");
        final long maxPrice = exact(decimal(priceFilter, "maxPrice", origin, where + " PRICE_FILTER"), priceExponent,
            origin, where + " PRICE_FILTER.maxPrice");
        final long minQty = exact(decimal(lotFilter, "minQty", origin, where + " LOT_SIZE"), sizeExponent,
            origin, where + " LOT_SIZE.minQty");
        final long maxQty = exact(decimal(lotFilter, "maxQty", origin, where + " LOT_SIZE"), sizeExponent,
            origin, where + " LOT_SIZE.maxQty");
        long minNotional = 0;
        long maxNotional = 0;
        final Map<?, ?> minNotionalFilter = filters.get("MIN_NOTIONAL");
        if (minNotionalFilter != null)
        {
            minNotional = rounded(decimal(minNotionalFilter, "minNotional", origin, where + " MIN_NOTIONAL"),
                priceExponent, RoundingMode.CEILING, origin, where + " MIN_NOTIONAL.minNotional");
        }
        final Map<?, ?> notionalFilter = filters.get("NOTIONAL");
        if (notionalFilter != null)
        {
            // Binance replaced MIN_NOTIONAL by NOTIONAL; a symbol with both has to pass both minimums
            minNotional = Math.max(minNotional, rounded(decimal(notionalFilter, "minNotional", origin, where + " NOTIONAL"),
                priceExponent, RoundingMode.CEILING, origin, where + " NOTIONAL.minNotional"));
            maxNotional = rounded(decimal(notionalFilter, "maxNotional", origin, where + " NOTIONAL"),
                priceExponent, RoundingMode.FLOOR, origin, where + " NOTIONAL.maxNotional");
        }
        int maxNumOrders = 0;
        final Map<?, ?> orders = filters.get("MAX_NUM_ORDERS");
        if (orders != null)
        {
            final BigDecimal value = number(orders, "maxNumOrders", origin, where + " MAX_NUM_ORDERS");
            try
            {
                maxNumOrders = value.intValueExact();
            }
            catch (final ArithmeticException ex)
            {
                throw new IllegalArgumentException(origin + ": " + where + " MAX_NUM_ORDERS.maxNumOrders: not an int: " + value);
            }
            if (maxNumOrders < 0)
            {
                throw new IllegalArgumentException(origin + ": " + where + " MAX_NUM_ORDERS.maxNumOrders is negative");
            }
        }
        final InstrumentFilters rules;
        try
        {
            rules = new InstrumentFilters(minPrice, maxPrice, minQty, maxQty, minNotional, maxNotional, maxNumOrders);
        }
        catch (final IllegalArgumentException ex)
        {
            throw new IllegalArgumentException(origin + ": " + where + ": " + ex.getMessage(), ex);
        }
        // validates the symbol's characters and ranges as the engine will
        new Instrument(1, name, Venue.BINANCE_SPOT, priceExponent, sizeExponent, tickSize, lotSize, base, quote, rules);
        return new Symbol(name, status, base, quote, priceExponent, sizeExponent, tickSize, lotSize, rules);
    }

    private static String asset(final String asset, final String field)
    {
        if (asset.isEmpty() || asset.length() > 16 || !asset.chars().allMatch(c -> c > ' ' && c < 127))
        {
            throw new IllegalArgumentException(field + " must be 1 to 16 printable ASCII characters: '" + asset + "'");
        }
        return asset;
    }

    /** The number of decimals of a step: {@code 0.01000000} is -2, {@code 10} is 0, 0 is Binance's -8. */
    private static int exponentOf(final BigDecimal step, final String origin, final String where)
    {
        if (step.signum() < 0)
        {
            throw new IllegalArgumentException(origin + ": " + where + " is negative: " + step.toPlainString());
        }
        if (step.signum() == 0)
        {
            return -BINANCE_DECIMALS;
        }
        final int decimals = Math.max(0, step.stripTrailingZeros().scale());
        if (decimals > 18)
        {
            throw new IllegalArgumentException(origin + ": " + where + " has more than 18 decimals: " + step.toPlainString());
        }
        return -decimals;
    }

    private static long exact(final BigDecimal value, final int exponent, final String origin, final String where)
    {
        if (value.signum() < 0)
        {
            throw new IllegalArgumentException(origin + ": " + where + " is negative: " + value.toPlainString());
        }
        try
        {
            return value.movePointRight(-exponent).setScale(0, RoundingMode.UNNECESSARY).longValueExact();
        }
        catch (final ArithmeticException ex)
        {
            throw new IllegalArgumentException(origin + ": " + where + " " + value.toPlainString() +
                " is not a whole number of 10^" + exponent + " or too large");
        }
    }

    private static long rounded(
        final BigDecimal value, final int exponent, final RoundingMode mode, final String origin, final String where)
    {
        if (value.signum() < 0)
        {
            throw new IllegalArgumentException(origin + ": " + where + " is negative: " + value.toPlainString());
        }
        final BigDecimal scaled = value.movePointRight(-exponent).setScale(0, mode);
        // a maximum beyond a long is no tighter than Long.MAX_VALUE: every representable notional is below it
        return scaled.compareTo(BigDecimal.valueOf(Long.MAX_VALUE)) > 0 ? Long.MAX_VALUE : scaled.longValueExact();
    }

    private static Map<?, ?> required(
        final Map<String, Map<?, ?>> filters, final String type, final String origin, final String where)
    {
        final Map<?, ?> filter = filters.get(type);
        if (filter == null)
        {
            throw new IllegalArgumentException(origin + ": " + where + ": no " + type + " filter");
        }
        return filter;
    }

    private static Map<?, ?> object(final Object value, final String origin, final String where)
    {
        if (!(value instanceof Map<?, ?> map))
        {
            throw new IllegalArgumentException(origin + ": " + where + " is not a JSON object");
        }
        return map;
    }

    private static Object field(final Map<?, ?> object, final String key, final String origin, final String where)
    {
        final Object value = object.get(key);
        if (value == null)
        {
            throw new IllegalArgumentException(origin + ": " + where + ": no \"" + key + "\"");
        }
        return value;
    }

    private static List<?> list(final Map<?, ?> object, final String key, final String origin, final String where)
    {
        if (!(field(object, key, origin, where) instanceof List<?> list))
        {
            throw new IllegalArgumentException(origin + ": " + where + ": \"" + key + "\" is not an array");
        }
        return list;
    }

    private static String string(final Map<?, ?> object, final String key, final String origin, final String where)
    {
        if (!(field(object, key, origin, where) instanceof String text))
        {
            throw new IllegalArgumentException(origin + ": " + where + ": \"" + key + "\" is not a string");
        }
        return text;
    }

    private static BigDecimal number(final Map<?, ?> object, final String key, final String origin, final String where)
    {
        if (!(field(object, key, origin, where) instanceof BigDecimal number))
        {
            throw new IllegalArgumentException(origin + ": " + where + "." + key + " is not a number");
        }
        return number;
    }

    /** Binance sends decimals as strings ("0.01000000"): plain digits with an optional fraction. */
    private static BigDecimal decimal(final Map<?, ?> object, final String key, final String origin, final String where)
    {
        final Object value = field(object, key, origin, where);
        if (!(value instanceof String text) || !text.matches("[0-9]{1,20}(\\.[0-9]{1,20})?"))
        {
            throw new IllegalArgumentException(origin + ": " + where + "." + key + " is not a decimal string: " +
                (value instanceof String ? "\"" + value + "\"" : String.valueOf(value)));
        }
        return new BigDecimal(text);
    }

    public String toString()
    {
        return "ExchangeInfo{" + origin + ", " + symbols.size() + " symbols}";
    }
}
