package io.ferrum.gateway.sim;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.binance.sbe.DepthDiffStreamEventDecoder;
import io.ferrum.codecs.binance.sbe.MessageHeaderDecoder;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.replay.ReplaySession;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.WebSocket;
import java.nio.ByteBuffer;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded sessions served over a real loopback WebSocket: venue times on the replay
 * clock (near now, in recorded order, spaced by the speed), every other byte as recorded;
 * with {@code originalTimes}, the recording itself.
 */
class VenueTimesTest
{
    private static final ObjectMapper JSON = new ObjectMapper();
    /** Each session served in about a second and a half. */
    private static final double SECONDS = 1.5;

    @Test
    void servesVenueTimesOnTheReplayClockAndEveryOtherByteAsRecorded() throws Exception
    {
        for (final Path file : Fixtures.replaySessions())
        {
            final ReplaySession session = ReplaySession.load(file);
            final List<ReplaySession.Entry> recorded = frames(session);
            final double speed = (recorded.get(recorded.size() - 1).receiveTimeNanos() -
                recorded.get(0).receiveTimeNanos()) / 1e9 / SECONDS;
            final long beforeMs = System.currentTimeMillis();
            final List<String> served = serve(session, speed, false, "/stream?streams=" + streams(session), recorded.size());
            final long afterMs = System.currentTimeMillis();

            long anchorRecorded = -1;
            long anchorServed = -1;
            final Map<String, Long> lastServedE = new HashMap<>();
            for (int i = 0; i < recorded.size(); i++)
            {
                final String where = session.name() + " frame " + i;
                final String payload = recorded.get(i).payload();
                final JsonNode want = JSON.readTree(payload).get("data");
                final JsonNode got = JSON.readTree(served.get(i)).get("data");
                String restored = served.get(i);
                for (final String[] field : timeFields(want))
                {
                    final long recordedMs = at(want, field).asLong();
                    final long servedMs = at(got, field).asLong();
                    if (anchorRecorded < 0)
                    {
                        anchorRecorded = recordedMs;
                        anchorServed = servedMs;
                    }
                    final double expected = anchorServed + (recordedMs - anchorRecorded) / speed;
                    assertTrue(Math.abs(servedMs - expected) <= 1.0,
                        where + " " + String.join(".", field) + ": " + servedMs + " not " + expected + " on the replay clock");
                    assertTrue(!field[0].equals("E") || servedMs >= beforeMs - 1_000 && servedMs <= afterMs + 1_000,
                        where + ": E " + servedMs + " not near now " + beforeMs + ".." + afterMs);
                    final String key = "\"" + field[field.length - 1] + "\":";
                    restored = restored.replace(key + servedMs, key + recordedMs);
                }
                assertEquals(payload, restored, where + " differs from the recording beyond its venue times");
                if (want.has("E"))
                {
                    final String stream = JSON.readTree(payload).get("stream").asText();
                    final Long previous = lastServedE.put(stream, got.get("E").asLong());
                    assertTrue(previous == null || previous <= got.get("E").asLong(), where + ": E went back in " + stream);
                }
            }
            assertTrue(anchorRecorded > 0, session.name() + " has venue times");
            assertTrue(anchorServed - anchorRecorded > 365L * 24 * 3600 * 1000, "the times moved from the recording's");
        }
    }

    @Test
    void originalTimesServeTheRecordingByteForByte() throws Exception
    {
        for (final Path file : Fixtures.replaySessions())
        {
            final ReplaySession session = ReplaySession.load(file);
            final List<ReplaySession.Entry> recorded = frames(session);
            final List<String> served = serve(session, 0, true, "/stream?streams=" + streams(session), recorded.size());
            for (int i = 0; i < recorded.size(); i++)
            {
                assertEquals(recorded.get(i).payload(), served.get(i), session.name() + " frame " + i);
            }
        }
    }

