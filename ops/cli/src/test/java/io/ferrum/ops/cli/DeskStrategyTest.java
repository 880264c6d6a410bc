package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.engine.loader.DeskJar;
import io.ferrum.ops.Fixtures;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * A desk's strategy, compiled outside Ferrum into its own jar, loaded by configuration into a
 * backtest of a recorded session, a demo, the demo's replay and parity; a replay with another
 * build of the jar, or without it, is refused.
 */
class DeskStrategyTest
{
    @TempDir
    static Path dir;
    static Path jar;
    static Path strategies;

    @BeforeAll
    static void buildTheDesksJar() throws Exception
    {
        jar = DeskJar.build(dir, "desk-strategy", Map.of("desk.Echo", DeskJar.tradingStrategy("first build")));
        strategies = dir.resolve("desk.properties");
        // DENTUSDT (4) of the recorded sessions' instrument list, 10 units a trade
        Files.writeString(strategies, "strategy.echo.class = desk.Echo\nstrategy.echo.strategyId = 9\n" +
            "strategy.echo.instrumentId = 4\nstrategy.echo.size = 1000000000\n");
    }

    @Test
    void aDesksJarTradesInABacktestOfARecordedSession() throws Exception
    {
        final Captured out = new Captured();
        final Captured err = new Captured();
        assertEquals(0, Main.run(new BacktestCommand(), List.of("--session", Fixtures.tenSymbolSession().getParent().toString(),
            "--symbols", "DENTUSDT", "--strategies", strategies.toString(), "--classpath", jar.toString(),
            "--store", dir.resolve("store").toString(), "--out", dir.resolve("backtest").toString()),
            out.stream, err.stream), err.text());
        final JsonNode summary = new ObjectMapper().readTree(out.text().trim());
        assertTrue(summary.get("trades").asLong() > 0, out.text());

        final Captured refused = new Captured();
        assertEquals(ExitCodes.CONFIG, Main.run(new BacktestCommand(), List.of("--session",
            Fixtures.tenSymbolSession().getParent().toString(), "--strategies", strategies.toString(),
            "--out", dir.resolve("none").toString()), new Captured().stream, refused.stream));
        assertTrue(refused.text().contains("desk.properties:1: strategy 'echo': class desk.Echo is not in Ferrum's classes"),
            refused.text());
    }

    @Test
    void aDemoOfADesksJarReplaysToItsHashAndRefusesAnotherBuildOfTheJar() throws Exception
    {
        final Path journal = dir.resolve("demo");
        final Captured out = new Captured();
        final Captured err = new Captured();
        assertEquals(0, Main.run(new DemoCommand(), List.of("--duration", "4s", "--speed", "10", "--journal",
            journal.toString(), "--strategies", strategies.toString(), "--classpath", jar.toString()),
            out.stream, err.stream), err.text());
        final String[] lines = out.text().trim().split("\n");
        final JsonNode live = new ObjectMapper().readTree(lines[lines.length - 1]);
        assertTrue(live.get("orders").asLong() > 0, out.text());

        final Captured replayed = new Captured();
        assertEquals(0, Main.run(new ReplayCommand(), List.of("--journal", journal.toString(), "--classpath", jar.toString()),
            replayed.stream, err.stream), err.text());
        assertEquals(live.get("state_hash"), new ObjectMapper().readTree(replayed.text().trim()).get("state_hash"));

        final Captured parity = new Captured();
        assertEquals(0, Main.run(new BacktestCommand(), List.of("--journal", journal.toString(), "--parity",
            "--classpath", jar.toString()), parity.stream, err.stream), err.text());
        assertTrue(parity.text().contains("\"result\":\"same\""), parity.text());

        final Path rebuilt = DeskJar.build(dir.resolve("rebuilt"), "desk-strategy",
            Map.of("desk.Echo", DeskJar.tradingStrategy("second build")));
        final Captured refused = new Captured();
        assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--journal", journal.toString(),
            "--classpath", rebuilt.toString()), new Captured().stream, refused.stream));
        assertTrue(refused.text().contains("refusing to replay: the strategies loaded here are not the ones the live run" +
            " journaled (strategy 'echo' (id 9): desk-strategy.jar (SHA-256 "), refused.text());

        final Captured missing = new Captured();
        assertEquals(ExitCodes.CONFIG, Main.run(new ReplayCommand(), List.of("--journal", journal.toString()),
            new Captured().stream, missing.stream));
        assertTrue(missing.text().contains("class desk.Echo is not in Ferrum's classes"), missing.text());
    }

    private static final class Captured
    {
        final ByteArrayOutputStream bytes = new ByteArrayOutputStream();
        final PrintStream stream = new PrintStream(bytes, true, StandardCharsets.UTF_8);

        String text()
        {
            return bytes.toString(StandardCharsets.UTF_8);
        }
    }
}
