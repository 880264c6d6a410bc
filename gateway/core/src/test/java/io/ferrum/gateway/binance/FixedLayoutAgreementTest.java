package io.ferrum.gateway.binance;

import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.SlotArrayPublisher;
import io.ferrum.gateway.replay.ReplaySession;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.io.ByteArrayOutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.SplittableRandom;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The decoder's fixed-layout fast path against its generic path alone, frame by frame: every
 * recorded and sampled Binance frame, and hundreds of thousands of seeded mutations of one frame
 * of each kind (bytes replaced by JSON's structural characters, digits, signs, escapes; bytes
 * dropped or doubled; frames cut short). Both decoders must give the same result, count the same
 * bad input and publish the same bytes, so the fast path can only be faster, never different.
 */
class FixedLayoutAgreementTest
{
    private static final byte[] NASTY = "\"\\,:{}[]-+.0123456789eE tfn\u0001x".getBytes(StandardCharsets.ISO_8859_1);

    @Test
    void everyRecordedAndSampledFrameDecodesTheSameOnBothPaths() throws Exception
    {
        final List<String> frames = new ArrayList<>();
        final LinkedHashSet<String> symbols = new LinkedHashSet<>();
        for (final var file : Fixtures.replaySessions())
        {
            final ReplaySession session = ReplaySession.load(file);
            symbols.addAll(session.snapshotSymbols());
            for (final ReplaySession.Entry entry : session.entries())
            {
                if (entry.kind() == ReplaySession.Kind.WS)
                {
                    frames.add(entry.payload());
                }
            }
        }
        symbols.add("BTCUSDT");
        symbols.add("ETHUSDT");
        frames.addAll(Fixtures.sampleFrames("binance_spot_real_samples.jsonl"));
        frames.add(Files.readString(Fixtures.binance("samples/ws_spot_trade.json")));
        final Pair pair = new Pair(symbols.toArray(String[]::new));
        int fast = 0;
        for (final String frame : frames)
        {
            fast += pair.agree(frame.getBytes(StandardCharsets.UTF_8)) ? 1 : 0;
        }
        assertTrue(fast > frames.size() / 2, "most recorded frames take the fast path: " + fast + " of " + frames.size());
    }

    @Test
    void mutatedFramesOfEveryKindDecodeTheSameOnBothPaths()
    {
        final String[] seeds = {
            "{\"stream\":\"ethusdt@trade\",\"data\":{\"e\":\"trade\",\"E\":1639351062244,\"s\":\"ETHUSDT\",\"t\":705291099," +
                "\"p\":\"4149.74000000\",\"q\":\"0.43870000\",\"b\":7038593583,\"a\":7038593613,\"T\":1639351062243,\"m\":true,\"M\":true}}",
            "{\"e\":\"trade\",\"E\":1639351062244,\"s\":\"ETHUSDT\",\"t\":705291100,\"p\":\"4149.74000000\",\"q\":\"0.43870000\"," +
                "\"T\":1639351062243,\"m\":false,\"M\":true}",
            "{\"stream\":\"zilusdt@aggTrade\",\"data\":{\"e\":\"aggTrade\",\"E\":1617647603484,\"s\":\"ZILUSDT\",\"a\":18938405," +
                "\"p\":\"0.21448000\",\"q\":\"2062.90000000\",\"f\":23806928,\"l\":23806928,\"T\":1617647603483,\"m\":false,\"M\":true}}",
            "{\"stream\":\"zilusdt@bookTicker\",\"data\":{\"u\":499822861,\"s\":\"ZILUSDT\",\"b\":\"0.21437000\",\"B\":\"2800.00000000\"," +
                "\"a\":\"0.21449000\",\"A\":\"11400.00000000\"}}",
            "{\"stream\":\"zilusdt@depth@100ms\",\"data\":{\"e\":\"depthUpdate\",\"E\":1617647603472,\"s\":\"ZILUSDT\",\"U\":499822845," +
                "\"u\":499822867,\"b\":[[\"0.21437000\",\"2800.00000000\"],[\"0.21435000\",\"0.00000000\"]],\"a\":[[\"0.21449000\",\"1.5\"]]}}",
            "{\"stream\":\"ethusdt@ticker\",\"data\":{\"e\":\"24hrTicker\",\"E\":1653812650349,\"s\":\"ETHUSDT\",\"p\":\"-28.23000000\"," +
                "\"P\":\"1.600\",\"w\":\"1781.16275609\",\"x\":\"1764.61000000\",\"c\":\"1792.84000000\",\"Q\":\"0.55720000\"," +
                "\"b\":\"1792.83000000\",\"B\":\"1.62740000\",\"a\":\"1792.84000000\",\"A\":\"20.29140000\",\"o\":\"1764.61000000\"," +
                "\"h\":\"1808.98000000\",\"l\":\"1748.94000000\",\"v\":\"471703.53110000\",\"q\":\"840180761.51358100\"," +
                "\"O\":1653726250344,\"C\":1653812650344,\"F\":841094172,\"L\":841646650,\"n\":552479}}",
        };
        final SplittableRandom random = new SplittableRandom(18);
        int refused = 0;
        for (final String seed : seeds)
        {
            final Pair pair = new Pair("ETHUSDT", "ZILUSDT"); // fresh ids: a mutated id must not make the seed a duplicate
            final byte[] original = seed.getBytes(StandardCharsets.US_ASCII);
            assertTrue(pair.agree(original), "the seed takes the fast path: " + seed);
            for (int n = 0; n < 40_000; n++)
            {
                pair.agree(mutate(original, random));
            }
            refused += pair.refused;
        }
        assertTrue(refused > 10_000, "mutations were refused too: " + refused);
    }

