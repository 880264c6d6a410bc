package io.ferrum.gateway.sim;

import io.ferrum.gateway.DirectDispatchPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.LocalBook;
import io.ferrum.gateway.book.SbeBookBuilder;
import io.ferrum.gateway.client.MarketDataClient;
import io.ferrum.gateway.replay.ReplaySession;
import org.junit.jupiter.api.Test;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

class SyntheticFlowTest
{
    private static final List<String> SYMBOLS = List.of("AAAUSDT", "BBBUSDT", "CCCBTC");

    @Test
    void theSameSeedGivesTheSameFlowAndAnotherSeedAnother()
    {
        final List<ReplaySession.Entry> first = SyntheticFlow.generate(7, SYMBOLS, 2_000, 1_000_000).session().entries();
        assertEquals(first, SyntheticFlow.generate(7, SYMBOLS, 2_000, 1_000_000).session().entries());
        assertNotEquals(first, SyntheticFlow.generate(8, SYMBOLS, 2_000, 1_000_000).session().entries());
        assertEquals(1 + SYMBOLS.size() + 2_000, first.size());
    }

    @Test
    void aClientFedThroughTheSimulatorEndsOnTheGeneratorsBooks() throws Exception
    {
        final SyntheticFlow flow = SyntheticFlow.generate(42, SYMBOLS, 20_000, 100_000);
        final SbeBookBuilder consumer = new SbeBookBuilder((buffer, offset, length) -> {});
        final List<Instrument> instruments = List.of(
            new Instrument(SYMBOLS.get(0), 1), new Instrument(SYMBOLS.get(1), 2), new Instrument(SYMBOLS.get(2), 3));
        try (VenueSimulator simulator = VenueSimulator.launch(new VenueSimulator.Context().session(flow.session()).speed(0));
            MarketDataClient client = MarketDataClient.connect(new MarketDataClient.Context()
                .wsUri(simulator.wsUrl()).restUri(simulator.restUrl()).instruments(instruments)
                .publisher(new DirectDispatchPublisher(128 * 1024, consumer)).jitterSeed(1)))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
            boolean done = false;
            while (!done && System.nanoTime() < deadline)
            {
                Thread.sleep(20);
                final CompletableFuture<Boolean> check = new CompletableFuture<>();
                client.execute(() -> check.complete(instruments.stream().allMatch(i ->
                    consumer.book(i.instrumentId()) != null &&
                    consumer.book(i.instrumentId()).lastUpdateId() == flow.finalBook(i.symbol()).lastUpdateId())));
                done = check.get();
            }
            assertTrue(done, "books did not reach the generator's final update ids");
            for (final Instrument instrument : instruments)
            {
                final LocalBook expected = flow.finalBook(instrument.symbol());
                final LocalBook actual = consumer.book(instrument.instrumentId());
                assertEquals(expected.bestBid(), actual.bestBid());
                assertEquals(expected.bestAsk(), actual.bestAsk());
                assertEquals(expected.bidLevels(), actual.bidLevels());
                assertEquals(expected.askLevels(), actual.askLevels());
                assertFalse(actual.isCrossed());
            }
            assertEquals(0, consumer.unchainedDeltas());
            assertEquals(0, consumer.crossedBooks());
        }
    }
}
