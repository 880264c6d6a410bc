package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.ops.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.LocalDate;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class BinanceCsvImporterTest
{
    private static final LocalDate DAY = LocalDate.of(2021, 1, 8);
    private static final Path FIXTURE_TRADES = Fixtures.binance("historical/binance-btcusdt-trades.csv");
    private static final Path FIXTURE_QUOTES = Fixtures.binance("historical/binance-btcusdt-quotes.csv");

    @TempDir
    Path dir;

    private EventStore importAll(final Path... files)
    {
        final EventStore store = new EventStore(dir.resolve("store"));
        final BinanceCsvImporter importer = new BinanceCsvImporter(DAY, DAY);
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            for (final Path file : files)
            {
                importer.importFile(file, out);
            }
        }
        return store;
    }

    private static List<long[]> trades(final EventStore store)
    {
        final List<long[]> trades = new ArrayList<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final TradeDecoder trade = new TradeDecoder();
        try (EventSource source = store.open(List.of("BTCUSDT"), DAY, DAY))
        {
            while (source.next())
            {
                header.wrap(source.buffer(), source.offset());
                assertEquals(TradeDecoder.TEMPLATE_ID, header.templateId());
                trade.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                assertEquals(source.timestampNs(), trade.tradeTimeNs());
                trades.add(new long[]{trade.tradeId(), trade.price(), trade.quantity(), trade.tradeTimeNs(),
                    trade.aggressor() == Side.BUY ? 1 : 2, trade.instrumentId()});
            }
        }
        return trades;
    }

    /** The fixture's real rows, rewritten in Binance's dump layout (time in ms or µs). */
    private Path asBinanceDump(final String name, final boolean header, final boolean micros) throws IOException
    {
        final List<String> lines = Files.readAllLines(FIXTURE_TRADES);
        final StringBuilder sb = new StringBuilder();
        if (header)
        {
            sb.append("id,price,qty,quote_qty,time,is_buyer_maker,is_best_match\n");
        }
        for (final String line : lines.subList(1, lines.size()))
        {
            final String[] f = line.split(",");
            final Instant t = Instant.parse(f[0]);
            final long time = micros ? t.getEpochSecond() * 1_000_000 + t.getNano() / 1000 : t.toEpochMilli();
            sb.append(f[1]).append(',').append(f[2]).append(',').append(f[3]).append(",0,").append(time).append(',')
                .append(f[4].toLowerCase()).append(",true\r\n");
        }
        final Path file = dir.resolve(name);
        Files.writeString(file, sb);
        return file;
    }

    private Path zip(final Path csv) throws IOException
    {
        final Path zip = dir.resolve(csv.getFileName().toString().replace(".csv", ".zip"));
        try (OutputStream os = Files.newOutputStream(zip); ZipOutputStream out = new ZipOutputStream(os))
        {
            out.putNextEntry(new ZipEntry(csv.getFileName().toString()));
            out.write(Files.readAllBytes(csv));
            out.closeEntry();
        }
        return zip;
    }

    @Test
    void importsTheRealTradeRows()
    {
        final List<long[]> trades = trades(importAll(FIXTURE_TRADES));

        assertEquals(2001, trades.size());
        final long[] first = trades.get(0);
        assertEquals(553287559L, first[0]);
        assertEquals(3_943_248_000_000L, first[1], "39432.48 at 10^-8");
        assertEquals(26_300L, first[2], "0.000263 at 10^-8");
        assertEquals(Instant.parse("2021-01-08T00:00:00.278Z").toEpochMilli() * 1_000_000L, first[3]);
        assertEquals(2, first[4], "buyer was maker: the taker sold");
        assertEquals(1, first[5], "BTCUSDT is instrument 1");
        assertEquals(1, trades.get(1)[4]);
        assertEquals(553289559L, trades.get(2000)[0]);
    }

    @Test
    void importsTheRealQuotes()
    {
        final EventStore store = importAll(FIXTURE_QUOTES);
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BestBidAskDecoder quote = new BestBidAskDecoder();
        int count = 0;
        try (EventSource source = store.open(List.of("BTCUSDT"), DAY, DAY))
        {
            while (source.next())
            {
                quote.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                if (count++ == 0)
                {
                    assertEquals(3_943_299_000_000L, quote.bidPrice());
                    assertEquals(310_000L, quote.bidQuantity());
                    assertEquals(3_943_362_000_000L, quote.askPrice());
                    assertEquals(6_685_100L, quote.askQuantity());
                }
                assertTrue(quote.bidPrice() <= quote.askPrice());
            }
        }
        assertEquals(451, count);
    }

    @Test
    void binanceDumpLayoutsAllGiveTheSameEvents() throws IOException
    {
        final List<long[]> expected = trades(importAll(FIXTURE_TRADES));
        for (final boolean header : new boolean[]{false, true})
        {
            for (final boolean micros : new boolean[]{false, true})
            {
                for (final boolean zipped : new boolean[]{false, true})
                {
                    final Path csv = asBinanceDump("BTCUSDT-trades-2021-01-08.csv", header, micros);
                    final Path file = zipped ? zip(csv) : csv;
                    final String label = "header " + header + ", micros " + micros + ", zipped " + zipped;
                    final List<long[]> actual = trades(importAll(file));
                    assertEquals(expected.size(), actual.size(), label);
                    for (int i = 0; i < expected.size(); i++)
                    {
                        final long[] e = expected.get(i).clone();
                        final long[] a = actual.get(i);
                        if (!micros)
                        {
                            e[3] = e[3] / 1_000_000 * 1_000_000;
                        }
                        assertArrayEquals(e, a, label + " row " + i);
                    }
                }
            }
        }
    }

    @Test
    void aggTradesAndKlinesImport() throws IOException
    {
        final Path agg = dir.resolve("ETHUSDT-aggTrades-2021-01-08.csv");
        Files.writeString(agg, "1,1200.5,0.5,10,12,1610064000000,true,true\n2,1200.6,0.25,13,13,1610064000100,false,true\n");
        final Path klines = dir.resolve("ETHUSDT-1m-2021-01-08.csv");
        Files.writeString(klines, "1610064000000,100.0,110.0,95.0,105.0,8.0,1610064059999,0,1,0,0,0\n" +
            "1610064060000,105.0,105.0,105.0,105.0,0,1610064119999,0,0,0,0,0\n");
        final EventStore store = new EventStore(dir.resolve("store"));
        final BinanceCsvImporter importer = new BinanceCsvImporter(DAY, DAY);
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            importer.importFile(agg, out);
        }
        final EventStore barStore = new EventStore(dir.resolve("bars"));
        try (EventStoreWriter out = new EventStoreWriter(barStore, "test"))
        {
            importer.importFile(klines, out);
        }
        assertEquals(2 + 4, importer.events(), "two aggTrades, one rising bar as four trades, an empty bar as none");

        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final TradeDecoder trade = new TradeDecoder();
        final List<Long> prices = new ArrayList<>();
        long volume = 0;
        try (EventSource source = barStore.open(List.of("ETHUSDT"), DAY, DAY))
        {
            while (source.next())
            {
                trade.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                prices.add(trade.price() / 100_000_000L);
                volume += trade.quantity();
            }
        }
        assertEquals(List.of(100L, 95L, 110L, 105L), prices, "rising bar: open, low, high, close");
        assertEquals(800_000_000L, volume);
    }

    @Test
    void dateRangeFiltersFilesAndRows() throws IOException
    {
        Files.copy(asBinanceDump("BTCUSDT-trades-2021-01-08.csv", false, false), dir.resolve("sub-copy.csv"));
        final Path data = Files.createDirectories(dir.resolve("data"));
        Files.move(dir.resolve("BTCUSDT-trades-2021-01-08.csv"), data.resolve("BTCUSDT-trades-2021-01-08.csv"));
        Files.writeString(data.resolve("BTCUSDT-trades-2021-01-09.csv"), "1,1,1,1,1610150400000,true,true\n");
        Files.writeString(data.resolve("README.txt"), "not data");

        final BinanceCsvImporter importer = new BinanceCsvImporter(DAY, DAY);
        assertEquals(List.of(data.resolve("BTCUSDT-trades-2021-01-08.csv")), importer.filesIn(data));
        final BinanceCsvImporter nextDay = new BinanceCsvImporter(DAY.plusDays(1), DAY.plusDays(1));
        assertEquals(1, nextDay.filesIn(data).size());
        final EventStore store = new EventStore(dir.resolve("s"));
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            nextDay.importFile(data.resolve("BTCUSDT-trades-2021-01-08.csv"), out);
        }
        assertEquals(0, nextDay.events(), "every row of the 8th is outside the 9th");
    }

    private ImportException refused(final String name, final String content)
    {
        final Path file = dir.resolve(name);
        try
        {
            Files.writeString(file, content);
        }
        catch (final IOException ex)
        {
            throw new AssertionError(ex);
        }
        final ImportException ex = assertThrows(ImportException.class, () -> importAll(file));
        assertTrue(ex.getMessage().startsWith(file.toString()), ex.getMessage());
        return ex;
    }

    @Test
    void hostileRowsAreClearErrorsNamingFileAndLine()
    {
        final String good = "1,100.5,0.1,0,1610064000000,true,true\n";
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", good + good + "3,1e5,0.1,0,1610064000000,true,true\n")
            .getMessage().contains(":3: column 2 (price) '1e5'"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", good + "2,100.5,0.1,0,1610064000000,true\n")
            .getMessage().contains(":2: expected 7 columns, found 6"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", good + "2,100.5,-0.1,0,1610064000000,true,true\n")
            .getMessage().contains("negative"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", "id,qty,price,quote_qty,time,is_buyer_maker,is_best_match\n")
            .getMessage().contains(":1: header"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", good + "2,100.5,0.1,0,1610064000000,maybe,true\n")
            .getMessage().contains("not true or false"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", good + "2,100.5,0.1,0,99999999999999999,true,true\n")
            .getMessage().contains("neither in milliseconds nor in microseconds"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", good + "2,100.123456789,0.1,0,1610064000000,true,true\n")
            .getMessage().contains(":2: column 2"));
        assertTrue(refused("BTCUSDT-trades-2021-01-08.csv", "1,100.5,0.1,0,1610064001000,true,true\n2,100.5,0.1,0,1610064000000,true,true\n")
            .getMessage().contains(":2: "), "time going backwards");
        assertTrue(refused("BTCUSDT-1m-2021-01-08.csv", "1610064000000,100,90,95,105,1,1610064059999,0,1,0,0,0\n")
            .getMessage().contains("inconsistent"));
        assertTrue(refused("whatever.csv", good).getMessage().contains("unknown file name"));
        assertFalse(Files.exists(dir.resolve("store/BTCUSDT/test/2021-01-08.fev")), "a refused import leaves no partial day");
    }

    @Test
    void truncatedZipIsAClearError() throws IOException
    {
        final Path zip = zip(asBinanceDump("BTCUSDT-trades-2021-01-08.csv", false, false));
        final byte[] bytes = Files.readAllBytes(zip);
        Files.write(zip, Arrays.copyOf(bytes, bytes.length / 2));
        final ImportException ex = assertThrows(ImportException.class, () -> importAll(zip));
        assertTrue(ex.getMessage().startsWith(zip.toString()), ex.getMessage());
        assertTrue(ex.getMessage().contains("truncated or corrupt zip"), ex.getMessage());

        final Path empty = dir.resolve("BTCUSDT-trades-2021-01-07.zip");
        try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(empty)))
        {
            out.putNextEntry(new ZipEntry("readme.txt"));
            out.write("x".getBytes(StandardCharsets.US_ASCII));
        }
        assertTrue(assertThrows(ImportException.class, () -> importAll(empty)).getMessage().contains("no .csv"));
    }
}
