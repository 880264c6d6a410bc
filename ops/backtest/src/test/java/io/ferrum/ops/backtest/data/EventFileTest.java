package io.ferrum.ops.backtest.data;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Venue;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.ByteOrder;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EventFileTest
{
    @TempDir
    Path dir;

    private Path write(final String name, final long... times)
    {
        final Path file = dir.resolve(name);
        final MarketDataEncoder encoder = new MarketDataEncoder(InstrumentCatalog.binance("BTCUSDT"), Venue.BINANCE_SPOT);
        try (EventFileWriter writer = new EventFileWriter(file, "BTCUSDT"))
        {
            for (final long time : times)
            {
                encoder.trade(time, time, time, 100, 1, Side.BUY);
                writer.append(encoder.buffer(), 0, encoder.length(), time);
            }
        }
        return file;
    }

    @Test
    void roundTripsRecordsAndHeader()
    {
        final Path file = write("a.fev", 10, 20, 20, 30);
        try (EventFileReader reader = new EventFileReader(file))
        {
            assertEquals(4, reader.records());
            assertEquals(10, reader.firstTimeNs());
            assertEquals(30, reader.lastTimeNs());
            assertEquals("BTCUSDT", reader.symbol());
            final TradeDecoder trade = new TradeDecoder();
            final MessageHeaderDecoder header = new MessageHeaderDecoder();
            final List<Long> ids = new ArrayList<>();
            while (reader.next())
            {
                assertEquals(TradeDecoder.TEMPLATE_ID, reader.templateId());
                trade.wrapAndApplyHeader(reader.buffer(), reader.offset(), header);
                assertEquals(reader.timestampNs(), trade.tradeId());
                ids.add(trade.tradeId());
            }
            assertEquals(List.of(10L, 20L, 20L, 30L), ids);
            assertFalse(reader.next());
        }
    }

    @Test
    void readsRecordsAcrossChunksAndOneLongerThanAChunk()
    {
        // the reader reads the file a chunk at a time: records straddle chunk ends, and one does not fit a chunk
        final Path file = dir.resolve("chunks.fev");
        final MarketDataEncoder encoder = new MarketDataEncoder(InstrumentCatalog.binance("BTCUSDT"), Venue.BINANCE_SPOT);
        final int tradesPerSide = 3 * EventFileReader.CHUNK_LENGTH / 64;
        final int longLength = EventFileReader.CHUNK_LENGTH + 4_000;
        final org.agrona.concurrent.UnsafeBuffer longMessage = new org.agrona.concurrent.UnsafeBuffer(new byte[longLength]);
        new io.ferrum.codecs.sbe.MessageHeaderEncoder().wrap(longMessage, 0).templateId(TradeDecoder.TEMPLATE_ID);
        longMessage.putByte(longLength - 1, (byte)42);
        try (EventFileWriter writer = new EventFileWriter(file, "BTCUSDT"))
        {
            for (int i = 0; i < 2 * tradesPerSide; i++)
            {
                if (i == tradesPerSide)
                {
                    writer.append(longMessage, 0, longLength, i);
                }
                encoder.trade(i, i, i, 100, 1, Side.BUY);
                writer.append(encoder.buffer(), 0, encoder.length(), i);
            }
        }
        final TradeDecoder trade = new TradeDecoder();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        long expectedTradeId = 0;
        int longRecords = 0;
        try (EventFileReader reader = new EventFileReader(file, ByteBuffer.allocateDirect(EventFileReader.CHUNK_LENGTH)))
        {
            while (reader.next())
            {
                if (reader.length() == longLength)
                {
                    assertEquals(42, reader.buffer().getByte(reader.offset() + longLength - 1));
                    assertEquals(tradesPerSide, reader.timestampNs());
                    longRecords++;
                    continue;
                }
                trade.wrapAndApplyHeader(reader.buffer(), reader.offset(), header);
                assertEquals(expectedTradeId++, trade.tradeId());
                assertEquals(trade.tradeId(), reader.timestampNs());
            }
        }
        assertEquals(2L * tradesPerSide, expectedTradeId);
        assertEquals(1, longRecords);
    }

    @Test
    void mergeIsTimeOrderedAndStableOnTies()
    {
        final Path a = write("a.fev", 1, 5, 9);
        final Path b = write("b.fev", 1, 2, 9, 10);
        final List<Long> times = new ArrayList<>();
        try (EventSource merged = new MergedEventSource(
            new ConcatenatedEventSource(List.of(a)), new ConcatenatedEventSource(List.of(b))))
        {
            while (merged.next())
            {
                times.add(merged.timestampNs());
            }
        }
        assertEquals(List.of(1L, 1L, 2L, 5L, 9L, 9L, 10L), times);
    }

    @Test
    void writerRefusesTimeGoingBackwards()
    {
        assertThrows(IllegalArgumentException.class, () -> write("c.fev", 5, 4));
    }

    @Test
    void corruptFilesAreRefusedWithFileAndOffset() throws IOException
    {
        final Path good = write("good.fev", 1, 2, 3);
        final byte[] bytes = Files.readAllBytes(good);

        final Path truncated = dir.resolve("truncated.fev");
        Files.write(truncated, java.util.Arrays.copyOf(bytes, bytes.length - 8));
        assertTrue(assertThrows(EventFileException.class, () -> new EventFileReader(truncated))
            .getMessage().contains("truncated"));

        final Path notOurs = dir.resolve("text.fev");
        Files.writeString(notOurs, "x".repeat(100));
        assertTrue(assertThrows(EventFileException.class, () -> new EventFileReader(notOurs))
            .getMessage().contains("bad magic"));

        final Path tiny = dir.resolve("tiny.fev");
        Files.write(tiny, new byte[10]);
        assertThrows(EventFileException.class, () -> new EventFileReader(tiny));

        final Path badLength = dir.resolve("length.fev");
        Files.write(badLength, bytes);
        try (FileChannel channel = FileChannel.open(badLength, StandardOpenOption.WRITE))
        {
            channel.write(ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN).putInt(0, 1_000_000),
                EventFile.HEADER_LENGTH);
        }
        try (EventFileReader reader = new EventFileReader(badLength))
        {
            final EventFileException ex = assertThrows(EventFileException.class, reader::next);
            assertTrue(ex.getMessage().contains("length.fev at byte 64: bad record length"), ex.getMessage());
        }
    }

    @Test
    void storeSelectsDaysInRange()
    {
        final EventStore store = new EventStore(dir.resolve("store"));
        final MarketDataEncoder encoder = new MarketDataEncoder(InstrumentCatalog.binance("ETHUSDT"), Venue.SIMULATED);
        final long day = 86_400_000_000_000L;
        try (EventStoreWriter out = new EventStoreWriter(store, "test"))
        {
            for (int d = 0; d < 5; d++)
            {
                encoder.trade(d * day + 7, d * day + 7, d, 1, 1, Side.SELL);
                out.append("ETHUSDT", encoder.buffer(), 0, encoder.length(), d * day + 7);
            }
        }
        assertEquals(5, store.files("ETHUSDT", "test", java.time.LocalDate.EPOCH, java.time.LocalDate.EPOCH.plusDays(10)).size());
        assertEquals(List.of(store.file("ETHUSDT", "test", java.time.LocalDate.EPOCH.plusDays(1)),
                store.file("ETHUSDT", "test", java.time.LocalDate.EPOCH.plusDays(2))),
            store.files("ETHUSDT", "test", java.time.LocalDate.EPOCH.plusDays(1), java.time.LocalDate.EPOCH.plusDays(2)));
        assertEquals(List.of("ETHUSDT"), store.symbols());
    }
}
