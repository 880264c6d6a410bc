package io.ferrum.ops.analytics;

import io.ferrum.ops.Fixtures;
import com.fasterxml.jackson.databind.JsonNode;
import io.ferrum.engine.Engine;
import io.ferrum.gateway.RingPublisher;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterNode;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Analytics following a real in-process cluster's committed log, read-only, on its own
 * thread: a recorded Binance session goes through the sequencer's ring into a single-member
 * cluster running the real engine, and the reports built from the log must be the very
 * reports built from the same session fed directly; then the log stalls and the reports go
 * degraded, then down.
 */
class JournalAnalyticsTest
{
    private static final Path SESSION = Fixtures.binance("spot-2021-10-12-nknusdt/spot_2021-10-12_nknusdt_etc.replay.tsv");
    private static final int SLOT_LENGTH = 64 * 1024;

    @TempDir
    Path dir;

    @Test
    void reportsFromTheFollowedLogMatchReportsFromTheSessionThenAStalledLogGoesDegradedThenDown() throws Exception
    {
        // The reference: the same session straight into a consumer, nothing in between.
        final List<byte[]> messages = new ArrayList<>();
        final RecordedSession direct = new RecordedSession();
        direct.replay(SESSION, (buffer, offset, length) ->
        {
            final byte[] copy = new byte[length];
            buffer.getBytes(offset, copy);
            messages.add(copy);
        });
        final ManualClock directClock = new ManualClock();
        final AnalyticsConsumer reference = new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(directClock));
        final AtomicLong lastEventNs = new AtomicLong();
        for (final byte[] message : messages)
        {
            assertTrue(message.length <= SLOT_LENGTH, "a message of the session fits a ring slot");
            reference.onMessage(new org.agrona.concurrent.UnsafeBuffer(message), 0, message.length);
        }
        reference.publishAll();
        for (final String symbol : reference.cache().symbols())
        {
            lastEventNs.accumulateAndGet(reference.symbol(symbol).lastEventTimeNs, Math::max);
        }

