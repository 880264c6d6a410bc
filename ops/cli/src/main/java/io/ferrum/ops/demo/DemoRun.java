package io.ferrum.ops.demo;

import io.aeron.exceptions.AeronEvent;
import io.ferrum.codecs.json.JsonOut;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.ops.analytics.AnalyticsConsumer;
import io.ferrum.ops.analytics.JournalAnalytics;
import io.ferrum.ops.backtest.journal.DecisionLog;
import io.ferrum.ops.backtest.journal.DecisionRecorder;
import io.ferrum.ops.backtest.journal.DecisionWriter;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.backtest.journal.FinalPositions;
import io.ferrum.ops.dashboard.DashboardContext;
import io.ferrum.ops.dashboard.DashboardServer;
import io.ferrum.ops.mcp.HttpMcpServer;
import io.ferrum.ops.gateway.ClientSide;
import io.ferrum.ops.mcp.McpProtocol;
import io.ferrum.ops.metrics.MetricsReader;
import io.ferrum.ops.metrics.MetricsServer;
import io.ferrum.sequencer.EngineEgressListener;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.cluster.AdminAuthenticator;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterNode;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.cluster.ThreadingProfile;
import io.ferrum.sequencer.journal.CommittedPosition;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.CloseHelper;
import org.agrona.ErrorHandler;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.BackoffIdleStrategy;
import org.apache.logging.log4j.LogManager;
import org.apache.logging.log4j.Logger;

import java.io.File;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BiFunction;

/**
 * The whole demo in one JVM, wired as production would be: the venue simulator serves a
 * session over WebSocket and REST on loopback; the market-data client decodes it into the
 * inbound ring (its tap copies each message to the order gateway's view of the books); the
 * sequencer sends the ring into a single-member Aeron cluster whose engine runs both sample
 * strategies; the leader's egress goes to the order gateway, whose simulated venue fills the
 * orders and publishes execution reports back into the ring, so they reach the engine through
 * the log like everything else. Analytics follows the member's committed log read-only
 * ({@link JournalAnalytics}) and serves reports over MCP HTTP on loopback. The engine's
 * decisions are also written beside the journal ({@link DecisionLog}) for the parity check.
 * Admin commands ({@code ./ferrum admin}) are enabled: see {@link DemoAdmin} for the token and
 * {@link #startLine} for what the run prints about them.
 * <p>
 * Threads: Netty (simulator, client, MCP), the Aeron ones of the member (default profile:
 * shared, backoff idle), the sequencer, the order gateway and analytics agents (backoff idle,
 * parking up to 1 ms): nothing busy-spins.
 */
public final class DemoRun implements AutoCloseable
{
    /** Source id of the market-data client's messages on the log. */
    public static final int FEED_SOURCE_ID = ClientSide.FEED_SOURCE_ID;
    /** Source id of the simulated venue's execution reports on the log. */
    public static final int VENUE_SOURCE_ID = ClientSide.VENUE_SOURCE_ID;
    /** Levels per side of the REST depth snapshot the client asks for: a snapshot must fit one ring slot. */
    public static final int DEPTH_LIMIT = ClientSide.DEPTH_LIMIT;
    /** 100 levels a side at 16 bytes each plus the header fit; 4096 slots make a 16 MiB ring. */
    static final int RING_SLOT_LENGTH = 4096;

    private static final Logger LOG = LogManager.getLogger(DemoRun.class);

    private final Path journal;
    private final DemoEngineConfig engineConfig;
    private final AtomicReference<Engine> engine = new AtomicReference<>();
    private final List<Throwable> errors = new ArrayList<>();
    private final StageLatency latency = new StageLatency();
    private DemoAdmin admin;
    private LocalCluster cluster;
    private ClusterNode leader;
    private Sequencer sequencer;
    private ClientSide clientSide;
    private JournalAnalytics analytics;
    private AgentRunner analyticsRunner;
    private AgentRunner decisionRunner;
    private VenueSimulator simulator;
    private HttpMcpServer mcp;
    private DemoHistory history;
    private MetricsServer metrics;
    private DashboardServer dashboard;
    private Engine stoppedEngine;

