package io.ferrum.engine;

import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.api.MetricCounters;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.engine.telemetry.RejectLog;
import io.ferrum.risk.RiskConfigException;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.risk.RiskManager;
import io.ferrum.risk.RiskParameter;
import org.agrona.BufferUtil;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.agrona.concurrent.status.AtomicCounter;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertThrows;
import static org.junit.jupiter.api.Assertions.assertTrue;

/**
 * The risk library inside the engine: every order and replace passes it, admin commands and feed
 * statuses off the log reach it, stops close positions through the normal order path, and its
 * state is in the snapshot and the hash.
 */
class RiskWiringTest
{
    private static final int MD = 1;
    private static final int VENUE = 2;
    private static final int ADMIN = 3;
    private static final long ORDER_QTY = 1_000; // 0.01 BTC at -5

    private final Instrument btc = new Instrument(1, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 100);
    private final Instrument eth = new Instrument(2, "ETHUSDT", Venue.SIMULATED, -2, -5, 1, 100);
    private final InstrumentRegistry instruments = new InstrumentRegistry().add(btc).add(eth);
    private final CapturingOutput output = new CapturingOutput();
    private final ManualTimers timers = new ManualTimers();
    private final TestMessages encode = new TestMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final List<byte[]> log = new ArrayList<>();
    private long position;
    private long mdSeq;
    private long venueSeq;
    private long adminSeq;
    private long bookId = 10;

    private RiskPreTradeCheck risk(final String... lines)
    {
        return new RiskPreTradeCheck(RiskConfigParser.parse(String.join("\n", lines), "test", Map.of()), instruments);
    }

    private Engine engine(final RiskPreTradeCheck check, final ScriptedStrategy... strategies)
    {
        final Engine.Context context = new Engine.Context()
            .instruments(instruments).output(output).timerScheduler(timers).preTradeCheck(check);
        for (final ScriptedStrategy s : strategies)
        {
            context.addStrategy(s);
        }
        return new Engine(context);
    }

    private void feed(final Engine engine, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        log.add(copy);
        engine.onInput(new UnsafeBuffer(copy), 0, length, ++position, 1_000_000_000L * position);
    }

    private void book(final Engine engine, final Instrument instrument, final long bid, final long ask)
    {
        feed(engine, encode.bookSnapshot(buffer, 0, MD, ++mdSeq, 0, instrument, ++bookId,
            new long[][]{{bid, 100_000}}, new long[][]{{ask, 100_000}}));
    }

    private void fill(final Engine engine, final Instrument instrument, final long id, final Side side,
        final long price, final long qty)
    {
        feed(engine, encode.executionReport(buffer, 0, VENUE, ++venueSeq, 0, instrument, id, ExecType.FILL,
            OrderStatus.FILLED, side, price, qty, qty, 0, 0, Liquidity.TAKER));
    }

    private int count(final int templateId)
    {
        return output.ofTemplate(templateId).size();
    }

    private RiskRejectDecoder lastReject()
    {
        final List<UnsafeBuffer> rejects = output.ofTemplate(RiskRejectDecoder.TEMPLATE_ID);
        final RiskRejectDecoder d = new RiskRejectDecoder();
        d.wrapAndApplyHeader(rejects.get(rejects.size() - 1), 0, header);
        return d;
    }

    @Test
    void aRejectedOrderNeverReachesTheVenue()
    {
        // 0.01 BTC at 50 000 = 500 USDT, above a 100 USDT max order notional.
        final RiskPreTradeCheck check = risk("risk.global.max_order_notional = 100");
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        book(engine, btc, 5_000_000, 5_000_100);
        final long result = s.ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(ORDER_QTY).send();

        assertEquals(-RiskRejectReason.MAX_ORDER_NOTIONAL.value(), result);
        assertEquals(0, count(NewOrderDecoder.TEMPLATE_ID), "nothing left for the venue");
        final RiskRejectDecoder reject = lastReject();
        assertEquals(RiskRejectReason.MAX_ORDER_NOTIONAL, reject.reason());
        assertEquals(RiskManager.MONEY_EXPONENT, reject.valueExponent());
        assertEquals(500_00000000L, reject.observed());
        assertEquals(100_00000000L, reject.limitValue());
        assertEquals(1, engine.rejects());
        assertEquals(0, engine.ordersSent());

        // A smaller one passes and leaves.
        assertTrue(s.ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(100).send() > 0);
        assertEquals(1, count(NewOrderDecoder.TEMPLATE_ID));
    }

