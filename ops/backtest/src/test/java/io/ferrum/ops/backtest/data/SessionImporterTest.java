package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.ops.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionImporterTest
{
    private static final String TEN_SYMBOLS = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    @TempDir
    Path dir;

    private static InstrumentRegistry registry() throws IOException
    {
        return InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
    }

    @Test
    void tenSymbolSessionStoresWhatTheGatewayPublishes() throws IOException
    {
        final Path file = Fixtures.binance(TEN_SYMBOLS);
        final EventStore store = new EventStore(dir);
        final SessionImporter importer = new SessionImporter(registry());
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            importer.importFile(file, out);
        }
        assertEquals(10, store.symbols().size());
        assertEquals(0, importer.dropped());

        // counted independently from the raw rows
        final List<String> lines = Files.readAllLines(file);
        final long aggTrades = lines.stream().filter(l -> l.contains("@aggTrade\"")).count();
        final long tickers = lines.stream().filter(l -> l.contains("@bookTicker\"")).count();

        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final BookSnapshotDecoder snapshot = new BookSnapshotDecoder();
        final Map<Integer, Long> byTemplate = new HashMap<>();
        final Map<Integer, Long> lastUpdateId = new HashMap<>();
        long previous = Long.MIN_VALUE;
        final LocalDate day = LocalDate.of(2021, 4, 5);
        try (EventSource source = store.open(store.symbols(), day.minusDays(1), day.plusDays(1)))
        {
            while (source.next())
            {
                assertTrue(source.timestampNs() >= previous, "merged stream is time ordered");
                previous = source.timestampNs();
                header.wrap(source.buffer(), source.offset());
                byTemplate.merge(header.templateId(), 1L, Long::sum);
                if (header.templateId() == BookSnapshotDecoder.TEMPLATE_ID)
                {
                    snapshot.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    assertEquals(null, lastUpdateId.put(snapshot.instrumentId(), snapshot.lastUpdateId()), "one snapshot");
                }
                else if (header.templateId() == BookDeltaDecoder.TEMPLATE_ID)
                {
                    delta.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    final Long before = lastUpdateId.get(delta.instrumentId());
                    assertTrue(before != null, "no delta before its symbol's snapshot");
                    assertTrue(delta.firstUpdateId() <= before + 1 && delta.lastUpdateId() > before, "deltas chain");
                    lastUpdateId.put(delta.instrumentId(), delta.lastUpdateId());
                }
            }
        }
        assertEquals(10, byTemplate.get(BookSnapshotDecoder.TEMPLATE_ID));
        assertEquals(aggTrades, byTemplate.get(AggTradeDecoder.TEMPLATE_ID));
        assertEquals(tickers, byTemplate.get(BestBidAskDecoder.TEMPLATE_ID));
        // the oracle: diffs applied after each snapshot, summed over the ten symbols
        assertEquals(appliedAfterSnapshots(), byTemplate.get(BookDeltaDecoder.TEMPLATE_ID));
    }

    private static long appliedAfterSnapshots() throws IOException
    {
        final com.fasterxml.jackson.databind.JsonNode books = new com.fasterxml.jackson.databind.ObjectMapper()
            .readTree(Fixtures.binance("expected-books.json").toFile()).path("spot_2021-04-05_10symbols").path("books");
        long sum = 0;
        for (final com.fasterxml.jackson.databind.JsonNode book : books)
        {
            sum += book.path("applied_after_snapshot").asLong();
        }
        return sum;
    }

    @Test
    void klineFramesAreDroppedByTheGatewayNotMisread() throws IOException
    {
        final SessionImporter importer = new SessionImporter(registry());
        try (EventStoreWriter out = new EventStoreWriter(new EventStore(dir), "session"))
        {
            importer.importFile(Fixtures.binance("spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv"), out);
        }
        assertTrue(importer.events() > 0);
        final long klines = Files.readAllLines(Fixtures.binance("spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv"))
            .stream().filter(l -> l.contains("@kline_1m\",")).count();
        assertEquals(klines, importer.dropped());
    }

    @Test
    void hostileFilesAreRefusedWithFileAndLine() throws IOException
    {
        final String header = "recv_epoch_s\tkind\turl\tpayload\n";
        final Map<String, String> hostile = Map.of(
            "no header", "1.0\tws\t\t{}\n",
            "bad kind", header + "1.0\tweird\t\t{}\n",
            "three columns", header + "1.0\tws\t{}\n",
            "bad time", header + "x\tws\t\t{}\n",
            "no snapshot", header + "1.0\tws\t\t{\"stream\":\"btcusdt@aggTrade\",\"data\":{}}\n",
            "unknown symbol", header + "1.0\trest\thttps://x/api/v3/depth?symbol=NOPEUSDT&limit=1000\t{}\n");
        for (final Map.Entry<String, String> bad : hostile.entrySet())
        {
            final Path file = dir.resolve("bad.replay.tsv");
            Files.writeString(file, bad.getValue());
            final ImportException ex = assertThrows(ImportException.class, () ->
            {
                try (EventStoreWriter out = new EventStoreWriter(new EventStore(dir.resolve("out")), "session"))
                {
                    new SessionImporter(registry()).importFile(file, out);
                }
            }, bad.getKey());
            assertTrue(ex.getMessage().startsWith(file.toString()), ex.getMessage());
        }
    }

    @Test
    void malformedFramesAndSnapshotsAreDroppedByTheGatewayWithoutBreakingTheBook() throws IOException
    {
        final String header = "recv_epoch_s\tkind\turl\tpayload\n";
        final String diff = "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1617580800000," +
            "\"s\":\"BTCUSDT\",\"U\":%d,\"u\":%d,\"b\":[[\"100.00000000\",\"%s\"]],\"a\":[[\"101.00000000\",\"1.00000000\"]]}}";
        final String rest = "https://x/api/v3/depth?symbol=BTCUSDT&limit=1000";
        final String text = header +
            "1617580800.0\tws\t\t" + String.format(diff, 10, 11, "1.00000000") + "\n" +
            "1617580800.1\trest\t" + rest + "\t{\"lastUpdateId\":\"x\"}\n" +
            "1617580800.2\tws\t\t{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"s\":\"BTCUSDT\"\n" +
            "1617580800.3\trest\t" + rest + "\t{\"lastUpdateId\":10,\"bids\":[[\"99.00000000\",\"2.00000000\"]]," +
            "\"asks\":[[\"102.00000000\",\"1.00000000\"]]}\n" +
            "1617580800.4\tws\t\t" + String.format(diff, 12, 12, "1x") + "\n" +
            "1617580800.5\tws\t\t" + String.format(diff, 12, 13, "3.00000000") + "\n";
        final Path file = dir.resolve("hostile.replay.tsv");
        Files.writeString(file, text);
        final EventStore store = new EventStore(dir.resolve("out"));
        final SessionImporter importer = new SessionImporter(registry());
        try (EventStoreWriter out = new EventStoreWriter(store, "session"))
        {
            importer.importFile(file, out);
        }
        assertEquals(2, importer.dropped(), "the truncated frame and the bad number");
        final MessageHeaderDecoder h = new MessageHeaderDecoder();
        final StringBuilder kinds = new StringBuilder();
        try (EventSource source = store.open(store.symbols(), LocalDate.of(2021, 4, 4), LocalDate.of(2021, 4, 6)))
        {
            while (source.next())
            {
                h.wrap(source.buffer(), source.offset());
                kinds.append(h.templateId() == BookSnapshotDecoder.TEMPLATE_ID ? "S" :
                    h.templateId() == BookDeltaDecoder.TEMPLATE_ID ? "D" : "");
            }
        }
        assertEquals("SDD", kinds.toString(), "snapshot, the buffered diff 10..11, then 12..13");
    }
}
