package io.ferrum.engine.instrument;

import io.ferrum.codecs.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class InstrumentRegistryTest
{
    @Test
    void loadsTheDocumentedFormatFromAFile(@TempDir final Path dir) throws IOException
    {
        final Path file = dir.resolve("instruments.txt");
        Files.writeString(file,
            "# symbol instrumentId venue priceExponent sizeExponent tickSize lotSize\n" +
            "\n" +
            "ZILUSDT 2 BINANCE_SPOT -8 -8 0.00001 0.1   # trailing comment\n" +
            "BTCUSDT\t1\tBINANCE_SPOT\t-2\t-8\t0.01\t0.00001\n");
        final InstrumentRegistry registry = InstrumentRegistry.load(file);

        assertEquals(2, registry.size());
        final Instrument btc = registry.get(1);
        assertEquals("BTCUSDT", btc.symbol());
        assertEquals(Venue.BINANCE_SPOT, btc.venue());
        assertEquals(1, btc.tickSize());
        assertEquals(1000, btc.lotSize());
        assertEquals(1000, registry.get("ZILUSDT").tickSize());
        assertEquals(10_000_000, registry.get("ZILUSDT").lotSize());
        assertEquals(1, registry.instruments().get(0).instrumentId(), "ordered by id");
        assertNull(registry.get(99));
        assertNull(registry.get("NOPE"));
    }

    @Test
    void fixtureInstrumentsCoverEverySymbolOfTheRecordedSessions() throws IOException
    {
        final InstrumentRegistry registry = InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
        for (final String symbol : new String[]{"BTCUSDT", "ZILUSDT", "MANAUSDT", "DENTUSDT", "AXSBNB", "ETHBRL",
            "BTCSTUSDT", "QTUMETH", "BTCAUD", "RENBTCETH", "NEOUSDC", "NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"})
        {
            assertEquals(-8, registry.get(symbol).priceExponent(), symbol);
        }
        assertEquals(15, registry.size());
        assertThrows(java.io.FileNotFoundException.class, () -> InstrumentRegistry.loadResource("/nope"));
    }

    @Test
    void readsAssetsAndFiltersFromOptionalKeys()
    {
        final InstrumentRegistry registry = InstrumentRegistry.parse(
            "DOTUSDT 3 BINANCE_SPOT -2 -3 0.01 0.001 base=DOT quote=USDT minPrice=0.01 maxPrice=1000 minQty=0.001" +
            " maxQty=90000 minNotional=5 maxNotional=100000.5 maxNumOrders=200\n" +
            "BTCUSDT 1 BINANCE_SPOT -2 -8 0.01 0.00001\n");
        final Instrument dot = registry.get("DOTUSDT");
        assertEquals("DOT", dot.baseAsset());
        assertEquals("USDT", dot.quoteAsset());
        assertEquals(new InstrumentFilters(1, 100_000, 1, 90_000_000, 500, 10_000_050, 200), dot.filters());
        assertEquals(InstrumentFilters.NONE, registry.get("BTCUSDT").filters());
        assertEquals("", registry.get("BTCUSDT").baseAsset());
    }

    @Test
    void refusesUnknownRepeatedAndInexactOptionalKeys()
    {
        final String line = "DOTUSDT 3 BINANCE_SPOT -2 -3 0.01 0.001 ";
        assertRefused(line + "minprice=1\n", ":1: unknown key 'minprice'");
        assertRefused(line + "base=DOT base=DOT\n", ":1: key 'base' repeated");
        assertRefused(line + "base\n", ":1: expected key=value");
        assertRefused(line + "=DOT\n", ":1: expected key=value");
        assertRefused(line + "minQty=0.0001\n", ":1: minQty");
        assertRefused(line + "minNotional=-5\n", ":1: minNotional");
        assertRefused(line + "maxNumOrders=many\n", ":1: maxNumOrders is not an integer");
        assertRefused(line + "minPrice=10 maxPrice=1\n", ":1: a filter's minimum is above its maximum");
    }

    @Test
    void validatesPricesAndQuantitiesOnTheGrid()
    {
        final Instrument btc = new Instrument(1, "BTCUSDT", Venue.BINANCE_SPOT, -2, -8, 5, 1000);
        assertTrue(btc.isValidPrice(100));
        assertTrue(!btc.isValidPrice(101));
        assertTrue(!btc.isValidPrice(0));
        assertTrue(btc.isValidQuantity(3000));
        assertTrue(!btc.isValidQuantity(3001));
        assertTrue(!btc.isValidQuantity(-1000));
        assertEquals(100, btc.roundPriceDown(104));
        assertEquals(105, btc.roundPriceUp(101));
        assertEquals(2000, btc.roundQuantityDown(2999));
    }

    @Test
    void refusesMalformedConfigWithTheLineNumber()
    {
        assertRefused("BTCUSDT 1 BINANCE_SPOT -2 -8 0.01\n", ":1: expected 7 fields");
        assertRefused("\nBTCUSDT x BINANCE_SPOT -2 -8 0.01 0.1\n", ":2: instrumentId is not an integer");
        assertRefused("BTCUSDT 1 NASDAQ -2 -8 0.01 0.1\n", "unknown venue NASDAQ");
        assertRefused("BTCUSDT 1 BINANCE_SPOT -2 -8 0.001 0.1\n", "tickSize");
        assertRefused("BTCUSDT 1 BINANCE_SPOT -2 -8 0 0.1\n", "positive");
        assertRefused("BTCUSDT 1 BINANCE_SPOT 3 -8 1 0.1\n", "exponents");
        assertRefused("BTCUSDT 1 BINANCE_SPOT -2 -8 0.01 0.1\nETHUSDT 1 BINANCE_SPOT -2 -8 0.01 0.1\n",
            ":2: duplicate instrumentId 1");
        assertRefused("BTCUSDT 1 BINANCE_SPOT -2 -8 0.01 0.1\nBTCUSDT 2 BINANCE_SPOT -2 -8 0.01 0.1\n",
            "duplicate symbol");
        assertRefused("ABCDEFGHIJKLMNOPQ 1 BINANCE_SPOT -2 -8 0.01 0.1\n", "16 characters");
        assertRefused("BTCUSDT 0 BINANCE_SPOT -2 -8 0.01 0.1\n", "positive");
    }

    private static void assertRefused(final String text, final String expectedFragment)
    {
        final IllegalArgumentException ex =
            assertThrows(IllegalArgumentException.class, () -> InstrumentRegistry.parse(text));
        assertTrue(ex.getMessage().contains(expectedFragment), ex.getMessage());
    }
}