    /**
     * @param reportTap sees every execution report the venue emits (a test's capture), or null
     * @param serveMcp  serve the MCP and Prometheus endpoints and the dashboard on loopback
     */
    public DemoRun(
        final ReplaySession session,
        final double speed,
        final Path journal,
        final DemoEngineConfig engineConfig,
        final SimulatedVenue.Context venue,
        final EngineOutput reportTap,
        final boolean serveMcp) throws Exception
    {
        this(session, speed, journal, engineConfig, engineConfig::newEngine, ThreadingProfile.DEFAULT, venue, reportTap,
            serveMcp);
    }

    /**
     * The demo's cluster configuration: embedded single member journaling into {@code journal}, a ring
     * whose slots hold a depth snapshot; the latency harness measures its floors on the same one.
     * The term length is the product's default ({@code cluster.term.length}, docs/operations.md says why).
     */
    public static ClusterConfig clusterConfig(final Path journal, final ThreadingProfile profile)
    {
        return ClusterConfig.parse(
            "cluster.dir = " + journal + "\ncluster.profile = " + profile.name().toLowerCase(java.util.Locale.ROOT) +
            "\ncluster.client.transport = ipc" +
            "\nring.slot.length = " + RING_SLOT_LENGTH + "\nring.size = 4096\n", "demo");
    }

    /**
     * As above with an engine of the caller's making (the latency harness's benchmark strategy)
     * instead of {@code engineConfig}'s; {@code engineConfig} still gives the instruments. The
     * {@code profile} sets the cluster's threading (colocated busy-spins: isolated cores only).
     */
    public DemoRun(
        final ReplaySession session,
        final double speed,
        final Path journal,
        final DemoEngineConfig engineConfig,
        final BiFunction<EngineOutput, TimerScheduler, Engine> engineFactory,
        final ThreadingProfile profile,
        final SimulatedVenue.Context venue,
        final EngineOutput reportTap,
        final boolean serveMcp) throws Exception
    {
        this(session, speed, journal, engineConfig, engineFactory, profile, venue, null, reportTap, serveMcp);
    }

