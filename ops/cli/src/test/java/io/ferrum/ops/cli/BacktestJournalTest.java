package io.ferrum.ops.cli;

import com.fasterxml.jackson.databind.JsonNode;
import com.fasterxml.jackson.databind.ObjectMapper;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.gateway.sim.venue.SimulatedVenue;
import io.ferrum.gateway.replay.ReplaySession;
import io.ferrum.ops.Fixtures;
import io.ferrum.ops.JsonSchemas;
import io.ferrum.ops.backtest.parity.ParityCheck;
import io.ferrum.ops.backtest.parity.ParityResult;
import io.ferrum.ops.backtest.journal.DecisionLog;
import io.ferrum.ops.backtest.journal.DemoEngineConfig;
import io.ferrum.ops.demo.DemoRun;
import io.ferrum.sequencer.journal.JournalException;
import io.ferrum.sequencer.journal.JournalReader;
import org.agrona.DirectBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.ByteOrder;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import static org.junit.jupiter.api.Assertions.assertArrayEquals;
import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * {@code ./ferrum backtest --journal DIR [--parity]} on the journal of a real demo run: the
 * recorded ten-symbol session through the whole in-process demo (simulator, gateway, cluster,
 * engine, simulated venue), stopped once both strategies have traded a while.
 */
class BacktestJournalTest
{
    private static final String SESSION = "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv";

    @TempDir
    static Path shared;
    static Path journal;

    @TempDir
    Path dir;

    private final ByteArrayOutputStream out = new ByteArrayOutputStream();
    private final ByteArrayOutputStream err = new ByteArrayOutputStream();

    @BeforeAll
    static void runTheDemo() throws Exception
    {
        journal = shared.resolve("journal");
        final ReplaySession session = ReplaySession.load(Fixtures.binance(SESSION));
        try (DemoRun run = new DemoRun(session, 20, journal, DemoEngineConfig.defaults("ZILUSDT", "DENTUSDT"),
            new SimulatedVenue.Context().latencyNs(TimeUnit.MILLISECONDS.toNanos(1)), null, false))
        {
            final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
            while (run.orderGateway().marketDataMessages() < 1_000 && System.nanoTime() < deadline)
            {
                Thread.sleep(20); // the feed first connects and syncs its books: quiet then is not the end
            }
            awaitQuiet(run.orderGateway()::marketDataMessages);
            final io.ferrum.engine.Engine live = run.stop(300);
            assertTrue(run.errors().isEmpty(), "errors: " + run.errors());
            System.out.printf("demo for the journal tests: %d events, %d orders, %d cancels, %d replaces, %d fills%n",
                live.counters().get(EngineCounters.EVENTS), live.counters().get(EngineCounters.ORDERS_SENT),
                live.counters().get(EngineCounters.CANCELS_SENT), live.counters().get(EngineCounters.REPLACES_SENT),
                live.counters().get(EngineCounters.FILLS));
        }
    }

    private int run(final String... args)
    {
        final List<String> all = new ArrayList<>(List.of("backtest"));
        all.addAll(List.of(args));
        return Main.run(all, new PrintStream(out, true, StandardCharsets.UTF_8), new PrintStream(err, true, StandardCharsets.UTF_8));
    }