    /** What an operator reads (docs/observability.md): the reject under its reason, beside the total. */
    @Test
    void aRejectIsPublishedForOperatorsWithItsReason()
    {
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(risk("risk.global.max_order_notional = 100"), s);
        book(engine, btc, 5_000_000, 5_000_100);
        s.ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(ORDER_QTY).send();

        final Map<String, AtomicCounter> published = new HashMap<>();
        final MetricCounters counters = (series, kind, exponent) -> published.computeIfAbsent(series,
            (name) -> new AtomicCounter(new UnsafeBuffer(BufferUtil.allocateDirectAligned(64, 64)), 0));
        engine.publishMetrics(counters);

        assertEquals(1, engine.rejectLog().orderRejects(RiskRejectReason.MAX_ORDER_NOTIONAL.value()));
        assertEquals(1, published.get("ferrum_engine_order_rejects_total").get());
        assertEquals(1, published.get("ferrum_engine_order_rejects_by_reason_total{reason=\"max_order_notional\"}").get());
        assertEquals(0, published.get("ferrum_engine_order_rejects_by_reason_total{reason=\"price_band\"}").get());
        assertEquals(0, published.get("ferrum_feed_state{symbol=\"BTCUSDT\"}").get(), "no FeedStatus on the log yet");
        final int before = published.size();
        engine.publishMetrics(counters);
        assertEquals(before, published.size(), "counters are made once, then only written");
    }

    @Test
    void aReplaceIsCheckedLikeANewOrder()
    {
        final RiskPreTradeCheck check = risk("risk.global.max_order_notional = 600");
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        book(engine, btc, 5_000_000, 5_000_100);
        final long id = s.ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(ORDER_QTY).send();
        assertTrue(id > 0);
        assertEquals(-RiskRejectReason.MAX_ORDER_NOTIONAL.value(), s.ctx.replace(id, 4_900_000, 2 * ORDER_QTY));
        assertEquals(0, count(io.ferrum.codecs.sbe.ReplaceOrderDecoder.TEMPLATE_ID));
        assertTrue(s.ctx.replace(id, 4_950_000, ORDER_QTY) > 0);
        assertEquals(1, count(io.ferrum.codecs.sbe.ReplaceOrderDecoder.TEMPLATE_ID));
    }

    /** The strategy sends one 0.01 BTC limit buy on every book; the log changes the limit half way. */
    @Test
    void aLimitChangedOnTheLogAppliesFromExactlyThatSequenceAndReplaysTheSame()
    {
        final int[] perInput = run(engine(risk(), orderOnEveryBook(new ScriptedStrategy(7))), true);
        // inputs: 3 books, the SetRiskLimit, 3 books: accepted, accepted, accepted, -, rejected x3
        assertEquals("NNN-RRR", outcomes(perInput));

        // Replay of the same log into a fresh engine: the same outputs, byte for byte, and the same hash.
        final List<byte[]> recorded = new ArrayList<>(log);
        final List<byte[]> firstOutput = new ArrayList<>(output.messages);
        final long firstHash = lastEngine.stateHash();
        output.clear();
        final Engine replay = engine(risk(), orderOnEveryBook(new ScriptedStrategy(7)));
        long replayPosition = 0;
        for (final byte[] input : recorded)
        {
            replayPosition++;
            replay.onInput(new UnsafeBuffer(input), 0, input.length, replayPosition, 1_000_000_000L * replayPosition);
        }
        assertEquals(firstOutput.size(), output.messages.size());
        for (int i = 0; i < firstOutput.size(); i++)
        {
            assertTrue(java.util.Arrays.equals(firstOutput.get(i), output.messages.get(i)), "output " + i);
        }
        assertEquals(firstHash, replay.stateHash());

        // Without the command on the log, every order passes: the change came from the log alone.
        log.clear();
        output.clear();
        position = 0;
        final int[] without = run(engine(risk(), orderOnEveryBook(new ScriptedStrategy(7))), false);
        assertEquals("NNN-NNN", outcomes(without));
    }

    private Engine lastEngine;

