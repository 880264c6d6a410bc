package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.ops.analytics.Fixtures;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.LocalDate;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.stream.Stream;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SessionImporterTest
{
    @TempDir
    Path dir;

    private static Path frames(final String session) throws IOException
    {
        try (Stream<Path> files = Files.list(Fixtures.binance(session)))
        {
            return files.filter(p -> p.toString().endsWith(".frames.jsonl")).findFirst().orElseThrow();
        }
    }

    @Test
    void tenSymbolSessionImportsEveryFrameInTimeOrder() throws IOException
    {
        final Path file = frames("spot-2021-04-05-10symbols");
        final EventStore store = new EventStore(dir);
        final SessionImporter importer = new SessionImporter();
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            importer.importFile(file, out);
        }
        assertEquals(11357, importer.events());
        assertEquals(0, importer.skipped());
        assertEquals(10, store.symbols().size());

        // count by kind, independently, from the raw lines
        final List<String> lines = Files.readAllLines(file);
        final long aggTrades = lines.stream().filter(l -> l.contains("@aggTrade\"")).count();
        final long tickers = lines.stream().filter(l -> l.contains("@bookTicker\"")).count();
        final long depth = lines.stream().filter(l -> l.contains("@depth")).count();

        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final BookDeltaDecoder delta = new BookDeltaDecoder();
        final Map<Integer, Long> byTemplate = new HashMap<>();
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
                if (header.templateId() == BookDeltaDecoder.TEMPLATE_ID)
                {
                    delta.wrapAndApplyHeader(source.buffer(), source.offset(), header);
                    assertTrue(delta.lastUpdateId() >= delta.firstUpdateId());
                }
            }
        }
        assertEquals(aggTrades, byTemplate.get(AggTradeDecoder.TEMPLATE_ID));
        assertEquals(tickers, byTemplate.get(BestBidAskDecoder.TEMPLATE_ID));
        assertEquals(depth, byTemplate.get(BookDeltaDecoder.TEMPLATE_ID));
    }

    @Test
    void klineFramesAreSkippedNotMisread() throws IOException
    {
        final SessionImporter importer = new SessionImporter();
        try (EventStoreWriter out = new EventStoreWriter(new EventStore(dir), "session"))
        {
            importer.importFile(frames("spot-2021-10-12-nknusdt"), out);
        }
        assertEquals(263, importer.events());
        assertEquals(2, importer.skipped());
    }

    @Test
    void hostileFramesNameFileAndLine() throws IOException
    {
        final String good = "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1617580800000," +
            "\"s\":\"BTCUSDT\",\"a\":1,\"p\":\"100.0\",\"q\":\"1\",\"f\":1,\"l\":1,\"T\":1617580800000,\"m\":true}}";
        final String[] hostile = {
            "{\"stream\":\"btcusdt@aggTrade\",\"data\":{\"s\":\"BTCUSDT\"",
            good.replace("\"100.0\"", "\"1x0\""),
            good.replace("\"m\":true", "\"m\":\"yes\""),
            good.replace("\"a\":1,", ""),
            "[1,2,3]",
            "{\"stream\":\"btcusdt@depth@100ms\",\"data\":{\"E\":1,\"s\":\"BTCUSDT\",\"U\":1,\"u\":2,\"b\":[[\"1\"]],\"a\":[]}}",
        };
        for (final String bad : hostile)
        {
            final Path file = dir.resolve("bad.frames.jsonl");
            Files.writeString(file, good + "\n" + bad + "\n");
            final ImportException ex = assertThrows(ImportException.class, () ->
            {
                try (EventStoreWriter out = new EventStoreWriter(new EventStore(dir.resolve("out")), "session"))
                {
                    new SessionImporter().importFile(file, out);
                }
            }, bad);
            assertTrue(ex.getMessage().startsWith(file + ":2: "), ex.getMessage());
        }
    }
}