    /** As above; orders go to {@code binance} (the WebSocket API venue) unless it is null (the paper venue). */
    public DemoRun(
        final ReplaySession session,
        final double speed,
        final Path journal,
        final DemoEngineConfig engineConfig,
        final BiFunction<EngineOutput, TimerScheduler, Engine> engineFactory,
        final ThreadingProfile profile,
        final SimulatedVenue.Context venue,
        final BinanceDemoVenue binance,
        final EngineOutput reportTap,
        final boolean serveMcp) throws Exception
    {
        this.journal = journal;
        this.engineConfig = engineConfig;
        try
        {
            Files.createDirectories(journal);
            engineConfig.write(journal);
            admin = DemoAdmin.prepare(journal, AdminAuthenticator.environmentToken());
            final ErrorHandler errorHandler = this::onError;
            final DecisionWriter decisions = new DecisionWriter(journal);
            decisionRunner = start(decisions, errorHandler);
            final ClusterConfig config = clusterConfig(journal, profile);
            cluster = LocalCluster.launch(
                config,
                (memberId) -> FerrumClusteredService.create(
                    (output, timers) ->
                    {
                        final DecisionRecorder recorder = decisions.recorder(output);
                        final Engine created = engineFactory.apply(recorder, timers);
                        recorder.engine(created);
                        engine.set(created);
                        return created;
                    },
                    config.ackInterval()).latency(latency),
                ThreadLayout.fromSystemProperties(),
                errorHandler,
                admin.token());
            leader = cluster.awaitLeader(30, TimeUnit.SECONDS);
            admin = admin.listening(cluster.config());

            // The demo's one member never changes leader, and its journal (parity, replay figures) holds
            // only what the feed and the venue published: the leader-change reconcile is not wired here.
            final AtomicReference<EngineEgressListener> egressTarget = new AtomicReference<>();
            sequencer = cluster.launchSequencer((buffer, offset, length, timestampNs) ->
            {
                final EngineEgressListener target = egressTarget.get();
                if (target != null)
                {
                    target.onEngineOutput(buffer, offset, length, timestampNs);
                }
            });
            ClientSide.journalManifest(sequencer.ring(), engineConfig.manifest(), 1); // a journal has one run
            clientSide = null == binance ?
                new ClientSide(sequencer.ring(), engineConfig.instruments(), venue, reportTap, null, errorHandler, latency) :
                new ClientSide(sequencer.ring(), engineConfig.instruments(), venue, binance.factory(VENUE_SOURCE_ID, latency),
                    binance.marketDataTap(), reportTap, null, errorHandler, latency);
            egressTarget.set(clientSide.leaderEgress());
            clientSide.startMetrics(new File(cluster.clientAeronDirectoryName()), sequencer.counters());

            analytics = new JournalAnalytics(new AnalyticsConsumer(new AnalyticsConsumer.Context()),
                leader.journalDir().toPath(),
                CommittedPosition.ofMember(new File(leader.aeronDirectoryName())), JournalAnalytics.DEFAULT_POLL_INTERVAL_NS);
            analyticsRunner = start(analytics, errorHandler);
            if (serveMcp)
            {
                mcp = new HttpMcpServer(McpProtocol.forSource(analytics.cache(), McpProtocol.DEFAULT_TIMEOUT_MS),
                    "127.0.0.1", 0);
                metrics = MetricsServer.start(MetricsReader.of(aeronDirs()), MetricsServer.LOOPBACK, 0);
                dashboard = DashboardServer.start(new DashboardContext().metrics(MetricsReader.of(aeronDirs()))
                    .journal(leader.journalDir().toPath(), CommittedPosition.ofMember(new File(leader.aeronDirectoryName()))));
            }

            simulator = VenueSimulator.launch(new VenueSimulator.Context().session(session).speed(speed).port(0));
            final List<io.ferrum.gateway.binance.Instrument> subscribed =
                ClientSide.subscriptions(session.snapshotSymbols(), engineConfig.instruments());
            if (subscribed.isEmpty())
            {
                throw new IllegalArgumentException("session " + session.name() + " has no symbol of the instrument list");
            }
            clientSide.connectMarketData(simulator.wsUrl(), simulator.restUrl(), subscribed);
        }
        catch (final Exception | Error ex)
        {
            close();
            throw ex;
        }
    }

    public Path journal()
    {
        return journal;
    }

    /** How {@code ./ferrum admin} reaches this run (ingress, token source, the command to use). */
    public DemoAdmin admin()
    {
        return admin;
    }

    public DemoEngineConfig engineConfig()
    {
        return engineConfig;
    }

    public OrderGateway orderGateway()
    {
        return clientSide.orderGateway();
    }

    public JournalAnalytics analytics()
    {
        return analytics;
    }

    public ClusterNode leader()
    {
        return leader;
    }

    public LocalCluster cluster()
    {
        return cluster;
    }

    public Sequencer sequencer()
    {
        return sequencer;
    }

    /** The venue simulator serving the feed, null once stopped. */
    public VenueSimulator simulator()
    {
        return simulator;
    }

    /** The live engine, for status lines only: read from another thread its figures may lag. */
    public Engine liveEngine()
    {
        return engine.get();
    }

    /**
     * The one {@code demo_start} JSON line: where the run listens (ingress, MCP), whether admin
     * commands are enabled, where the token is (never the token) and the exact command that pulls
     * the kill switch on this run.
     */
    public String startLine(final String sessionName)
    {
        return JsonOut.object().field("type", "demo_start").field("session", sessionName)
            .field("journal", journal.toString())
            .field("ingress", admin.ingress())
            .field("mcp", mcpUrl())
            .field("metrics", metricsUrl())
            .field("dashboard", dashboardUrl())
            .field("history", null == history ? null : history.url())
            .field("admin", "enabled")
            .field("admin_token", admin.tokenSource())
            .field("admin_command", admin.command())
            .toString();
    }

    /** The Prometheus endpoint ({@code /metrics}), or null when not served. */
    public String metricsUrl()
    {
        return metrics == null ? null : metrics.url();
    }

