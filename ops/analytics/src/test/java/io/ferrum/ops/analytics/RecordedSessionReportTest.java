package io.ferrum.ops.analytics;

import io.ferrum.ops.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

import java.io.IOException;
import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Builds reports from the real recorded Binance sessions and checks them against figures
 * this test computes on its own from the raw frames (BigDecimal books and tapes, nothing
 * shared with the code under test) and against the fixtures' independent oracle of final
 * books (expected-books.json).
 */
class RecordedSessionReportTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @ParameterizedTest
    @ValueSource(strings = {
        "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv",
        "spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv"})
    void reportsMatchIndependentFiguresFromTheRawFrames(final String sessionFile) throws IOException
    {
        final Path session = Fixtures.binance(sessionFile);
        final Oracle oracle = Oracle.read(session);
        final ManualClock clock = new ManualClock();
        final AnalyticsConsumer consumer = new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(clock));
        final RecordedSession reader = new RecordedSession();
        reader.replay(session, consumer::onMessage);
        assertEquals(0, consumer.malformedMessages());

        // Half a second after the last venue event: every in-sync symbol must be healthy.
        clock.update(oracle.lastEventNs + 500_000_000L);
        consumer.publishAll();

        final JsonNode expectedBooks = MAPPER.readTree(Fixtures.binance("expected-books.json").toFile())
            .path(session.getFileName().toString().replace(".replay.tsv", "")).path("books");
        assertFalse(expectedBooks.isEmpty(), "oracle has books for " + sessionFile);

        for (final Map.Entry<String, JsonNode> e : iterable(expectedBooks))
        {
            final String symbol = e.getKey();
            final JsonNode expected = e.getValue();
            final String json = consumer.cache().report(symbol);
            assertNotNull(json, "report for " + symbol);
            final JsonNode report = ReportSchema.assertValid(json);
            final JsonNode p = report.path("payload");
            assertEquals(symbol, report.path("symbol").asText());
            assertEquals("binance_spot", report.path("venue").asText());
            assertEquals("market_report", report.path("type").asText());
            assertEquals("1.0.0", p.path("report_version").asText());

            // Book: the oracle's final update id and touch, and our own independent book.
            final IndependentBook book = oracle.books.get(symbol);
            assertEquals(expected.path("final_update_id").asLong(), p.path("last_update_id").asLong(), symbol);
            assertEquals(book.lastUpdateId, p.path("last_update_id").asLong(), symbol);
            assertEquals("book", p.path("l1").path("source").asText(), symbol);
            assertEquals(expected.path("final_best_bid").asText(), p.path("l1").path("bid").asText(), symbol);
            assertEquals(expected.path("final_best_ask").asText(), p.path("l1").path("ask").asText(), symbol);
            assertEquals(plain(book.bids.firstEntry().getValue()), strip(p.path("l1").path("bid_size").asText()), symbol);
            assertEquals(plain(book.asks.firstEntry().getValue()), strip(p.path("l1").path("ask_size").asText()), symbol);
            final BigDecimal bid = book.bids.firstKey();
            final BigDecimal ask = book.asks.firstKey();
            final BigDecimal mid = bid.add(ask).divide(BigDecimal.valueOf(2));
            assertEquals(0, mid.compareTo(new BigDecimal(p.path("l1").path("mid").asText())), symbol);
            assertEquals(ask.subtract(bid).divide(mid, MathContext.DECIMAL64).doubleValue() * 10_000,
                p.path("l1").path("spread_bps").asDouble(), 1e-9, symbol);
            assertEquals(0, p.path("anomalies").path("crossed_book").path("crossed_events").asLong(), symbol);
            assertEquals(expected.path("crossed_after_apply").asLong(),
                p.path("anomalies").path("crossed_book").path("crossed_events").asLong(), symbol);

            // Depth within each band, from the independent book.
            for (final JsonNode band : p.path("depth").path("bands"))
            {
                final int bps = band.path("bps").asInt();
                final BigDecimal lower = mid.multiply(BigDecimal.valueOf(10_000 - bps)).divide(BigDecimal.valueOf(10_000));
                final BigDecimal upper = mid.multiply(BigDecimal.valueOf(10_000 + bps)).divide(BigDecimal.valueOf(10_000));
                BigDecimal bidQty = BigDecimal.ZERO;
                BigDecimal bidNotional = BigDecimal.ZERO;
                for (final Map.Entry<BigDecimal, BigDecimal> level : book.bids.entrySet())
                {
                    if (level.getKey().compareTo(lower) >= 0)
                    {
                        bidQty = bidQty.add(level.getValue());
                        bidNotional = bidNotional.add(level.getKey().multiply(level.getValue()));
                    }
                }
                BigDecimal askQty = BigDecimal.ZERO;
                for (final Map.Entry<BigDecimal, BigDecimal> level : book.asks.entrySet())
                {
                    if (level.getKey().compareTo(upper) <= 0)
                    {
                        askQty = askQty.add(level.getValue());
                    }
                }
                assertEquals(plain(bidQty), strip(band.path("bid_quantity").asText()), symbol + " " + bps);
                assertEquals(plain(askQty), strip(band.path("ask_quantity").asText()), symbol + " " + bps);
                assertEquals(bidNotional.doubleValue(), band.path("bid_notional").asDouble(), 1e-9 * bidNotional.doubleValue() + 1e-9);
            }

            // Slippage to buy 10k quote units, walking the independent asks.
            final double buy10k = independentBuySlippageBps(book, mid, new BigDecimal(10_000));
            final JsonNode reported = p.path("liquidity").path("slippage").path(0).path("buy_bps");
            if (Double.isNaN(buy10k))
            {
                assertTrue(reported.isNull(), symbol);
            }
            else
            {
                assertEquals(buy10k, reported.asDouble(), 1e-6, symbol);
            }

            // Tape: volume, count and buy/sell split from the raw aggTrades.
            final IndependentTape tape = oracle.tapes.get(symbol);
            final JsonNode tapeJson = p.path("stats_24h").path("tape");
            if (null == tape)
            {
                assertTrue(tapeJson.isNull(), symbol);
                continue;
            }
            assertEquals(plain(tape.volume), strip(tapeJson.path("volume").asText()), symbol);
            assertEquals(tape.tradeCount, tapeJson.path("trade_count").asLong(), symbol);
            assertEquals(plain(tape.high), strip(tapeJson.path("high").asText()), symbol);
            assertEquals(plain(tape.low), strip(tapeJson.path("low").asText()), symbol);
            assertEquals(plain(tape.last), strip(tapeJson.path("last").asText()), symbol);
            assertEquals(plain(tape.first), strip(tapeJson.path("open").asText()), symbol);
            assertEquals(tape.quoteVolume.divide(tape.volume, MathContext.DECIMAL64).doubleValue(),
                tapeJson.path("vwap").asDouble(), 1e-9 * tapeJson.path("vwap").asDouble(), symbol);
            final JsonNode hour = p.path("flows").path("windows").path(2);
            assertEquals("1h", hour.path("window").asText());
            assertEquals(plain(tape.buyVolume), strip(hour.path("buy_volume").asText()), symbol);
            assertEquals(plain(tape.sellVolume), strip(hour.path("sell_volume").asText()), symbol);
            final JsonNode minute = p.path("flows").path("windows").path(0);
            assertEquals(tape.lastMinuteCount, minute.path("trade_count").asLong(), symbol);
            assertEquals(tape.lastMinuteCount / 60.0, minute.path("trade_rate_per_s").asDouble(), 1e-12, symbol);

            final long ageMs = (oracle.lastEventNs + 500_000_000L - oracle.lastEventBySymbol.get(symbol)) / 1_000_000L;
            assertEquals(ageMs, p.path("health").path("data_age_ms").asLong(), symbol);
            assertEquals(ageMs <= 1000 ? "healthy" : ageMs <= 10_000 ? "degraded" : "down",
                p.path("health").path("status").asText(), symbol);
        }
    }

    private static double independentBuySlippageBps(final IndependentBook book, final BigDecimal mid, final BigDecimal notional)
    {
        BigDecimal remaining = notional;
        BigDecimal quantity = BigDecimal.ZERO;
        for (final Map.Entry<BigDecimal, BigDecimal> level : book.asks.entrySet())
        {
            final BigDecimal levelNotional = level.getKey().multiply(level.getValue());
            if (levelNotional.compareTo(remaining) >= 0)
            {
                quantity = quantity.add(remaining.divide(level.getKey(), MathContext.DECIMAL128));
                remaining = BigDecimal.ZERO;
                break;
            }
            quantity = quantity.add(level.getValue());
            remaining = remaining.subtract(levelNotional);
        }
        if (remaining.signum() > 0)
        {
            return Double.NaN;
        }
        final BigDecimal average = notional.divide(quantity, MathContext.DECIMAL128);
        return average.subtract(mid).divide(mid, MathContext.DECIMAL128).doubleValue() * 10_000;
    }

    private static String plain(final BigDecimal value)
    {
        return value.stripTrailingZeros().toPlainString();
    }

    private static String strip(final String decimal)
    {
        return new BigDecimal(decimal).stripTrailingZeros().toPlainString();
    }

    private static Iterable<Map.Entry<String, JsonNode>> iterable(final JsonNode node)
    {
        final List<Map.Entry<String, JsonNode>> entries = new ArrayList<>();
        node.fields().forEachRemaining(entries::add);
        return entries;
    }

    /** A book kept by Binance's procedure straight from the JSON, in BigDecimal. */
    static final class IndependentBook
    {
        final TreeMap<BigDecimal, BigDecimal> bids = new TreeMap<>(Comparator.reverseOrder());
        final TreeMap<BigDecimal, BigDecimal> asks = new TreeMap<>();
        final List<JsonNode> buffered = new ArrayList<>();
        long lastUpdateId = -1;

        void diff(final JsonNode d)
        {
            if (lastUpdateId < 0)
            {
                buffered.add(d);
                return;
            }
            if (d.path("u").asLong() <= lastUpdateId)
            {
                return;
            }
            assertTrue(d.path("U").asLong() <= lastUpdateId + 1, "the fixture has no gap");
            levels(bids, d.path("b"));
            levels(asks, d.path("a"));
            lastUpdateId = d.path("u").asLong();
        }

        void snapshot(final JsonNode s)
        {
            bids.clear();
            asks.clear();
            levels(bids, s.path("bids"));
            levels(asks, s.path("asks"));
            lastUpdateId = s.path("lastUpdateId").asLong();
            for (final JsonNode d : buffered)
            {
                diff(d);
            }
            buffered.clear();
        }

        private static void levels(final TreeMap<BigDecimal, BigDecimal> side, final JsonNode levels)
        {
            for (final JsonNode level : levels)
            {
                final BigDecimal price = new BigDecimal(level.path(0).asText());
                final BigDecimal qty = new BigDecimal(level.path(1).asText());
                if (qty.signum() == 0)
                {
                    side.remove(price);
                }
                else
                {
                    side.put(price, qty);
                }
            }
        }
    }

    /** Aggregate trades summed straight from the JSON. */
    static final class IndependentTape
    {
        BigDecimal volume = BigDecimal.ZERO;
        BigDecimal quoteVolume = BigDecimal.ZERO;
        BigDecimal buyVolume = BigDecimal.ZERO;
        BigDecimal sellVolume = BigDecimal.ZERO;
        BigDecimal first;
        BigDecimal last;
        BigDecimal high;
        BigDecimal low;
        long tradeCount;
        long lastMinuteCount;
        final List<long[]> timesAndCounts = new ArrayList<>();
    }

    static final class Oracle
    {
        final Map<String, IndependentBook> books = new HashMap<>();
        final Map<String, IndependentTape> tapes = new HashMap<>();
        final Map<String, Long> lastEventBySymbol = new HashMap<>();
        long lastEventNs;

        static Oracle read(final Path tsv) throws IOException
        {
            final Oracle o = new Oracle();
            final List<String> lines = Files.readAllLines(tsv, StandardCharsets.UTF_8);
            for (final String line : lines.subList(1, lines.size()))
            {
                final String[] cols = line.split("\t", 4);
                if ("rest".equals(cols[1]))
                {
                    final String symbol = cols[2].replaceAll(".*symbol=([A-Z0-9]+).*", "$1");
                    o.books.computeIfAbsent(symbol, k -> new IndependentBook()).snapshot(MAPPER.readTree(cols[3]));
                    final long eventNs = (long)(Double.parseDouble(cols[0]) * 1e9);
                    o.lastEventNs = Math.max(o.lastEventNs, eventNs);
                    o.lastEventBySymbol.merge(symbol, eventNs, Math::max);
                }
                else if ("ws".equals(cols[1]))
                {
                    final JsonNode frame = MAPPER.readTree(cols[3]);
                    final String stream = frame.path("stream").asText();
                    final JsonNode d = frame.path("data");
                    final String symbol = d.path("s").asText();
                    final long eventNs = d.has("E") ? d.path("E").asLong() * 1_000_000L : (long)(Double.parseDouble(cols[0]) * 1e9);
                    o.lastEventNs = Math.max(o.lastEventNs, eventNs);
                    o.lastEventBySymbol.merge(symbol, eventNs, Math::max);
                    if (stream.contains("@depth"))
                    {
                        o.books.computeIfAbsent(symbol, k -> new IndependentBook()).diff(d);
                    }
                    else if (stream.endsWith("@aggTrade"))
                    {
                        final IndependentTape t = o.tapes.computeIfAbsent(symbol, k -> new IndependentTape());
                        final BigDecimal price = new BigDecimal(d.path("p").asText());
                        final BigDecimal qty = new BigDecimal(d.path("q").asText());
                        t.volume = t.volume.add(qty);
                        t.quoteVolume = t.quoteVolume.add(price.multiply(qty));
                        if (d.path("m").asBoolean())
                        {
                            t.sellVolume = t.sellVolume.add(qty);
                        }
                        else
                        {
                            t.buyVolume = t.buyVolume.add(qty);
                        }
                        final long count = d.path("l").asLong() - d.path("f").asLong() + 1;
                        t.tradeCount += count;
                        t.first = null == t.first ? price : t.first;
                        t.last = price;
                        t.high = null == t.high || price.compareTo(t.high) > 0 ? price : t.high;
                        t.low = null == t.low || price.compareTo(t.low) < 0 ? price : t.low;
                        t.timesAndCounts.add(new long[]{d.path("T").asLong(), count});
                    }
                }
            }
            for (final IndependentTape t : o.tapes.values())
            {
                long lastSecond = Long.MIN_VALUE;
                for (final long[] tc : t.timesAndCounts)
                {
                    lastSecond = Math.max(lastSecond, Math.floorDiv(tc[0], 1000L));
                }
                for (final long[] tc : t.timesAndCounts)
                {
                    if (Math.floorDiv(tc[0], 1000L) > lastSecond - 60)
                    {
                        t.lastMinuteCount += tc[1];
                    }
                }
            }
            return o;
        }
    }
}