    private int[] run(final Engine engine, final boolean withLimitCommand)
    {
        lastEngine = engine;
        final int[] outcome = new int[7];
        for (int i = 0; i < 7; i++)
        {
            final int newBefore = count(NewOrderDecoder.TEMPLATE_ID);
            final int rejectBefore = count(RiskRejectDecoder.TEMPLATE_ID);
            if (i == 3)
            {
                if (withLimitCommand)
                {
                    // max order quantity 0.005 BTC (at the library's -8), strategy 7 only
                    feed(engine, encode.setRiskLimit(buffer, 0, ADMIN, ++adminSeq, Scope.STRATEGY, 7,
                        RiskLimit.MAX_ORDER_QUANTITY, -3, 5));
                }
                else
                {
                    feed(engine, encode.trade(buffer, 0, MD, ++mdSeq, 0, btc, 1, 5_000_050, 100, Side.BUY));
                }
            }
            else
            {
                book(engine, btc, 5_000_000 + i, 5_000_100 + i);
            }
            outcome[i] = count(NewOrderDecoder.TEMPLATE_ID) > newBefore ? 'N' :
                count(RiskRejectDecoder.TEMPLATE_ID) > rejectBefore ? 'R' : '-';
        }
        return outcome;
    }

    private static String outcomes(final int[] perInput)
    {
        final StringBuilder sb = new StringBuilder();
        for (final int c : perInput)
        {
            sb.append((char)c);
        }
        return sb.toString();
    }

    private static ScriptedStrategy orderOnEveryBook(final ScriptedStrategy s)
    {
        s.onBookAction = ctx -> ctx.newOrder().instrument(1).buy().limit(ctx.book(1).bestBidPrice() - 1_000)
            .quantity(ORDER_QTY).send();
        return s;
    }

    @Test
    void killSwitchCancelsEveryOpenOrderWithinOneInputAndHalts()
    {
        final RiskPreTradeCheck check = risk();
        final ScriptedStrategy a = new ScriptedStrategy(7);
        final ScriptedStrategy b = new ScriptedStrategy(8);
        final Engine engine = engine(check, a, b);
        book(engine, btc, 5_000_000, 5_000_100);
        book(engine, eth, 300_000, 300_100);
        assertTrue(a.ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(ORDER_QTY).send() > 0);
        assertTrue(a.ctx.newOrder().instrument(2).sell().limit(310_000).quantity(ORDER_QTY).send() > 0);
        assertTrue(b.ctx.newOrder().instrument(1).buy().limit(4_800_000).quantity(ORDER_QTY).send() > 0);
        assertEquals(3, engine.orderManager().openOrderCount());
        output.clear();

        feed(engine, encode.killSwitch(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0));

        assertEquals(3, count(CancelOrderDecoder.TEMPLATE_ID), "every open order cancelled by the one input");
        assertEquals(TradingState.HALTED, check.riskManager().state(Scope.GLOBAL, 0));
        assertEquals(TradingState.HALTED, check.riskManager().manualState(Scope.GLOBAL, 0));
        assertEquals(-RiskRejectReason.STATE_HALTED.value(),
            b.ctx.newOrder().instrument(2).buy().limit(290_000).quantity(ORDER_QTY).send());
        assertEquals(0, count(NewOrderDecoder.TEMPLATE_ID));

        // An operator ACTIVE on the log releases it.
        feed(engine, encode.setTradingState(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0, TradingState.ACTIVE));
        assertTrue(b.ctx.newOrder().instrument(2).buy().limit(290_000).quantity(ORDER_QTY).send() > 0);
    }

    @Test
    void aStaleFeedReducesTheInstrumentAndInSyncReleasesItButNeverAnOperatorHalt()
    {
        final RiskPreTradeCheck check = risk("risk.feed.degraded_state = REDUCING");
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        book(engine, btc, 5_000_000, 5_000_100);
        book(engine, eth, 300_000, 300_100);

        feed(engine, encode.instrumentFeedStatus(buffer, 0, MD, ++mdSeq, 0, btc, 1, FeedState.STALE));
        assertEquals(TradingState.REDUCING, check.riskManager().state(Scope.INSTRUMENT, 1));
        assertEquals(-RiskRejectReason.STATE_REDUCING.value(),
            s.ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(ORDER_QTY).send(), "a flat buy grows");
        assertTrue(s.ctx.newOrder().instrument(2).buy().limit(290_000).quantity(ORDER_QTY).send() > 0,
            "the other instrument trades on");

        feed(engine, encode.instrumentFeedStatus(buffer, 0, MD, ++mdSeq, 0, btc, 1, FeedState.IN_SYNC));
        assertEquals(TradingState.ACTIVE, check.riskManager().state(Scope.INSTRUMENT, 1));
        assertTrue(s.ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(ORDER_QTY).send() > 0);

        // The operator halts the instrument; a stale then healthy feed leaves that halt alone.
        feed(engine, encode.setTradingState(buffer, 0, ADMIN, ++adminSeq, Scope.INSTRUMENT, 1, TradingState.HALTED));
        feed(engine, encode.instrumentFeedStatus(buffer, 0, MD, ++mdSeq, 0, btc, 1, FeedState.GAP));
        feed(engine, encode.instrumentFeedStatus(buffer, 0, MD, ++mdSeq, 0, btc, 1, FeedState.IN_SYNC));
        assertEquals(TradingState.HALTED, check.riskManager().state(Scope.INSTRUMENT, 1));
        assertEquals(-RiskRejectReason.STATE_HALTED.value(),
            s.ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(ORDER_QTY).send());
    }