    /** The web dashboard's page, or null when not served. */
    public String dashboardUrl()
    {
        return dashboard == null ? null : dashboard.url();
    }

    /**
     * The Aeron directories of this run, where its counters and latency files are: the member's, which its
     * clients share (the demo's cluster takes IPC clients).
     */
    public List<File> aeronDirs()
    {
        return List.of(new File(leader.aeronDirectoryName()));
    }

    /**
     * Starts writing the run's committed log to PostgreSQL on a thread of its own ({@link DemoHistory}):
     * to {@code pgUrl}, or to an embedded database in the run's directory when null.
     */
    public void startHistory(final String pgUrl) throws IOException
    {
        history = DemoHistory.start(journal, leader, pgUrl, this::onError);
    }

    /** The history writer, or null when not started. */
    public DemoHistory history()
    {
        return history;
    }

    /** The MCP endpoint, or null when not served. */
    public String mcpUrl()
    {
        return mcp == null ? null : mcp.url();
    }

    /** Errors reported by any part (Aeron warnings excluded). */
    public synchronized List<Throwable> errors()
    {
        return List.copyOf(errors);
    }

    /** Stops the market data (the feed and the simulator); everything else runs on. */
    public void stopFeed()
    {
        clientSide.closeMarketData();
        CloseHelper.close(simulator);
        simulator = null;
    }

    /**
     * Stops the feed, lets what is in flight reach the log and the engine (until the engine's
     * log position and the venue's reports stay put for {@code quietMs}, at most 10 s), then
     * stops everything; the engine is then safe to read on this thread.
     */
    public Engine stop(final long quietMs) throws InterruptedException
    {
        stopFeed();
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(10);
        long lastPosition = -1;
        long lastReports = -1;
        long quietSince = System.nanoTime();
        while (System.nanoTime() < deadline)
        {
            final Engine live = engine.get();
            final long position = live == null ? -1 : live.logPosition();
            final long reports = clientSide.orderGateway().reportsPublished() + clientSide.orderGateway().auditsPublished();
            if (position != lastPosition || reports != lastReports)
            {
                lastPosition = position;
                lastReports = reports;
                quietSince = System.nanoTime();
            }
            else if (System.nanoTime() - quietSince >= TimeUnit.MILLISECONDS.toNanos(quietMs))
            {
                break;
            }
            Thread.sleep(20);
        }
        final Engine stopped = engine.get();
        if (null != history)
        {
            // the database holds the whole log before the member stops (its commit position goes with it)
            history.awaitWritten(() -> null == stopped ? 0 : stopped.logPosition(), 10_000);
        }
        close();
        if (null != stopped)
        {
            FinalPositions.write(journal, stopped); // parity compares a replay's positions, fees and P&L with these
        }
        stoppedEngine = stopped;
        return stopped;
    }

    public void close()
    {
        // the decision writer last: it drains what the engine decided until the cluster stopped
        final ClientSide side = clientSide;
        CloseHelper.closeAll(side == null ? null : side::closeMarketData, simulator, mcp, metrics, dashboard, sequencer, side,
            analyticsRunner, history, cluster, decisionRunner);
        history = null;
        decisionRunner = null;
        clientSide = null;
        simulator = null;
        mcp = null;
        metrics = null;
        dashboard = null;
        sequencer = null;
        analyticsRunner = null;
        cluster = null;
    }

    private static AgentRunner start(final org.agrona.concurrent.Agent agent, final ErrorHandler errorHandler)
    {
        final AgentRunner runner = new AgentRunner(
            new BackoffIdleStrategy(10, 20, TimeUnit.MICROSECONDS.toNanos(1), TimeUnit.MILLISECONDS.toNanos(1)),
            errorHandler, null, agent);
        AgentRunner.startOnThread(runner);
        return runner;
    }

    private synchronized void onError(final Throwable error)
    {
        // Aeron reports warnings (an election detail, a client closing) as AeronEvent: logged, not failures.
        if (error instanceof AeronEvent)
        {
            LOG.warn("{}", error.toString());
        }
        else
        {
            errors.add(error);
            LOG.error("demo part failed", error);
        }
    }
}
