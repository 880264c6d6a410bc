package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.binance.api.Credentials;
import io.ferrum.gateway.sim.SyntheticFlow;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.gateway.ClientSide;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.sequencer.journal.JournalReader;
import io.ferrum.tuning.layout.ThreadLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.OutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.io.IOException;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

import static org.junit.jupiter.api.Assertions.*;

/**
 * {@code ./ferrum gateway} run in this JVM against a real 3-member cluster ({@link LocalCluster})
 * and fed by a real {@link VenueSimulator} on loopback; the leader is stopped mid-stream. The
 * members' journal, read with {@code ./ferrum tail}, must hold the feed's inputs once each and
 * the paper venue's answer to every order the gateway sent, one acknowledgement per order.
 */
class GatewayCommandTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    /** The engine of config/cluster-3.conf: the market maker quotes on the synthetic book. */
    private String engine() throws IOException
    {
        return ClusterStrategies.engineLines(dir,
            "strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker",
            "strategy.mm.strategyId = 1",
            "strategy.mm.instrumentId = 1",
            "strategy.mm.quoteQuantity = 100000",
            "strategy.mm.maxPosition = 1000000");
    }

    @TempDir
    Path dir;

    @Test
    void feedsTheClusterFollowsANewLeaderAndSendsEachOrderToThePaperVenueOnce() throws Exception
    {
        final Path configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\nring.slot.length = 4k\n" + engine(),
            "test").withFreePorts(3));
        final ClusterConfig config = ClusterConfig.load(configFile);
        final EngineSettings settings = EngineSettings.parse(config.engineSettings());
        final List<String> lines = new CopyOnWriteArrayList<>();
        final AtomicInteger exit = new AtomicInteger(-1);
        final List<Long> atVenue = new CopyOnWriteArrayList<>();
        final EngineOutput orderTap = (buffer, offset, length) ->
        {
            final MessageHeaderDecoder header = new MessageHeaderDecoder().wrap(buffer, offset);
            if (NewOrderDecoder.TEMPLATE_ID == header.templateId())
            {
                atVenue.add(new NewOrderDecoder().wrapAndApplyHeader(buffer, offset, header).clientOrderId());
            }
            return true;
        };
        int newLeader;
        try (LocalCluster cluster = LocalCluster.launch(config,
                (id) -> FerrumClusteredService.create(settings::newEngine, config), ThreadLayout.none(),
                (ex) -> System.err.println("cluster: " + ex));
            VenueSimulator simulator = VenueSimulator.launch(new VenueSimulator.Context()
                .session(SyntheticFlow.generate(7, List.of("BTCUSDT"), 6_000, 1_000_000).session()).speed(2).port(0)))
        {
            final int firstLeader = cluster.awaitLeader(30, TimeUnit.SECONDS).memberId();
            final Thread gateway = new Thread(() ->
            {
                try
                {
                    exit.set(Main.run(new GatewayCommand(orderTap), List.of("--config", configFile.toString(),
                        "--ws", simulator.wsUrl(), "--rest", simulator.restUrl(), "--symbols", "btcusdt",
                        "--status-interval", "500ms", "--duration", "8s"), lineSink(lines), System.err));
                }
                catch (final Exception ex)
                {
                    ex.printStackTrace();
                }
            }, "gateway-command");
            gateway.start();

            await("the gateway's start line", () -> !lines.isEmpty());
            final JsonNode start = JsonSchemas.assertValid("command_line", lines.get(0));
            assertEquals("gateway", start.get("type").asText());
            assertEquals(firstLeader, start.get("leader").asInt());
            assertEquals(config.ingressEndpoints(), start.get("cluster").asText());
            assertEquals(simulator.wsUrl(), start.get("ws").asText());
            assertTrue(start.get("orders").asText().startsWith("paper"), lines.get(0));

            await("orders before the failover", () -> lastStatus(lines).get("orders_sent").asLong() > 0);
            cluster.stopMember(firstLeader);
            newLeader = cluster.awaitLeader(30, TimeUnit.SECONDS).memberId();
            assertNotEquals(firstLeader, newLeader);
            final long ordersAtFailover = lastStatus(lines).get("orders_sent").asLong();
            await("orders after the failover", () -> lastStatus(lines).get("orders_sent").asLong() > ordersAtFailover);

            gateway.join(30_000);
            assertFalse(gateway.isAlive());
        }
        assertEquals(0, exit.get(), String.join("\n", lines));

        final JsonNode stopped = JsonSchemas.assertValid("command_line", lines.get(lines.size() - 1));
        assertEquals("gateway_stopped", stopped.get("type").asText());
        assertEquals(newLeader, stopped.get("leader").asInt(), "the gateway followed the new leader");
        assertTrue(stopped.get("reconciliations").asLong() >= 2, "the first session and the new leader's");

        // every NewOrder passed to the venue once, and answered once on the log (acknowledged or refused)
        assertTrue(atVenue.size() > 5, "the market maker quoted: " + atVenue);
        assertEquals(atVenue.size(), new HashSet<>(atVenue).size(), "no order reached the venue twice: " + atVenue);
        final List<JsonNode> journal = tail(config.memberDir(newLeader));
        final Set<Long> feed = new HashSet<>();
        final Map<Long, Integer> answers = new HashMap<>();
        for (final JsonNode event : journal)
        {
            final JsonNode payload = event.get("payload");
            if (ClientSide.FEED_SOURCE_ID == payload.get("source_id").asInt())
            {
                assertTrue(feed.add(payload.get("sequence").asLong()), "each feed input once: " + event);
            }
            else if ("execution_report".equals(event.get("type").asText()) &&
                Set.of("new", "rejected").contains(payload.get("exec_type").asText()))
            {
                answers.merge(payload.get("client_order_id").asLong(), 1, Integer::sum);
            }
        }
        assertTrue(feed.size() > 1_000, "the feed reached the engine: " + feed.size());
        // the gateway put the members' strategies on the log before its market data, for replays to check
        final List<io.ferrum.engine.loader.StrategyManifest> manifests = new java.util.ArrayList<>();
        io.ferrum.sequencer.journal.JournalReader.open(config.memberDir(newLeader)).replay(new io.ferrum.engine.api.EngineInput()
        {
            public void onInput(
                final org.agrona.DirectBuffer buffer, final int offset, final int length, final long logPosition,
                final long timestampNs)
            {
                if (io.ferrum.engine.loader.StrategyManifest.isManifest(buffer, offset, length))
                {
                    manifests.add(io.ferrum.engine.loader.StrategyManifest.decode(buffer, offset, length));
                }
            }

            public void onTimer(final long timerId, final long timestampNs)
            {
            }
        });
        assertEquals(List.of(settings.spec().manifest()), manifests);
        for (final long clientOrderId : atVenue)
        {
            assertEquals(1, answers.getOrDefault(clientOrderId, 0), "the venue's answer to " + clientOrderId + " on the log");
        }
        assertTrue(stopped.get("orders_sent").asLong() >= atVenue.size(), "cancels and replaces count too");
    }

    @Test
    void aRestartedGatewaysFeedAndVenueReportsAreAppliedNotDroppedAsDuplicatesOfItsLastRun() throws Exception
    {
        final Path configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\nring.slot.length = 4k\n" + engine(),
            "test").withFreePorts(1));
        final ClusterConfig config = ClusterConfig.load(configFile);
        final EngineSettings settings = EngineSettings.parse(config.engineSettings());
        try (LocalCluster cluster = LocalCluster.launch(config,
                (id) -> FerrumClusteredService.create(settings::newEngine, config), ThreadLayout.none(),
                (ex) -> System.err.println("cluster: " + ex));
            VenueSimulator simulator = VenueSimulator.launch(new VenueSimulator.Context()
                .session(SyntheticFlow.generate(7, List.of("BTCUSDT"), 20_000, 1_000_000).session()).speed(2).port(0)))
        {
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            for (int run = 0; run < 2; run++)
            {
                final List<String> lines = new CopyOnWriteArrayList<>();
                assertEquals(0, Main.run(new GatewayCommand(), List.of("--config", configFile.toString(),
                    "--ws", simulator.wsUrl(), "--rest", simulator.restUrl(), "--symbols", "btcusdt",
                    "--status-interval", "500ms", "--duration", "3s"), lineSink(lines), System.err), String.join("\n", lines));
            }
        }

        // Both runs' inputs are on the log, the second run's numbered above the first's ...
        final Map<Integer, List<Long>> sequences = new HashMap<>();
        for (final JsonNode event : tail(config.memberDir(0)))
        {
            final JsonNode payload = event.get("payload");
            sequences.computeIfAbsent(payload.get("source_id").asInt(), k -> new ArrayList<>()).add(payload.get("sequence").asLong());
        }
        for (final int source : List.of(ClientSide.FEED_SOURCE_ID, ClientSide.VENUE_SOURCE_ID))
        {
            final List<Long> seen = sequences.getOrDefault(source, List.of());
            assertTrue(seen.size() > 2, "source " + source + " on the log: " + seen.size());
            for (int i = 1; i < seen.size(); i++)
            {
                assertTrue(seen.get(i) > seen.get(i - 1), "source " + source + " increasing across the restart at " + i);
            }
        }
        // The session lasts 10 s at speed 2: the second run had a live feed of its own, numbered from its start time.
        final List<Long> feed = sequences.get(ClientSide.FEED_SOURCE_ID);
        int restartAt = 0;
        for (int i = 1; i < feed.size(); i++)
        {
            restartAt = feed.get(i) - feed.get(i - 1) > TimeUnit.SECONDS.toNanos(1) ? i : restartAt;
        }
        assertTrue(restartAt > 100 && feed.size() - restartAt > 100,
            "both runs fed the cluster: " + restartAt + " then " + (feed.size() - restartAt));
        // ... so the engine applied every one of them: nothing dropped as a duplicate.
        final Engine replayed = settings.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        JournalReader.open(config.memberDir(0)).replay(replayed);
        assertEquals(0, replayed.counters().get(EngineCounters.DUPLICATES));
        assertTrue(replayed.ordersSent() > 0, "the market maker quoted after the restart too");
    }

    @Test
    void withVenueBinanceInTheClusterFileTheLeadersOrdersGoToTheExchangeOverTheWebSocketApi() throws Exception
    {
        final KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final Path keyFile = GatewayProcess.writeKeyFile(dir, keys);
        final Map<String, String> env = Map.of(Credentials.API_KEY_ENV, "key-made-by-the-test",
            Credentials.ED25519_KEY_FILE_ENV, keyFile.toString());
        final EngineSettings engine = EngineSettings.parse(ClusterConfig.parse(engine(), "engine").engineSettings());
        final List<String> lines = new CopyOnWriteArrayList<>();
        // no exchangeInfo: the synthetic book's prices are not the sample's BTCUSDT filters
        try (LocalExchange exchange = LocalExchange.launch(new LocalExchange.Context().instruments(engine.instruments())
                .account("key-made-by-the-test", null, keys.getPublic())
                .balance("USDT", "100000000").balance("BTC", "100000000")))
        {
            final Path configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir.resolve("data") +
                "\nring.slot.length = 4k\nvenue = binance\nvenue.binance.api_ws = " + exchange.apiUrl() + "\n" + engine(),
                "test").withFreePorts(1));
            final ClusterConfig config = ClusterConfig.load(configFile);
            final EngineSettings settings = EngineSettings.parse(config.engineSettings());
            try (LocalCluster cluster = LocalCluster.launch(config,
                    (id) -> FerrumClusteredService.create(settings::newEngine, config), ThreadLayout.none(),
                    (ex) -> System.err.println("cluster: " + ex));
                VenueSimulator simulator = VenueSimulator.launch(new VenueSimulator.Context()
                    .session(SyntheticFlow.generate(7, List.of("BTCUSDT"), 6_000, 1_000_000).session()).speed(2).port(0)))
            {
                cluster.awaitLeader(30, TimeUnit.SECONDS);
                assertEquals(0, Main.run(new GatewayCommand(null, env::get), List.of("--config", configFile.toString(),
                    "--ws", simulator.wsUrl(), "--rest", simulator.restUrl(), "--symbols", "btcusdt",
                    "--status-interval", "500ms", "--duration", "6s"), lineSink(lines), System.err), String.join("\n", lines));
            }
            final JsonNode start = JsonSchemas.assertValid("command_line", lines.get(0));
            assertTrue(start.get("orders").asText().startsWith("binance: orders over Binance's WebSocket API at " +
                exchange.apiUrl()), lines.get(0));
            assertFalse(start.get("orders").asText().contains(keyFile.toString()), "the start line names no key file");
            assertTrue(exchange.ordersAccepted() > 0, "the market maker's quotes reached the exchange: " +
                lines.get(lines.size() - 1) + "; exchange malformed " + exchange.malformedRequests() + ", filter " +
                exchange.filterFailures() + ", signature " + exchange.signatureFailures() + ", balance " + exchange.orderStates());
            assertEquals(0, exchange.idsAcceptedTwice());
            final Set<Long> atExchange = new HashSet<>();
            exchange.orderStates().keySet().forEach(id -> atExchange.add(Long.parseLong(id.substring(1))));
            int acknowledged = 0;
            for (final JsonNode event : tail(config.memberDir(0)))
            {
                final JsonNode payload = event.get("payload");
                if ("execution_report".equals(event.get("type").asText()) && "new".equals(payload.get("exec_type").asText()))
                {
                    assertEquals(ClientSide.VENUE_SOURCE_ID, payload.get("source_id").asInt());
                    assertTrue(atExchange.contains(payload.get("client_order_id").asLong()), event.toString());
                    acknowledged++;
                }
            }
            assertTrue(acknowledged > 0, "the exchange's acknowledgements on the log");
        }
    }

    /**
     * Issue 19: the gateway process killed with SIGKILL while orders are in flight, and started again
     * at once. Its in-memory state (the orders its session sent, the ids it has seen) dies with it;
     * the exchange, in this JVM, outlives it. No client order id may be accepted twice, and the log's
     * fills must equal the exchange's, order by order.
     */
    @Test
    void aGatewayKilledWithSigkillAndRestartedSendsNoOrderTwiceAndMissesNoFill() throws Exception
    {
        final KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final Path keyFile = GatewayProcess.writeKeyFile(dir, keys);
        final Map<String, String> env = Map.of(Credentials.API_KEY_ENV, "key-made-by-the-test",
            Credentials.ED25519_KEY_FILE_ENV, keyFile.toString());
        final EngineSettings engine = EngineSettings.parse(ClusterConfig.parse(engine(), "engine").engineSettings());
        final Map<String, String> atExchange;
        final long accepted;
        final long twice;
        final int kills = 3;
        final Path configFile;
        try (LocalExchange exchange = LocalExchange.launch(new LocalExchange.Context().instruments(engine.instruments())
                .account("key-made-by-the-test", null, keys.getPublic())
                .balance("USDT", "100000000").balance("BTC", "100000000")))
        {
            configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir.resolve("data") +
                "\nring.slot.length = 4k\nvenue = binance\nvenue.binance.api_ws = " + exchange.apiUrl() + "\n" + engine(),
                "test").withFreePorts(1));
            final ClusterConfig config = ClusterConfig.load(configFile);
            final EngineSettings settings = EngineSettings.parse(config.engineSettings());
            try (LocalCluster cluster = LocalCluster.launch(config,
                    (id) -> FerrumClusteredService.create(settings::newEngine, config), ThreadLayout.none(),
                    (ex) -> System.err.println("cluster: " + ex));
                ExchangeFeed feed = new ExchangeFeed(exchange, engine.instruments()))
            {
                final VenueSimulator simulator = feed.simulator;
                cluster.awaitLeader(30, TimeUnit.SECONDS);
                final List<String> command = List.of("gateway", "--config", configFile.toString(), "--ws",
                    simulator.wsUrl(), "--rest", simulator.restUrl(), "--symbols", "btcusdt", "--status-interval", "1s");
                for (int run = 0; run <= kills; run++)
                {
                    final Path log = dir.resolve("gateway-" + run + ".log");
                    final Process gateway = GatewayProcess.start(command, env, log);
                    final long before = exchange.ordersAccepted();
                    try
                    {
                        await("run " + run + ": orders reach the exchange", () -> exchange.ordersAccepted() > before + 3);
                    }
                    catch (final AssertionError ex)
                    {
                        System.out.println(Files.readString(log));
                        throw ex;
                    }
                    if (run < kills)
                    {
                        gateway.destroyForcibly().waitFor(); // SIGKILL with orders in flight
                    }
                    else
                    {
                        // the last run ends cleanly, once the exchange has stopped matching and the gateway has
                        // passed on everything it heard: an order filled after its gateway stopped is the next run's
                        feed.books.close();
                        final long fills = exchange.fills();
                        Thread.sleep(2_000);
                        assertEquals(fills, exchange.fills(), "the exchange stopped matching");
                        gateway.toHandle().destroy();
                        assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
                    }
                    System.out.println("GATEWAY_KILL run " + run + ": exchange accepted " + exchange.ordersAccepted() +
                        ", open " + exchange.openOrders() + ", fills " + exchange.fills() + ", accepted twice " +
                        exchange.idsAcceptedTwice());
                }
            }
            atExchange = exchange.orderStates();
            accepted = exchange.ordersAccepted();
            twice = exchange.idsAcceptedTwice();
        }
        assertEquals(0, twice, "no client order id accepted twice across " + kills + " SIGKILLs of the gateway");

        // the log's fills equal the exchange's, order by order
        final Map<Long, BigDecimal> filledOnLog = new HashMap<>();
        for (final JsonNode event : tail(ClusterConfig.load(configFile).memberDir(0)))
        {
            if ("execution_report".equals(event.get("type").asText()))
            {
                final JsonNode payload = event.get("payload");
                filledOnLog.merge(payload.get("client_order_id").asLong(),
                    new BigDecimal(payload.get("last_quantity").asText()), BigDecimal::add);
            }
        }
        for (final Map.Entry<String, String> order : atExchange.entrySet())
        {
            final long id = Long.parseLong(order.getKey().substring(1));
            final BigDecimal executed = new BigDecimal(order.getValue().split(" ")[1]);
            assertEquals(0, executed.compareTo(filledOnLog.getOrDefault(id, BigDecimal.ZERO)),
                "order " + order.getKey() + ": exchange " + order.getValue() + ", log " + filledOnLog.get(id));
        }
        assertEquals(accepted, atExchange.size());
    }

    @Test
    void venueBinanceWithoutCredentialsInTheEnvironmentIsAConfigError() throws Exception
    {
        final Path configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir + "\nvenue = binance\n" +
            "venue.binance.api_ws = ws://localhost:1/ws-api/v3\n", "test").withFreePorts(1));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(ExitCodes.CONFIG, Main.run(new GatewayCommand(null, Map.of(Credentials.API_KEY_ENV, "k")::get),
            List.of("--config", configFile.toString(), "--ws", "ws://localhost:1/ws", "--rest", "http://localhost:1",
                "--symbols", "BTCUSDT"), new PrintStream(OutputStream.nullOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains(Credentials.ED25519_KEY_FILE_ENV), err::toString);
    }

    @Test
    void refusesMalformedCommandLines() throws Exception
    {
        final Path configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir + "\n", "test").withFreePorts(3));
        final PrintStream sink = new PrintStream(OutputStream.nullOutputStream());
        final List<List<String>> bad = List.of(
            List.of(),
            List.of("--config", configFile.toString()),
            List.of("--config", configFile.toString(), "--ws", "ws://localhost:1/ws", "--rest", "http://localhost:1"),
            List.of("--config", configFile.toString(), "--ws", "http://localhost:1/ws", "--rest", "http://localhost:1",
                "--symbols", "BTCUSDT"),
            List.of("--config", configFile.toString(), "--ws", "ws://localhost:1/ws", "--rest", "ftp://localhost:1",
                "--symbols", "BTCUSDT"),
            List.of("--config", configFile.toString(), "--ws", "not a url", "--rest", "http://localhost:1",
                "--symbols", "BTCUSDT"),
            List.of("--config", configFile.toString(), "--ws", "ws://localhost:1/ws", "--rest", "http://localhost:1",
                "--symbols", "NOSUCHCOIN"),
            List.of("--config", configFile.toString(), "--ws", "ws://localhost:1/ws", "--rest", "http://localhost:1",
                "--symbols", "BTCUSDT", "--status-interval", "-1s"),
            List.of("--config", configFile.toString(), "--bogus"),
            List.of("--config"));
        for (final List<String> args : bad)
        {
            assertEquals(ExitCodes.USAGE, Main.run(new GatewayCommand(), args, sink, sink), args.toString());
        }
        assertEquals(ExitCodes.USAGE, Main.run(List.of("gateway", "--ws"), sink, sink));
        assertTrue(Main.commands().containsKey("gateway"), "registered for ServiceLoader");
    }

    @Test
    void refusesABadConfigWithExit78AndAMissingOneWith66() throws Exception
    {
        final List<String> endpoints = List.of("--ws", "ws://localhost:1/ws", "--rest", "http://localhost:1",
            "--symbols", "BTCUSDT");
        final Path unknownKey = dir.resolve("unknown.conf");
        Files.writeString(unknownKey, "cluster.member.0 = localhost:20100\ncluster.lol = 1\n");
        final Path noMembers = dir.resolve("nomembers.conf");
        Files.writeString(noMembers, "cluster.dir = " + dir + "\n");
        final Path badEngine = dir.resolve("engine.conf");
        Files.writeString(badEngine, "cluster.member.0 = localhost:20100\nengine.nonsense = 1\n");
        final Path garbage = dir.resolve("garbage.conf");
        Files.write(garbage, new byte[]{ 0, (byte)0xff, '=', '\n', 'x' });
        final Path ipc = dir.resolve("ipc.conf"); // a gateway is never in its member's JVM
        Files.writeString(ipc, "cluster.member.0 = localhost:20100\ncluster.client.transport = ipc\n");
        for (final Path file : List.of(unknownKey, noMembers, badEngine, garbage, ipc, dir.resolve("missing.conf")))
        {
            final ByteArrayOutputStream err = new ByteArrayOutputStream();
            final List<String> args = new ArrayList<>(List.of("--config", file.toString()));
            args.addAll(endpoints);
            final int expected = file.endsWith("missing.conf") ? ExitCodes.NO_INPUT : ExitCodes.CONFIG;
            assertEquals(expected, Main.run(new GatewayCommand(), args,
                new PrintStream(OutputStream.nullOutputStream()), new PrintStream(err, true, StandardCharsets.UTF_8)));
            assertTrue(err.toString(StandardCharsets.UTF_8).startsWith("ferrum gateway: "), err::toString);
        }
    }

    @Test
    void saysSoWhenNoClusterAnswers() throws Exception
    {
        final Path configFile = writeConfig(ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\n", "test")
            .withFreePorts(3));
        final ByteArrayOutputStream err = new ByteArrayOutputStream();
        assertEquals(GatewayCommand.EXIT_UNAVAILABLE, Main.run(new GatewayCommand(), List.of("--config", configFile.toString(),
            "--ws", "ws://localhost:1/ws", "--rest", "http://localhost:1", "--symbols", "BTCUSDT",
            "--connect-timeout", "1s"), new PrintStream(OutputStream.nullOutputStream()),
            new PrintStream(err, true, StandardCharsets.UTF_8)));
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("no cluster leader answered"), err::toString);
    }

    private Path writeConfig(final ClusterConfig free) throws Exception
    {
        final StringBuilder text = new StringBuilder();
        free.effectiveValues().forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
        final Path file = dir.resolve("cluster.conf");
        Files.writeString(file, text.toString());
        return file;
    }

    private static List<JsonNode> tail(final Path memberDir) throws Exception
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(0, Main.run(new TailCommand(), List.of("--journal", memberDir.toString(), "--from-start"),
            lineSink(lines), System.err));
        final List<JsonNode> events = new ArrayList<>();
        for (final String line : lines)
        {
            events.add(MAPPER.readTree(line));
        }
        return events;
    }

    private static JsonNode lastStatus(final List<String> lines) throws Exception
    {
        for (int i = lines.size() - 1; i >= 0; i--)
        {
            final JsonNode node = MAPPER.readTree(lines.get(i));
            if (node.get("type").asText().startsWith("gateway_"))
            {
                return node;
            }
        }
        return MAPPER.readTree("{\"orders_sent\":0}");
    }

    /** A PrintStream that adds each line printed to {@code lines}. */
    private static PrintStream lineSink(final List<String> lines)
    {
        return new PrintStream(new OutputStream()
        {
            private final ByteArrayOutputStream line = new ByteArrayOutputStream();

            public synchronized void write(final int b)
            {
                if ('\n' == b)
                {
                    lines.add(line.toString(StandardCharsets.UTF_8));
                    line.reset();
                }
                else
                {
                    line.write(b);
                }
            }
        }, true, StandardCharsets.UTF_8);
    }

    private static void await(final String what, final BooleanSupplierWithException condition) throws Exception
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(30);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out waiting for " + what);
            Thread.sleep(20);
        }
    }

    @FunctionalInterface
    private interface BooleanSupplierWithException
    {
        boolean getAsBoolean() throws Exception;
    }
}
