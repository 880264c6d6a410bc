package io.ferrum.engine.instrument;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class ExchangeInfoTest
{
    private static final Path SAMPLE = Fixtures.binance("samples/http_spot_market_exchange_info.json");

    @Test
    void readsBinancesExchangeInfoIntoInstrumentsWithTheirFilters() throws IOException
    {
        final ExchangeInfo info = ExchangeInfo.load(SAMPLE);
        assertEquals(List.of("BTCUSDT", "ETHUSDT"), info.symbols().stream().map(ExchangeInfo.Symbol::symbol).toList());

        final InstrumentRegistry registry = info.registry(Venue.BINANCE_SPOT);
        final Instrument btc = registry.get("BTCUSDT");
        assertEquals(1, btc.instrumentId());
        assertEquals("BTC", btc.baseAsset());
        assertEquals("USDT", btc.quoteAsset());
        assertEquals(-2, btc.priceExponent(), "tickSize 0.01000000");
        assertEquals(1, btc.tickSize());
        assertEquals(-5, btc.sizeExponent(), "stepSize 0.00001000");
        assertEquals(1, btc.lotSize());
        final InstrumentFilters f = btc.filters();
        assertEquals(1, f.minPrice());
        assertEquals(100_000_000, f.maxPrice(), "1000000.00 at 10^-2");
        assertEquals(1, f.minQuantity());
        assertEquals(900_000_000, f.maxQuantity(), "9000.00000 at 10^-5");
        assertEquals(1000, f.minNotional(), "10 USDT at 10^-2");
        assertEquals(0, f.maxNotional(), "MIN_NOTIONAL has no maximum");
        assertEquals(200, f.maxNumOrders());

        final Instrument eth = registry.get("ETHUSDT");
        assertEquals(2, eth.instrumentId());
        assertEquals(-4, eth.sizeExponent());
        assertEquals(1, eth.filters().minQuantity());
    }

    @Test
    void theFiltersCheckExactlyAsBinanceDocumentsThem() throws IOException
    {
        final Instrument btc = ExchangeInfo.load(SAMPLE).registry(Venue.BINANCE_SPOT).get("BTCUSDT");
        final InstrumentFilters f = btc.filters();
        final long scale = btc.quantityScale();
        assertEquals(100_000, scale);
        // 0.00100 BTC at 10000.00 is 10 USDT: exactly the minimum
        assertFalse(f.notionalBelowMin(1_000_000, 100, scale));
        assertTrue(f.notionalBelowMin(999_999, 100, scale));
        // a product far beyond a long (price 1e6 USDT, 9000 BTC) is compared exactly, not overflowed
        assertFalse(f.notionalBelowMin(100_000_000, 900_000_000, scale));
        assertTrue(f.priceAboveMax(100_000_001));
        assertFalse(f.priceAboveMax(100_000_000));
        assertTrue(f.priceBelowMin(0));
        assertTrue(f.quantityAboveMax(900_000_001));
        assertTrue(f.tooManyOrders(200));
        assertFalse(f.tooManyOrders(199));
    }

    @Test
    void selectsSymbolsWithIdsInTheGivenOrder() throws IOException
    {
        final ExchangeInfo info = ExchangeInfo.load(SAMPLE);
        final InstrumentRegistry registry = info.registry(Venue.BINANCE_SPOT, List.of("ETHUSDT"));
        assertEquals(1, registry.size());
        assertEquals(1, registry.get("ETHUSDT").instrumentId());
        assertNull(registry.get("BTCUSDT"));
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> info.registry(Venue.BINANCE_SPOT, List.of("DOTUSDT")));
        assertTrue(ex.getMessage().contains("symbol DOTUSDT is not in this exchangeInfo"), ex.getMessage());
        assertTrue(ex.getMessage().startsWith(SAMPLE.toString()), ex.getMessage());
    }

    @Test
    void readsNotionalCoarseTicksAndDisabledSteps()
    {
        final ExchangeInfo info = ExchangeInfo.parse(symbols(symbol("DOTUSDT",
            "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0\",\"maxPrice\":\"0\",\"tickSize\":\"10.00000000\"}," +
            "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.00000000\",\"maxQty\":\"0\",\"stepSize\":\"0.00000000\"}," +
            "{\"filterType\":\"NOTIONAL\",\"minNotional\":\"5.5\",\"applyMinToMarket\":true," +
            "\"maxNotional\":\"9000000.00000000\",\"applyMaxToMarket\":false,\"avgPriceMins\":5}," +
            "{\"filterType\":\"SOMETHING_NEW\",\"x\":[1,{\"y\":null}]}")), "t.json");
        final Instrument dot = info.registry(Venue.BINANCE_SPOT).get("DOTUSDT");
        assertEquals(0, dot.priceExponent());
        assertEquals(10, dot.tickSize());
        assertEquals(-8, dot.sizeExponent(), "a disabled step is Binance's 8 decimals");
        assertEquals(1, dot.lotSize());
        assertEquals(6, dot.filters().minNotional(), "5.5 rounded up at 10^0");
        assertEquals(9_000_000, dot.filters().maxNotional());
        assertFalse(dot.filters().priceAboveMax(Long.MAX_VALUE), "maxPrice 0 is no maximum");
        assertFalse(dot.filters().quantityAboveMax(Long.MAX_VALUE));
    }

    @Test
    void refusesMalformedAndHostileDocumentsNamingFileAndPlace(@TempDir final Path dir) throws IOException
    {
        final String price = "{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.01\",\"maxPrice\":\"100\",\"tickSize\":\"0.01\"}";
        final String lot = "{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.1\",\"maxQty\":\"100\",\"stepSize\":\"0.1\"}";
        assertRefused("", "line 1 column 1: unexpected end of input");
        assertRefused("{\"symbols\":[]", "line 1 column 14: unexpected end of input");
        assertRefused("{\"symbols\":[],}", "expected a member name");
        assertRefused("{\"symbols\":[]} x", "after the document");
        assertRefused("{\"a\":1,\n\"a\":2,\"symbols\":[]}", "line 2 column 1: repeated key \"a\"");
        assertRefused("{\"a\":01}", "line 1 column 7: expected ','");
        assertRefused("{\"a\":NaN}", "unexpected 'N'");
        assertRefused("{\"a\":\"\u0001\"}", "control character");
        assertRefused("[".repeat(100_000), "nested deeper than 64");
        assertRefused("{\"symbols\":[]}", "no symbol");
        assertRefused("{\"symbols\":{}}", "\"symbols\" is not an array");
        assertRefused("[1]", "the document is not a JSON object");
        assertRefused(symbols("{\"symbol\":\"BTCUSDT\"}"), "symbols[0] BTCUSDT: no \"status\"");
        assertRefused(symbols(symbol("BTCUSDT", lot)), "symbols[0] BTCUSDT: no PRICE_FILTER filter");
        assertRefused(symbols(symbol("BTCUSDT", price + "," + lot + "," + lot)), "filters[2]: filter LOT_SIZE repeated");
        assertRefused(symbols(symbol("BTCUSDT", price + "," + lot) + "," + symbol("BTCUSDT", price + "," + lot)),
            "symbols[1] BTCUSDT: symbol repeated");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"0.01\"}", "0.01}") + "," + lot)),
            "PRICE_FILTER.tickSize is not a decimal string: 0.01");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"0.01\"}", "\"-0.01\"}") + "," + lot)),
            "PRICE_FILTER.tickSize is not a decimal string: \"-0.01\"");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"0.01\"}", "\"1e-2\"}") + "," + lot)),
            "is not a decimal string");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"0.01\",", "\"0.001\",") + "," + lot)),
            "PRICE_FILTER.minPrice 0.001 is not a whole number of 10^-2");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"0.01\"}", "\"0.0000000000000000001\"}") + "," + lot)),
            "more than 18 decimals");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"100\"", "\"99999999999999999999\"") + "," + lot)),
            "PRICE_FILTER.maxPrice 99999999999999999999 is not a whole number of 10^-2 or too large");
        assertRefused(symbols(symbol("BTCUSDT", price.replace("\"0.01\",", "\"200\",") + "," + lot)),
            "symbols[0] BTCUSDT: a filter's minimum is above its maximum");
        assertRefused(symbols(symbol("BTCUSDT", price + "," + lot + ",{\"filterType\":\"MAX_NUM_ORDERS\",\"maxNumOrders\":1.5}")),
            "MAX_NUM_ORDERS.maxNumOrders: not an int");
        assertRefused(symbols(symbol("BTCUSDT", price + "," + lot + ",{\"filterType\":\"MAX_NUM_ORDERS\",\"maxNumOrders\":\"2\"}")),
            "MAX_NUM_ORDERS.maxNumOrders is not a number");
        assertRefused(symbols(symbol("BTC USDT", price + "," + lot)), "printable ASCII without spaces");
        assertRefused(symbols(symbol("AVERYLONGSYMBOLNAME", price + "," + lot)), "1 to 16 characters");
        assertRefused(symbols(symbol("BTCUSDT", price + "," + lot).replace("\"BTC\"", "\"\"")),
            "baseAsset must be 1 to 16 printable ASCII characters");

        final Path file = dir.resolve("exchangeInfo.json");
        Files.write(file, new byte[] {'{', (byte)0xff, '}'});
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class, () -> ExchangeInfo.load(file));
        assertEquals(file + ": not UTF-8 text", ex.getMessage());
        Files.writeString(file, "{\"symbols\":\n[\n}", StandardCharsets.UTF_8);
        final IllegalArgumentException syntax = assertThrows(IllegalArgumentException.class, () -> ExchangeInfo.load(file));
        assertEquals(file + ": line 3 column 1: unexpected '}'", syntax.getMessage());
    }

    private static String symbols(final String entries)
    {
        return "{\"timezone\":\"UTC\",\"symbols\":[" + entries + "]}";
    }

    private static String symbol(final String name, final String filters)
    {
        return "{\"symbol\":\"" + name + "\",\"status\":\"TRADING\",\"baseAsset\":\"BTC\",\"quoteAsset\":\"USDT\"," +
            "\"filters\":[" + filters + "]}";
    }

    private static void assertRefused(final String json, final String expected)
    {
        final IllegalArgumentException ex = assertThrows(IllegalArgumentException.class,
            () -> ExchangeInfo.parse(json, "info.json"));
        assertTrue(ex.getMessage().startsWith("info.json: "), ex.getMessage());
        assertTrue(ex.getMessage().contains(expected), "'" + ex.getMessage() + "' should say '" + expected + "'");
    }
}
