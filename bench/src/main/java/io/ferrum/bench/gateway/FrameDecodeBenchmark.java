package io.ferrum.bench.gateway;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.gateway.SlotArrayPublisher;
import io.ferrum.gateway.binance.BadInputCounters;
import io.ferrum.gateway.binance.DecodeResult;
import io.ferrum.gateway.binance.DepthUpdateSink;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.binance.InstrumentTable;
import io.ferrum.gateway.binance.SourceSequence;
import io.ferrum.gateway.binance.SpotFrameDecoder;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;
import org.openjdk.jmh.infra.Blackhole;

import java.io.IOException;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.util.List;

/**
 * One real Binance spot frame per kind, decoded by the gateway's in-place decoder into an
 * SBE ring slot, and by Jackson into a tree and then objects with BigDecimal prices (the
 * usual way), in the same run. Run with {@code -prof gc}: the gateway's {@code gc.alloc.rate.norm}
 * must be 0 B/op for every kind. Depth diffs are measured up to the book sync's door (a
 * sink that accepts them), as the sync's own cost depends on the book.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(java.util.concurrent.TimeUnit.NANOSECONDS)
@Warmup(iterations = 3, time = 1)
@Measurement(iterations = 5, time = 1)
@Fork(value = 1, jvmArgsAppend = "--add-exports=java.base/jdk.internal.misc=ALL-UNNAMED")
@State(Scope.Thread)
public class FrameDecodeBenchmark
{
    /** Frame kinds, each a real captured frame from the shared fixtures. */
    @Param({"trade", "aggTrade", "bookTicker", "depthUpdate", "24hrTicker"})
    public String kind;

    private UnsafeBuffer frame;
    private byte[] bytes;
    private SpotFrameDecoder decoder;
    private SlotArrayPublisher ring;
    private final ObjectMapper mapper = new ObjectMapper();

    /** What a Jackson-based decoder typically builds per frame. */
    public record Event(String type, String symbol, long eventTime, long id, BigDecimal price, BigDecimal quantity,
        BigDecimal bidPrice, BigDecimal askPrice, List<BigDecimal[]> bids, List<BigDecimal[]> asks)
    {
    }

    @Setup
    public void setup() throws IOException
    {
        final String text = switch (kind)
        {
            case "trade" -> mapper.readTree(Files.readString(binance("samples/ws_spot_trade.json"))).toString();
            case "aggTrade" -> firstFrame("@aggTrade");
            case "bookTicker" -> firstFrame("@bookTicker");
            case "depthUpdate" -> firstFrame("@depth@100ms");
            case "24hrTicker" -> sample("ticker::spot");
            default -> throw new IllegalArgumentException(kind);
        };
        bytes = text.getBytes(StandardCharsets.US_ASCII);
        frame = new UnsafeBuffer(bytes);
        final String symbol = mapper.readTree(text).get("data").get("s").asText();
        ring = new SlotArrayPublisher(1024, 64 * 1024);
        decoder = new SpotFrameDecoder(new InstrumentTable(List.of(new Instrument(symbol, 1))), ring, new AcceptingSink(),
            new SourceSequence(1), new BadInputCounters(1), Venue.BINANCE_SPOT, 1024 * 1024);
        if (decoder.onFrame(frame, 0, bytes.length, 1) != DecodeResult.OK)
        {
            throw new IllegalStateException(kind + " frame refused: " + text);
        }
    }

    @Benchmark
    public int ferrumInPlace()
    {
        final int result = decoder.onFrame(frame, 0, bytes.length, 1);
        ring.drain((buffer, offset, length) -> {});
        return result;
    }

    @Benchmark
    public void jacksonObjects(final Blackhole blackhole) throws IOException
    {
        final JsonNode data = mapper.readTree(bytes).get("data");
        blackhole.consume(new Event(
            data.path("e").asText("bookTicker"),
            data.get("s").asText(),
            data.path("E").asLong(),
            data.has("t") ? data.get("t").asLong() : data.has("u") ? data.get("u").asLong() : data.path("a").asLong(),
            decimal(data, data.has("c") ? "c" : "p"),
            decimal(data, "q"),
            data.path("b").isTextual() ? new BigDecimal(data.get("b").asText()) : null,
            data.path("a").isTextual() ? new BigDecimal(data.get("a").asText()) : null,
            levels(data.get("b")),
            levels(data.get("a"))));
    }

    private static BigDecimal decimal(final JsonNode data, final String key)
    {
        final JsonNode node = data.get(key);
        return node != null && node.isTextual() ? new BigDecimal(node.asText()) : null;
    }

    private static List<BigDecimal[]> levels(final JsonNode array)
    {
        if (array == null || !array.isArray())
        {
            return List.of();
        }
        final java.util.ArrayList<BigDecimal[]> levels = new java.util.ArrayList<>(array.size());
        for (final JsonNode level : array)
        {
            levels.add(new BigDecimal[]{new BigDecimal(level.get(0).asText()), new BigDecimal(level.get(1).asText())});
        }
        return levels;
    }

    private String firstFrame(final String streamSuffix) throws IOException
    {
        try (var lines = Files.lines(binance("spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.frames.jsonl")))
        {
            return lines.filter(line -> line.contains(streamSuffix + "\"")).findFirst().orElseThrow();
        }
    }

    private String sample(final String test) throws IOException
    {
        for (final String line : Files.readAllLines(binance("samples/binance_spot_real_samples.jsonl")))
        {
            final JsonNode node = mapper.readTree(line);
            if (node.get("test").asText().equals(test) && !node.get("frame").asText().contains("@arr"))
            {
                return node.get("frame").asText();
            }
        }
        throw new IllegalStateException("no sample " + test);
    }

    /** shared/ beside the repository (walking up), else $FERRUM_SHARED_DIR, else /work/shared. */
    private static Path binance(final String relative)
    {
        for (Path dir = Paths.get("").toAbsolutePath(); dir != null; dir = dir.getParent())
        {
            if (Files.isDirectory(dir.resolve("shared/fixtures")))
            {
                return dir.resolve("shared/fixtures/binance").resolve(relative);
            }
        }
        final String env = System.getenv("FERRUM_SHARED_DIR");
        return Paths.get(env != null ? env : "/work/shared").resolve("fixtures/binance").resolve(relative);
    }

    /** Stands at the book sync's door: takes every diff. */
    private static final class AcceptingSink implements DepthUpdateSink
    {
        public int onDepthUpdate(
            final Instrument instrument, final DirectBuffer bookDelta, final int length, final long firstUpdateId, final long lastUpdateId)
        {
            return DecodeResult.OK;
        }

        public void onServerShutdown(final long eventTimeNs)
        {
        }
    }
}
