package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.engine.Engine;
import io.ferrum.gateway.binance.api.Credentials;
import io.ferrum.gateway.sim.VenueSimulator;
import io.ferrum.gateway.sim.exchange.LocalExchange;
import io.ferrum.ops.node.EngineSettings;
import io.ferrum.sequencer.cluster.AdminAuthenticator;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.journal.JournalReader;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.math.BigDecimal;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;

import static io.ferrum.ops.cli.MemberProcesses.await;
import static org.junit.jupiter.api.Assertions.*;

/**
 * The hot standby on Binance's protocol: three {@code ./ferrum node} processes (a market maker quoting
 * on a synthetic book), {@code ./ferrum gateway} as a process of its own with {@code venue = binance},
 * its orders over the WebSocket API to a local exchange in this JVM that matches on the same feed.
 * <ol>
 * <li>The leader is killed with SIGKILL while the market maker quotes: a new leader takes over, the
 * gateway follows it and reconciles, orders go on.</li>
 * <li>The kill switch is pulled while no gateway is connected ({@code ./ferrum admin kill-switch}; the
 * gateway was killed), so its CancelAllOrders is lost on the egress, and the leader that took it is
 * killed too. The gateway started again reconciles with the third leader, whose answer asks for the
 * cancel-everything again: the log has one CancelAllResult per instrument, and nothing is left open.</li>
 * </ol>
 * At the end the exchange holds no open order and neither does the engine (a replay of the journal);
 * the log's fills and final statuses equal the exchange's, order by order; the log's balances (its
 * AccountBalances, folded) equal the exchange's; no client order id was accepted twice; no rate limit
 * was exceeded; {@code ./ferrum verify} is ok and the three members' state hashes agree.
 */
class BinanceFailoverSystemTest
{
    private static final ObjectMapper MAPPER = new ObjectMapper();
    private static final String API_KEY = "key-made-by-the-test";
    private static final String TOKEN = "admin-token-of-the-failover-test";

    @TempDir(cleanup = org.junit.jupiter.api.io.CleanupMode.ON_SUCCESS)
    Path dir;