    @Test
    void aDisconnectedFeedHaltsWhenConfiguredSo()
    {
        final RiskPreTradeCheck check = risk("risk.feed.degraded_state = HALTED");
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        book(engine, btc, 5_000_000, 5_000_100);
        feed(engine, encode.instrumentFeedStatus(buffer, 0, MD, ++mdSeq, 0, btc, 1, FeedState.IN_SYNC));
        // The whole connection (instrument 0, stream 1) drops: every instrument on it halts.
        feed(engine, encode.feedStatus(buffer, 0, MD, ++mdSeq, 0, FeedState.DISCONNECTED, "socket closed"));
        assertEquals(TradingState.HALTED, check.riskManager().state(Scope.INSTRUMENT, 1));
        assertEquals(-RiskRejectReason.STATE_HALTED.value(),
            s.ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(ORDER_QTY).send());
    }

    @Test
    void aFiredStopSendsAClosingOrderThroughTheNormalPath()
    {
        final RiskPreTradeCheck check = risk("risk.instrument.BTCUSDT.stop_loss_bps = 100");
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        book(engine, btc, 5_000_000, 5_000_100);
        final long id = s.ctx.newOrder().instrument(1).buy().limit(5_000_100).quantity(3 * ORDER_QTY).send();
        fill(engine, btc, id, Side.BUY, 5_000_000, 3 * ORDER_QTY);
        output.clear();

        book(engine, btc, 4_980_000, 4_980_100); // -0.4%: no stop
        assertEquals(0, count(NewOrderDecoder.TEMPLATE_ID));
        book(engine, btc, 4_940_000, 4_940_100); // -1.2%: the 1% stop fires in this input
        final List<UnsafeBuffer> orders = output.ofTemplate(NewOrderDecoder.TEMPLATE_ID);
        assertEquals(1, orders.size());
        final NewOrderDecoder close = new NewOrderDecoder();
        close.wrapAndApplyHeader(orders.get(0), 0, header);
        assertEquals(Side.SELL, close.side());
        assertEquals(OrderType.MARKET, close.orderType());
        assertEquals(3 * ORDER_QTY, close.quantity());
        assertTrue(close.flags().reduceOnly());
    }

