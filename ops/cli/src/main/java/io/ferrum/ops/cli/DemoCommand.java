package io.ferrum.ops.cli;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.gateway.binance.api.BinanceApiVenue;
import io.ferrum.ops.demo.BinanceDemoVenue;
import io.ferrum.ops.demo.DemoRun;
import io.ferrum.sequencer.cluster.ThreadingProfile;
import io.ferrum.ops.demo.EngineSummary;
import io.ferrum.ops.history.HistoryCounters;
import io.ferrum.ops.demo.SharedFixtures;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum demo}: simulator, gateway, a single-member cluster, the engine with both
 * sample strategies and simulated fills, in one JVM (see {@link DemoRun}). A status line every
 * second on stderr; on stdout one {@code demo_start} JSON line that says where the run listens and the
 * exact {@code ./ferrum admin} command that reaches it ({@link DemoRun#startLine}), and on Ctrl-C or
 * after {@code --duration} one {@code demo_summary} JSON line. When the recorded session ends first, the demo keeps running idle (the simulator
 * has nothing more to send; resting orders stay open) until the duration or Ctrl-C.
 */
@Command(name = "demo", header = "run simulator, gateway, cluster, engine and simulated fills in one JVM",
    footer = {"One demo_start JSON line and, at the end, one demo_summary JSON line go to stdout;",
        "the status line every second and the logs go to stderr."})
public final class DemoCommand implements FerrumCommand
{
    static final String MARKET_MAKER_SYMBOL = "ZILUSDT";
    static final String MOMENTUM_SYMBOL = "DENTUSDT";
    static final List<String> SYNTHETIC_SYMBOLS = List.of(MARKET_MAKER_SYMBOL, MOMENTUM_SYMBOL, "BTCUSDT");
    private static final int STATUS_SYMBOLS = 3;

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until Ctrl-C)")
    Duration duration;

    @Option(names = "--session", paramLabel = "DIR",
        description = "a recorded session directory (default " + SharedFixtures.DEFAULT_SESSION + " under" +
            " ../shared/fixtures/binance, else $FERRUM_SHARED_DIR, else /work/shared)")
    String session;

    @Option(names = "--synthetic", description = "a seeded synthetic flow on ZILUSDT,DENTUSDT,BTCUSDT instead")
    boolean synthetic;

    @Option(names = "--seed", paramLabel = "N", description = "the synthetic flow's seed (default 1)")
    Long seed;

    @Option(names = "--events", paramLabel = "N", description = "the synthetic flow's events (default 200000)")
    int events = 200_000;

    @Option(names = "--speed", paramLabel = "X",
        description = "replay pace: 1 = recorded, 4 = four times faster (default 4: the 2-minute session in 30 s);" +
            " 0 = as fast as the socket takes it: the venue is at the session's end before the REST" +
            " snapshots come back, so they hold every diff, books sync on the final state and the" +
            " strategies see no book move (docs/gateway.md, \"Speed 0\")")
    double speed = 4;

    @Option(names = "--journal", paramLabel = "DIR",
        description = "the run's directory (default ./ferrum-data/demo-<timestamp>); replay it with" +
            " ./ferrum replay --journal DIR")
    Path journal = Paths.get("ferrum-data", "demo-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

    @Option(names = "--latency-ms", paramLabel = "N", description = "the simulated venue's latency (default 5)")
    long latencyMs = 5;

    @Option(names = "--maker-fee-ppm", paramLabel = "N", description = "the simulated venue's maker fee (default -100)")
    long makerFeePpm = -100;

    @Option(names = "--taker-fee-ppm", paramLabel = "N", description = "the simulated venue's taker fee (default 750)")
    long takerFeePpm = 750;

    @Option(names = "--risk-config", paramLabel = "FILE",
        description = "pre-trade risk limits (config/risk.properties format, docs/risk.md); default: no limits")
    Path riskConfig;

    @Mixin
    StrategyOptions strategyOptions = new StrategyOptions();

    /** Where the demo's orders go. */
    enum VenueKind
    {
        paper, binance
    }

    @Option(names = "--venue", paramLabel = "VENUE",
        description = "paper (default: the simulated venue fills) or binance: orders over Binance's WebSocket API" +
            " (docs/venues.md) to --api-ws, else to a local exchange the demo starts itself")
    VenueKind venueKind = VenueKind.paper;

    @Option(names = "--drop-every", paramLabel = "DURATION",
        description = "with --venue binance and no --api-ws: the local exchange drops the API connection this often" +
            " (a rehearsal of reconnect and reconciliation)")
    Duration dropEvery;

    @Option(names = "--api-ws", paramLabel = "URL",
        description = "Binance's WebSocket API, e.g. wss://ws-api.binance.com:443/ws-api/v3 (with --venue binance;" +
            " credentials from FERRUM_BINANCE_API_KEY and FERRUM_BINANCE_ED25519_KEY_FILE or _HMAC_SECRET_FILE)")
    String apiWs;

    @Option(names = "--pg", paramLabel = "URL",
        description = "write the trading history to this PostgreSQL (no password in it: PGPASSWORD or ~/.pgpass);" +
            " default: an embedded one in the run's directory, its URL in demo_start (docs/history.md)")
    String pg;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        validate();
        final ReplaySession session = synthetic ?
            SyntheticFlow.generate(null == seed ? 1L : seed, SYNTHETIC_SYMBOLS, events, 1_000_000).session() :
            ReplaySession.load(SharedFixtures.replayFile(null == this.session ? SharedFixtures.DEFAULT_SESSION : this.session));
        DemoEngineConfig engineConfig = DemoEngineConfig.defaults(MARKET_MAKER_SYMBOL, MOMENTUM_SYMBOL);
        if (strategyOptions.strategies != null)
        {
            engineConfig = engineConfig.withStrategies(strategyOptions.strategies, strategyOptions.jars());
        }
        if (riskConfig != null)
        {
            engineConfig = engineConfig.withRiskConfig(riskConfig);
        }
        if (venueKind == VenueKind.binance)
        {
            // Binance reports the account's balances: orders it cannot cover are refused before they leave (docs/risk.md)
            engineConfig = DemoEngineConfig.of(engineConfig.spec().withVenueBalances());
        }
        final SimulatedVenue.Context venue = new SimulatedVenue.Context()
            .latencyNs(TimeUnit.MILLISECONDS.toNanos(latencyMs)).makerFeePpm(makerFeePpm).takerFeePpm(takerFeePpm);
        final DemoEngineConfig config = engineConfig;
        try (Termination stop = Termination.install("demo");
            BinanceDemoVenue binance = venueKind == VenueKind.binance ?
                BinanceDemoVenue.start(apiWs, config.instruments()) : null;
            DemoRun run = new DemoRun(session, speed, journal, config, config::newEngine, ThreadingProfile.DEFAULT, venue,
                binance, null, true))
        {
            run.startHistory(pg);
            out.println(run.startLine(session.name())); // a JSON line, as the summary: both on stdout
            out.flush();
            final long startNs = System.nanoTime();
            long lastEvents = 0;
            long lastNs = startNs;
            long lastDropNs = startNs;
            while (!stop.await(1, TimeUnit.SECONDS))
            {
                final long nowNs = System.nanoTime();
                final long events = run.orderGateway().marketDataMessages();
                err.println(status(run, (events - lastEvents) * 1_000_000_000.0 / Math.max(1, nowNs - lastNs)));
                lastEvents = events;
                lastNs = nowNs;
                if (null != dropEvery && null != binance && null != binance.exchange() &&
                    nowNs - lastDropNs >= dropEvery.toNanos())
                {
                    binance.exchange().dropConnections();
                    lastDropNs = nowNs;
                }
                if (null != duration && nowNs - startNs >= duration.toNanos())
                {
                    break;
                }
            }
            final Engine engine = run.stop(500);
            if (null != binance)
            {
                err.println(binanceSummary(binance));
            }
            if (engine == null)
            {
                throw new IllegalStateException("the engine never started");
            }
            out.println(EngineSummary.of(engine).toJson("demo_summary", journal.toString()));
            out.flush();
            return run.errors().isEmpty() ? ExitCodes.OK : ExitCodes.CHECK_FAILED;
        }
    }

    /** One status line; engine figures are read from another thread and may lag by an event or two. */
    private static String status(final DemoRun run, final double eventsPerSecond)
    {
        final StringBuilder line = new StringBuilder(String.format("events/s %8.0f", eventsPerSecond));
        int shown = 0;
        for (final Instrument instrument : run.engineConfig().instruments().instruments())
        {
            final long bid = run.orderGateway().bestBid(instrument.instrumentId());
            final long ask = run.orderGateway().bestAsk(instrument.instrumentId());
            if ((bid != 0 || ask != 0) && shown++ < STATUS_SYMBOLS)
            {
                line.append(" | ").append(instrument.symbol()).append(' ')
                    .append(FixedPoint.format(bid, instrument.priceExponent())).append('/')
                    .append(FixedPoint.format(ask, instrument.priceExponent()));
            }
        }
        final Engine engine = run.liveEngine();
        if (engine != null)
        {
            line.append(" | orders ").append(engine.counters().get(EngineCounters.ORDERS_SENT))
                .append(" fills ").append(engine.counters().get(EngineCounters.FILLS))
                .append(" pnl ").append(FixedPoint.format(engine.netRealizedPnl(), engine.moneyExponent()));
        }
        if (null != run.history())
        {
            final HistoryCounters history = run.history().counters();
            line.append(" | history ").append(history.rowsWritten()).append(" rows")
                .append(history.databaseUp() ? "" : " (waiting for the database)");
        }
        return line.toString();
    }

    /** The Binance session's figures for stderr: orders, reconnects, reconciliation, the decision-to-ack latency. */
    static String binanceSummary(final BinanceDemoVenue binance)
    {
        final BinanceApiVenue venue = binance.venue();
        if (venue == null)
        {
            return "binance: no session was made";
        }
        final org.HdrHistogram.Histogram ack = venue.decisionToAck();
        final org.HdrHistogram.Histogram wire = venue.sendToAck();
        return String.format("binance: %s orders placed %d, connects %d, corrections %d, duplicates recognised %d," +
            " throttled %d (refused %d), 429 %d, highest limit use %.2f, open at the exchange %s; decision to ack (us)" +
            " p50 %.1f p99 %.1f max %.1f over %d; send to ack (us) p50 %.1f p99 %.1f", binance.apiUrl(),
            venue.ordersPlaced(), venue.connects(), venue.corrections(), venue.duplicatesRecognised(),
            venue.rateLimits().throttled(), venue.throttledRejects(), venue.rateLimits().tooManyRequests(),
            venue.rateLimits().highestUse(), null == binance.exchange() ? "?" : Integer.toString(binance.exchange().openOrders()),
            ack.getValueAtPercentile(50) / 1000.0, ack.getValueAtPercentile(99) / 1000.0, ack.getMaxValue() / 1000.0,
            ack.getTotalCount(), wire.getValueAtPercentile(50) / 1000.0, wire.getValueAtPercentile(99) / 1000.0);
    }

    private void validate()
    {
        if (null != apiWs && venueKind != VenueKind.binance)
        {
            throw new UsageException("--api-ws goes with --venue binance");
        }
        if (null != dropEvery && (venueKind != VenueKind.binance || null != apiWs || dropEvery.isZero() ||
            dropEvery.isNegative()))
        {
            throw new UsageException("--drop-every (positive) goes with --venue binance and the local exchange");
        }
        if (synthetic && null != session)
        {
            throw new UsageException("give --session or --synthetic, not both");
        }
        if (null != seed && !synthetic)
        {
            throw new UsageException("--seed goes with --synthetic");
        }
        if (latencyMs < 0 || events < 1)
        {
            throw new UsageException("--latency-ms >= 0, --events >= 1");
        }
        if (!(speed >= 0) || Double.isInfinite(speed))
        {
            throw new UsageException("--speed must be >= 0: " + speed);
        }
    }
}
