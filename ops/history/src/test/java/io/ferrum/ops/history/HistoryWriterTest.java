package io.ferrum.ops.history;

import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import org.agrona.concurrent.Agent;
import org.agrona.concurrent.AgentRunner;
import org.agrona.concurrent.SleepingMillisIdleStrategy;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The history writer against a real PostgreSQL (the embedded one, one per class) and a real journal
 * (a single-member cluster's, {@link TestJournal}): every input once, with its values; a second run
 * writes nothing; a writer killed with {@code kill -9} mid-run and restarted leaves no gap and no
 * duplicate; a database stopped for seconds while the writer writes loses nothing once it is back.
 */
class HistoryWriterTest
{
    @TempDir
    static Path dir;

    private static EmbeddedHistoryDatabase database;
    private static Path journal;
    private static JournalCounts counts;

    @BeforeAll
    static void startDatabaseAndWriteJournal() throws Exception
    {
        database = EmbeddedHistoryDatabase.start(dir.resolve("pg"), 0);
        journal = TestJournal.write(dir.resolve("cluster"), 300);
        counts = JournalCounts.of(journal);
    }

    @AfterAll
    static void stopDatabase() throws Exception
    {
        database.close();
    }

    @Test
    void everyInputIsWrittenOnceWithItsValuesAndASecondRunWritesNothing()
    {
        final HistoryWriter first = runToEnd(context("once"));
        final String log = "(SELECT log_id FROM history.logs WHERE name = 'once')";
        assertEquals(counts.inputs, count("inputs", log), "every input, raw");
        assertEquals(counts.byTemplate[TradeDecoder.TEMPLATE_ID], count("trades", log));
        assertEquals(counts.byTemplate[BestBidAskDecoder.TEMPLATE_ID], count("best_bid_offer", log));
        assertEquals(counts.byTemplate[FeedStatusDecoder.TEMPLATE_ID], count("feed_status", log));
        assertEquals(counts.byTemplate[ExecutionReportDecoder.TEMPLATE_ID], count("order_events", log));
        assertEquals(counts.byTemplate[RiskDecisionDecoder.TEMPLATE_ID], count("risk_decisions", log));
        assertEquals(counts.fills, count("executions", log));
        assertEquals(counts.fills, count("positions", log), "a position row after each fill");
        assertEquals(counts.byTemplate[BookSnapshotDecoder.TEMPLATE_ID],
            HistoryDb.count(database.url(), "SELECT count(*) FROM history.book_snapshots WHERE kind = 'venue' AND log_id = " + log));
        assertEquals(first.counters().rowsWritten(), HistoryDb.count(database.url(),
            "SELECT rows_written FROM history.progress WHERE log_id = " + log));
        assertEquals(List.copyOf(counts.positions), HistoryDb.rows(database.url(),
            "SELECT log_position FROM history.inputs WHERE log_id = " + log + " ORDER BY log_position")
            .stream().map(Long::valueOf).toList(), "the log's positions, no gap, none twice");

        // the values, exactly as encoded (TestJournal): decimals at the message's exponent, text escaped
        assertEquals("500000|0.21440000|123.45678901|buy|2021-04-05 05:20:00+00", HistoryDb.first(database.url(),
            "SELECT trade_id, price, quantity, aggressor, ts_event AT TIME ZONE 'UTC' || '+00' FROM history.trades " +
            "WHERE log_id = " + log + " ORDER BY log_position LIMIT 1"));
        assertEquals("connected\tto the\\simulator|in_sync|connecting|*", HistoryDb.first(database.url(),
            "SELECT detail, state, previous_state, symbol FROM history.feed_status WHERE log_id = " + log));
        assertEquals("{0.21439000,0.21438000,0.21437000}|{1.00000000,2.00000000,3.00000000}", HistoryDb.first(
            database.url(), "SELECT bid_prices, bid_quantities FROM history.book_snapshots WHERE kind = 'venue' AND log_id = " + log));
        assertEquals("7|limit|0.21445000|sell|0.00001608", HistoryDb.first(database.url(),
            "SELECT strategy_id, order_type, order_price, side, fee FROM history.executions WHERE log_id = " + log +
            " ORDER BY log_position LIMIT 1 OFFSET 1"));
        assertEquals("[{\"check\": \"max_order_quantity\", \"limit\": \"100.00000000\", \"scope\": \"strategy\", " +
            "\"observed\": \"10.00000000\", \"target_id\": 7}]", HistoryDb.first(database.url(),
            "SELECT checks FROM history.risk_decisions WHERE log_id = " + log + " LIMIT 1"));
        assertEquals("t|f", HistoryDb.first(database.url(), "SELECT bool_or(accepted), bool_and(accepted) " +
            "FROM history.risk_decisions WHERE log_id = " + log));
        // the position after the last fill: what the fills add up to, fees summed
        assertEquals(HistoryDb.first(database.url(), "SELECT sum(CASE side WHEN 'buy' THEN quantity ELSE -quantity END), " +
            "sum(fee) FROM history.executions WHERE log_id = " + log), HistoryDb.first(database.url(),
            "SELECT quantity, fees FROM history.positions WHERE log_id = " + log + " ORDER BY log_position DESC LIMIT 1"));
        assertTrue(HistoryDb.count(database.url(), "SELECT count(*) FROM history.book_snapshots WHERE kind = 'sampled' " +
            "AND log_id = " + log) >= 0);

        final HistoryWriter second = runToEnd(context("once"));
        assertEquals(0, second.counters().rowsWritten(), "run again on the same journal: nothing new");
        assertEquals(counts.inputs, count("inputs", log));
    }

    @Test
    void aWriterKilledMidRunAndRestartedLeavesNoGapAndNoDuplicate() throws Exception
    {
        final String log = "(SELECT log_id FROM history.logs WHERE name = 'killed')";
        final Process child = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
            "--add-opens", "java.base/jdk.internal.misc=ALL-UNNAMED", "--add-opens", "java.base/sun.nio.ch=ALL-UNNAMED",
            "-cp", System.getProperty("java.class.path"), SlowWriterProcess.class.getName(), database.url(),
            journal.toString(), "killed")
            .redirectErrorStream(true).redirectOutput(dir.resolve("child.out").toFile()).start();
        try
        {
            await("the child's first batches", () -> HistoryDb.count(database.url(),
                "SELECT count(*) FROM history.progress WHERE log_position > 0 AND log_id = " + log) > 0);
        }
        catch (final AssertionError ex)
        {
            throw new AssertionError(ex.getMessage() + "; the child said: " +
                java.nio.file.Files.readString(dir.resolve("child.out")), ex);
        }
        finally
        {
            child.destroyForcibly().waitFor();
        }
        final long before = count("inputs", log);
        assertTrue(before > 0 && before < counts.inputs, "killed mid-run: " + before + " of " + counts.inputs);

        final HistoryWriter restarted = runToEnd(context("killed"));
        assertEquals(0, restarted.counters().failures(), "no duplicate made a COPY fail");
        assertEquals(List.copyOf(counts.positions), HistoryDb.rows(database.url(),
            "SELECT log_position FROM history.inputs WHERE log_id = " + log + " ORDER BY log_position")
            .stream().map(Long::valueOf).toList(), "no gap, none twice");
        assertEquals(counts.byTemplate[TradeDecoder.TEMPLATE_ID], count("trades", log));
        assertEquals(counts.fills, count("positions", log));
        assertEquals(HistoryDb.rows(database.url(), "SELECT quantity, realized_pnl, fees FROM history.positions " +
            "WHERE log_id = (SELECT log_id FROM history.logs WHERE name = 'once-more') ORDER BY log_position"),
            List.of(), "(another log's rows are its own)");
        runToEnd(context("once-more"));
        assertEquals(HistoryDb.rows(database.url(), "SELECT log_position, quantity, realized_pnl, fees FROM " +
            "history.positions WHERE log_id = (SELECT log_id FROM history.logs WHERE name = 'once-more') ORDER BY 1"),
            HistoryDb.rows(database.url(), "SELECT log_position, quantity, realized_pnl, fees FROM history.positions " +
            "WHERE log_id = " + log + " ORDER BY 1"), "the derived rows of a restarted writer are an uninterrupted one's");
    }

    @Test
    void aDatabaseStoppedForSecondsWhileWritingLosesNothingOnceBack() throws Exception
    {
        final String log = "(SELECT log_id FROM history.logs WHERE name = 'outage')";
        final HistoryWriter writer = new HistoryWriter(context("outage").untilEnd(false));
        final int port = database.port();
        try (AgentRunner runner = new AgentRunner(new SleepingMillisIdleStrategy(1), Throwable::printStackTrace, null,
            slow(writer)))
        {
            AgentRunner.startOnThread(runner);
            await("the first batches", () -> writer.counters().committedPosition() > 0);
            database.close();
            final long stoppedNs = System.nanoTime();
            await("the writer to see the database gone", () -> !writer.counters().databaseUp());
            Thread.sleep(Math.max(0, 3_000 - TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - stoppedNs)));
            assertTrue(writer.counters().consecutiveFailures() > 0, "failures counted while it is down");
            assertFalse(writer.counters().databaseUp(), "health says down");
            database = EmbeddedHistoryDatabase.start(dir.resolve("pg"), port);
            await("everything written", () -> writer.counters().databaseUp() && counts.inputs == count("inputs", log));
        }
        assertTrue(writer.counters().failures() > 0);
        assertEquals(List.copyOf(counts.positions), HistoryDb.rows(database.url(),
            "SELECT log_position FROM history.inputs WHERE log_id = " + log + " ORDER BY log_position")
            .stream().map(Long::valueOf).toList(), "nothing lost, nothing twice");
        assertEquals(counts.byTemplate[ExecutionReportDecoder.TEMPLATE_ID], count("order_events", log));
    }

    @Test
    void aCommitWhoseAnswerIsLostIsNeitherWrittenTwiceNorTakenForAnotherWriter() throws Exception
    {
        final String log = "(SELECT log_id FROM history.logs WHERE name = 'lost-answer')";
        final java.util.concurrent.atomic.AtomicInteger commits = new java.util.concurrent.atomic.AtomicInteger();
        final HistoryContext context = context("lost-answer");
        final PgConnector connector = context.connector();
        context.connections(() -> answerLostOnThirdCommit(connector.connect(), commits));

        final HistoryWriter writer = runToEnd(context);

        assertTrue(commits.get() > 3, "batches were committed after the lost answer: " + commits.get());
        assertEquals(1, writer.counters().failures(), "the lost answer was one failure");
        assertEquals(List.copyOf(counts.positions), HistoryDb.rows(database.url(),
            "SELECT log_position FROM history.inputs WHERE log_id = " + log + " ORDER BY log_position")
            .stream().map(Long::valueOf).toList(), "nothing lost, nothing twice");
        assertEquals(writer.counters().rowsWritten(), HistoryDb.count(database.url(),
            "SELECT rows_written FROM history.progress WHERE log_id = " + log), "the batch counted once");
    }

    /** The connection breaking right after the database committed: the third commit lands, its answer does not. */
    private static java.sql.Connection answerLostOnThirdCommit(
        final java.sql.Connection real, final java.util.concurrent.atomic.AtomicInteger commits)
    {
        return (java.sql.Connection)java.lang.reflect.Proxy.newProxyInstance(HistoryWriterTest.class.getClassLoader(),
            new Class<?>[] {java.sql.Connection.class}, (proxy, method, args) ->
            {
                try
                {
                    final Object result = method.invoke(real, args);
                    if ("commit".equals(method.getName()) && 3 == commits.incrementAndGet())
                    {
                        real.close();
                        throw new java.sql.SQLException("An I/O error occurred while sending to the backend", "08006");
                    }
                    return result;
                }
                catch (final java.lang.reflect.InvocationTargetException ex)
                {
                    throw ex.getCause();
                }
            });
    }

    @Test
    void theSampleQueriesOfTheDocsRunOnWhatTheWriterWrote() throws Exception
    {
        runToEnd(context("queries"));
        final String logId = HistoryDb.first(database.url(), "SELECT log_id FROM history.logs WHERE name = 'queries'");
        final String docs = java.nio.file.Files.readString(Path.of("../../docs/history.md"));
        int ran = 0;
        for (final String block : docs.split("```sql\n"))
        {
            if (ran++ == 0)
            {
                continue; // the text before the first block
            }
            for (final String sql : block.substring(0, block.indexOf("```")).split(";\s*(--[^\n]*)?\n"))
            {
                if (!sql.isBlank() && !sql.strip().startsWith("--") && !sql.contains("DETACH") && !sql.contains("DROP"))
                {
                    HistoryDb.rows(database.url(), sql.replace("log_id = 1", "log_id = " + logId));
                }
            }
        }
        assertTrue(ran > 4, "the docs' sample queries were found: " + ran);
    }

    private static HistoryContext context(final String logName)
    {
        return new HistoryContext().url(database.url()).environment(Map.of()).journalDir(journal).logName(logName)
            .untilEnd(true).batchRows(50).maxReadBytes(8192).retryNs(TimeUnit.MILLISECONDS.toNanos(50), TimeUnit.MILLISECONDS.toNanos(400))
            .conclude();
    }

    private static long count(final String table, final String log)
    {
        return HistoryDb.count(database.url(), "SELECT count(*) FROM history." + table + " WHERE log_id = " + log);
    }

    static HistoryWriter runToEnd(final HistoryContext context)
    {
        final HistoryWriter writer = new HistoryWriter(context);
        final SleepingMillisIdleStrategy idle = new SleepingMillisIdleStrategy(1);
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!writer.done())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("the writer did not finish: " + writer.counters().lastFailure());
            }
            idle.idle(writer.doWork());
        }
        writer.onClose();
        return writer;
    }

    /** The writer pausing 5 ms after each piece of work: slow enough to be caught mid-run. */
    static Agent slow(final HistoryWriter writer)
    {
        return new Agent()
        {
            public int doWork() throws Exception
            {
                final int work = writer.doWork();
                if (work > 0)
                {
                    Thread.sleep(5);
                }
                return work;
            }

            public void onClose()
            {
                writer.onClose();
            }

            public String roleName()
            {
                return writer.roleName();
            }
        };
    }

    private static void await(final String what, final BooleanSupplier condition) throws InterruptedException
    {
        final long deadline = System.nanoTime() + TimeUnit.SECONDS.toNanos(60);
        while (!condition.getAsBoolean())
        {
            if (System.nanoTime() > deadline)
            {
                throw new AssertionError("timed out waiting for " + what);
            }
            Thread.sleep(10);
        }
    }
}
