package io.ferrum.ops.analytics;

import io.ferrum.ops.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import com.fasterxml.jackson.databind.node.ObjectNode;
import org.junit.jupiter.api.Test;

import java.math.BigDecimal;
import java.math.MathContext;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The venue's 24 h ticker section and its difference to our tape, from the real
 * ethusdt@ticker frame in the fixtures' samples; the tape holds the one trade that the
 * ticker itself reports as the last (price c, quantity Q, at E).
 */
class VenueTickerTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();

    @Test
    void venueStatsAreReportedAsSentAndComparedWithTheTape() throws Exception
    {
        String tickerFrame = null;
        for (final String line : Files.readAllLines(Fixtures.binance("samples/binance_spot_real_samples.jsonl")))
        {
            final JsonNode sample = MAPPER.readTree(line);
            if ("ticker::spot".equals(sample.path("test").asText()) &&
                sample.path("frame").asText().contains("ethusdt@ticker"))
            {
                tickerFrame = sample.path("frame").asText();
            }
        }
        assertTrue(null != tickerFrame, "the samples hold an ethusdt@ticker frame");
        final JsonNode t = MAPPER.readTree(tickerFrame).path("data");

        final ObjectNode trade = MAPPER.createObjectNode();
        trade.put("stream", "ethusdt@aggTrade");
        final ObjectNode d = trade.putObject("data");
        d.put("e", "aggTrade").put("E", t.path("E").asLong()).put("s", "ETHUSDT").put("a", 1)
            .put("p", t.path("c").asText()).put("q", t.path("Q").asText())
            .put("f", t.path("L").asLong()).put("l", t.path("L").asLong()).put("T", t.path("E").asLong()).put("m", false);

        final Path file = Files.createTempFile("ticker", ".frames.jsonl");
        try
        {
            Files.write(file, List.of(tickerFrame, MAPPER.writeValueAsString(trade)));
            final ManualClock clock = new ManualClock();
            clock.update(t.path("E").asLong() * 1_000_000L + 300_000_000L);
            final AnalyticsConsumer consumer = new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(clock));
            new RecordedSession().replay(file, consumer::onMessage);
            consumer.publishAll();
            final JsonNode stats = ReportSchema.assertValid(consumer.cache().report("ETHUSDT")).path("payload").path("stats_24h");

            final JsonNode venue = stats.path("venue");
            assertEquals(t.path("o").asText(), venue.path("open").asText());
            assertEquals(t.path("h").asText(), venue.path("high").asText());
            assertEquals(t.path("l").asText(), venue.path("low").asText());
            assertEquals(t.path("c").asText(), venue.path("last").asText());
            assertEquals(t.path("p").asText(), venue.path("change").asText());
            assertEquals(t.path("P").asText(), venue.path("change_pct").asText());
            assertEquals(t.path("v").asText(), venue.path("volume").asText());
            assertEquals(new BigDecimal(t.path("q").asText()), new BigDecimal(venue.path("quote_volume").asText()));
            assertEquals(t.path("n").asLong(), venue.path("trade_count").asLong());
            assertEquals(t.path("w").asText(), venue.path("vwap").asText());

            final JsonNode diff = stats.path("difference");
            final BigDecimal vwap = new BigDecimal(t.path("w").asText());
            final BigDecimal last = new BigDecimal(t.path("c").asText());
            assertEquals(0, BigDecimal.ZERO.compareTo(new BigDecimal(diff.path("last").asText())));
            assertEquals(0, new BigDecimal(t.path("Q").asText()).subtract(new BigDecimal(t.path("v").asText()))
                .compareTo(new BigDecimal(diff.path("volume").asText())));
            assertEquals(1 - t.path("n").asLong(), diff.path("trade_count").asLong());
            assertEquals(last.subtract(vwap).doubleValue(), diff.path("vwap").asDouble(), 1e-6);
            assertEquals(last.subtract(vwap).divide(vwap, MathContext.DECIMAL64).doubleValue() * 10_000,
                diff.path("vwap_bps").asDouble(), 1e-6);
            assertEquals(false, stats.path("tape").path("covers_24h").asBoolean());
        }
        finally
        {
            Files.deleteIfExists(file);
        }
    }
}