    @Test
    void theLeaderKilledWhileTradingAndAfterAKillSwitchLosesNoOrderNoFillAndLeavesNothingOpen() throws Exception
    {
        final long startNs = System.nanoTime();
        final KeyPair keys = KeyPairGenerator.getInstance("Ed25519").generateKeyPair();
        final Map<String, String> gatewayEnv = Map.of(Credentials.API_KEY_ENV, API_KEY,
            Credentials.ED25519_KEY_FILE_ENV, GatewayProcess.writeKeyFile(dir, keys).toString());
        final String engineLines = ClusterStrategies.engineLines(dir,
            "strategy.mm.class = io.ferrum.engine.strategy.marketmaker.MarketMaker",
            "strategy.mm.strategyId = 1",
            "strategy.mm.instrumentId = 1",
            "strategy.mm.quoteQuantity = 100000",
            "strategy.mm.maxPosition = 1000000");
        final EngineSettings settings = EngineSettings.parse(ClusterConfig.parse(engineLines, "engine").engineSettings());
        final int instruments = settings.instruments().instruments().size();

        final Map<String, String> atExchange;
        final Map<String, String> balancesAtExchange;
        final ClusterConfig config;
        final Path configFile = dir.resolve("cluster.conf");
        // no exchangeInfo: the synthetic book's prices are not the sample's BTCUSDT filters
        try (LocalExchange exchange = LocalExchange.launch(new LocalExchange.Context().instruments(settings.instruments())
                .account(API_KEY, null, keys.getPublic())
                .balance("USDT", "100000000").balance("BTC", "100000000")))
        {
            final StringBuilder text = new StringBuilder();
            ClusterConfig.parse("cluster.dir = " + dir.resolve("data") + "\nring.slot.length = 4k\n" +
                "cluster.hash.interval = 100\nvenue = binance\nvenue.binance.api_ws = " + exchange.apiUrl() + "\n" +
                engineLines, "test").withFreePorts(3).effectiveValues()
                .forEach((key, value) -> text.append(key).append(" = ").append(value).append('\n'));
            Files.writeString(configFile, text.toString());
            config = ClusterConfig.load(configFile);

            // the members first: their JVMs start while the feed syncs
            try (MemberProcesses members = startMembers(config, configFile);
                ExchangeFeed feed = new ExchangeFeed(exchange, settings.instruments()))
            {
                final VenueSimulator simulator = feed.simulator;
                // the gateway too starts while the members do: it waits for a leader
                final List<String> gatewayArgs = List.of("gateway", "--config", configFile.toString(),
                    "--ws", simulator.wsUrl(), "--rest", simulator.restUrl(), "--symbols", "btcusdt",
                    "--status-interval", "1s", "--connect-timeout", "60s");
                final Path gatewayLog = dir.resolve("gateway.log");
                Process gateway = GatewayProcess.start(gatewayArgs, gatewayEnv, gatewayLog);
                try
                {
                    awaitOrLog("orders reach the exchange", () -> exchange.ordersAccepted() > 3, gatewayLog);

                    // 1. the leader killed while the market maker quotes; restarted at once, it rejoins as a follower
                    final int first = members.awaitLeader(-1); // after any election at start
                    members.kill(first);
                    final long killedAt = System.nanoTime();
                    members.start(first);
                    final int second = members.awaitLeader(first);
                    final long acceptedAtTakeover = exchange.ordersAccepted();
                    awaitOrLog("orders after the takeover", () -> exchange.ordersAccepted() > acceptedAtTakeover + 3,
                        gatewayLog);
                    System.out.println("BINANCE_FAILOVER leader " + first + " -> " + second + ", orders again " +
                        TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - killedAt) + " ms after the kill");

                    // 2. the kill switch while no gateway hears the egress, then its leader killed. The exchange stops
                    // matching first and the gateway passes on what it heard: nothing is in flight when it dies (a
                    // gateway killed with fills in flight is GatewayCommandTest's), only the kill switch's egress is lost
                    feed.books.close();
                    final long fills = exchange.fills();
                    Thread.sleep(1_000);
                    assertEquals(fills, exchange.fills(), "the exchange stopped matching");
                    gateway.destroyForcibly().waitFor();
                    final ByteArrayOutputStream adminErr = new ByteArrayOutputStream();
                    assertEquals(0, Main.run(new AdminCommand(Map.of(AdminAuthenticator.TOKEN_ENV, TOKEN),
                        () -> System.currentTimeMillis() * 1_000L), List.of("kill-switch", "--cluster", configFile.toString()),
                        new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                        new PrintStream(adminErr, true, StandardCharsets.UTF_8)), adminErr.toString(StandardCharsets.UTF_8));
                    final int killSwitchLeader = members.awaitLeader(-1);
                    members.kill(killSwitchLeader);
                    members.start(killSwitchLeader);
                    gateway = GatewayProcess.start(gatewayArgs, gatewayEnv, gatewayLog);
                    final int third = members.awaitLeader(killSwitchLeader);
                    // the restarted gateway reaches the new leader only after the election: its reconcile, the
                    // cancel-alls and their results on the log, not only an empty exchange, say it is done
                    awaitOrLog("a CancelAllResult per instrument on the log", () ->
                        count(config.memberDir(third), "cancel_all_result") >= instruments, gatewayLog);
                    awaitOrLog("nothing open at the exchange", () -> 0 == exchange.openOrders(), gatewayLog);
                    System.out.println("BINANCE_FAILOVER kill switch lost on the egress of leader " + killSwitchLeader +
                        ", carried out through leader " + third);

                    gateway.toHandle().destroy();
                    assertTrue(gateway.waitFor(30, TimeUnit.SECONDS));
                }
                finally
                {
                    gateway.destroyForcibly();
                }
                members.awaitAllAgree("the three members agree at the end");

                final ByteArrayOutputStream replicas = new ByteArrayOutputStream();
                assertEquals(0, Main.run(new ReplicasCommand(), List.of("--config", configFile.toString()),
                    new PrintStream(replicas, true, StandardCharsets.UTF_8), System.err));
                assertTrue(replicas.toString(StandardCharsets.UTF_8).contains("replicas agree"), replicas::toString);
                final ByteArrayOutputStream verified = new ByteArrayOutputStream();
                assertEquals(ExitCodes.OK, Main.run(new VerifyCommand(), List.of("--config", configFile.toString()),
                    new PrintStream(verified, true, StandardCharsets.UTF_8), System.err), verified::toString);
                members.stop(0); // its journal read below as a file at rest
            }
            assertEquals(0, exchange.openOrders(), "nothing placed after the kill switch");
            assertEquals(exchange.ordersAccepted(), exchange.orderStates().size());
            atExchange = exchange.orderStates();
            balancesAtExchange = exchange.balances();
            assertEquals(0, exchange.idsAcceptedTwice(), "no client order id accepted twice");
            assertEquals(0, exchange.tooManyRequests(), "no rate limit exceeded");
            assertEquals(0, exchange.limitBreaches());
        }