        final ClusterConfig config = ClusterConfig.parse(String.join("\n",
            "cluster.dir = " + dir.resolve("cluster"),
            "cluster.term.length = 1m",
            "ring.slot.length = " + SLOT_LENGTH,
            "ring.size = 64",
            "sequencer.pending.capacity = 16m"), "test");
        final AtomicReference<Engine> engine = new AtomicReference<>();
        final DemoEngineConfig engineConfig = DemoEngineConfig.defaults("NKNUSDT", "BLZETH");
        final ManualClock clock = new ManualClock();
        final Map<String, String> finalReports = new HashMap<>();
        final Path journal;
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                (output, timers) ->
                {
                    final Engine created = engineConfig.newEngine(output, timers);
                    engine.set(created);
                    return created;
                }, config.ackInterval()), ThreadLayout.none(), Throwable::printStackTrace);
            Sequencer sequencer = cluster.launchSequencer((b, o, l, t) -> {}))
        {
            final ClusterNode leader = cluster.awaitLeader(10, TimeUnit.SECONDS);
            final JournalAnalytics analytics = new JournalAnalytics(
                new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(clock)),
                leader.journalDir().toPath(), CommittedPosition.ofMember(new File(leader.aeronDirectoryName())),
                TimeUnit.MILLISECONDS.toNanos(5));
            try (AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace,
                null, analytics))
            {
                AgentRunner.startOnThread(runner);
                final RingPublisher publisher = new RingPublisher(sequencer.ring(), null);
                final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
                for (final byte[] message : messages)
                {
                    MutableDirectBuffer slot;
                    while (null == (slot = publisher.claim()))
                    {
                        idle.idle();
                    }
                    slot.putBytes(0, message);
                    publisher.commit(message.length);
                }

                await(() -> analytics.messages() >= messages.size());
                assertEquals(messages.size(), analytics.messages(), "every message once, nothing else");
                assertTrue(analytics.logPosition() > 0);

                // Half a second after the last venue event, on both sides.
                final long nowNs = lastEventNs.get() + 500_000_000L;
                directClock.update(nowNs);
                reference.publishAll();
                clock.update(nowNs);
                final Set<String> symbols = reference.cache().symbols();
                assertEquals(4, symbols.size(), "the session's four symbols");
                eventually(() -> symbols.stream().allMatch(
                    (s) -> reference.cache().report(s).equals(analytics.cache().report(s))));
                assertEquals(symbols, analytics.cache().symbols());
                for (final String symbol : symbols)
                {
                    assertEquals(reference.cache().report(symbol), analytics.cache().report(symbol), symbol);
                }
                final List<String> healthy = new ArrayList<>();
                for (final String symbol : symbols)
                {
                    final JsonNode report = ReportSchema.assertValid(analytics.cache().report(symbol));
                    final JsonNode payload = report.path("payload");
                    assertEquals(reference.symbol(symbol).lastSequence, payload.path("last_sequence").asLong(), symbol);
                    assertTrue(payload.path("last_sequence").asLong() > 0, symbol);
                    if ("healthy".equals(payload.path("health").path("status").asText()))
                    {
                        healthy.add(symbol);
                    }
                }
                assertFalse(healthy.isEmpty(), "in-sync symbols are healthy half a second after their last event");
                assertNull(analytics.cache().report("BTCUSDT"), "a symbol not in the log has no report");

                // The log stalls: nothing more comes; the reports age and go degraded, then down.
                clock.update(nowNs + 1_500_000_000L);
                await(() -> healthy.stream().allMatch((s) -> "degraded".equals(status(analytics, s))));
                clock.update(nowNs + 11_000_000_000L);
                await(() -> healthy.stream().allMatch((s) -> "down".equals(status(analytics, s))));
                for (final String symbol : symbols)
                {
                    final JsonNode report = ReportSchema.assertValid(analytics.cache().report(symbol));
                    assertEquals("down", report.path("payload").path("health").path("status").asText(), symbol);
                }
                assertNotNull(engine.get(), "the engine ran on the same log");
                for (final String symbol : symbols)
                {
                    finalReports.put(symbol, analytics.cache().report(symbol));
                }
            }
            journal = leader.journalDir().toPath();
        }

        // The stopped member's journal, as recorded, in one look: the same reports at once.
        final ManualClock laterClock = new ManualClock();
        laterClock.update(clock.nanoTime());
        final JournalAnalytics stopped = new JournalAnalytics(
            new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(laterClock)), journal, null, 0);
        stopped.doWork();
        assertEquals(1, stopped.polls());
        assertEquals(messages.size(), stopped.messages());
        assertEquals(finalReports.keySet(), stopped.cache().symbols());
        for (final Map.Entry<String, String> e : finalReports.entrySet())
        {
            assertEquals(e.getValue(), stopped.cache().report(e.getKey()), e.getKey());
        }
    }

    @Test
    void aJournalNotThereYetIsRetriedNotFatal() throws Exception
    {
        final JournalAnalytics analytics = new JournalAnalytics(
            new AnalyticsConsumer(new AnalyticsConsumer.Context().clock(new ManualClock())),
            dir.resolve("member-0"), null, 0);
        for (int i = 0; i < 3; i++)
        {
            analytics.doWork();
        }
        assertEquals(3, analytics.polls(), "each look counts, failed or not");
        assertEquals(0, analytics.messages());
        assertEquals(-1, analytics.logPosition());
        assertTrue(analytics.cache().symbols().isEmpty());
    }

    private static String status(final JournalAnalytics analytics, final String symbol)
    {
        return ReportSchema.assertValid(analytics.cache().report(symbol)).path("payload").path("health").path("status").asText();
    }

    /** Waits up to 30 s for the condition; the caller asserts what it needs after. */
    private static void eventually(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean() && System.nanoTime() < deadline)
        {
            Thread.sleep(5);
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
