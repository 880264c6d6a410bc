package io.ferrum.ops.cli;

import io.ferrum.codecs.decimal.FixedPoint;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.demo.DemoRun;
import io.ferrum.ops.demo.EngineSummary;
import io.ferrum.ops.demo.SharedFixtures;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum demo}: simulator, gateway, a single-member cluster, the engine with both
 * sample strategies and simulated fills, in one JVM (see {@link DemoRun}). A status line every
 * second on stderr, after one {@code demo_start} JSON line that says where the run listens and the
 * exact {@code ./ferrum admin} command that reaches it ({@link DemoRun#startLine}); on Ctrl-C or
 * after {@code --duration}, one {@code demo_summary} JSON line
 * on stdout. When the recorded session ends first, the demo keeps running idle (the simulator
 * has nothing more to send; resting orders stay open) until the duration or Ctrl-C.
 */
public final class DemoCommand implements Command
{
    static final String MARKET_MAKER_SYMBOL = "ZILUSDT";
    static final String MOMENTUM_SYMBOL = "DENTUSDT";
    static final List<String> SYNTHETIC_SYMBOLS = List.of(MARKET_MAKER_SYMBOL, MOMENTUM_SYMBOL, "BTCUSDT");
    private static final int STATUS_SYMBOLS = 3;

    public String name()
    {
        return "demo";
    }

    public String summary()
    {
        return "run simulator, gateway, cluster, engine and simulated fills in one JVM";
    }

    public String usage()
    {
        return String.join("\n",
            "usage: ./ferrum demo [--duration 30s] [--session DIR | --synthetic [--seed N] [--events N]] [--speed 4]",
            "                     [--journal DIR] [--latency-ms 5] [--maker-fee-ppm -100] [--taker-fee-ppm 750]",
            "                     [--risk-config FILE]",
            "  --duration   stop after this long (default: until Ctrl-C)",
            "  --session    a recorded session directory (default " + SharedFixtures.DEFAULT_SESSION + " under",
            "               ../shared/fixtures/binance, else $FERRUM_SHARED_DIR, else /work/shared)",
            "  --synthetic  a seeded synthetic flow on " + String.join(",", SYNTHETIC_SYMBOLS) + " instead",
            "  --speed      replay pace: 1 = recorded, 4 = four times faster (default 4: the 2-minute session in 30 s);",
            "               0 = as fast as the socket takes it: the venue is at the session's end before the REST",
            "               snapshots come back, so they hold every diff, books sync on the final state and the",
            "               strategies see no book move (docs/gateway.md, \"Speed 0\")",
            "  --journal    the cluster's directory (default ./ferrum-data/demo-<timestamp>); replay it with",
            "               ./ferrum replay --journal DIR",
            "  --latency-ms, --maker-fee-ppm, --taker-fee-ppm  the simulated venue's fill model",
            "  --risk-config  pre-trade risk limits (config/risk.properties format, docs/risk.md); default: no limits");
    }

    public int run(final List<String> args, final PrintStream out, final PrintStream err) throws Exception
    {
        final Options o = Options.parse(args);
        final ReplaySession session;
        try
        {
            session = o.seed != null ?
                SyntheticFlow.generate(o.seed, SYNTHETIC_SYMBOLS, o.events, 1_000_000).session() :
                ReplaySession.load(SharedFixtures.replayFile(o.session));
        }
        catch (final IllegalArgumentException | IOException ex)
        {
            err.println("ferrum demo: " + ex.getMessage());
            return EXIT_DATA;
        }
        DemoEngineConfig engineConfig = DemoEngineConfig.defaults(MARKET_MAKER_SYMBOL, MOMENTUM_SYMBOL);
        if (o.riskConfig != null)
        {
            try
            {
                engineConfig = engineConfig.withRiskConfig(o.riskConfig);
            }
            catch (final RuntimeException ex)
            {
                err.println("ferrum demo: " + ex.getMessage());
                return EXIT_DATA;
            }
        }
        final SimulatedVenue.Context venue = new SimulatedVenue.Context()
            .latencyNs(TimeUnit.MILLISECONDS.toNanos(o.latencyMs)).makerFeePpm(o.makerFeePpm).takerFeePpm(o.takerFeePpm);
        final CountDownLatch stop = new CountDownLatch(1);
        final CountDownLatch finished = new CountDownLatch(1);
        final Thread hook = new Thread(() ->
        {
            stop.countDown();
            try
            {
                finished.await(20, TimeUnit.SECONDS); // let the summary be printed before the JVM exits
            }
            catch (final InterruptedException ignore)
            {
                Thread.currentThread().interrupt();
            }
        }, "ferrum-demo-shutdown");
        Runtime.getRuntime().addShutdownHook(hook);
        try (DemoRun run = new DemoRun(session, o.speed, o.journal, engineConfig, venue, null, true))
        {
            err.println(run.startLine(session.name()));
            final long startNs = System.nanoTime();
            long lastEvents = 0;
            long lastNs = startNs;
            while (!stop.await(1, TimeUnit.SECONDS))
            {
                final long nowNs = System.nanoTime();
                final long events = run.orderGateway().marketDataMessages();
                err.println(status(run, (events - lastEvents) * 1_000_000_000.0 / Math.max(1, nowNs - lastNs)));
                lastEvents = events;
                lastNs = nowNs;
                if (nowNs - startNs >= o.durationNs)
                {
                    break;
                }
            }
            final Engine engine = run.stop(500);
            if (engine == null)
            {
                err.println("ferrum demo: the engine never started");
                return 1;
            }
            out.println(EngineSummary.of(engine).toJson("demo_summary", o.journal.toString()));
            out.flush();
            return run.errors().isEmpty() ? 0 : 1;
        }
        finally
        {
            finished.countDown();
            try
            {
                Runtime.getRuntime().removeShutdownHook(hook);
            }
            catch (final IllegalStateException shuttingDown)
            {
                // the hook is running: it waits for `finished`, counted down above
            }
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
        return line.toString();
    }

    static final class Options
    {
        long durationNs = Long.MAX_VALUE;
        String session = SharedFixtures.DEFAULT_SESSION;
        Long seed;
        int events = 200_000;
        double speed = 4;
        Path journal = Paths.get("ferrum-data", "demo-" +
            LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));
        long latencyMs = 5;
        long makerFeePpm = -100;
        long takerFeePpm = 750;
        Path riskConfig;

        static Options parse(final List<String> args)
        {
            final Options o = new Options();
            boolean synthetic = false;
            boolean sessionGiven = false;
            for (int i = 0; i < args.size(); i++)
            {
                final String arg = args.get(i);
                switch (arg)
                {
                    case "--duration" -> o.durationNs = FeedCommand.duration(value(args, ++i, arg)).toNanos();
                    case "--session" ->
                    {
                        o.session = value(args, ++i, arg);
                        sessionGiven = true;
                    }
                    case "--synthetic" -> synthetic = true;
                    case "--seed" -> o.seed = number(value(args, ++i, arg));
                    case "--events" -> o.events = (int)Math.min(Integer.MAX_VALUE, number(value(args, ++i, arg)));
                    case "--speed" -> o.speed = speed(value(args, ++i, arg));
                    case "--journal" -> o.journal = Paths.get(value(args, ++i, arg));
                    case "--latency-ms" -> o.latencyMs = number(value(args, ++i, arg));
                    case "--maker-fee-ppm" -> o.makerFeePpm = number(value(args, ++i, arg));
                    case "--taker-fee-ppm" -> o.takerFeePpm = number(value(args, ++i, arg));
                    case "--risk-config" -> o.riskConfig = Paths.get(value(args, ++i, arg));
                    default -> throw new UsageException("unknown option: " + arg);
                }
            }
            if (synthetic && sessionGiven)
            {
                throw new UsageException("give --session or --synthetic, not both");
            }
            if (o.seed != null && !synthetic)
            {
                throw new UsageException("--seed goes with --synthetic");
            }
            if (synthetic && o.seed == null)
            {
                o.seed = 1L;
            }
            if (o.latencyMs < 0 || o.events < 1)
            {
                throw new UsageException("--latency-ms >= 0, --events >= 1");
            }
            return o;
        }

        private static String value(final List<String> args, final int index, final String option)
        {
            if (index >= args.size())
            {
                throw new UsageException(option + " needs a value");
            }
            return args.get(index);
        }

        private static long number(final String text)
        {
            try
            {
                return Long.parseLong(text);
            }
            catch (final NumberFormatException ex)
            {
                throw new UsageException("not an integer: '" + text + "'");
            }
        }

        private static double speed(final String text)
        {
            try
            {
                final double speed = Double.parseDouble(text); // a replay pace factor, not money
                if (!(speed >= 0) || Double.isInfinite(speed))
                {
                    throw new UsageException("--speed must be >= 0: '" + text + "'");
                }
                return speed;
            }
            catch (final NumberFormatException ex)
            {
                throw new UsageException("not a number: '" + text + "'");
            }
        }
    }
}
