package io.ferrum.sequencer.cluster;

import io.aeron.cluster.service.ClusteredService;
import io.ferrum.codecs.sbe.KillSwitchEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetTradingStateEncoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.IntFunction;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * Admin commands through a real one-member cluster running the real engine with risk: only a
 * session that presented the admin token at ingress can change trading states; anything else is
 * refused at connect or dropped (and reported) by the service.
 */
class AdminAuthenticationTest
{
    private static final String TOKEN = "test-admin-token-0123456789";

    @TempDir
    Path dir;

    private final AtomicReference<RiskPreTradeCheck> risk = new AtomicReference<>();
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final InstrumentRegistry instruments =
        new InstrumentRegistry().add(new Instrument(1, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 100));
    private final CopyOnWriteArrayList<FerrumClusteredService> services = new CopyOnWriteArrayList<>();
    private final CopyOnWriteArrayList<Throwable> errors = new CopyOnWriteArrayList<>();
    private final UnsafeBuffer buffer = new UnsafeBuffer(new byte[256]);
    private final MessageHeaderEncoder header = new MessageHeaderEncoder();

    private LocalCluster launch(final String token)
    {
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\n", "test");
        final IntFunction<ClusteredService> services = (memberId) ->
        {
            final FerrumClusteredService service = FerrumClusteredService.create((output, timers) ->
            {
                final RiskPreTradeCheck check = RiskPreTradeCheck.withoutLimits(instruments, 0);
                risk.set(check);
                final Engine created = new Engine(new Engine.Context().instruments(instruments).output(output)
                    .timerScheduler(timers).preTradeCheck(check));
                engine.set(created);
                return created;
            }, config.ackInterval());
            this.services.add(service);
            return service;
        };
        return LocalCluster.launch(config, services, ThreadLayout.none(), errors::add, token);
    }

    private int killSwitch(final long sequence)
    {
        final KillSwitchEncoder kill = new KillSwitchEncoder().wrapAndApplyHeader(buffer, 0, header);
        kill.source().sourceId(900).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        kill.scope(Scope.GLOBAL).targetId(0).operatorName("test");
        return MessageHeaderEncoder.ENCODED_LENGTH + kill.encodedLength();
    }

    private int activate(final long sequence)
    {
        final SetTradingStateEncoder state = new SetTradingStateEncoder().wrapAndApplyHeader(buffer, 0, header);
        state.source().sourceId(900).sequence(sequence).eventTimeNs(0).receiveTimeNs(0);
        state.scope(Scope.GLOBAL).targetId(0).state(TradingState.ACTIVE).operatorName("intruder");
        return MessageHeaderEncoder.ENCODED_LENGTH + state.encodedLength();
    }

    private TradingState globalState()
    {
        return risk.get().riskManager().state(Scope.GLOBAL, 0);
    }

    @Test
    void onlyTheAdminTokenCanSendAdminCommands() throws Exception
    {
        final Path journal;
        try (LocalCluster cluster = launch(TOKEN))
        {
            journal = cluster.node(0).journalDir().toPath();
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            assertTrue(cluster.adminCommandsStatus().startsWith("admin commands are enabled"));
            final ClusterConfig config = cluster.config();
            final String aeronDir = cluster.clientAeronDirectoryName();

            try (AdminClient admin = AdminClient.connect(config, aeronDir, TOKEN))
            {
                assertTrue(admin.send(buffer, 0, killSwitch(1), 10_000), "acknowledged on egress");
            }
            TestCluster.await("kill switch applied", () -> globalState() == TradingState.HALTED);

            // A session without the token (what the sequencer is) connects, but its admin messages are dropped.
            try (AdminClient feed = AdminClient.connect(config, aeronDir, null))
            {
                assertFalse(feed.send(buffer, 0, activate(2), 1_000), "never acknowledged");
            }
            TestCluster.await("the drop reported", () -> services.get(0).adminMessagesDropped() == 1);
            assertTrue(errors.stream().anyMatch(e -> e.getMessage().contains("admin message dropped")), "logged");
            assertEquals(TradingState.HALTED, globalState(), "the intruder's ACTIVE changed nothing");

            // A wrong token is refused at connect.
            final RuntimeException refused = assertThrows(RuntimeException.class,
                () -> AdminClient.connect(config, aeronDir, "wrong-token-0123456789").close());
            assertTrue(refused.getMessage().toLowerCase().contains("reject") ||
                refused.getMessage().toLowerCase().contains("authentic"), refused.getMessage());
            TestCluster.await("the refusal counted where another process can read it", () -> 1 == refusedConnects(config));
        }
        final long liveHash = engine.get().stateHash(); // the member is closed: its engine no longer moves
        assertTrue(errors.stream().allMatch(e -> e.getMessage() != null && e.getMessage().contains("admin message dropped")
            || e instanceof io.aeron.exceptions.AeronEvent), "no other error: " + errors);

        // The journal holds the intruder's message too; a replay drops it exactly as the live service did.
        final RiskPreTradeCheck replayRisk = RiskPreTradeCheck.withoutLimits(instruments, 0);
        final Engine replay = new Engine(new Engine.Context().instruments(instruments)
            .output(io.ferrum.sequencer.journal.JournalReader.DISCARD_OUTPUT)
            .timerScheduler(io.ferrum.sequencer.journal.JournalReader.REPLAY_TIMERS).preTradeCheck(replayRisk));
        io.ferrum.sequencer.journal.JournalReader.open(journal).replay(replay);
        assertEquals(TradingState.HALTED, replayRisk.riskManager().state(Scope.GLOBAL, 0));
        assertEquals(liveHash, replay.stateHash());
    }

    /** The refused-connect counters of every member, summed, read from their CnC files as an operator's tool would. */
    private static long refusedConnects(final ClusterConfig config)
    {
        long sum = 0;
        for (final ClusterConfig.Member member : config.members())
        {
            final long[] value = { 0 };
            io.ferrum.sequencer.replica.CncCounters.read(config.aeronDir(member.id()).toFile(), (counters) ->
            {
                value[0] = io.ferrum.sequencer.replica.CncCounters.valueOf(counters, AdminAuthenticator.REFUSED_TYPE_ID, 0);
                return true;
            });
            sum += value[0];
        }
        return sum;
    }

    @Test
    void withoutATokenAdminCommandsAreDisabled() throws Exception
    {
        assertThrows(IllegalArgumentException.class, () -> AdminAuthenticator.validate("short"));
        try (LocalCluster cluster = launch(null))
        {
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            final String status = cluster.adminCommandsStatus();
            assertTrue(status.contains("admin commands are disabled: FERRUM_ADMIN_TOKEN is not set"), status);
            assertThrows(RuntimeException.class,
                () -> AdminClient.connect(cluster.config(), cluster.clientAeronDirectoryName(), TOKEN).close());
            TestCluster.await("an admin credential without a token counted", () -> 1 == refusedConnects(cluster.config()));
            try (AdminClient feed = AdminClient.connect(cluster.config(), cluster.clientAeronDirectoryName(), null))
            {
                assertFalse(feed.send(buffer, 0, killSwitch(1), 1_000));
            }
            TestCluster.await("the drop reported", () -> services.get(0).adminMessagesDropped() == 1);
            assertEquals(TradingState.ACTIVE, globalState());
        }
    }
}