    @Test
    void aTimeStopFiresOnTheEngineRiskTimerArmedFromTheLog()
    {
        final RiskPreTradeCheck check = risk("risk.global.max_holding_seconds = 5");
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        assertTrue(timers.armed.isEmpty(), "nothing armed at start");
        book(engine, btc, 5_000_000, 5_000_100);
        assertTrue(timers.armed.containsKey(Engine.RISK_TIMER_ID), "armed by the first input");
        final long id = s.ctx.newOrder().instrument(1).buy().limit(5_000_100).quantity(ORDER_QTY).send();
        fill(engine, btc, id, Side.BUY, 5_000_000, ORDER_QTY);
        final long opened = engine.timeNs();
        output.clear();

        long now = opened;
        int rounds = 0;
        while (count(NewOrderDecoder.TEMPLATE_ID) == 0 && rounds++ < 20)
        {
            now = timers.armed.get(Engine.RISK_TIMER_ID);
            feed(engine, encode.timerFired(buffer, 0, Engine.RISK_TIMER_ID, now, now));
            assertTrue(timers.armed.get(Engine.RISK_TIMER_ID) > now, "re-armed each time it fires");
        }
        final NewOrderDecoder close = new NewOrderDecoder();
        close.wrapAndApplyHeader(output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).get(0), 0, header);
        assertEquals(Side.SELL, close.side());
        assertTrue(close.flags().reduceOnly());
        assertTrue(now >= opened + 5_000_000_000L, "not before the 5 s holding time: " + now);
        assertTrue(now < opened + 5_000_000_000L + RiskPreTradeCheck.TIMER_INTERVAL_NS, "on the first timer after it");
    }

    @Test
    void theRiskTimerIsArmedOnlyOnceARuleDependsOnTime()
    {
        final RiskPreTradeCheck check = risk("risk.global.max_order_notional = 1000");
        final Engine engine = engine(check, new ScriptedStrategy(7));
        book(engine, btc, 5_000_000, 5_000_100);
        assertTrue(timers.armed.isEmpty(), "no stop, no daily loss limit: no timer");
        feed(engine, encode.setRiskLimit(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0,
            RiskLimit.DAILY_LOSS_LIMIT, 0, 500));
        book(engine, btc, 5_000_001, 5_000_101);
        assertTrue(timers.armed.containsKey(Engine.RISK_TIMER_ID), "armed from the input after the limit is set");
    }

    @Test
    void riskStateIsInTheSnapshotAndTheHash()
    {
        final RiskPreTradeCheck check = risk();
        final ScriptedStrategy s = new ScriptedStrategy(7);
        final Engine engine = engine(check, s);
        book(engine, btc, 5_000_000, 5_000_100);
        final long before = engine.stateHash();
        feed(engine, encode.setRiskLimit(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0,
            RiskLimit.MAX_ORDER_NOTIONAL, 0, 100));
        final long after = engine.stateHash();
        assertNotEquals(before, after, "a limit change moves the hash");

        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
        final int length = engine.snapshotTo(snapshot, 0);
        final RiskPreTradeCheck copyCheck = risk();
        final ScriptedStrategy copyStrategy = new ScriptedStrategy(7);
        final Engine copy = engine(copyCheck, copyStrategy);
        copy.restoreFrom(snapshot, 0, length);
        assertEquals(after, copy.stateHash());
        assertEquals(100_00000000L, copyCheck.riskManager().limit(RiskParameter.MAX_ORDER_NOTIONAL, Scope.GLOBAL, 0));
        assertEquals(-RiskRejectReason.MAX_ORDER_NOTIONAL.value(),
            copyStrategy.ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(ORDER_QTY).send());
    }

    @Test
    void aRefusedAdminCommandChangesNothingAndIsLogged()
    {
        final RiskPreTradeCheck check = risk();
        final Engine engine = engine(check, new ScriptedStrategy(7));
        final long before = engine.stateHash();
        // strategy 9999 is beyond risk.capacity.strategies (64)
        feed(engine, encode.setTradingState(buffer, 0, ADMIN, ++adminSeq, Scope.STRATEGY, 9999,
            TradingState.HALTED));
        assertEquals(1, engine.counters().get(EngineCounters.ADMIN_REFUSED));
        final List<String> lines = new ArrayList<>();
        engine.rejectLog().drain((t, kind, code, strategy, instrument, id, observed, limit) ->
            lines.add(kind + " " + code + " " + id + " " + observed));
        assertEquals(List.of(RejectLog.INPUT + " " + RejectLog.INPUT_ADMIN_REFUSED + " " +
            io.ferrum.codecs.sbe.SetTradingStateDecoder.TEMPLATE_ID + " 9999"), lines);
        assertNotEquals(0, before);
    }

    @Test
    void theCheckIsBuiltFromAConfigFileWithClearErrors(@TempDir final Path dir) throws Exception
    {
        final Path good = dir.resolve("risk.properties");
        Files.writeString(good, "risk.global.max_order_notional = 100\nrisk.instrument.BTCUSDT.max_order_quantity = 2\n");
        final RiskPreTradeCheck check = RiskPreTradeCheck.fromConfig(good, Map.of(), instruments);
        assertEquals(2_00000000L, check.riskManager().limit(RiskParameter.MAX_ORDER_QUANTITY, Scope.INSTRUMENT, 1));

        final Path bad = dir.resolve("bad.properties");
        Files.writeString(bad, "risk.instrument.NOPE.max_order_quantity = 2\n");
        final RiskConfigException e = assertThrows(RiskConfigException.class,
            () -> RiskPreTradeCheck.fromConfig(bad, Map.of(), instruments));
        assertTrue(e.getMessage().contains("NOPE"), e.getMessage());

        // An engine whose strategy ids exceed the configured capacity is refused at start.
        final Path small = dir.resolve("small.properties");
        Files.writeString(small, "risk.capacity.strategies = 4\n");
        final IllegalStateException tooBig = assertThrows(IllegalStateException.class,
            () -> engine(RiskPreTradeCheck.fromConfig(small, Map.of(), instruments), new ScriptedStrategy(7)));
        assertTrue(tooBig.getMessage().contains("risk.capacity.strategies"), tooBig.getMessage());
    }
}
