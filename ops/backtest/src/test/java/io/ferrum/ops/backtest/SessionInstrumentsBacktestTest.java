package io.ferrum.ops.backtest;

import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.data.ImportException;
import io.ferrum.ops.backtest.data.SessionInstruments;
import io.ferrum.ops.backtest.venue.FeeSchedule;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A recorded session backtests whatever its symbols: with the instruments derived from its own
 * snapshots, with a user's instruments file or exchangeInfo, or with an exchangeInfo.json beside it;
 * a file that lacks a symbol or is malformed is refused naming the file.
 */
class SessionInstrumentsBacktestTest
{
    private static final String NKN = "spot-2021-10-12-nknusdt";
    private static final String TEN = "spot-2021-04-05-10symbols";

    @TempDir
    Path dir;

    @Test
    void derivesEachSymbolsGridFromItsSnapshots() throws IOException
    {
        final InstrumentRegistry registry = SessionInstruments.of(Fixtures.binance(NKN), null);
        assertEquals(List.of("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR"),
            registry.instruments().stream().map(Instrument::symbol).toList(), "in snapshot order");
        final Instrument nkn = registry.get("NKNUSDT");
        assertEquals(12, nkn.instrumentId(), "the demo's and the cluster's id for NKNUSDT: a strategies file means the same symbol");
        assertEquals(-8, nkn.priceExponent(), "Binance's wire decimals: no recorded price is rounded");
        assertEquals(1_000, nkn.tickSize(), "the finest snapshot price, such as 0.25974000: a tick of 0.00001");
        assertEquals(10_000_000, nkn.lotSize(), "the finest snapshot quantity has one decimal: a lot of 0.1");
    }

    @ParameterizedTest
    @ValueSource(strings = {"NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR", "BTCAUD", "MANAUSDT", "ETHBRL", "DENTUSDT",
        "ZILUSDT", "RENBTCETH", "BTCSTUSDT", "QTUMETH", "AXSBNB", "NEOUSDC"})
    void everyRecordedSymbolBacktests(final String symbol) throws IOException
    {
        final String folder = List.of("NKNUSDT", "BLZETH", "LRCBTC", "RUNEEUR").contains(symbol) ? NKN : TEN;
        final BacktestResult result = Backtest.run(config(Fixtures.binance(folder), symbol), null);
        assertTrue(result.events() > 0, symbol);
        assertEquals(symbol, result.settings().get("symbols").split(",")[0], "the traded symbol comes first");
    }

    @Test
    void aSymbolNoRegistryKnowsBacktests() throws IOException
    {
        final Path session = renamed("NKNUSDT", "DOTUSDT");
        final BacktestResult result = Backtest.run(config(session, "DOTUSDT"), null);
        assertTrue(result.events() > 0);
        assertEquals("the session's exchangeInfo response, or derived from its depth snapshots",
            result.settings().get("instruments"));
    }

    @Test
    void takesTheUsersInstrumentsFileOrExchangeInfo() throws IOException
    {
        final Path session = renamed("NKNUSDT", "DOTUSDT");
        final Path file = dir.resolve("instruments.txt");
        Files.writeString(file, """
            DOTUSDT  7  BINANCE_SPOT  -4  -2  0.0001  1   base=DOT quote=USDT minNotional=10 maxNumOrders=50
            BLZETH   3  BINANCE_SPOT  -8  -0  0.00000001  1
            LRCBTC   4  BINANCE_SPOT  -8  -0  0.00000001  1
            RUNEEUR  5  BINANCE_SPOT  -3  -2  0.001  0.01
            """, StandardCharsets.US_ASCII);
        final InstrumentRegistry registry = SessionInstruments.of(session, file);
        assertEquals(7, registry.get("DOTUSDT").instrumentId(), "the file's ids");
        assertEquals(100_000, registry.get("DOTUSDT").filters().minNotional(), "10 at 10^-4");
        assertTrue(Backtest.run(config(session, "DOTUSDT").withInstruments(file), null).events() > 0);

        Files.writeString(file, "DOTUSDT  7  BINANCE_SPOT  -4  -2  0.0001  1\n", StandardCharsets.US_ASCII);
        final ImportException missing = assertThrows(ImportException.class, () -> SessionInstruments.of(session, file));
        assertEquals(file + ": symbol BLZETH is not in this instruments file", missing.getMessage());

        Files.writeString(file, "DOTUSDT  7  BINANCE_SPOT  -4  -2  0.0001  1\nBLZETH 3 BINANCE_SPOT -8 0 1 1 colour=red\n",
            StandardCharsets.US_ASCII);
        final ImportException malformed = assertThrows(ImportException.class, () -> SessionInstruments.of(session, file));
        assertEquals(2, malformed.line());
        assertTrue(malformed.getMessage().startsWith(file + ":2: unknown key 'colour'"), malformed.getMessage());

        final Path sample = Fixtures.binance("samples/http_spot_market_exchange_info.json");
        final ImportException notListed = assertThrows(ImportException.class, () -> SessionInstruments.of(session, sample));
        assertEquals(sample + ": symbol DOTUSDT is not in this exchangeInfo", notListed.getMessage());
    }

