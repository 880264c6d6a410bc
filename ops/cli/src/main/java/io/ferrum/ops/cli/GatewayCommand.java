package io.ferrum.ops.cli;

import io.aeron.driver.MediaDriver;
import io.aeron.exceptions.AeronEvent;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.client.MarketDataClient;
import io.ferrum.gateway.binance.api.BinanceApiVenue;
import io.ferrum.gateway.binance.api.Credentials;
import io.ferrum.gateway.sim.order.OrderGateway;
import io.ferrum.ops.gateway.ClientSide;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.Sequencer;
import io.ferrum.sequencer.SequencerCounters;
import io.ferrum.sequencer.telemetry.StageLatency;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.ClusterContexts;
import io.ferrum.tuning.layout.ThreadLayout;
import org.agrona.CloseHelper;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.IOException;
import java.io.PrintStream;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import java.util.function.Function;
import java.util.function.LongSupplier;
import java.util.stream.Collectors;

/**
 * {@code ./ferrum gateway --config FILE --ws URL --rest URL --symbols A,B}: the cluster's client
 * in its own JVM, apart from the members. Market data from a venue's WebSocket and REST endpoints
 * goes through the inbound ring and the sequencer into the cluster; the sequencer follows a new
 * leader by itself and re-sends every input the cluster has not acknowledged; only the leader's
 * egress reaches the order gateway, which reconciles after every leader change so that each order
 * reaches the venue once. The venue for orders is the cluster file's {@code venue}: the paper
 * {@link SimulatedVenue} in this process by default (as in {@code ./ferrum demo}: nothing is sent to a real
 * exchange), or Binance spot over its WebSocket API ({@code venue = binance}, {@code venue.binance.api_ws},
 * the credentials from the environment only).
 */
@Command(name = "gateway",
    header = "the cluster's client: market data in, leader's orders to the venue (paper by default), follows failovers",
    footer = {"Orders go to the venue the cluster file names: venue = paper (the default: the SimulatedVenue in",
        "this process, never a real exchange) or venue = binance with venue.binance.api_ws and the credentials in",
        "FERRUM_BINANCE_API_KEY and FERRUM_BINANCE_ED25519_KEY_FILE (or FERRUM_BINANCE_HMAC_SECRET_FILE); docs/venues.md.",
        "Exit status: 0 stopped, 64 usage, 78 bad cluster file, 69 cluster or venue unreachable."})
public final class GatewayCommand implements FerrumCommand
{
    /** The cluster or the venue did not answer in time, as sysexits' EX_UNAVAILABLE. */
    public static final int EXIT_UNAVAILABLE = ExitCodes.UNAVAILABLE;
    static final String PAPER_VENUE = "paper: orders fill against the SimulatedVenue in this process, never a real exchange";
    static final String BINANCE_VENUE = "binance: orders over Binance's WebSocket API at ";

    private final EngineOutput orderTap;
    private final Function<String, String> env;

    public GatewayCommand()
    {
        this(null);
    }

    /** @param orderTap sees every order message the order gateway passes to the paper venue (a test's capture) */
    GatewayCommand(final EngineOutput orderTap)
    {
        this(orderTap, System::getenv);
    }

    /** @param env the process's environment (System::getenv), where the venue's credentials are read */
    GatewayCommand(final EngineOutput orderTap, final Function<String, String> env)
    {
        this.orderTap = orderTap;
        this.env = env;
    }

    @Option(names = "--config", paramLabel = "FILE", required = true,
        description = "the members' cluster file (cluster.member.N, client timeouts, engine.* instruments)")
    Path configFile;

    @Option(names = "--ws", paramLabel = "URL", required = true,
        description = "the venue's WebSocket endpoint (ws:// or wss://), e.g. ./ferrum simulator's \"ws\"")
    String ws;

    @Option(names = "--rest", paramLabel = "URL", required = true,
        description = "the venue's REST endpoint (http:// or https://), e.g. ./ferrum simulator's \"rest\"")
    String rest;

    @Option(names = "--symbols", paramLabel = "A,B", required = true, split = ",",
        description = "symbols to subscribe to; each must be an instrument of the engine")
    List<String> symbols;

    @Option(names = "--status-interval", paramLabel = "DURATION", description = "one JSON status line this often (default 5s)")
    Duration statusInterval = Duration.ofSeconds(5);

