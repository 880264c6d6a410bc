package io.ferrum.ops.cli;

import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.engine.Engine;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.risk.RiskParameter;
import io.ferrum.sequencer.cluster.AdminAuthenticator;
import io.ferrum.sequencer.cluster.ClusterConfig;
import io.ferrum.sequencer.cluster.FerrumClusteredService;
import io.ferrum.sequencer.cluster.LocalCluster;
import io.ferrum.tuning.layout.ThreadLayout;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/** {@code ./ferrum admin}: usage errors, and commands that reach a real one-member cluster's engine. */
class AdminCommandTest
{
    private static final String TOKEN = "ops-test-admin-token-42";

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();
    private final AtomicLong clock = new AtomicLong(1_000);

    private int run(final Map<String, String> env, final String... args) throws Exception
    {
        out.reset();
        err.reset();
        return Main.run(new AdminCommand(env, clock::incrementAndGet), List.of(args),
            new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    private String err()
    {
        return err.toString(StandardCharsets.UTF_8);
    }

    @Test
    void isRegisteredWithTheLauncher()
    {
        assertTrue(Main.commands().containsKey("admin"), Main.commands().keySet().toString());
    }

    @Test
    void badArgumentsAreClearUsageErrors() throws Exception
    {
        final Map<String, String> env = Map.of(AdminAuthenticator.TOKEN_ENV, TOKEN);
        final String ingress = "--ingress";
        final String[][] cases = {
            {},
            {"explode"},
            {"kill-switch"},
            {"kill-switch", ingress, "0=localhost:9000", "--cluster", "x.conf"},
            {"kill-switch", ingress, "0=localhost:9000", "--scope", "galaxy"},
            {"kill-switch", ingress, "0=localhost:9000", "--scope", "strategy"},
            {"kill-switch", ingress, "0=localhost:9000", "--bogus"},
            {"set-state", ingress, "0=localhost:9000", "--state", "HALTED"},
            {"set-state", ingress, "0=localhost:9000", "--scope", "global", "--state", "PANIC"},
            {"set-limit", ingress, "0=localhost:9000", "--scope", "global", "--limit", "max_vibes", "--value", "1"},
            {"set-limit", ingress, "0=localhost:9000", "--scope", "global", "--limit", "max_order_notional"},
            {"set-limit", ingress, "0=localhost:9000", "--scope", "global", "--limit", "max_order_notional",
                "--value", "1e3"},
            {"set-limit", ingress, "0=localhost:9000", "--scope", "global", "--limit", "max_order_notional",
                "--value", "-5"},
            {"kill-switch", ingress, "0=localhost:9000", "--timeout", "soon"},
            {"kill-switch", ingress, "0=localhost:9000", "--timeout"},
        };
        final String[] expected = {
            "Missing required parameter: 'ACTION'", "unknown action 'explode'", "exactly one of --cluster FILE or --ingress",
            "exactly one of --cluster FILE or --ingress", "--scope must be global, strategy ID or instrument SYMBOL",
            "--scope strategy needs a value", "Unknown option: '--bogus'", "set-state needs --scope",
            "--state must be ACTIVE, REDUCING or HALTED, found 'PANIC'", "unknown --limit 'max_vibes'",
            "set-limit needs --value", "--value must be a plain non-negative decimal", "--value must be a plain",
            "Invalid value for option '--timeout': 'soon' is not a long",
            "Missing required parameter for option '--timeout'",
        };
        for (int i = 0; i < cases.length; i++)
        {
            assertEquals(ExitCodes.USAGE, run(env, cases[i]), String.join(" ", cases[i]));
            assertTrue(err().contains(expected[i]), String.join(" ", cases[i]) + " -> " + err());
            assertTrue(err().contains("(see ./ferrum help admin)"), err());
        }

        assertEquals(ExitCodes.USAGE, run(env, "kill-switch", ingress, "0=localhost:9000", "--scope", "instrument",
            "NOSUCHCOIN"));
        assertTrue(err().contains("unknown instrument 'NOSUCHCOIN'"), err());
        assertEquals(ExitCodes.NOT_PERMITTED, run(Map.of(), "kill-switch", ingress, "0=localhost:9000"));
        assertTrue(err().contains(AdminAuthenticator.TOKEN_ENV + " is not set"), err());
        assertEquals(ExitCodes.USAGE, run(env, "snapshot"));
        assertTrue(err().contains("snapshot needs --cluster FILE"), err());
    }

    @Test
    void badTokenFilesAreClearErrorsAndNothingIsSent() throws Exception
    {
        final String ingress = "0=localhost:9";
        final java.nio.file.Path open = java.nio.file.Files.writeString(dir.resolve("open.token"), TOKEN + "\n");
        java.nio.file.Files.setPosixFilePermissions(open,
            java.nio.file.attribute.PosixFilePermissions.fromString("rw-r--r--"));
        final java.nio.file.Path empty = ownerOnly("empty.token", "");
        final java.nio.file.Path words = ownerOnly("words.token", "two words\n");
        final java.nio.file.Path lines = ownerOnly("lines.token", TOKEN + "\nsecond line\n");
        final java.nio.file.Path binary = ownerOnly("binary.token", "t\u00e9st-token-0000000000\n");
        final String[][] cases = {
            {open.toString(), "others may access it", "77"},
            {dir.resolve("missing.token").toString(), "no such file", "66"},
            {empty.toString(), "expected one line holding the token", "65"},
            {words.toString(), "expected one line holding the token", "65"},
            {lines.toString(), "expected one line holding the token", "65"},
            {binary.toString(), "not ASCII text", "65"},
        };
        for (final String[] c : cases)
        {
            assertEquals(Integer.parseInt(c[2]), run(Map.of(), "kill-switch", "--ingress", ingress, "--token-file", c[0]), c[0]);
            assertTrue(err().contains("--token-file " + c[0] + ": " + c[1]) || err().contains(c[1]), c[0] + " -> " + err());
            assertTrue(out.toString(StandardCharsets.UTF_8).isEmpty(), "nothing acknowledged");
        }
    }

    private java.nio.file.Path ownerOnly(final String name, final String text) throws java.io.IOException
    {
        final java.nio.file.Path file = java.nio.file.Files.writeString(dir.resolve(name), text, StandardCharsets.UTF_8);
        java.nio.file.Files.setPosixFilePermissions(file, java.nio.file.attribute.PosixFilePermissions.fromString("rw-------"));
        return file;
    }

    @Test
    void commandsReachTheEngineThroughTheCluster() throws Exception
    {
        final InstrumentRegistry instruments = InstrumentRegistry.loadResource(InstrumentRegistry.BINANCE_FIXTURES);
        final AtomicReference<RiskPreTradeCheck> risk = new AtomicReference<>();
        final ClusterConfig config = ClusterConfig.parse("cluster.dir = " + dir + "\n", "test");
        try (LocalCluster cluster = LocalCluster.launch(config, memberId -> FerrumClusteredService.create(
            (output, timers) ->
            {
                final RiskPreTradeCheck check = RiskPreTradeCheck.withoutLimits(instruments, 0);
                risk.set(check);
                return new Engine(new Engine.Context().instruments(instruments).output(output)
                    .timerScheduler(timers).preTradeCheck(check));
            }, config.ackInterval()), ThreadLayout.none(), Throwable::printStackTrace, TOKEN))
        {
            cluster.awaitLeader(30, TimeUnit.SECONDS);
            final String ingress = cluster.config().ingressEndpoints();
            final Map<String, String> env = Map.of(AdminAuthenticator.TOKEN_ENV, TOKEN);
            final int btc = instruments.get("BTCUSDT").instrumentId();

            assertEquals(0, run(env, "set-limit", "--ingress", ingress, "--scope", "instrument", "btcusdt",
                "--limit", "max_order_notional", "--value", "1000.5"), err());
            assertTrue(JsonSchemas.assertValid("command_line", out.toString(StandardCharsets.UTF_8).trim()).get("acknowledged").asBoolean());
            await(() -> risk.get().riskManager().limit(RiskParameter.MAX_ORDER_NOTIONAL, Scope.INSTRUMENT, btc) ==
                1000_50000000L);

            assertEquals(0, run(env, "set-state", "--ingress", ingress, "--scope", "strategy", "3", "--state",
                "reducing"), err());
            await(() -> risk.get().riskManager().manualState(Scope.STRATEGY, 3) == TradingState.REDUCING);

            assertEquals(0, run(env, "kill-switch", "--ingress", ingress), err());
            await(() -> risk.get().riskManager().state(Scope.GLOBAL, 0) == TradingState.HALTED);

            // The wrong token: refused by the cluster, a clear error, nothing changed.
            assertEquals(ExitCodes.NOT_PERMITTED, run(Map.of(AdminAuthenticator.TOKEN_ENV, "not-the-token-0000"), "set-state",
                "--ingress", ingress, "--scope", "global", "--state", "ACTIVE", "--timeout", "2000"));
            assertTrue(err().contains("refused the admin token"), err());
            assertEquals(TradingState.HALTED, risk.get().riskManager().state(Scope.GLOBAL, 0));
        }
    }

    private static void await(final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(20);
        while (!condition.getAsBoolean())
        {
            assertTrue(System.nanoTime() < deadline, "timed out");
            Thread.sleep(5);
        }
    }
}
