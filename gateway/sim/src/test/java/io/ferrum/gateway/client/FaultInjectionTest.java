package io.ferrum.gateway.client;

import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.gateway.Fixtures;
import io.ferrum.gateway.binance.BadInput;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.replay.ReplaySession;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;

import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Faults injected by the simulator into a replay of the small recorded session at ten
 * times its speed: after each, the feed recovers by itself, the books resync and end on the
 * oracle's values, and the health events say what happened.
 */
class FaultInjectionTest
{
    private static final double SPEED = 10;
    private static ReplaySession session;
    private static JsonNode expected;

    @BeforeAll
    static void load() throws Exception
    {
        session = ReplaySession.load(Fixtures.replaySessions().get(1));
        expected = Fixtures.expectedBooks().get(session.name()).get("books");
    }

    @Test
    void recoversFromADisconnect() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.disconnectAll();
            assertTrue(feed.await(client -> client.connects() >= 2, 10_000), feed.health.toString());
            assertTrue(feed.sawHealth("*:DISCONNECTED"), feed.health.toString());
            assertEndsOnExpectedBooks(feed);
        }
    }

    /**
     * A venue that drops every connection as soon as it is open (the reconnect-storm case): the
     * client keeps trying, but never more often than its connection budget allows, and once the
     * venue behaves again it is connected.
     */
    @Test
    void aVenueDroppingEveryConnectionNeverGetsMoreAttemptsThanTheBudget() throws Exception
    {
        final int budget = 3;
        final long windowMs = 1_500;
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED,
            c -> c.connectBudget(budget, windowMs, TimeUnit.MILLISECONDS).reconnectBackoff(1, 5, TimeUnit.MILLISECONDS)))
        {
            awaitInSync(feed, "NKNUSDT");
            final long stormMs = 4_000;
            final long start = System.nanoTime();
            while (System.nanoTime() - start < TimeUnit.MILLISECONDS.toNanos(stormMs))
            {
                feed.simulator.disconnectAll();
                Thread.sleep(5);
            }
            final long connects = feed.read(MarketDataClient::connects);
            // the first connect, then at most `budget` per started window during the storm
            final long allowed = 1 + budget * ((stormMs + windowMs - 1) / windowMs + 1);
            assertTrue(connects <= allowed, connects + " connects in " + stormMs + " ms, allowed " + allowed);
            assertTrue(connects >= 2, "it kept reconnecting: " + connects);
            // the recorded session ran on while the storm blew, so no oracle to end on: connected is enough
            assertTrue(feed.await(client -> client.state() == FeedState.CONNECTED, windowMs + 5_000), feed.health.toString());
        }
    }

    @Test
    void resyncsAfterAGapInTheDiffs() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.injectGap(1);
            assertTrue(feed.await(client -> client.feed().books().all().stream().anyMatch(s -> s.gaps() > 0), 10_000),
                feed.health.toString());
            assertTrue(feed.count(FeedState.GAP) >= 1, feed.health.toString());
            assertEndsOnExpectedBooks(feed);
            assertTrue((long)feed.read(client -> client.feed().books().all().stream().mapToLong(s -> s.resyncs()).sum()) >= 1);
        }
    }

    @Test
    void dropsMalformedAndOversizeFramesAndKeepsTheConnection() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.injectMalformedFrame();
            feed.simulator.injectOversizeFrame();
            assertTrue(feed.await(client -> client.feed().badInput().count(BadInput.OVERSIZE) == 1 &&
                client.feed().badInput().count(BadInput.TRUNCATED) == 1, 10_000));
            assertEndsOnExpectedBooks(feed);
            assertEquals(1L, (long)feed.read(MarketDataClient::connects), "the connection survived");
        }
    }

    @Test
    void reconnectsAtOnceOnServerShutdown() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.injectServerShutdown();
            assertTrue(feed.await(client -> client.connects() >= 2, 10_000), feed.health.toString());
            assertTrue(feed.sawHealth("*:SERVER_SHUTDOWN"), feed.health.toString());
            assertEndsOnExpectedBooks(feed);
            assertNoGapAndNothingTwice(feed);
        }
    }

    @Test
    void rotatesTheConnectionBeforeItsLifetimeEndsWithoutAGap() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c.connectionLifetime(700, TimeUnit.MILLISECONDS)))
        {
            assertTrue(feed.await(client -> client.connects() >= 3, 10_000), feed.health.toString());
            assertEndsOnExpectedBooks(feed);
            assertNoGapAndNothingTwice(feed);
            assertEquals(0, feed.count(FeedState.DISCONNECTED), "make before break: " + feed.health);
        }
    }

    @Test
    void rotationReadsWhatWasInFlightOnTheOldConnectionBeforeClosingIt() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c.connectionLifetime(1500, TimeUnit.MILLISECONDS)))
        {
            awaitInSync(feed, "NKNUSDT");
            final long connects = feed.read(MarketDataClient::connects);
            feed.simulator.holdInFlight(); // from here the venue moves on while the current connection's frames wait
            assertTrue(feed.await(client -> client.connects() > connects, 10_000), feed.health.toString());
            assertTrue(feed.simulator.withheldFrames() > 0, "the rotation happened with frames in flight");
            assertEndsOnExpectedBooks(feed);
            assertNoGapAndNothingTwice(feed);
            assertEquals(0, feed.count(FeedState.DISCONNECTED), "make before break: " + feed.health);
        }
    }

    @Test
    void cutsARotatedConnectionWhoseVenueNeverAnswersTheCloseAndGoesOnWithTheNewOne() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c
            .connectionLifetime(1000, TimeUnit.MILLISECONDS)
            .rotationDrainTimeout(300, TimeUnit.MILLISECONDS)))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.injectUnansweredClose(1);
            assertTrue(feed.await(client -> client.connects() >= 2 && feed.simulator.unansweredClosesPending() == 0 &&
                feed.simulator.connections() == 1, 10_000), "the old connection was cut: " + feed.health);
            assertEndsOnExpectedBooks(feed); // the new connection's held frames were released
            assertEquals(0, feed.count(FeedState.DISCONNECTED), "make before break: " + feed.health);
        }
    }

    @Test
    void rotatesAgainWhileTheLastRotationStillDrainsAndKeepsOneConnection() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c
            .connectionLifetime(800, TimeUnit.MILLISECONDS)
            .rotationDrainTimeout(10, TimeUnit.SECONDS)))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.injectUnansweredClose(1); // the first drain outlives the next rotation
            assertTrue(feed.await(client -> client.connects() >= 3 && feed.simulator.unansweredClosesPending() == 0 &&
                feed.simulator.connections() == 1, 10_000), "the undrained connection was cut: " + feed.health);
            assertEndsOnExpectedBooks(feed); // each paused connection was resumed
            assertEquals(0, feed.count(FeedState.DISCONNECTED), "make before break: " + feed.health);
        }
    }

    /** Every book synced once and never again, and each recorded quote published exactly once. */
    private static void assertNoGapAndNothingTwice(final LoopbackFeed feed) throws Exception
    {
        assertEquals(0L, (long)feed.read(client -> client.feed().books().all().stream().mapToLong(s -> s.gaps() + s.resyncs()).sum()),
            feed.health.toString());
        final long quotes = session.entries().stream().filter(e -> e.payload().contains("@bookTicker")).count();
        assertEquals(quotes, (long)feed.read(client -> feed.published[io.ferrum.codecs.sbe.BestBidAskDecoder.TEMPLATE_ID]));
    }

    @Test
    void reportsStaleSymbolsAndMissingQuotesThenRecovers() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c
            .staleTimeout(300, TimeUnit.MILLISECONDS)
            .quoteTimeout(300, TimeUnit.MILLISECONDS)
            .healthCheckInterval(50, TimeUnit.MILLISECONDS)))
        {
            awaitInSync(feed, "NKNUSDT");
            feed.simulator.injectStale(1500, TimeUnit.MILLISECONDS);
            assertTrue(feed.await(client -> feed.sawHealth("NKNUSDT:STALE") && feed.sawHealth("NKNUSDT:MISSING_QUOTE"), 10_000),
                feed.health.toString());
            assertEndsOnExpectedBooks(feed);
        }
    }

    @Test
    void backsOffOn429AndStopsOn418ThenSyncs() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            feed.simulator.injectTooManyRequests(1);
            feed.simulator.injectBan(1);
            assertEndsOnExpectedBooks(feed);
            assertTrue(feed.sawHealth("*:RATE_LIMITED"), feed.health.toString());
            assertTrue(feed.sawHealth("*:BANNED"), feed.health.toString());
        }
    }

    @Test
    void answersPingsWithTheSamePayload() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            assertTrue(feed.await(client -> client.connects() == 1 && feed.simulator.connections() == 1, 10_000));
            feed.simulator.ping("ferrum-1234");
            assertTrue(feed.await(client -> feed.simulator.pongs().contains("ferrum-1234"), 5_000));
        }
    }

    @Test
    void sendsAtMostFiveMessagesInAnySecondEvenWhenPingedFaster() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c))
        {
            assertTrue(feed.await(client -> client.connects() == 1 && feed.simulator.connections() == 1, 10_000));
            for (int i = 0; i < 8; i++)
            {
                feed.simulator.ping("p" + i);
            }
            assertTrue(feed.await(client -> feed.simulator.pongs().size() == 8, 10_000), feed.simulator.pongs().toString());
            assertEquals(java.util.List.of("p0", "p1", "p2", "p3", "p4", "p5", "p6", "p7"), feed.simulator.pongs(), "same payloads, in order");
            final java.util.List<Long> times = feed.simulator.pongTimesNs();
            for (int i = 5; i < times.size(); i++)
            {
                assertTrue(times.get(i) - times.get(i - 5) >= TimeUnit.MILLISECONDS.toNanos(900),
                    "six pongs within one second: " + i); // slack: arrival times can bunch; unlimited, all eight arrive within milliseconds
            }
        }
    }

    @Test
    void fallsBackToTheSecondEndpointWhenThePrimaryIsDown() throws Exception
    {
        try (LoopbackFeed feed = new LoopbackFeed(session, SPEED, c -> c
            .fallbackWsUri(c.wsUri().toString())
            .wsUri("ws://127.0.0.1:1")
            .failuresBeforeFallback(2)))
        {
            assertTrue(feed.await(client -> feed.sawHealth("*:FALLBACK"), 10_000), feed.health.toString());
            assertEquals(2, feed.count(FeedState.DISCONNECTED), "two failures on the primary, then the fallback");
            assertEndsOnExpectedBooks(feed);
        }
    }

    private static void awaitInSync(final LoopbackFeed feed, final String symbol) throws Exception
    {
        final Instrument instrument = feed.read(client -> client.instruments().lookup(symbol));
        assertTrue(feed.await(client -> client.feed().books().get(instrument).inSync(), 10_000), feed.health.toString());
    }

    private static void assertEndsOnExpectedBooks(final LoopbackFeed feed) throws Exception
    {
        final boolean done = feed.await(client -> feed.instruments.stream().allMatch(i ->
            client.feed().books().get(i).inSync() &&
            client.feed().books().get(i).book().lastUpdateId() == expected.get(i.symbol()).get("final_update_id").asLong()), 20_000);
        assertTrue(done, "books did not recover; health " + feed.health);
        for (final Instrument instrument : feed.instruments)
        {
            final JsonNode book = expected.get(instrument.symbol());
            final LocalBook consumerBook = feed.read(client -> feed.consumer.book(instrument.instrumentId()));
            assertEquals(book.get("final_best_bid").asText(), FixedPoint.format(consumerBook.bestBid(), -8), instrument.symbol());
            assertEquals(book.get("final_best_ask").asText(), FixedPoint.format(consumerBook.bestAsk(), -8), instrument.symbol());
            assertFalse(consumerBook.isCrossed());
        }
        assertEquals(0, feed.consumer.unchainedDeltas());
        assertEquals(0, feed.consumer.crossedBooks());
    }
}
