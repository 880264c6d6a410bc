package io.ferrum.ops.cli;

import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BacktestCommandTest
{
    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    private int run(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("backtest"));
        all.addAll(List.of(args));
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void isRegistered()
    {
        assertTrue(Main.commands().containsKey("backtest"));
    }

    @Test
    void usageErrors()
    {
        assertEquals(ExitCodes.USAGE, run());
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--session", dir.toString()));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--seed"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--seed", "x"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--from", "2023-13-01"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--from", "2023-02-01", "--to", "2023-01-01"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--taker-fee-bps", "1.234"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--bogus"));
        // a directory that does not exist is no input (66), not a usage error
        assertEquals(ExitCodes.NO_INPUT, run("--data", dir.resolve("missing").toString(), "--from", "2023-01-01"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--journal", dir.toString()));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--instruments", dir.toString()));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--sweep", "strategy.mm.halfSpreadTicks=1,2"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--balances", "USDT"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--balances", "USDT=1,USDT=2"));
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--balances", "USDT=-1"));
        err.reset();
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--balances", "DOGE=1", "--events-per-day", "100",
            "--from", "2023-01-01", "--to", "2023-01-01", "--out", dir.resolve("doge").toString()));
        assertTrue(err.toString().contains("--balances: balance of DOGE: no instrument has that asset"), err.toString());
    }

    @Test
    void aSessionsInstrumentsFileThatIsMissingOrLacksASymbolIsRefused() throws IOException
    {
        final String session = Fixtures.binance("spot-2021-10-12-nknusdt").toString();
        assertEquals(ExitCodes.NO_INPUT, run("--session", session, "--instruments", dir.resolve("none.json").toString(),
            "--out", dir.resolve("out").toString()));
        final Path sample = Fixtures.binance("samples/http_spot_market_exchange_info.json");
        assertEquals(ExitCodes.DATA, run("--session", session, "--instruments", sample.toString(),
            "--out", dir.resolve("out").toString()));
        assertTrue(err.toString().contains(sample + ": symbol NKNUSDT is not in this exchangeInfo"), err.toString());
    }

    @Test
    void riskConfigErrorsAreConfigErrorsNamingTheProblem() throws IOException
    {
        assertEquals(ExitCodes.USAGE, run("--synthetic", "--risk-config"));
        assertEquals(ExitCodes.CONFIG, run("--synthetic", "--from", "2023-05-01", "--to", "2023-05-01",
            "--events-per-day", "1000", "--risk-config", dir.resolve("missing.properties").toString(),
            "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("missing.properties"), err.toString());
        final Path bad = Files.writeString(dir.resolve("bad.properties"), "risk.global.max_order_notional = -5\n");
        err.reset();
        assertEquals(ExitCodes.CONFIG, run("--synthetic", "--from", "2023-05-01", "--to", "2023-05-01",
            "--events-per-day", "1000", "--risk-config", bad.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("max_order_notional"), err.toString());
    }

    @Test
    void syntheticRunWritesResultReportAndSummaryLine() throws IOException
    {
        final Path outDir = dir.resolve("out");
        assertEquals(0, run("--synthetic", "--from", "2023-05-01", "--to", "2023-05-01", "--events-per-day", "20000",
            "--spread-ticks", "2", "--threshold-bps", "5", "--sample-seconds", "60", "--out", outDir.toString()), err.toString());
        final String summary = out.toString(StandardCharsets.UTF_8).trim();
        assertTrue(summary.startsWith("{\"events\":") && summary.endsWith("}"), summary);
        JsonSchemas.assertValid("backtest_summary", summary);
        assertTrue(Files.readString(outDir.resolve("result.json")).startsWith("{\"schema\":\"ferrum.backtest_result/4\""));
        assertTrue(Files.readString(outDir.resolve("report.html")).contains("<svg"));
    }

    @Test
    void recordedSessionRuns() throws IOException
    {
        assertEquals(0, run("--session", Fixtures.binance("spot-2021-10-12-nknusdt").toString(),
            "--out", dir.resolve("s").toString()), err.toString());
        // what the gateway publishes, from the oracle: per symbol a snapshot, SYNCING and IN_SYNC, the diffs
        // applied after the snapshot; and every quote and aggTrade frame
        final com.fasterxml.jackson.databind.JsonNode session = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Fixtures.binance("expected-books.json").toFile()).path("spot_2021-10-12_nknusdt_etc");
        long expected = session.path("counts_by_stream_type").path("bookTicker").asLong() +
            session.path("counts_by_stream_type").path("aggTrade").asLong();
        for (final com.fasterxml.jackson.databind.JsonNode book : session.path("books"))
        {
            expected += 3 + book.path("applied_after_snapshot").asLong();
        }
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"events\":" + expected + ","), out.toString());
    }

    @Test
    void hostileDataIsADataErrorNamingFileAndLine() throws IOException
    {
        final Path data = Files.createDirectories(dir.resolve("data"));
        Files.writeString(data.resolve("BTCUSDT-trades-2023-01-02.csv"),
            "1,100.0,1.0,100.0,1672617600000,true,true\n2,abc,1.0,100.0,1672617600001,true,true\n");
        assertEquals(ExitCodes.DATA, run("--data", data.toString(), "--from", "2023-01-01", "--to", "2023-01-31",
            "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("BTCUSDT-trades-2023-01-02.csv:2: column 2 (price) 'abc'"), err.toString());
    }

    @Test
    void dataIsImportedOnceThenReplayedFromTheStore() throws IOException
    {
        final Path data = Files.createDirectories(dir.resolve("data"));
        Files.copy(Fixtures.binance("historical/binance-btcusdt-trades.csv"), data.resolve("binance-btcusdt-trades.csv"));
        Files.copy(Fixtures.binance("historical/binance-btcusdt-quotes.csv"), data.resolve("binance-btcusdt-quotes.csv"));
        final String[] args = {"--data", data.toString(), "--from", "2021-01-08", "--to", "2021-01-08",
            "--sample-seconds", "1", "--out", dir.resolve("o").toString()};
        assertEquals(0, run(args), err.toString());
        assertTrue(err.toString().contains("imported"));
        final String first = out.toString(StandardCharsets.UTF_8);
        assertTrue(first.contains("\"events\":2452"), first);
        err.reset();
        out.reset();
        assertEquals(0, run(args), err.toString());
        assertTrue(!err.toString().contains("imported"), "second run reads the store only: " + err);
        assertTrue(out.toString(StandardCharsets.UTF_8).contains("\"events\":2452"));
    }
}