    @Test
    void singleStreamConnectionGetsTheEventWithItsKlineTimesMoved() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(
            "spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv"));
        final List<String> klines = new ArrayList<>();
        for (final ReplaySession.Entry entry : frames(session))
        {
            if (entry.payload().startsWith("{\"stream\":\"nknusdt@kline_1m\""))
            {
                klines.add(entry.payload());
            }
        }
        assertTrue(klines.size() > 0, "the session has klines");
        final List<String> served = serve(session, 0, false, "/ws/nknusdt@kline_1m", klines.size());
        for (int i = 0; i < klines.size(); i++)
        {
            final JsonNode want = JSON.readTree(klines.get(i)).get("data");
            final JsonNode got = JSON.readTree(served.get(i));
            assertEquals("kline", got.get("e").asText());
            assertNotEquals(want.get("E").asLong(), got.get("E").asLong());
            // at speed 0 the recorded spacing holds: a 1m kline stays a minute wide, its times move with E
            final long moved = got.get("E").asLong() - want.get("E").asLong();
            assertEquals(want.get("k").get("t").asLong() + moved, got.get("k").get("t").asLong(), "k.t");
            assertEquals(want.get("k").get("T").asLong() + moved, got.get("k").get("T").asLong(), "k.T");
            final String data = klines.get(i).substring(klines.get(i).indexOf("\"data\":") + 7, klines.get(i).length() - 1);
            assertEquals(data, served.get(i)
                .replace("\"E\":" + got.get("E").asLong(), "\"E\":" + want.get("E").asLong())
                .replace("\"t\":" + got.get("k").get("t").asLong(), "\"t\":" + want.get("k").get("t").asLong())
                .replace("\"T\":" + got.get("k").get("T").asLong(), "\"T\":" + want.get("k").get("T").asLong()));
        }
    }

    @Test
    void sbeDepthDiffsCarryTheServedEventTimeInMicroseconds() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.binance(
            "spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv"));
        final List<JsonNode> diffs = new ArrayList<>();
        for (final ReplaySession.Entry entry : frames(session))
        {
            if (entry.payload().startsWith("{\"stream\":\"nknusdt@depth@100ms\""))
            {
                diffs.add(JSON.readTree(entry.payload()).get("data"));
            }
        }
        for (final boolean originalTimes : new boolean[]{false, true})
        {
            final long beforeUs = System.currentTimeMillis() * 1000;
            final List<byte[]> served = serveBinary(session, originalTimes, "/stream?streams=nknusdt@depth", diffs.size());
            final long afterUs = System.currentTimeMillis() * 1000;
            final DepthDiffStreamEventDecoder decoder = new DepthDiffStreamEventDecoder();
            long moved = Long.MIN_VALUE;
            for (int i = 0; i < diffs.size(); i++)
            {
                decoder.wrapAndApplyHeader(new UnsafeBuffer(served.get(i)), 0, new MessageHeaderDecoder());
                assertEquals(diffs.get(i).get("U").asLong(), decoder.firstBookUpdateId(), "frame " + i);
                final long recordedUs = diffs.get(i).get("E").asLong() * 1000;
                if (originalTimes)
                {
                    assertEquals(recordedUs, decoder.eventTime(), "frame " + i);
                    continue;
                }
                if (moved == Long.MIN_VALUE)
                {
                    moved = decoder.eventTime() - recordedUs;
                    assertTrue(decoder.eventTime() >= beforeUs - 1_000_000 && decoder.eventTime() <= afterUs + 1_000_000,
                        "first eventTime near now: " + decoder.eventTime());
                }
                // speed 0: the recorded spacing, from the replay start
                assertEquals(moved, decoder.eventTime() - recordedUs, "frame " + i);
            }
        }
    }

    /** The time fields of a recorded event, as paths: E always, T of aggTrade, t and T of a kline's k. */
    private static List<String[]> timeFields(final JsonNode event)
    {
        final List<String[]> fields = new ArrayList<>();
        if (!event.has("e"))
        {
            return fields;
        }
        fields.add(new String[]{"E"});
        switch (event.get("e").asText())
        {
            case "aggTrade", "trade" -> fields.add(new String[]{"T"});
            case "kline" ->
            {
                fields.add(new String[]{"k", "t"});
                fields.add(new String[]{"k", "T"});
            }
            case "depthUpdate" ->
            {
            }
            default -> throw new AssertionError("an event the test does not know: " + event.get("e"));
        }
        return fields;
    }

    private static JsonNode at(final JsonNode event, final String[] path)
    {
        JsonNode node = event;
        for (final String key : path)
        {
            node = node.get(key);
        }
        return node;
    }

    private static List<ReplaySession.Entry> frames(final ReplaySession session)
    {
        return session.entries().stream().filter(e -> e.kind() == ReplaySession.Kind.WS).toList();
    }

    /** The streams of the recorded connection, as its URL named them. */
    private static String streams(final ReplaySession session)
    {
        final ReplaySession.Entry connect = session.entries().stream()
            .filter(e -> e.kind() == ReplaySession.Kind.CONNECT).findFirst().orElseThrow();
        return ReplaySession.queryParameter(connect.url(), "streams");
    }

    /** The text frames a fresh simulator sends one client, until {@code count} came. */
    private static List<String> serve(
        final ReplaySession session, final double speed, final boolean originalTimes, final String path, final int count)
        throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.launch(
            new VenueSimulator.Context().session(session).speed(speed).originalTimes(originalTimes)))
        {
            final List<String> frames = new CopyOnWriteArrayList<>();
            final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder()
                .buildAsync(URI.create(simulator.wsUrl() + path), new Collector(frames)).get(10, TimeUnit.SECONDS);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (frames.size() < count && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(20);
            }
            socket.abort();
            assertEquals(count, frames.size(), session.name() + ": frames served");
            return frames;
        }
    }

    /** The binary frames a fresh SBE simulator (speed 0) sends one client, until {@code count} came. */
    private static List<byte[]> serveBinary(
        final ReplaySession session, final boolean originalTimes, final String path, final int count) throws Exception
    {
        try (VenueSimulator simulator = VenueSimulator.launch(
            new VenueSimulator.Context().session(session).speed(0).sbe(true).originalTimes(originalTimes)))
        {
            final List<byte[]> frames = new CopyOnWriteArrayList<>();
            final WebSocket socket = HttpClient.newHttpClient().newWebSocketBuilder().header("X-MBX-APIKEY", "test")
                .buildAsync(URI.create(simulator.wsUrl() + path), new WebSocket.Listener()
                {
                    private final java.io.ByteArrayOutputStream partial = new java.io.ByteArrayOutputStream();

                    public CompletionStage<?> onBinary(final WebSocket webSocket, final ByteBuffer data, final boolean last)
                    {
                        final byte[] bytes = new byte[data.remaining()];
                        data.get(bytes);
                        partial.writeBytes(bytes);
                        if (last)
                        {
                            frames.add(partial.toByteArray());
                            partial.reset();
                        }
                        webSocket.request(1);
                        return null;
                    }
                }).get(10, TimeUnit.SECONDS);
            final long deadlineNs = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            while (frames.size() < count && System.nanoTime() < deadlineNs)
            {
                Thread.sleep(20);
            }
            socket.abort();
            assertEquals(count, frames.size(), session.name() + ": binary frames served");
            return frames;
        }
    }

    /** Gathers whole text messages (the JDK client may hand one over in parts). */
    private static final class Collector implements WebSocket.Listener
    {
        private final List<String> frames;
        private final StringBuilder partial = new StringBuilder();

        Collector(final List<String> frames)
        {
            this.frames = frames;
        }

        public CompletionStage<?> onText(final WebSocket webSocket, final CharSequence data, final boolean last)
        {
            partial.append(data);
            if (last)
            {
                frames.add(partial.toString());
                partial.setLength(0);
            }
            webSocket.request(1);
            return null;
        }
    }
}