    @Test
    void parityHoldsOnTheDemosOwnJournal() throws Exception
    {
        assertEquals(0, run("--journal", journal.toString(), "--parity"), err.toString());
        final JsonNode line = JsonSchemas.assertValid("backtest_parity", out.toString(StandardCharsets.UTF_8));
        assertEquals("same", line.get("result").asText());
        final DecisionLog live = DecisionLog.read(journal);
        assertTrue(live.complete());
        assertTrue(live.decisions().size() >= 5, "decisions: " + live.decisions().size());
        assertEquals(live.decisions().size(), line.get("live_decisions").asLong());
        assertEquals(live.decisions().size(), line.get("replay_decisions").asLong());
        assertTrue(line.get("first_difference").isNull());
        // the engine's final positions, realized P&L and fees, in its one convention: the replay's equal the live engine's
        assertTrue(line.get("positions").isArray() && line.get("positions").size() > 0, line.toString());
        line.get("positions").forEach(p -> assertTrue(p.get("realized_pnl").isTextual() && p.get("fees").isTextual(), p.toString()));
        assertEquals(line.get("live_positions"), line.get("positions"));
        assertTrue(line.get("positions_same").asBoolean());
        assertTrue(live.decisions().stream().anyMatch(d -> d.templateId() != NewOrderDecoder.TEMPLATE_ID),
            "cancels or replaces are compared too");
    }

    @Test
    void parityFailsWhenTheLiveEnginesFinalPositionsDifferFromTheReplays() throws Exception
    {
        final Path copy = dir.resolve("copy");
        copyTree(journal, copy);
        final Path positions = copy.resolve(io.ferrum.ops.backtest.journal.FinalPositions.FILE_NAME);
        final String live = Files.readString(positions);
        final String fees = live.replaceFirst("\"fees\":\"(\\d+)\\.", "\"fees\":\"9$1.");
        assertTrue(!fees.equals(live), "a fee changed: " + live);
        Files.writeString(positions, fees);

        assertEquals(ExitCodes.CHECK_FAILED, run("--journal", copy.toString(), "--parity"));
        final JsonNode line = JsonSchemas.assertValid("backtest_parity", out.toString(StandardCharsets.UTF_8));
        assertEquals("different", line.get("result").asText());
        assertFalse(line.get("positions_same").asBoolean());
        assertTrue(line.get("first_difference").isNull(), "every decision is the same");
        assertTrue(err.toString(StandardCharsets.UTF_8).contains("the final positions differ"), err.toString());

        Files.delete(positions);
        out.reset();
        assertEquals(ExitCodes.CHECK_FAILED, run("--journal", copy.toString(), "--parity"), "no live positions: unknown");
        assertEquals("incomplete", JsonSchemas.assertValid("backtest_parity", out.toString(StandardCharsets.UTF_8))
            .get("result").asText());
    }

    @Test
    void aChangedStrategyParameterIsRefusedBeforeTheFirstInput() throws Exception
    {
        final Path strategies = journal.resolve(DemoEngineConfig.STRATEGIES_FILE_NAME);
        final String original = Files.readString(strategies);
        try
        {
            Files.writeString(strategies, original.replace("strategy.mm.halfSpreadTicks = 1", "strategy.mm.halfSpreadTicks = 2"));
            assertNotEquals(original, Files.readString(strategies));
            final JournalException refused = assertThrows(JournalException.class, () -> ParityCheck.run(journal));
            assertTrue(refused.getMessage().startsWith("refusing to replay: the strategies loaded here are not the ones" +
                " the live run journaled (strategy 'mm' (id 1): other parameters: journal [halfSpreadTicks = 1;"),
                refused.getMessage());
            final ByteArrayOutputStream replayErr = new ByteArrayOutputStream();
            assertEquals(ExitCodes.DATA, Main.run(new ReplayCommand(), List.of("--journal", journal.toString()),
                new PrintStream(new ByteArrayOutputStream(), true, StandardCharsets.UTF_8),
                new PrintStream(replayErr, true, StandardCharsets.UTF_8)));
            assertTrue(replayErr.toString(StandardCharsets.UTF_8).contains("refusing to replay"),
                replayErr.toString(StandardCharsets.UTF_8));
        }
        finally
        {
            Files.writeString(strategies, original);
        }
    }

