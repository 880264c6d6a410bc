package io.ferrum.gateway.client;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.gateway.DirectDispatchPublisher;
import io.ferrum.gateway.binance.Instrument;
import io.ferrum.gateway.book.SbeBookBuilder;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.VenueSimulator;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.Predicate;

/** A simulator replaying a session and a client connected to it over loopback, with what the client published. */
final class LoopbackFeed implements AutoCloseable
{
    final VenueSimulator simulator;
    final MarketDataClient client;
    /** Messages published, by SBE template id (read on the client's thread). */
    final long[] published = new long[64];
    final SbeBookBuilder consumer = new SbeBookBuilder((buffer, offset, length) -> published[buffer.getShort(offset + 2) & 63]++);
    final List<String> health = new CopyOnWriteArrayList<>();
    final List<Instrument> instruments = new ArrayList<>();

    LoopbackFeed(final ReplaySession session, final double speed, final Function<MarketDataClient.Context, MarketDataClient.Context> tweak)
        throws InterruptedException
    {
        this(session, speed, new VenueSimulator.Context(), tweak);
    }

    LoopbackFeed(
        final ReplaySession session,
        final double speed,
        final VenueSimulator.Context simulatorContext,
        final Function<MarketDataClient.Context, MarketDataClient.Context> tweak) throws InterruptedException
    {
        this(session, speed, simulatorContext, 0, tweak);
    }

    /** @param refuseEvery refuse every n-th ring claim (a full ring), 0 for never */
    LoopbackFeed(
        final ReplaySession session,
        final double speed,
        final VenueSimulator.Context simulatorContext,
        final int refuseEvery,
        final Function<MarketDataClient.Context, MarketDataClient.Context> tweak) throws InterruptedException
    {
        simulator = VenueSimulator.launch(simulatorContext.session(session).speed(speed));
        final List<String> symbols = session.snapshotSymbols();
        for (int i = 0; i < symbols.size(); i++)
        {
            instruments.add(new Instrument(symbols.get(i), 100 + i));
        }
        client = MarketDataClient.connect(tweak.apply(new MarketDataClient.Context()
            .wsUri(simulator.wsUrl())
            .restUri(simulator.restUrl())
            .instruments(instruments)
            .streamKinds(List.of("bookTicker", "aggTrade", "depth@100ms"))
            .publisher(refuseEvery > 0 ?
                new RefusingPublisher(new DirectDispatchPublisher(128 * 1024, consumer), refuseEvery) :
                new DirectDispatchPublisher(128 * 1024, consumer))
            .reconnectBackoff(20, 200, TimeUnit.MILLISECONDS)
            .jitterSeed(42)
            .statusListener((instrument, state, previous, detail) ->
                health.add((instrument == null ? "*" : instrument.symbol()) + ":" + state))));
    }

    /** Evaluates a condition on the client's thread until it holds or the timeout passes. */
    boolean await(final Predicate<MarketDataClient> condition, final long timeoutMs) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.MILLISECONDS.toNanos(timeoutMs);
        while (System.nanoTime() < deadline)
        {
            final CompletableFuture<Boolean> result = new CompletableFuture<>();
            client.execute(() -> result.complete(condition.test(client)));
            if (result.get(timeoutMs, TimeUnit.MILLISECONDS))
            {
                return true;
            }
            Thread.sleep(20);
        }
        return false;
    }

    /** Reads something on the client's thread. */
    <T> T read(final Function<MarketDataClient, T> reader) throws Exception
    {
        final CompletableFuture<T> result = new CompletableFuture<>();
        client.execute(() -> result.complete(reader.apply(client)));
        return result.get(5, TimeUnit.SECONDS);
    }

    boolean sawHealth(final String entry)
    {
        return health.contains(entry);
    }

    long count(final FeedState state)
    {
        return health.stream().filter(h -> h.endsWith(":" + state)).count();
    }

    public void close()
    {
        client.close();
        simulator.close();
    }
}
