package io.ferrum.ops.cli;

import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.gateway.InboundPublisher;
import io.ferrum.gateway.client.MarketDataClient;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.demo.BinanceDemoVenue;
import io.ferrum.ops.demo.SharedFixtures;
import io.ferrum.ops.gateway.ClientSide;
import org.agrona.MutableDirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.Paths;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.SecureRandom;
import java.time.Duration;
import java.time.LocalDateTime;
import java.time.format.DateTimeFormatter;
import java.util.Base64;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * {@code ./ferrum exchange}: a local Binance spot exchange on loopback for a desk's rehearsal
 * (docs/venues.md): the venue simulator serves a recorded or synthetic session (market data, WebSocket and
 * REST) and a {@link LocalExchange} speaks the WebSocket API, matching against that same session. An
 * account is made for the run: its Ed25519 private key is written to {@code --dir} (mode 600), and the
 * start line says which variables point Ferrum at it.
 */
@Command(name = "exchange", header = "a local Binance exchange (WebSocket API, user data stream) matching a replayed session",
    footer = "One JSON line on stdout: the URLs, the API key and the private key file of the run's account.")
public final class ExchangeCommand implements FerrumCommand
{
    @Option(names = "--session", paramLabel = "DIR",
        description = "a recorded session directory (default " + SharedFixtures.DEFAULT_SESSION + ")")
    String session;

    @Option(names = "--synthetic", paramLabel = "SEED", description = "a seeded synthetic flow on the demo's symbols instead")
    Long seed;

    @Option(names = "--speed", paramLabel = "X", description = "replay pace, 1 = recorded (default)")
    double speed = 1;

    @Option(names = "--dir", paramLabel = "DIR",
        description = "where the run's private key is written (default ./ferrum-data/exchange-<timestamp>)")
    Path dir = Paths.get("ferrum-data", "exchange-" + LocalDateTime.now().format(DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss")));

    @Option(names = "--duration", paramLabel = "DURATION", description = "stop after this long (default: until interrupted)")
    Duration duration;

    public int run(final PrintStream out, final PrintStream err) throws Exception
    {
        if (null != session && null != seed)
        {
            throw new UsageException("give --session or --synthetic, not both");
        }
        if (!(speed >= 0) || Double.isInfinite(speed))
        {
            throw new UsageException("--speed must be >= 0: " + speed);
        }
        final ReplaySession replay = null != seed ?
            SyntheticFlow.generate(seed, DemoCommand.SYNTHETIC_SYMBOLS, 200_000, 1_000_000).session() :
            ReplaySession.load(SharedFixtures.replayFile(null == session ? SharedFixtures.DEFAULT_SESSION : session));
        final InstrumentRegistry instruments =
            DemoEngineConfig.defaults(DemoCommand.MARKET_MAKER_SYMBOL, DemoCommand.MOMENTUM_SYMBOL).instruments();
        final KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        Files.createDirectories(dir);
        final Path keyFile = dir.resolve("ed25519-private.pem");
        Files.deleteIfExists(keyFile);
        Files.createFile(keyFile, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
        Files.writeString(keyFile, "-----BEGIN PRIVATE KEY-----\n" +
            Base64.getMimeEncoder(64, new byte[]{'\n'}).encodeToString(keys.getPrivate().getEncoded()) +
            "\n-----END PRIVATE KEY-----\n", StandardCharsets.US_ASCII);
        final byte[] random = new byte[8];
        new SecureRandom().nextBytes(random);
        final String apiKey = "local-" + HexFormat.of().formatHex(random);
        try (Termination stop = Termination.install("exchange");
            LocalExchange exchange = LocalExchange.launch(BinanceDemoVenue.localExchange(instruments, apiKey, keys.getPublic()));
            VenueSimulator simulator = VenueSimulator.launch(new VenueSimulator.Context().session(replay).speed(speed).port(0));
            MarketDataClient books = MarketDataClient.connect(new MarketDataClient.Context()
                .wsUri(simulator.wsUrl())
                .restUri(simulator.restUrl())
                .instruments(ClientSide.subscriptions(replay.snapshotSymbols(), instruments))
                .depthLimit(ClientSide.DEPTH_LIMIT)
                .jitterSeed(1)
                .publisher(new Forward(exchange))))
        {
            out.println(CommandLines.exchange(replay.name(), exchange.apiUrl(), simulator.wsUrl(), simulator.restUrl(),
                apiKey, keyFile.toAbsolutePath().toString()));
            out.flush();
            stop.await(null == duration ? Long.MAX_VALUE : duration.toNanos(), TimeUnit.NANOSECONDS);
        }
        return ExitCodes.OK;
    }

    /** The market-data client's messages, handed to the exchange's books instead of a ring (tests use it too). */
    static final class Forward implements InboundPublisher
    {
        private final LocalExchange exchange;
        private final UnsafeBuffer slot = new UnsafeBuffer(new byte[64 * 1024]);

        Forward(final LocalExchange exchange)
        {
            this.exchange = exchange;
        }

        public int maxMessageLength()
        {
            return slot.capacity();
        }

        public MutableDirectBuffer claim()
        {
            return slot;
        }

        public void commit(final int length)
        {
            exchange.onMarketData(slot, 0, length);
        }

        public void abort()
        {
        }
    }
}