        // the log against the exchange
        final Map<Long, BigDecimal> filledOnLog = new HashMap<>();
        final Map<Long, String> statusOnLog = new HashMap<>();
        final Map<Long, String> reportsOnLog = new HashMap<>();
        final Map<String, BigDecimal[]> balancesOnLog = new TreeMap<>();
        final List<JsonNode> cancelAllResults = new ArrayList<>();
        for (final JsonNode event : tail(config.memberDir(0)))
        {
            final JsonNode payload = event.get("payload");
            switch (event.get("type").asText())
            {
                case "execution_report" ->
                {
                    final long id = payload.get("client_order_id").asLong();
                    filledOnLog.merge(id, new BigDecimal(payload.get("last_quantity").asText()), BigDecimal::add);
                    reportsOnLog.merge(id, payload.get("exec_type").asText() + " " + payload.get("last_quantity").asText() +
                        " @" + event.get("log_time_ns") + "; ", String::concat);
                    statusOnLog.put(id, payload.get("order_status").asText());
                }
                case "account_balances" ->
                {
                    if ("snapshot".equals(payload.get("update").asText()))
                    {
                        balancesOnLog.clear();
                    }
                    for (final JsonNode balance : payload.get("balances"))
                    {
                        balancesOnLog.put(balance.get("asset").asText(), new BigDecimal[]{
                            new BigDecimal(balance.get("free").asText()), new BigDecimal(balance.get("locked").asText())});
                    }
                }
                case "cancel_all_result" -> cancelAllResults.add(payload);
                default ->
                {
                }
            }
        }
        int compared = 0;
        for (final Map.Entry<String, String> order : atExchange.entrySet())
        {
            final long id = Long.parseLong(order.getKey().substring(1));
            final String[] state = order.getValue().split(" ");
            assertEquals(0, new BigDecimal(state[1]).compareTo(filledOnLog.getOrDefault(id, BigDecimal.ZERO)),
                "order " + order.getKey() + ": exchange " + order.getValue() + ", log " + filledOnLog.get(id) + ": " +
                reportsOnLog.get(id));
            assertEquals(state[0].toLowerCase(java.util.Locale.ROOT), statusOnLog.get(id), "order " + order.getKey());
            compared++;
        }
        assertEquals(atExchange.size(), compared, "every order at the exchange");
        for (final Map.Entry<String, String> balance : balancesAtExchange.entrySet())
        {
            final String[] exchangeBalance = balance.getValue().split(" ");
            final BigDecimal[] logged = balancesOnLog.get(balance.getKey());
            assertNotNull(logged, "balance of " + balance.getKey() + " on the log");
            assertEquals(0, new BigDecimal(exchangeBalance[0]).compareTo(logged[0]), "free " + balance + ", log " + logged[0]);
            assertEquals(0, new BigDecimal(exchangeBalance[1]).compareTo(logged[1]), "locked " + balance + ", log " + logged[1]);
        }
        // the kill switch's openOrders.cancelAll, lost on the egress, went out through the next leader's answer
        assertEquals(instruments, cancelAllResults.size(), "one CancelAllResult per instrument: " + cancelAllResults);

        final Engine replayed = settings.newEngine(JournalReader.DISCARD_OUTPUT, JournalReader.REPLAY_TIMERS);
        JournalReader.open(config.memberDir(0)).replay(replayed);
        assertEquals(0, replayed.orderManager().openOrderCount(), "the engine holds no open order either");
        assertEquals(0, replayed.orderManager().cancelAllsUnanswered(), "the kill switch is done at the venue");
        System.out.println("BINANCE_FAILOVER " + compared + " orders compared, test ran " +
            TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - startNs) + " ms");
    }

    private static MemberProcesses startMembers(final ClusterConfig config, final Path configFile) throws Exception
    {
        final MemberProcesses members = new MemberProcesses(config, configFile, (id) -> List.of(),
            Map.of(AdminAuthenticator.TOKEN_ENV, TOKEN));
        for (int id = 0; id < 3; id++)
        {
            members.start(id);
        }
        return members;
    }

    private static void awaitOrLog(final String what, final java.util.function.BooleanSupplier condition, final Path log)
        throws Exception
    {
        try
        {
            await(what, condition);
        }
        catch (final AssertionError ex)
        {
            System.out.println(Files.readString(log));
            throw ex;
        }
    }

    /** Events of one type on a member's log so far. */
    private static long count(final Path memberDir, final String type)
    {
        try
        {
            return tail(memberDir).stream().filter(event -> type.equals(event.get("type").asText())).count();
        }
        catch (final Exception ex)
        {
            throw new IllegalStateException(ex);
        }
    }

    private static List<JsonNode> tail(final Path memberDir) throws Exception
    {
        final List<String> lines = new CopyOnWriteArrayList<>();
        assertEquals(0, Main.run(new TailCommand(), List.of("--journal", memberDir.toString(), "--from-start"),
            new PrintStream(new LineCollector(lines), true, StandardCharsets.UTF_8), System.err));
        final List<JsonNode> events = new ArrayList<>();
        for (final String line : lines)
        {
            events.add(MAPPER.readTree(line));
        }
        return events;
    }
}