    @Option(names = "--connect-timeout", paramLabel = "DURATION",
        description = "the cluster and the venue must answer within this (default 10s), else exit 69")
    Duration connectTimeout = Duration.ofSeconds(10);

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until SIGTERM or Ctrl-C)")
    Duration duration;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        endpoint("--ws", ws, Set.of("ws", "wss"));
        endpoint("--rest", rest, Set.of("http", "https"));
        final List<String> symbols = Lists.upperCase(this.symbols);
        if (symbols.isEmpty())
        {
            throw new UsageException("--symbols needs at least one symbol");
        }
        final ClusterConfig config = ClusterConfig.load(configFile);
        final EngineSettings settings = EngineSettings.parse(config.engineSettings());
        if (config.members().isEmpty())
        {
            throw new CommandException(ExitCodes.CONFIG,
                configFile + " names no cluster.member.N: the gateway needs the members' endpoints");
        }
        if (config.clientIpc())
        {
            throw new CommandException(ExitCodes.CONFIG, configFile + " says cluster.client.transport = ipc: the gateway is " +
                "a process of its own and reaches the members over udp (ipc is for a cluster in the client's JVM)");
        }
        final List<io.ferrum.gateway.binance.Instrument> subscribed = ClientSide.subscriptions(symbols, settings.instruments());
        if (subscribed.size() != symbols.size())
        {
            final Set<String> known = subscribed.stream().map(io.ferrum.gateway.binance.Instrument::symbol)
                .collect(Collectors.toSet());
            throw new UsageException("--symbols: no instrument for " +
                symbols.stream().filter((s) -> !known.contains(s)).toList() + " in the engine's instruments");
        }

        final Credentials credentials = credentials(config);
        final Termination stop = Termination.install("gateway");

        final Path aeronDir = config.dir().resolve("gateway").resolve("aeron");
        MediaDriver driver = null;
        Sequencer sequencer = null;
        ClientSide side = null;
        try
        {
            driver = MediaDriver.launch(ClusterContexts.clientDriverContext(config, aeronDir.toString())
                .errorHandler((ex) -> onError(err, ex)));
            final StageLatency latency = new StageLatency();
            side = new ClientSide(ClusterContexts.newRing(config, ThreadLayout.fromSystemProperties()), settings.instruments(),
                new SimulatedVenue.Context(), venueFactory(config, credentials, latency), null, null, orderTap,
                (ex) -> onError(err, ex), latency);
            sequencer = Sequencer.launch(ClusterContexts.sequencerContext(config, side.ring(), driver.aeronDirectoryName())
                .egressListener(side.leaderEgress())
                .errorHandler((ex) -> onError(err, ex)));

            // which code the members run, on their log before this gateway's market data: a replay checks it; numbered
            // from the start time as the feed is, so that a restarted gateway's manifest is applied, not a duplicate
            ClientSide.journalManifest(side.ring(), settings.spec().manifest(),
                new org.agrona.concurrent.SystemEpochNanoClock().nanoTime());
            final SequencerCounters counters = sequencer.counters();
            side.startMetrics(aeronDir.toFile(), counters);
            if (!await(counters::connects, connectTimeout, stop))
            {
                throw new CommandException(EXIT_UNAVAILABLE, "no cluster leader answered at " + config.ingressEndpoints() +
                    " within " + connectTimeout.toMillis() + " ms: are the members (./ferrum node) running with " +
                    configFile + "?");
            }
            final MarketDataClient client;
            try
            {
                client = side.connectMarketData(ws, rest, subscribed);
            }
            catch (final IllegalArgumentException ex)
            {
                throw new CommandException(ExitCodes.CONFIG, ex.getMessage() + " (ring.slot.length in " + configFile +
                    ": 4k holds a depth snapshot of " + ClientSide.DEPTH_LIMIT + " levels)");
            }
            if (!await(() -> connects(client), connectTimeout, stop))
            {
                throw new CommandException(EXIT_UNAVAILABLE, "the venue did not accept a WebSocket connection at " + ws +
                    " within " + connectTimeout.toMillis() + " ms");
            }

            out.println(CommandLines.gateway(configFile.toString(), config.ingressEndpoints(), side.leaderMemberId(), ws, rest,
                symbols, venueDescription(config, credentials), aeronDir.toString()));
            out.flush();

            final long end = null == duration ? Long.MAX_VALUE : System.nanoTime() + duration.toNanos();
            while (System.nanoTime() < end &&
                !stop.await(Math.min(statusInterval.toNanos(), Math.max(0, end - System.nanoTime())), TimeUnit.NANOSECONDS))
            {
                out.println(CommandLines.gatewayStatus("gateway_status", side, counters, connects(client)));
                out.flush();
            }
            // the feed first, then a moment for what is in the ring to reach the cluster
            final long feedConnects = connects(client);
            side.closeMarketData();
            awaitQuiet(counters);
            out.println(CommandLines.gatewayStatus("gateway_stopped", side, counters, feedConnects));
            out.flush();
            return ExitCodes.OK;
        }
        finally
        {
            CloseHelper.closeAll(null == side ? null : side::closeMarketData, sequencer, side, driver);
            stop.close();
        }
    }

    /** Binance's credentials from the environment when the file says {@code venue = binance}; null for paper. */
    private Credentials credentials(final ClusterConfig config)
    {
        if (!ClusterConfig.VENUE_BINANCE.equals(config.venue()))
        {
            return null;
        }
        try
        {
            return Credentials.fromEnvironment(env);
        }
        catch (final IOException | IllegalArgumentException ex)
        {
            // never the secret itself: the messages name only the variables and files
            throw new CommandException(ExitCodes.CONFIG, configFile + " says venue = binance: " + ex.getMessage());
        }
    }

    /** The order gateway's venue: the paper one (null) or Binance's WebSocket API session the file names. */
    private static OrderGateway.VenueFactory venueFactory(
        final ClusterConfig config, final Credentials credentials, final StageLatency latency)
    {
        if (credentials == null)
        {
            return null;
        }
        return (instruments, books, reports) -> new BinanceApiVenue(new BinanceApiVenue.Context()
            .apiUri(config.binanceApiWs())
            .credentials(credentials)
            .sourceId(ClientSide.VENUE_SOURCE_ID)
            .headroom(config.binanceHeadroom())
            .maxSendDelay(config.binanceMaxSendDelayNs(), TimeUnit.NANOSECONDS)
            .latency(latency), instruments, reports);
    }

    private static String venueDescription(final ClusterConfig config, final Credentials credentials)
    {
        return credentials == null ? PAPER_VENUE : BINANCE_VENUE + config.binanceApiWs() + " (" + credentials + ")";
    }

    /** The client's connection count read on its own event loop (its fields belong to that thread). */
    private static long connects(final MarketDataClient client)
    {
        final CompletableFuture<Long> connects = new CompletableFuture<>();
        try
        {
            client.execute(() -> connects.complete(client.connects()));
            return connects.get(1, TimeUnit.SECONDS);
        }
        catch (final Exception ex)
        {
            return -1;
        }
    }

    private static boolean await(final LongSupplier count, final Duration timeout, final Termination stop)
        throws InterruptedException
    {
        final long deadline = System.nanoTime() + timeout.toNanos();
        while (count.getAsLong() <= 0)
        {
            if (System.nanoTime() > deadline || stop.await(20, TimeUnit.MILLISECONDS))
            {
                return count.getAsLong() > 0;
            }
        }
        return true;
    }

    /** Until the cluster has acknowledged every input, at most 2 s. */
    private static void awaitQuiet(final SequencerCounters counters) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(2);
        while (counters.pending() > 0 && System.nanoTime() < deadline)
        {
            Thread.sleep(20);
        }
    }

    private static void endpoint(final String option, final String text, final Set<String> schemes)
    {
        try
        {
            final URI uri = new URI(text);
            if (null != uri.getScheme() && schemes.contains(uri.getScheme().toLowerCase(java.util.Locale.ROOT)) &&
                null != uri.getHost())
            {
                return;
            }
        }
        catch (final URISyntaxException ex)
        {
            // reported below
        }
        throw new UsageException(option + " needs a " + String.join(" or ", schemes.stream().sorted().toList()) +
            " URL with a host: '" + text + "'");
    }

    private static void onError(final PrintStream err, final Throwable ex)
    {
        // Aeron reports warnings (a leader change, a closed session) as AeronEvent: worth a line, not a failure
        err.println(Instant.now() + " gateway " + (ex instanceof AeronEvent ? "warning: " : "error: ") + ex);
        err.flush();
    }
}