    @Test
    void aTamperedDecisionIsReportedAtItsInputWithBothDecisions() throws Exception
    {
        final Path file = journal.resolve(DecisionLog.FILE_NAME);
        final byte[] original = Files.readAllBytes(file);
        final List<DecisionLog.Decision> decisions = DecisionLog.read(journal).decisions();
        final int victim = decisions.size() / 2;
        // walk the records independently of DecisionLog: 8-byte file header, 24-byte record headers, 8-byte aligned
        int offset = 8;
        for (int i = 0; i < victim; i++)
        {
            final int length = new UnsafeBuffer(original).getInt(offset, ByteOrder.LITTLE_ENDIAN);
            offset += (24 + length + 7) & ~7;
        }
        final int length = new UnsafeBuffer(original).getInt(offset, ByteOrder.LITTLE_ENDIAN);
        final byte[] tampered = original.clone();
        tampered[offset + 24 + length - 1] ^= 0x01; // the last field: a time, price or limit
        final ParityResult result;
        try
        {
            Files.write(file, tampered);
            result = ParityCheck.run(journal);
        }
        finally
        {
            Files.write(file, original);
        }
        assertArrayEquals(original, Files.readAllBytes(file));
        assertNotNull(result.difference());
        assertEquals(decisions.get(victim).inputCount(), result.difference().inputCount());
        assertEquals(decisions.get(victim).logPosition(), result.difference().logPosition());
        assertNotNull(result.difference().live());
        assertNotNull(result.difference().replay());
        assertNotEquals(result.difference().live(), result.difference().replay());

        assertEquals(0, run("--journal", journal.toString(), "--parity"), "back to the original: " + err);
    }

    @Test
    void aRiskLimitTheLiveRunDidNotHaveIsReportedAtTheFirstOrderItRefuses() throws Exception
    {
        final Path properties = journal.resolve(DemoEngineConfig.FILE_NAME);
        final Path limits = journal.resolve(DemoEngineConfig.RISK_FILE_NAME);
        final String original = Files.readString(properties);
        final DecisionLog.Decision firstQuote = DecisionLog.read(journal).decisions().stream()
            .filter(d -> d.templateId() == NewOrderDecoder.TEMPLATE_ID && strategyOf(d) == 1).findFirst().orElseThrow();
        final ParityResult result;
        try
        {
            // the market maker quotes 10 ZIL: a 1 ZIL limit refuses it
            Files.writeString(limits, "risk.instrument.ZILUSDT.max_order_quantity = 1\n");
            Files.writeString(properties, original + "risk.config = " + DemoEngineConfig.RISK_FILE_NAME + "\n");
            result = ParityCheck.run(journal);
        }
        finally
        {
            Files.writeString(properties, original);
            Files.delete(limits);
        }
        assertNotNull(result.difference());
        assertEquals(firstQuote.inputCount(), result.difference().inputCount());
        assertTrue(result.difference().live().startsWith("{\"type\":\"new_order\""), result.difference().live());
        assertTrue(result.difference().replay().startsWith("{\"type\":\"risk_reject\""), result.difference().replay());
        assertTrue(result.difference().replay().contains("\"reason\":\"MAX_ORDER_QUANTITY\""), result.difference().replay());
    }

    @Test
    void aLiveDecisionTheReplayDoesNotMakeIsADifferenceAtItsInput() throws Exception
    {
        final Path file = journal.resolve(DecisionLog.FILE_NAME);
        final byte[] original = Files.readAllBytes(file);
        final List<DecisionLog.Decision> decisions = DecisionLog.read(journal).decisions();
        // a record moved one input earlier than its predecessor's next: the live log claims a decision there
        int victim = 1;
        while (decisions.get(victim - 1).inputCount() >= decisions.get(victim).inputCount() - 1)
        {
            victim++;
        }
        int offset = 8;
        for (int i = 0; i < victim; i++)
        {
            final int length = new UnsafeBuffer(original).getInt(offset, ByteOrder.LITTLE_ENDIAN);
            offset += (24 + length + 7) & ~7;
        }
        final long moved = decisions.get(victim).inputCount() - 1;
        final byte[] tampered = original.clone();
        new UnsafeBuffer(tampered).putLong(offset + 8, moved, ByteOrder.LITTLE_ENDIAN);
        final ParityResult result;
        try
        {
            Files.write(file, tampered);
            result = ParityCheck.run(journal);
        }
        finally
        {
            Files.write(file, original);
        }
        assertNotNull(result.difference());
        assertEquals(moved, result.difference().inputCount());
        assertNotNull(result.difference().live());
        assertNull(result.difference().replay(), "the replay decided nothing at that input");
    }

