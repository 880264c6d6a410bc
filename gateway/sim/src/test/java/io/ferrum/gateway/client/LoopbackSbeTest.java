package io.ferrum.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.VenueSimulator;
import org.junit.jupiter.api.Test;

import java.util.List;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** The recorded session served as Binance's SBE endpoint would send it, over loopback, with the API key from the environment. */
class LoopbackSbeTest
{
    @Test
    void binarySbeStreamsEndOnTheExpectedBooks() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(0));
        final JsonNode expected = Fixtures.expectedBooks().get(session.name()).get("books");
        try (LoopbackFeed feed = new LoopbackFeed(session, 0, new VenueSimulator.Context().sbe(true), c -> c
            .streamKinds(List.of("depth", "bestBidAsk"))
            .apiKeyEnv("FERRUM_TEST_API_KEY")))
        {
            assertTrue(feed.await(client -> feed.instruments.stream().allMatch(i ->
                client.feed().books().get(i).book().lastUpdateId() == expected.get(i.symbol()).get("final_update_id").asLong()),
                30_000), feed.health.toString());
            for (final Instrument instrument : feed.instruments)
            {
                final JsonNode book = expected.get(instrument.symbol());
                final LocalBook consumerBook = feed.read(client -> feed.consumer.book(instrument.instrumentId()));
                assertEquals(book.get("final_best_bid").asText(), FixedPoint.format(consumerBook.bestBid(), -8));
                assertEquals(book.get("final_best_ask").asText(), FixedPoint.format(consumerBook.bestAsk(), -8));
                assertFalse(consumerBook.isCrossed());
            }
            assertEquals(0, feed.consumer.unchainedDeltas());
            assertEquals(5408L, (long)feed.read(client -> feed.published[io.ferrum.codecs.sbe.BestBidAskDecoder.TEMPLATE_ID]));
            assertEquals(0L, (long)feed.read(client -> client.feed().badInput().total()));
        }
    }

    @Test
    void withoutAnApiKeyTheEndpointRefusesTheConnection() throws Exception
    {
        final ReplaySession session = ReplaySession.load(Fixtures.replaySessions().get(1));
        try (LoopbackFeed feed = new LoopbackFeed(session, 0, new VenueSimulator.Context().sbe(true), c -> c
            .streamKinds(List.of("depth", "bestBidAsk"))))
        {
            assertTrue(feed.await(client -> feed.health.contains("*:DISCONNECTED"), 10_000), feed.health.toString());
            assertEquals(0L, (long)feed.read(MarketDataClient::connects));
        }
    }
}
