package io.ferrum.ops.node;

import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.replica.CncCounters;
import io.ferrum.sequencer.ring.InboundRing;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.core.LogEvent;
import org.apache.logging.log4j.core.Logger;
import org.apache.logging.log4j.core.appender.AbstractAppender;
import org.apache.logging.log4j.core.config.Property;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.File;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.*;

/**
 * Three members running the real engine; member 1's state hash goes wrong (as a
 * non-deterministic engine's would). The alarm of member 0, which watches every member, logs a
 * structured ERROR and counts the mismatch in member 0's health counter; the alarm of member 2
 * watching only members 0 and 2, which agree, stays at zero.
 */
class ReplicaAlarmTest
{
    private static final int INPUTS = 600;

    @TempDir
    Path dir;

    @Test
    void aMismatchIsLoggedAndCountedInTheMembersHealthCounter() throws Exception
    {
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\ncluster.hash.interval = 50\n", "test")
            .withFreePorts(3);
        final EngineSettings settings = EngineSettings.parse(List.of());
        final List<String> logged = new CopyOnWriteArrayList<>();
        final Logger logger = (Logger)LogManager.getLogger(ReplicaAlarm.class);
        final AbstractAppender capture = new AbstractAppender("capture", null, null, true, Property.EMPTY_ARRAY)
        {
            public void append(final LogEvent event)
            {
                logged.add(event.getLevel() + " " + event.getContextData().getValue("component") + " " +
                    event.getMessage().getFormattedMessage());
            }
        };
        capture.start();
        logger.addAppender(capture);
        try (LocalCluster cluster = LocalCluster.launch(config, (id) -> FerrumClusteredService.create(
                (output, timers) -> new Diverging(settings.newEngine(output, timers), 1 == id), config.ackInterval(),
                config.hashInterval()), ThreadLayout.none(), Throwable::printStackTrace, null);
            Sequencer sequencer = cluster.launchSequencer((buffer, offset, length, ts) -> {});
            ReplicaAlarm all = new ReplicaAlarm(aeronDirs(config, 0, 1, 2), cluster.node(0).aeronDirectoryName(), 0);
            ReplicaAlarm agreeing = new ReplicaAlarm(aeronDirs(config, 0, 2), cluster.node(2).aeronDirectoryName(), 2))
        {
            cluster.awaitLeader(20, TimeUnit.SECONDS);
            publish(sequencer.ring());
            await("a mismatch", () ->
            {
                all.poll();
                agreeing.poll();
                return all.mismatches() > 0;
            });
            await("the alarm in the log", () -> !logged.isEmpty());
            assertTrue(logged.get(0).startsWith("ERROR replicas ALARM state hash mismatch at log position "), logged.get(0));
            assertTrue(logged.get(0).contains("member 1"), logged.get(0));
            assertEquals(all.mismatches(), healthCounter(config, 0), "the health counter in member 0's CnC");
            assertEquals(0, agreeing.mismatches(), "members 0 and 2 agree");
            assertEquals(0, healthCounter(config, 2));
        }
        finally
        {
            logger.removeAppender(capture);
        }
    }

    private static Map<Integer, File> aeronDirs(final ClusterConfig config, final int... ids)
    {
        final Map<Integer, File> dirs = new java.util.HashMap<>();
        for (final int id : ids)
        {
            dirs.put(id, config.aeronDir(id).toFile());
        }
        return dirs;
    }

    /** The health counter as another process reads it: the first of its type in that member's CnC. */
    private static long healthCounter(final ClusterConfig config, final int id)
    {
        final long[] value = { -1 };
        CncCounters.read(config.aeronDir(id).toFile(), (counters) ->
        {
            value[0] = CncCounters.valueOf(counters, ReplicaAlarm.MISMATCHES_TYPE_ID, -1);
            return true;
        });
        return value[0];
    }

    private static void publish(final InboundRing ring)
    {
        final TradeEncoder trade = new TradeEncoder();
        final MessageHeaderEncoder header = new MessageHeaderEncoder();
        final BackoffIdleStrategy idle = new BackoffIdleStrategy();
        for (long sequence = 1; sequence <= INPUTS; sequence++)
        {
            final long slot = ring.claim(idle);
            trade.wrapAndApplyHeader(ring.buffer(slot), 0, header);
            trade.source().sourceId(1).sequence(sequence)
                .eventTimeNs(1_700_000_000_000_000_000L + sequence).receiveTimeNs(1_700_000_000_000_000_000L + sequence);
            trade.venue(Venue.BINANCE_SPOT).instrumentId(1).symbol("BTCUSDT")
                .priceExponent((byte)-8).sizeExponent((byte)-8)
                .tradeId(sequence).price(4_200_000_000_000L + sequence % 100 * 1_000_000L).quantity(100_000 + sequence % 7)
                .tradeTimeNs(1_700_000_000_000_000_000L + sequence).aggressor(0 == (sequence & 1) ? Side.BUY : Side.SELL);
            ring.commit(slot, MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
        }
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(20);
        }
    }

    /** The real engine, whose state hash is wrong on one member: what a divergence looks like from outside. */
    private static final class Diverging implements EngineInput, EngineState
    {
        private final Engine engine;
        private final boolean wrong;

        Diverging(final Engine engine, final boolean wrong)
        {
            this.engine = engine;
            this.wrong = wrong;
        }

        public void onInput(
            final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
        {
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
            return wrong ? ~engine.stateHash() : engine.stateHash();
        }
    }
}