    @Test
    void readsTheExchangeInfoSavedBesideTheSession() throws IOException
    {
        final Path session = renamed("NKNUSDT", "DOTUSDT");
        final StringBuilder symbols = new StringBuilder();
        for (final String symbol : List.of("DOTUSDT", "BLZETH", "LRCBTC", "RUNEEUR"))
        {
            symbols.append(symbols.length() == 0 ? "" : ",").append("{\"symbol\":\"").append(symbol)
                .append("\",\"status\":\"TRADING\",\"baseAsset\":\"B\",\"quoteAsset\":\"Q\",\"filters\":[")
                .append("{\"filterType\":\"PRICE_FILTER\",\"minPrice\":\"0.00000001\",\"maxPrice\":\"1000.00000000\",")
                .append("\"tickSize\":\"0.00000001\"},{\"filterType\":\"LOT_SIZE\",\"minQty\":\"0.01000000\",")
                .append("\"maxQty\":\"90000000.00000000\",\"stepSize\":\"0.01000000\"}]}");
        }
        final Path saved = session.resolve(SessionInstruments.EXCHANGE_INFO_FILE);
        Files.writeString(saved, "{\"symbols\":[" + symbols + "]}", StandardCharsets.UTF_8);
        final InstrumentRegistry registry = SessionInstruments.of(session, null);
        assertEquals(-2, registry.get("DOTUSDT").sizeExponent());
        assertEquals("B", registry.get("DOTUSDT").baseAsset());
        final BacktestResult result = Backtest.run(config(session, "DOTUSDT"), null);
        assertTrue(result.events() > 0);
        assertEquals(saved.toString(), result.settings().get("instruments"));

        Files.writeString(saved, "{\"symbols\":[" + symbols + "]", StandardCharsets.UTF_8);
        final ImportException ex = assertThrows(ImportException.class, () -> SessionInstruments.of(session, null));
        assertTrue(ex.getMessage().startsWith(saved + ": line 1 column "), ex.getMessage());
    }

    @Test
    void theLiveRiskFileServesABacktestOfOtherSymbols() throws IOException
    {
        // config/risk.properties names BTCUSDT, ZILUSDT and DENTUSDT: a DOTUSDT session leaves those keys out
        final Path live = Fixtures.repoRoot().resolve("config/risk.properties");
        final Path session = renamed("NKNUSDT", "DOTUSDT");
        final BacktestResult result = Backtest.run(config(session, "DOTUSDT").withRiskConfig(live), null);
        assertTrue(result.events() > 0);

        final Path broken = dir.resolve("risk.properties");
        Files.writeString(broken, Files.readString(live) + "risk.global.max_open_orders = many\n");
        final io.ferrum.risk.RiskConfigException ex = assertThrows(io.ferrum.risk.RiskConfigException.class,
            () -> Backtest.run(config(session, "DOTUSDT").withRiskConfig(broken), null));
        final long lines = Files.readString(live).lines().count() + 1;
        assertTrue(ex.getMessage().contains(broken + ":" + lines), "the file's own line: " + ex.getMessage());
    }

    /** The NKNUSDT session with one symbol renamed everywhere (URLs, streams, frames). */
    private Path renamed(final String from, final String to) throws IOException
    {
        final Path session = Files.createDirectories(dir.resolve("session-" + to));
        for (final Path file : SessionInstruments.recordings(Fixtures.binance(NKN)))
        {
            Files.writeString(session.resolve(file.getFileName()), Files.readString(file, StandardCharsets.UTF_8)
                .replace(from, to).replace(from.toLowerCase(java.util.Locale.ROOT), to.toLowerCase(java.util.Locale.ROOT)),
                StandardCharsets.UTF_8);
        }
        return session;
    }

    private BacktestConfig config(final Path session, final String traded)
    {
        return new BacktestConfig(BacktestConfig.Source.SESSION, session, dir.resolve("store-" + traded + "-" +
            System.identityHashCode(session)), List.of(), LocalDate.of(1970, 1, 1), LocalDate.of(9999, 12, 31), 1, 0,
            500_000, 1_000_000, 1_000_000, 0, FeeSchedule.BINANCE_SPOT_BASE, 10_000_000_000_000L, 1_000_000_000L,
            new BacktestConfig.StrategyParameters(BacktestConfig.Strategy.BOTH, "1", 1, 5))
            .withSymbols(List.of(traded));
    }
}
