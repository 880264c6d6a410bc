package io.ferrum.ops.demo;

import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.math.BigDecimal;
import java.math.RoundingMode;
import java.nio.file.Path;
import java.util.List;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The recorded ten-symbol session through every real part on loopback: venue simulator
 * (WebSocket + REST) -> market-data client -> inbound ring -> sequencer -> single-member Aeron
 * cluster -> engine with both sample strategies -> egress -> order gateway -> simulated venue ->
 * execution reports back through the ring and the log. Positions, fees and P&amp;L are
 * re-derived here from the reports the venue emitted; replay, restart from a snapshot and
 * doubled inputs must all give the live state hash.
 */
class EndToEndTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";
    private static final int MARKET_MAKER = 1;
    private static final int MOMENTUM = 2;
    /** Ten times the recorded pace: the two-minute session in about twelve seconds. */
    private static final double SPEED = 10;

    @TempDir
    static Path dir;

    static Path journal;
    static DemoEngineConfig config;
    static Engine live;
    static long liveLogPosition;
    static long eventsAtSnapshot;
    static long gatewayOrders;
    static long gatewayMarketData;
    static long gatewayAudits;
    static long gatewayBestZilBid;
    static final List<byte[]> reports = new CopyOnWriteArrayList<>();

    @BeforeAll
    static void runTheRecordedSession() throws Exception
    {
        journal = dir.resolve("journal");
        config = DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT");
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        try (DemoRun run = new DemoRun(session, SPEED, journal, config,
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)).makerFeePpm(-100).takerFeePpm(750),
            (buffer, offset, length) ->
            {
                final byte[] copy = new byte[length];
                buffer.getBytes(offset, copy);
                reports.add(copy);
                return true;
            },
            false))
        {
            final OrderGateway gateway = run.orderGateway();
            await("a third of the session in the engine", () -> run.liveEngine() != null &&
                run.liveEngine().counters().get(EngineCounters.MARKET_DATA_EVENTS) > 4_000);
            assertTrue(run.leader().requestSnapshot());
            await("snapshot taken", () -> run.leader().snapshotCount() == 1);
            eventsAtSnapshot = run.liveEngine().counters().get(EngineCounters.EVENTS);
            awaitQuiet(gateway::marketDataMessages);
            gatewayBestZilBid = gateway.bestBid(config.instruments().get("ZILUSDT").instrumentId());
            live = run.stop(500);
            gatewayOrders = gateway.ordersSent();
            gatewayMarketData = gateway.marketDataMessages();
            gatewayAudits = gateway.auditsPublished();
            liveLogPosition = live.logPosition();
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
        }
    }

    @Test
    void strategiesTradeAndTheEngineBooksExactlyWhatTheVenueReported()
    {
        // + 1: the strategies' manifest, the log's first input
        assertEquals(gatewayMarketData + reports.size() + gatewayAudits + 1, live.counters().get(EngineCounters.EVENTS),
            "every message published into the ring reached the engine once: " + live.counters().get(EngineCounters.MARKET_DATA_EVENTS) +
            " market data, " + live.counters().get(EngineCounters.FEED_STATUS_CHANGES) + " feed status, " + reports.size() +
            " reports, " + gatewayAudits + " risk decisions, 1 manifest");
        // One RiskDecision per order and replace checked (no rejects here), less those the leader's egress
        // refused under back-pressure (counted; a replay of the log has them all).
        final long checked = live.counters().get(EngineCounters.ORDERS_SENT) +
            live.counters().get(EngineCounters.REPLACES_SENT);
        final long backPressured = live.counters().get(EngineCounters.OUTPUT_BACK_PRESSURED);
        assertTrue(gatewayAudits <= checked && gatewayAudits >= checked - backPressured,
            gatewayAudits + " risk decisions on the log for " + checked + " checks, " + backPressured + " back-pressured");
        assertTrue(gatewayMarketData > 5_000, "the session went through: " + gatewayMarketData);
        assertTrue(gatewayBestZilBid > 0, "the venue saw the same market data");
        assertTrue(live.ordersSent() > 5, "orders: " + live.ordersSent());
        assertTrue(live.fills() > 0, "fills: " + live.fills());
        assertEquals(0, live.rejects());
        assertEquals(0, live.counters().get(EngineCounters.OUTPUT_BACK_PRESSURED), "egress refused an engine output");
        assertEquals(live.counters().get(EngineCounters.ORDERS_SENT) + live.counters().get(EngineCounters.CANCELS_SENT) +
            live.counters().get(EngineCounters.REPLACES_SENT), gatewayOrders, "every order message reached the venue once");
        assertEquals(reports.size(), live.counters().get(EngineCounters.EXECUTION_REPORTS), "every report came back via the log");
        assertEquals(0, live.counters().get(EngineCounters.UNKNOWN_ORDER_REPORTS));

        // Independent books, average cost, from the venue's reports: {quantity, cost, realized, fees} per instrument.
        final TreeMap<Integer, BigDecimal[]> books = new TreeMap<>();
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final ExecutionReportDecoder report = new ExecutionReportDecoder();
        long fills = 0;
        long expectedSequence = -1;
        for (final byte[] bytes : reports)
        {
            final UnsafeBuffer buffer = new UnsafeBuffer(bytes);
            report.wrapAndApplyHeader(buffer, 0, header.wrap(buffer, 0));
            if (-1 == expectedSequence)
            {
                // the venue numbers from the gateway's start time (epoch ns), above any earlier run's
                expectedSequence = report.source().sequence();
                assertTrue(expectedSequence > 1_600_000_000_000_000_000L, "starts at an epoch-ns time: " + expectedSequence);
            }
            assertEquals(DemoRun.VENUE_SOURCE_ID, report.source().sourceId());
            assertEquals(expectedSequence++, report.source().sequence());
            if (report.lastQuantity() == 0)
            {
                continue;
            }
            fills++;
            final BigDecimal[] book = books.computeIfAbsent(report.instrumentId(),
                k -> new BigDecimal[]{BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO, BigDecimal.ZERO});
            final BigDecimal price = BigDecimal.valueOf(report.lastPrice(), -report.priceExponent());
            final BigDecimal quantity = BigDecimal.valueOf(report.lastQuantity(), -report.sizeExponent())
                .multiply(BigDecimal.valueOf(report.side() == Side.BUY ? 1 : -1));
            book[3] = book[3].add(BigDecimal.valueOf(report.fee(), -report.feeExponent()));
            final BigDecimal open = book[0];
            if (open.signum() == 0 || open.signum() == quantity.signum())
            {
                book[0] = open.add(quantity);
                book[1] = book[1].add(price.multiply(quantity));
            }
            else
            {
                final BigDecimal closing = quantity.abs().min(open.abs());
                final BigDecimal released = book[1].multiply(closing).divide(open.abs(), 30, RoundingMode.HALF_EVEN);
                book[2] = book[2].add(price.multiply(closing).multiply(BigDecimal.valueOf(open.signum())).subtract(released));
                book[1] = book[1].subtract(released);
                book[0] = open.add(quantity);
                if (quantity.abs().compareTo(closing) > 0)
                {
                    book[1] = price.multiply(book[0]);
                }
            }
        }
        assertEquals(fills, live.fills());
        BigDecimal realized = BigDecimal.ZERO;
        BigDecimal fees = BigDecimal.ZERO;
        for (final var entry : books.entrySet())
        {
            final int instrumentId = entry.getKey();
            final int strategyId = instrumentId == config.instruments().get("ZILUSDT").instrumentId() ? MARKET_MAKER : MOMENTUM;
            final Position position = live.portfolio().find(strategyId, instrumentId);
            assertNotNull(position, "position of instrument " + instrumentId);
            final BigDecimal[] book = entry.getValue();
            assertEquals(0, book[0].compareTo(BigDecimal.valueOf(position.quantity(), 8)), "quantity " + instrumentId);
            assertEquals(0, book[3].compareTo(BigDecimal.valueOf(position.fees(), 8)), "fees " + instrumentId);
            // The engine truncates each fill's notional to 1e-8: a few units of the last place per fill.
            assertEquals(book[2].doubleValue(), BigDecimal.valueOf(position.realizedPnl(), 8).doubleValue(), 1e-6,
                "realized " + instrumentId);
            realized = realized.add(book[2]);
            fees = fees.add(book[3]);
        }
        assertEquals(realized.subtract(fees).doubleValue(), BigDecimal.valueOf(live.netRealizedPnl(), 8).doubleValue(), 1e-6);
    }

    @Test
    void replayingTheJournalGivesTheLiveStateHash()
    {
        final Engine replayed = DemoEngineConfig.read(journal)
            .newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        JournalReader.open(journal.resolve("member-0")).replay(replayed);

        assertEquals(live.stateHash(), replayed.stateHash());
        assertEquals(EngineSummary.of(live), EngineSummary.of(replayed));
    }

    @Test
    void feedingEveryInputTwiceChangesNothing()
    {
        final Engine once = config.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final Engine twice = config.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        final JournalReader.Summary summary = JournalReader.open(journal.resolve("member-0")).replay(once);
        JournalReader.open(journal.resolve("member-0")).replay(new EngineInput()
        {
            public void onInput(
                final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
            {
                twice.onInput(buffer, offset, length, logPosition, timestampNs);
                twice.onInput(buffer, offset, length, logPosition, timestampNs);
            }

            public void onTimer(final long timerId, final long timestampNs)
            {
                twice.onTimer(timerId, timestampNs);
            }
        });

        assertEquals(live.stateHash(), once.stateHash());
        assertEquals(once.stateHash(), twice.stateHash());
        assertEquals(summary.messages(), twice.counters().get(EngineCounters.DUPLICATES), "each second copy dropped");
        assertEquals(once.fills(), twice.fills());
    }

    @Test
    void restartFromTheSnapshotPlusTheRestOfTheLogGivesTheLiveStateHash() throws Exception
    {
        assertTrue(eventsAtSnapshot < live.counters().get(EngineCounters.EVENTS), "the snapshot is mid-log");
        final AtomicReference<Engine> restarted = new AtomicReference<>();
        final AtomicLong inputsAfterRestart = new AtomicLong();
        final ClusterConfig clusterConfig = ClusterConfig.parse("cluster.dir = " + journal + "\n", "restart");
        try (LocalCluster cluster = LocalCluster.launch(
            clusterConfig,
            (memberId) -> FerrumClusteredService.create(
                (output, timers) ->
                {
                    final Engine engine = config.newEngine(output, timers);
                    restarted.set(engine);
                    return new CountingInput(engine, inputsAfterRestart);
                },
                clusterConfig.ackInterval()),
            ThreadLayout.none(),
            Throwable::printStackTrace))
        {
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            await("the restarted engine reaches the live log position", () -> restarted.get().logPosition() >= liveLogPosition);
        }
        final Engine engine = restarted.get();
        assertEquals(liveLogPosition, engine.logPosition());
        assertEquals(live.stateHash(), engine.stateHash());
        assertTrue(inputsAfterRestart.get() < live.counters().get(EngineCounters.EVENTS),
            "restored from the snapshot, not the whole log: " + inputsAfterRestart.get() + " inputs replayed");
    }

    /** Counts the inputs the cluster hands an engine, to see that a restart starts from the snapshot. */
    private static final class CountingInput implements EngineInput, EngineState
    {
        private final Engine engine;
        private final AtomicLong inputs;

        CountingInput(final Engine engine, final AtomicLong inputs)
        {
            this.engine = engine;
            this.inputs = inputs;
        }

        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
            inputs.incrementAndGet();
            engine.onInput(buffer, offset, length, logPosition, timestampNs);
        }

        public void onTimer(final long timerId, final long timestampNs)
        {
            engine.onTimer(timerId, timestampNs);
        }

        public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
        {
            return engine.snapshotTo(buffer, offset);
        }

        public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
        {
            engine.restoreFrom(buffer, offset, length);
        }

        public long stateHash()
        {
            return engine.stateHash();
        }
    }

    static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(5);
        }
    }

    /** Waits until a counter has not moved for a second: the simulator has sent its whole session. */
    static void awaitQuiet(final java.util.function.LongSupplier counter) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline)
        {
            final long now = counter.getAsLong();
            if (now != last)
            {
                last = now;
                since = System.nanoTime();
            }
            else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1))
            {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the feed never went quiet");
    }
}