    private static byte[] mutate(final byte[] original, final SplittableRandom random)
    {
        byte[] frame = original;
        for (int edits = 1 + random.nextInt(2); edits > 0; edits--)
        {
            final int at = random.nextInt(frame.length);
            final ByteArrayOutputStream out = new ByteArrayOutputStream(frame.length + 1);
            switch (random.nextInt(4))
            {
                case 0 -> // replace
                {
                    frame = frame.clone();
                    frame[at] = NASTY[random.nextInt(NASTY.length)];
                    continue;
                }
                case 1 -> // drop
                {
                    out.write(frame, 0, at);
                    out.write(frame, at + 1, frame.length - at - 1);
                }
                case 2 -> // double
                {
                    out.write(frame, 0, at + 1);
                    out.write(frame, at, frame.length - at);
                }
                default -> // cut short
                    out.write(frame, 0, at);
            }
            frame = out.toByteArray();
            if (frame.length == 0)
            {
                return frame;
            }
        }
        return frame;
    }

    /** The same frames through a decoder with the fast path and one without. */
    private static final class Pair
    {
        private final Side fast;
        private final Side generic;
        private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[64 * 1024]);
        int refused;

        Pair(final String... symbols)
        {
            fast = new Side(true, symbols);
            generic = new Side(false, symbols);
        }

        /** @return whether the fast path took the frame (it published without the generic path) */
        boolean agree(final byte[] frame)
        {
            buffer.putBytes(0, frame);
            final String text = new String(frame, StandardCharsets.ISO_8859_1);
            final int fastResult = fast.decoder.onFrame(buffer, 0, frame.length, 42);
            final int genericResult = generic.decoder.onFrame(buffer, 0, frame.length, 42);
            assertEquals(genericResult, fastResult, text);
            for (final BadInput kind : BadInput.values())
            {
                assertEquals(generic.bad.count(kind), fast.bad.count(kind), kind + ": " + text);
            }
            final byte[] fastOut = fast.drain();
            assertArrayEquals(generic.drain(), fastOut, text);
            assertEquals(generic.decoder.duplicates(), fast.decoder.duplicates(), text);
            refused += fastResult == DecodeResult.DROPPED ? 1 : 0;
            return fastResult == DecodeResult.OK && fastOut.length > 0;
        }
    }

    private static final class Side implements DepthUpdateSink
    {
        final BadInputCounters bad = new BadInputCounters(1);
        final SlotArrayPublisher ring = new SlotArrayPublisher(64, 64 * 1024);
        final SpotFrameDecoder decoder;
        final ByteArrayOutputStream published = new ByteArrayOutputStream();

        Side(final boolean fastPath, final String... symbols)
        {
            final List<Instrument> list = new ArrayList<>();
            for (int i = 0; i < symbols.length; i++)
            {
                list.add(new Instrument(symbols[i], i + 1));
            }
            decoder = new SpotFrameDecoder(new InstrumentTable(list), ring, this, new SourceSequence(3), bad,
                Venue.BINANCE_SPOT, 48 * 1024, fastPath);
        }

        byte[] drain()
        {
            ring.drain((buffer, offset, length) -> copy(buffer, offset, length));
            final byte[] bytes = published.toByteArray();
            published.reset();
            return bytes;
        }

        private void copy(final DirectBuffer buffer, final int offset, final int length)
        {
            final byte[] bytes = new byte[length];
            buffer.getBytes(offset, bytes);
            published.writeBytes(bytes);
        }

        public int onDepthUpdate(
            final Instrument instrument, final DirectBuffer bookDelta, final int length, final long firstUpdateId,
            final long lastUpdateId)
        {
            copy(bookDelta, 0, length);
            published.writeBytes(Arrays.copyOf(new byte[]{(byte)firstUpdateId, (byte)lastUpdateId}, 2));
            return DecodeResult.OK;
        }

        public void onServerShutdown(final long eventTimeNs)
        {
            published.writeBytes(("shutdown " + eventTimeNs).getBytes(StandardCharsets.US_ASCII));
        }
    }
}
