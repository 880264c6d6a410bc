package io.ferrum.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.BookSync;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.replay.ReplaySession;
import org.junit.jupiter.api.Test;

import java.nio.file.Path;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** Each recorded session, replayed by the simulator over loopback sockets into the client, ends on the oracle's books. */
class LoopbackReplayTest
{
    @Test
    void everySessionThroughRealSocketsEndsOnTheExpectedBooks() throws Exception
    {
        final JsonNode expected = Fixtures.expectedBooks();
        for (final Path file : Fixtures.replaySessions())
        {
            final ReplaySession session = ReplaySession.load(file);
            final JsonNode books = expected.get(session.name()).get("books");
            try (LoopbackFeed feed = new LoopbackFeed(session, 0, c -> c))
            {
                final boolean done = feed.await(client -> feed.instruments.stream().allMatch(i ->
                    client.feed().books().get(i).book().lastUpdateId() == books.get(i.symbol()).get("final_update_id").asLong()),
                    30_000);
                assertTrue(done, session.name() + " did not reach the final update ids; health " + feed.health);
                for (final Instrument instrument : feed.instruments)
                {
                    final JsonNode book = books.get(instrument.symbol());
                    final String where = session.name() + " " + instrument.symbol();
                    final BookSync sync = feed.read(client -> client.feed().books().get(instrument));
                    final LocalBook consumerBook = feed.read(client -> feed.consumer.book(instrument.instrumentId()));
                    assertEquals(book.get("final_best_bid").asText(), FixedPoint.format(consumerBook.bestBid(), -8), where);
                    assertEquals(book.get("final_best_ask").asText(), FixedPoint.format(consumerBook.bestAsk(), -8), where);
                    assertEquals(book.get("final_update_id").asLong(), consumerBook.lastUpdateId(), where);
                    assertEquals(0, (long)feed.read(client -> sync.gaps()), where);
                    assertEquals(0, (long)feed.read(client -> sync.crossings()), where);
                    assertFalse(consumerBook.isCrossed(), where);
                }
                assertEquals(0, feed.consumer.unchainedDeltas());
                assertEquals(0, feed.consumer.crossedBooks());
                assertEquals(0L, (long)feed.read(client -> client.feed().badInput().total()));
            }
        }
    }
}