    @Test
    void journalBacktestRunsTheLogsMarketDataThroughTheVenueModelAndIsDeterministic() throws Exception
    {
        final long[] marketInputs = new long[1];
        JournalReader.open(journal.resolve(DemoEngineConfig.MEMBER_DIR)).replay(new EngineInput()
        {
            public void onInput(
                final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
            {
                if (new MessageHeaderDecoder().wrap(buffer, offset).templateId() != ExecutionReportDecoder.TEMPLATE_ID)
                {
                    marketInputs[0]++;
                }
            }

            public void onTimer(final long timerId, final long timestampNs)
            {
            }
        });
        final Path first = dir.resolve("a");
        final Path second = dir.resolve("b");
        assertEquals(0, run("--journal", journal.toString(), "--out", first.toString()), err.toString());
        assertEquals(0, run("--journal", journal.toString(), "--out", second.toString()), err.toString());
        final JsonNode result = JsonSchemas.assertValid("backtest_result", Files.readString(first.resolve("result.json")));
        assertEquals("journal", result.path("settings").path("source").asText(), result.toString());
        assertEquals("ZILUSDT,DENTUSDT", result.path("settings").path("symbols").asText());
        assertEquals(marketInputs[0], result.path("run").path("events").asLong(), "every market input of the log, once");
        assertTrue(totalOrders(result) > 0, "the strategies traded against the venue model: " + result);
        assertArrayEquals(Files.readAllBytes(first.resolve("result.json")), Files.readAllBytes(second.resolve("result.json")));
    }

    @Test
    void clearErrorsForBadJournalsAndOptions() throws Exception
    {
        assertEquals(ExitCodes.USAGE, run("--parity"));
        assertEquals(ExitCodes.USAGE, run("--parity", "--synthetic"));
        assertEquals(ExitCodes.USAGE, run("--journal", journal.toString(), "--parity", "--out", dir.toString()));
        assertEquals(ExitCodes.USAGE, run("--journal", journal.toString(), "--symbols", "BTCUSDT"));
        assertEquals(ExitCodes.USAGE, run("--journal", journal.toString(), "--spread-ticks", "2"));
        assertEquals(ExitCodes.NO_INPUT, run("--journal", dir.resolve("missing").toString()));
        assertTrue(err.toString().contains("missing is not a directory"), err.toString());

        err.reset();
        assertEquals(ExitCodes.DATA, run("--journal", dir.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("is not a demo journal: no demo.properties"), err.toString());
        err.reset();
        assertEquals(ExitCodes.DATA, run("--journal", dir.toString(), "--parity"));
        assertTrue(err.toString().contains("no demo.properties"), err.toString());

        // a configuration but no log
        Files.copy(journal.resolve(DemoEngineConfig.FILE_NAME), dir.resolve(DemoEngineConfig.FILE_NAME));
        Files.copy(journal.resolve(DemoEngineConfig.STRATEGIES_FILE_NAME), dir.resolve(DemoEngineConfig.STRATEGIES_FILE_NAME));
        err.reset();
        assertEquals(ExitCodes.DATA, run("--journal", dir.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("does not exist"), err.toString());

        // a decision log cut short, then one that is not a decision log
        final byte[] decisions = Files.readAllBytes(journal.resolve(DecisionLog.FILE_NAME));
        Files.write(dir.resolve(DecisionLog.FILE_NAME), java.util.Arrays.copyOf(decisions, decisions.length - 30));
        err.reset();
        assertEquals(ExitCodes.DATA, run("--journal", dir.toString(), "--parity"));
        assertTrue(err.toString().contains("corrupt decision log"), err.toString());
        Files.writeString(dir.resolve(DecisionLog.FILE_NAME), "hello");
        err.reset();
        assertEquals(ExitCodes.DATA, run("--journal", dir.toString(), "--parity"));
        assertTrue(err.toString().contains("not a decision log"), err.toString());
    }

    @Test
    void aCorruptLogSegmentIsADataErrorNotACrash() throws Exception
    {
        final Path copy = dir.resolve("journal");
        copyTree(journal, copy);
        final Path archive = copy.resolve(DemoEngineConfig.MEMBER_DIR).resolve("archive");
        final Path segment;
        try (var files = Files.list(archive))
        {
            segment = files.filter(p -> p.getFileName().toString().endsWith(".rec")).sorted().findFirst().orElseThrow();
        }
        try (var channel = java.nio.channels.FileChannel.open(segment, java.nio.file.StandardOpenOption.READ,
            java.nio.file.StandardOpenOption.WRITE))
        {
            // walk twenty frames (32-byte aligned, length first), then give the next a length no frame can have
            final java.nio.ByteBuffer length = java.nio.ByteBuffer.allocate(4).order(ByteOrder.LITTLE_ENDIAN);
            long offset = 0;
            for (int i = 0; i < 20; i++)
            {
                length.clear();
                channel.read(length, offset);
                final int frameLength = length.getInt(0);
                assertTrue(frameLength > 0, "frame " + i + " at " + offset);
                offset += (frameLength + 31) & ~31;
            }
            channel.write(java.nio.ByteBuffer.wrap(new byte[]{(byte)0xFF, (byte)0xFF, (byte)0xFF, 0x7F}), offset);
        }
        assertEquals(ExitCodes.DATA, run("--journal", copy.toString(), "--parity"));
        assertTrue(err.toString().contains("corrupt journal"), err.toString());
        err.reset();
        assertEquals(ExitCodes.DATA, run("--journal", copy.toString(), "--out", dir.resolve("o").toString()));
        assertTrue(err.toString().contains("corrupt journal"), err.toString());
    }

    private static long totalOrders(final JsonNode result)
    {
        long orders = 0;
        for (final JsonNode strategy : result.path("strategies"))
        {
            orders += strategy.path("ledger").path("statistics").path("orders_sent").asLong();
        }
        return orders;
    }

    private static int strategyOf(final DecisionLog.Decision decision)
    {
        final UnsafeBuffer buffer = new UnsafeBuffer(decision.message());
        final NewOrderDecoder order = new NewOrderDecoder();
        order.wrapAndApplyHeader(buffer, 0, new MessageHeaderDecoder());
        return order.strategyId();
    }

    private static void copyTree(final Path from, final Path to) throws Exception
    {
        try (var paths = Files.walk(from))
        {
            for (final Path path : paths.toList())
            {
                final Path target = to.resolve(from.relativize(path).toString());
                if (Files.isDirectory(path))
                {
                    Files.createDirectories(target);
                }
                else if (!path.getFileName().toString().endsWith(".lck"))
                {
                    Files.copy(path, target);
                }
            }
        }
    }

    /** Until the venue simulator has sent the whole session: the feed is quiet for a second. */
    private static void awaitQuiet(final LongSupplier counter) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(90);
        long last = -1;
        long since = System.nanoTime();
        while (System.nanoTime() < deadline)
        {
            final long now = counter.getAsLong();
            if (now != last)
            {
                last = now;
                since = System.nanoTime();
            }
            else if (System.nanoTime() - since > TimeUnit.SECONDS.toNanos(1))
            {
                return;
            }
            Thread.sleep(20);
        }
        throw new AssertionError("the feed never went quiet");
    }
}
