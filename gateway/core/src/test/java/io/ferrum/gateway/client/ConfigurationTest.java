package io.ferrum.gateway.client;

import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.SlotArrayPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.replay.ReplaySession;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Configuration and input files are refused with a clear message when they are wrong. */
class ConfigurationTest
{
    @Test
    void refusesBadInstruments()
    {
        assertThrows(IllegalArgumentException.class, () -> new Instrument("", 1));
        assertThrows(IllegalArgumentException.class, () -> new Instrument("A_SYMBOL_TOO_LONG_", 1));
        assertThrows(IllegalArgumentException.class, () -> new Instrument("BTC USDT", 1));
        assertThrows(IllegalArgumentException.class, () -> new Instrument("BTCUSDT", 1, 1, -8));
        assertThrows(IllegalArgumentException.class, () -> new Instrument("BTCUSDT", 1, -8, -19));
        assertThrows(IllegalArgumentException.class,
            () -> new InstrumentTable(List.of(new Instrument("BTCUSDT", 1), new Instrument("ETHUSDT", 1))));
        assertThrows(IllegalArgumentException.class,
            () -> new InstrumentTable(List.of(new Instrument("BTCUSDT", 1), new Instrument("BTCUSDT", 2))));
    }

    @Test
    void looksFrameSymbolsUpInTheEngineRegistry() throws Exception
    {
        final InstrumentRegistry registry = InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
        final InstrumentTable table = InstrumentTable.of(registry);
        assertEquals(registry.size(), table.instruments().size());
        final UnsafeBuffer frame = new UnsafeBuffer("{\"s\":\"ZILUSDT\",\"s\":\"ZILUSD\"}".getBytes(StandardCharsets.US_ASCII));
        final Instrument zil = table.lookup(frame, 6, 7);
        assertEquals(registry.get("ZILUSDT").instrumentId(), zil.instrumentId());
        assertEquals(registry.get("ZILUSDT").priceExponent(), zil.priceExponent());
        assertEquals(registry.get("ZILUSDT"), zil.definition());
        assertNull(table.lookup(frame, 20, 6), "a prefix of a known symbol is not that symbol");
    }

    @Test
    void refusesBadClientContexts()
    {
        final List<Instrument> one = List.of(new Instrument("BTCUSDT", 1));
        final SlotArrayPublisher ring = new SlotArrayPublisher(4, 64 * 1024);
        assertThrows(NullPointerException.class, () -> MarketDataClient.connect(new MarketDataClient.Context()
            .restUri("http://127.0.0.1:1").instruments(one).publisher(ring)));
        assertThrows(IllegalArgumentException.class, () -> MarketDataClient.connect(context(one, ring).wsUri("http://127.0.0.1:1")));
        assertThrows(IllegalArgumentException.class, () -> MarketDataClient.connect(context(one, ring).restUri("ftp://127.0.0.1:1")));
        assertThrows(IllegalArgumentException.class, () -> MarketDataClient.connect(context(one, ring).depthLimit(5000)),
            "a 5000-level snapshot does not fit a 64 KiB slot");
        assertThrows(IllegalArgumentException.class, () -> MarketDataClient.connect(context(one, ring).depthLimit(0)));
        assertThrows(IllegalArgumentException.class, () -> MarketDataClient.connect(context(List.of(), ring)));
        final List<Instrument> many = new ArrayList<>();
        for (int i = 0; i < 342; i++)
        {
            many.add(new Instrument("S" + i, i + 1));
        }
        final IllegalArgumentException tooMany =
            assertThrows(IllegalArgumentException.class, () -> MarketDataClient.connect(context(many, ring).depthLimit(100)));
        assertTrue(tooMany.getMessage().contains("1026 streams"), tooMany.getMessage());
        assertThrows(IllegalArgumentException.class,
            () -> MarketDataClient.connect(context(one, ring).apiKeyEnv("FERRUM_TEST_SURELY_UNSET_VARIABLE")));
    }

    @Test
    void refusesMalformedReplayFiles(@TempDir final Path dir) throws Exception
    {
        final Path noHeader = Files.writeString(dir.resolve("a.replay.tsv"), "1.0\tws\t\t{}\n");
        assertThrows(IllegalArgumentException.class, () -> ReplaySession.load(noHeader));
        final String header = "recv_epoch_s\tkind\turl\tpayload\n";
        final Path badKind = Files.writeString(dir.resolve("b.replay.tsv"), header + "1.0\tftp\t\t{}\n");
        assertTrue(assertThrows(IllegalArgumentException.class, () -> ReplaySession.load(badKind)).getMessage().contains(":2:"));
        final Path badTime = Files.writeString(dir.resolve("c.replay.tsv"), header + "yesterday\tws\t\t{}\n");
        assertThrows(IllegalArgumentException.class, () -> ReplaySession.load(badTime));
        final Path columns = Files.writeString(dir.resolve("d.replay.tsv"), header + "1.0\tws\n");
        assertThrows(IllegalArgumentException.class, () -> ReplaySession.load(columns));
        final Path good = Files.writeString(dir.resolve("e.replay.tsv"), header + "1.5\tws\t\t{\"a\":1}\n");
        assertEquals(1_500_000_000L, ReplaySession.load(good).entries().get(0).receiveTimeNanos());
    }

    private static MarketDataClient.Context context(final List<Instrument> instruments, final SlotArrayPublisher ring)
    {
        return new MarketDataClient.Context().wsUri("ws://127.0.0.1:1").restUri("http://127.0.0.1:1")
            .instruments(instruments).publisher(ring);
    }
}
