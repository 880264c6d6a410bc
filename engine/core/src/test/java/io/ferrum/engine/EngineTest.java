package io.ferrum.engine;

import io.ferrum.codecs.decimal.DecimalParser;
import io.ferrum.codecs.sbe.AccountBalancesEncoder;
import io.ferrum.codecs.sbe.BalanceUpdate;
import io.ferrum.codecs.sbe.CancelAllOrdersDecoder;
import io.ferrum.codecs.sbe.CancelAllResultEncoder;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.OpenOrderStateDecoder;
import io.ferrum.codecs.sbe.OrdersReconcilingDecoder;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectDecoder;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.engine.risk.PreTradeRequest;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.strategy.OrderRequest;
import io.ferrum.strategy.RejectReason;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.concurrent.UnsafeBuffer;
import org.junit.jupiter.api.Test;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import static org.junit.jupiter.api.Assertions.assertEquals;
import static org.junit.jupiter.api.Assertions.assertFalse;
import static org.junit.jupiter.api.Assertions.assertNotEquals;
import static org.junit.jupiter.api.Assertions.assertNotNull;
import static org.junit.jupiter.api.Assertions.assertNull;
import static org.junit.jupiter.api.Assertions.assertTrue;

class EngineTest
{
    private static final int MD = 1;
    private static final int VENUE = 2;
    private static final int ADMIN = 3;

    private final Instrument btc = new Instrument(1, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 100);
    private final InstrumentRegistry instruments = new InstrumentRegistry().add(btc);
    private final CapturingOutput output = new CapturingOutput();
    private final ManualTimers timers = new ManualTimers();
    private final ScriptedStrategy strategy = new ScriptedStrategy(7);
    private final TestMessages encode = new TestMessages();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final List<byte[]> inputs = new ArrayList<>();
    private long position;
    private long mdSeq;
    private long venueSeq;
    private long adminSeq;

    /** With the default check: the risk library without limits, keeper of the trading states. */
    private Engine newEngine(final ScriptedStrategy s)
    {
        return new Engine(new Engine.Context()
            .instruments(instruments)
            .output(output)
            .timerScheduler(timers)
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(instruments))
            .addStrategy(s));
    }

    private Engine newEngine(final ScriptedStrategy s, final PreTradeCheck check)
    {
        return new Engine(new Engine.Context()
            .instruments(instruments)
            .output(output)
            .timerScheduler(timers)
            .preTradeCheck(check)
            .addStrategy(s));
    }

    private void feed(final Engine engine, final int length)
    {
        final byte[] copy = new byte[length];
        buffer.getBytes(0, copy);
        inputs.add(copy);
        engine.onInput(new UnsafeBuffer(copy), 0, length, ++position, 1_000_000_000L + position);
    }

    private void book(final Engine engine, final long updateId, final long bid, final long ask)
    {
        feed(engine, encode.bookSnapshot(buffer, 0, MD, ++mdSeq, 0, btc, updateId,
            new long[][]{{bid, 100_000}, {bid - 1, 200_000}}, new long[][]{{ask, 100_000}, {ask + 1, 300_000}}));
    }

    private void report(
        final Engine engine, final long id, final ExecType type, final OrderStatus status, final Side side,
        final long price, final long qty, final long cum, final long leaves, final long fee)
    {
        feed(engine, encode.executionReport(buffer, 0, VENUE, ++venueSeq, 0, btc, id, type, status, side, price, qty,
            cum, leaves, fee, Liquidity.TAKER));
    }

    @Test
    void dispatchesMarketDataToStrategies()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        feed(engine, encode.trade(buffer, 0, MD, ++mdSeq, 0, btc, 1, 5_000_050, 1_000, Side.BUY));
        feed(engine, encode.aggTrade(buffer, 0, MD, ++mdSeq, 0, btc, 2, 5_000_060, 2_000, 0, true));
        feed(engine, encode.bestBidAsk(buffer, 0, MD, ++mdSeq, 0, btc, 11, 5_000_010, 1, 5_000_090, 2));
        feed(engine, encode.ticker(buffer, 0, MD, ++mdSeq, 0, btc, 5_000_070, 123));
        assertEquals(List.of(
            "book 1 5000000 5000100",
            "trade 1 5000050 1000 BUY",
            "trade 1 5000060 2000 SELL",
            "bbo 1 5000010 5000090",
            "ticker 1 5000070"), strategy.events);
        assertEquals(5_000_050, engine.referencePrice(1));
        assertEquals(5_000_060, engine.market(1).lastTradePrice());
        assertEquals(5, engine.counters().get(EngineCounters.EVENTS));
    }

    @Test
    void duplicateAndOlderSequencesChangeNothing()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        final long hash = engine.stateHash();
        final long time = engine.timeNs();
        final byte[] snapshotInput = inputs.get(0);
        engine.onInput(new UnsafeBuffer(snapshotInput), 0, snapshotInput.length, ++position, time);
        // Same source, older sequence, different content: dropped too.
        final int older = encode.bookSnapshot(buffer, 0, MD, 0, 0, btc, 99, new long[][]{{1, 1}}, new long[][]{{2, 1}});
        engine.onInput(buffer, 0, older, ++position, time);
        assertEquals(2, engine.counters().get(EngineCounters.DUPLICATES));
        assertEquals(5_000_000, engine.book(1).bestBidPrice());
        assertEquals(10, engine.book(1).lastUpdateId());
        assertEquals(1, strategy.events.size());
        assertEquals(hash, engine.stateHash(), "a duplicate changes nothing the hash covers");
        // A real change does move the hash.
        book(engine, 11, 5_000_000, 5_000_100);
        assertNotEquals(hash, engine.stateHash());
    }

    @Test
    void feedingEveryInputTwiceGivesTheSameStateAsOnce()
    {
        final ScriptedStrategy trader = new ScriptedStrategy(7);
        trader.onBookAction = ctx ->
        {
            if (ctx.openOrderCount(1) == 0 && ctx.positionQuantity(1) == 0)
            {
                ctx.newOrder().instrument(1).buy().limit(ctx.book(1).bestBidPrice()).quantity(1_000).send();
            }
        };
        final Engine once = newEngine(trader);
        book(once, 10, 5_000_000, 5_000_100);
        report(once, 1, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 1_000, 0);
        report(once, 1, ExecType.PARTIAL_FILL, OrderStatus.PARTIALLY_FILLED, Side.BUY, 5_000_000, 400, 400, 600, 20);
        report(once, 1, ExecType.FILL, OrderStatus.FILLED, Side.BUY, 5_000_000, 600, 1_000, 0, 30);
        book(once, 11, 5_000_200, 5_000_300);
        final List<byte[]> log = new ArrayList<>(inputs);

        final ScriptedStrategy trader2 = new ScriptedStrategy(7);
        trader2.onBookAction = trader.onBookAction;
        final Engine twice = newEngine(trader2);
        long pos = 0;
        for (final byte[] input : log)
        {
            // Each input arrives twice, as after a sequencer resend; time and position as in the first run.
            pos++;
            twice.onInput(new UnsafeBuffer(input), 0, input.length, pos, 1_000_000_000L + pos);
            twice.onInput(new UnsafeBuffer(input), 0, input.length, pos, 1_000_000_000L + pos);
        }
        assertEquals(log.size(), twice.counters().get(EngineCounters.DUPLICATES));
        assertEquals(once.portfolio().quantity(7, 1), twice.portfolio().quantity(7, 1));
        assertEquals(1_000, twice.portfolio().quantity(7, 1));
        assertEquals(once.ordersSent(), twice.ordersSent());
        assertEquals(once.fills(), twice.fills());
        assertEquals(once.netRealizedPnl(), twice.netRealizedPnl());
        assertEquals(once.unrealizedPnl(), twice.unrealizedPnl());
        assertEquals(trader.events, trader2.events);
        assertEquals(once.stateHash(), twice.stateHash());
    }

    @Test
    void ordersFillsPositionsAndPnl()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        strategy.onBookAction = null;
        final long buyId = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(2_000));
        assertEquals(1, buyId);
        final NewOrderDecoder newOrder = new NewOrderDecoder();
        final UnsafeBuffer sent = output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).get(0);
        newOrder.wrapAndApplyHeader(sent, 0, new MessageHeaderDecoder());
        assertEquals(7, newOrder.strategyId());
        assertEquals(1, newOrder.clientOrderId());
        assertEquals(Side.BUY, newOrder.side());
        assertEquals(OrderType.LIMIT, newOrder.orderType());
        assertEquals(TimeInForce.GTC, newOrder.timeInForce());
        assertEquals(5_000_000, newOrder.price());
        assertEquals(2_000, newOrder.quantity());
        assertEquals("BTCUSDT", newOrder.symbol().trim());
        assertEquals(io.ferrum.strategy.OrderStatus.PENDING_NEW, engine.orderManager().order(1).status());

        report(engine, 1, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 2_000, 0);
        assertEquals(io.ferrum.strategy.OrderStatus.ACKNOWLEDGED, engine.orderManager().order(1).status());
        // 0.01 BTC at 50 000.00: notional 500 USDT; fee 0.5 USDT at exponent -8.
        report(engine, 1, ExecType.PARTIAL_FILL, OrderStatus.PARTIALLY_FILLED, Side.BUY, 5_000_000, 1_000, 1_000,
            1_000, 50_000_000);
        assertEquals(io.ferrum.strategy.OrderStatus.PARTIALLY_FILLED, engine.orderManager().order(1).status());
        report(engine, 1, ExecType.FILL, OrderStatus.FILLED, Side.BUY, 4_999_900, 1_000, 2_000, 0, 50_000_000);
        assertNull(engine.orderManager().order(1), "terminal orders leave the open table");
        final Position position = engine.portfolio().find(7, 1);
        assertEquals(2_000, position.quantity());
        // Cost: 500.00 + 499.99 = 999.99 USDT at exponent -8.
        assertEquals(99_999_000_000L, position.costBasis());
        assertEquals(100_000_000L, engine.fees());

        final long sellId = send(engine, ctx -> ctx.newOrder().instrument(1).sell().market().quantity(2_000));
        report(engine, sellId, ExecType.FILL, OrderStatus.FILLED, Side.SELL, 5_010_000, 2_000, 2_000, 0, 0);
        // Sold 0.02 at 50 100.00 = 1002.00; realized 1002.00 - 999.99 = 2.01 USDT.
        assertEquals(201_000_000L, engine.realizedPnl());
        assertEquals(101_000_000L, engine.netRealizedPnl());
        assertEquals(3, engine.fills());
        assertEquals(2, engine.ordersSent());
        assertTrue(strategy.events.contains("fill 1 5000000 1000 fee=50000000 TAKER"));
        assertTrue(strategy.events.contains("order 1 FILLED filled=2000"));
        assertEquals(0, engine.rejects());
    }

    private long send(final Engine engine, final java.util.function.Function<io.ferrum.strategy.StrategyContext,
        OrderRequest> order)
    {
        final long[] result = new long[1];
        strategy.onBookAction = ctx -> result[0] = order.apply(ctx).send();
        book(engine, engine.book(1).lastUpdateId() + 1, engine.book(1).bestBidPrice(), engine.book(1).bestAskPrice());
        strategy.onBookAction = null;
        return result[0];
    }

    @Test
    void badOrdersAreRejectedWithAReasonAndNeverThrow()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        assertReject(engine, RiskRejectReason.UNKNOWN_INSTRUMENT,
            send(engine, ctx -> ctx.newOrder().instrument(99).buy().limit(5_000_000).quantity(1_000)));
        assertReject(engine, RiskRejectReason.INVALID_QUANTITY,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(1_050)));
        assertReject(engine, RiskRejectReason.INVALID_QUANTITY,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(0)));
        assertReject(engine, RiskRejectReason.INVALID_PRICE,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(-5).quantity(1_000)));
        assertReject(engine, RiskRejectReason.INVALID_PRICE,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().market().postOnly().quantity(1_000)));
        assertReject(engine, RiskRejectReason.INVALID_QUANTITY,
            send(engine, ctx -> ctx.newOrder().instrument(1).sell().market().reduceOnly().quantity(1_000)));
        final long first = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_000_000).quantity(1_000)
            .clientOrderId(500));
        assertEquals(500, first);
        assertReject(engine, RiskRejectReason.DUPLICATE_CLIENT_ORDER_ID,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_000_000).quantity(1_000)
                .clientOrderId(500)));
        assertFalse(strategy.ctx.cancel(12345));
        assertEquals(8, engine.rejects());
        assertEquals(1, engine.ordersSent());

        final List<UnsafeBuffer> rejects = output.ofTemplate(RiskRejectDecoder.TEMPLATE_ID);
        assertEquals(8, rejects.size());
        final RiskRejectDecoder decoder = new RiskRejectDecoder();
        decoder.wrapAndApplyHeader(rejects.get(1), 0, new MessageHeaderDecoder());
        assertEquals(RiskRejectReason.INVALID_QUANTITY, decoder.reason());
        assertEquals(1_050, decoder.observed());
        assertEquals(100, decoder.limitValue());
        assertEquals(-5, decoder.valueExponent());
        assertEquals(7, decoder.strategyId());

        final List<String> lines = new ArrayList<>();
        engine.rejectLog().drain((ts, kind, code, strategyId, instrumentId, id, observed, limit) ->
            lines.add(kind + ":" + RiskRejectReason.get((short)code)));
        assertEquals(8, lines.size());
        assertEquals("1:UNKNOWN_ORDER", lines.get(7));
    }

    @Test
    void theVenuesFiltersRefuseAnOrderBeforeItLeaves()
    {
        // BTCUSDT's grid with Binance-like filters: price 1.00..100000.00, quantity 0.002..10,
        // notional 10..1000000 USDT, at most 2 open orders on the symbol
        final Instrument filtered = new Instrument(1, "BTCUSDT", Venue.SIMULATED, -2, -5, 1, 100, "BTC", "USDT",
            new io.ferrum.engine.instrument.InstrumentFilters(100, 10_000_000, 200, 1_000_000, 1_000, 100_000_000, 2));
        final InstrumentRegistry registry = new InstrumentRegistry().add(filtered);
        final Engine engine = new Engine(new Engine.Context().instruments(registry).output(output).timerScheduler(timers)
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(registry)).addStrategy(strategy));
        book(engine, 10, 5_000_000, 5_000_100);

        assertReject(engine, RiskRejectReason.FILTER_PRICE,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(10_000_001).quantity(1_000)));
        assertReject(engine, RiskRejectReason.FILTER_PRICE,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(99).quantity(1_000_000)));
        assertReject(engine, RiskRejectReason.FILTER_LOT_SIZE,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_000_000).quantity(100)));
        assertReject(engine, RiskRejectReason.FILTER_LOT_SIZE,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_000_000).quantity(1_000_100)));
        // 0.002 BTC at 1.00 is 0.002 USDT
        assertReject(engine, RiskRejectReason.FILTER_NOTIONAL,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(100).quantity(200)));
        // 10 BTC at 100000.00 is 1000000 USDT: exactly the maximum passes, as Binance's <=
        final long first = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(10_000_000).quantity(1_000_000));
        assertTrue(first > 0, "on the bounds: " + first);
        final long second = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_000_000).quantity(1_000));
        assertTrue(second > 0);
        assertReject(engine, RiskRejectReason.FILTER_MAX_NUM_ORDERS,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_000_000).quantity(1_000)));
        // a replace keeps its place among the symbol's orders, but its new size is checked
        final long[] replaced = new long[2];
        strategy.onBookAction = ctx ->
        {
            replaced[0] = ctx.replace(second, 4_000_000, 100);
            replaced[1] = ctx.replace(second, 4_000_100, 2_000);
        };
        book(engine, engine.book(1).lastUpdateId() + 1, 5_000_000, 5_000_100);
        strategy.onBookAction = null;
        assertReject(engine, RiskRejectReason.FILTER_LOT_SIZE, replaced[0]);
        assertTrue(replaced[1] > 0, "a replace within the filters at the order limit: " + replaced[1]);

        assertEquals(2, engine.ordersSent(), "no refused order reached the venue");
        assertEquals(7, engine.rejects());
        final RiskRejectDecoder decoder = new RiskRejectDecoder();
        decoder.wrapAndApplyHeader(output.ofTemplate(RiskRejectDecoder.TEMPLATE_ID).get(4), 0, new MessageHeaderDecoder());
        assertEquals(RiskRejectReason.FILTER_NOTIONAL, decoder.reason());
        assertEquals(-2, decoder.valueExponent());
        assertEquals(0, decoder.observed(), "0.002 USDT at 10^-2");
        assertEquals(1_000, decoder.limitValue(), "10.00 USDT");
    }

    private static void assertReject(final Engine engine, final RiskRejectReason reason, final long result)
    {
        assertTrue(OrderRequest.isRejected(result), "expected a reject, got id " + result);
        assertEquals(reason.name(), RejectReason.ofResult(result).name());
        assertEquals(reason.value(), RejectReason.ofResult(result).code());
    }

    @Test
    void hostileInputsAreCountedNotThrown()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        final long before = engine.book(1).bestBidPrice();

        // Truncated: shorter than a header.
        engine.onInput(new UnsafeBuffer(new byte[4]), 0, 4, ++position, 0);
        // Unknown template id.
        final UnsafeBuffer unknown = new UnsafeBuffer(new byte[64]);
        new MessageHeaderEncoder().wrap(unknown, 0).blockLength(8).templateId(999).schemaId(7301).version(1);
        engine.onInput(unknown, 0, 64, ++position, 0);
        // Foreign schema.
        new MessageHeaderEncoder().wrap(unknown, 0).blockLength(8).templateId(1).schemaId(1).version(1);
        engine.onInput(unknown, 0, 64, ++position, 0);
        // Future version.
        final int tradeLength = encode.trade(buffer, 0, MD, ++mdSeq, 0, btc, 1, 5_000_050, 1_000, Side.BUY);
        buffer.putShort(6, (short)9);
        engine.onInput(buffer, 0, tradeLength, ++position, 0);
        // Block shorter than the message needs, and a block longer than the bytes given.
        encode.trade(buffer, 0, MD, ++mdSeq, 0, btc, 1, 5_000_050, 1_000, Side.BUY);
        engine.onInput(buffer, 0, tradeLength - 10, ++position, 0);
        // Unknown instrument, wrong exponents.
        final Instrument ghost = new Instrument(42, "GHOST", Venue.SIMULATED, -2, -5, 1, 1);
        feed(engine, encode.trade(buffer, 0, MD, ++mdSeq, 0, ghost, 1, 100, 100, Side.BUY));
        final Instrument wrongExponent = new Instrument(1, "BTCUSDT", Venue.SIMULATED, -3, -5, 1, 1);
        feed(engine, encode.trade(buffer, 0, MD, ++mdSeq, 0, wrongExponent, 1, 100, 100, Side.BUY));
        // A book snapshot whose group claims more levels than the bytes hold.
        final int snapLength = encode.bookSnapshot(buffer, 0, MD, ++mdSeq, 0, btc, 50,
            new long[][]{{1, 1}, {2, 2}}, new long[][]{{3, 3}});
        engine.onInput(buffer, 0, snapLength - 20, ++position, 0);
        // An engine output fed back as input, and an execution report for an order that never existed.
        engine.onInput(new UnsafeBuffer(new byte[128]), 0, 128, ++position, 0);
        report(engine, 777, ExecType.FILL, OrderStatus.FILLED, Side.BUY, 1, 1, 1, 0, 0);
        // Garbage admin enums.
        feed(engine, encode.setTradingState(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0, TradingState.HALTED));
        final int adminLength =
            encode.setTradingState(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0, TradingState.ACTIVE);
        buffer.putByte(MessageHeaderEncoder.ENCODED_LENGTH + 28, (byte)77); // scope
        engine.onInput(buffer, 0, adminLength, ++position, 0);

        final EngineCounters c = engine.counters();
        assertEquals(4, c.get(EngineCounters.MALFORMED_INPUTS), c.toJson());
        assertEquals(3, c.get(EngineCounters.UNKNOWN_TEMPLATES), c.toJson());
        assertEquals(1, c.get(EngineCounters.UNSUPPORTED_VERSIONS), c.toJson());
        assertEquals(1, c.get(EngineCounters.UNKNOWN_INSTRUMENT_INPUTS), c.toJson());
        assertEquals(1, c.get(EngineCounters.EXPONENT_MISMATCHES), c.toJson());
        assertEquals(1, c.get(EngineCounters.UNKNOWN_ORDER_REPORTS), c.toJson());
        assertEquals(before, engine.book(1).bestBidPrice());
        assertEquals(TradingState.HALTED,
            ((RiskPreTradeCheck)engine.preTradeCheck()).riskManager().state(Scope.GLOBAL, 0));
        assertTrue(engine.rejectLog().pending() >= 11);
    }

    @Test
    void killSwitchCancelsOpenOrdersAndHalts()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        final long a = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000));
        final long b = send(engine, ctx -> ctx.newOrder().instrument(1).sell().limit(5_100_000).quantity(1_000));
        output.clear();
        feed(engine, encode.killSwitch(buffer, 0, ADMIN, ++adminSeq, Scope.STRATEGY, 7));
        final List<UnsafeBuffer> cancels = output.ofTemplate(CancelOrderDecoder.TEMPLATE_ID);
        assertEquals(2, cancels.size());
        final CancelOrderDecoder cancel = new CancelOrderDecoder();
        cancel.wrapAndApplyHeader(cancels.get(0), 0, new MessageHeaderDecoder());
        assertEquals(a, cancel.clientOrderId());
        assertReject(engine, RiskRejectReason.STATE_HALTED,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000)));
        report(engine, b, ExecType.CANCELED, OrderStatus.CANCELED, Side.SELL, 0, 0, 0, 0, 0);
        assertNull(engine.orderManager().order(b));
        assertTrue(strategy.events.contains("order " + b + " CANCELED filled=0"));

        // REDUCING lets through only what shrinks the position.
        feed(engine, encode.setTradingState(buffer, 0, ADMIN, ++adminSeq, Scope.STRATEGY, 7, TradingState.REDUCING));
        assertReject(engine, RiskRejectReason.STATE_REDUCING,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000)));
        report(engine, a, ExecType.FILL, OrderStatus.FILLED, Side.BUY, 4_900_000, 1_000, 1_000, 0, 0);
        assertTrue(send(engine, ctx -> ctx.newOrder().instrument(1).sell().limit(5_100_000).quantity(1_000)) > 0);
    }

    @Test
    void aGlobalOrInstrumentKillSwitchAsksTheVenueToCancelEverythingAfterTheEnginesOwnCancels()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000));
        output.clear();
        feed(engine, encode.killSwitch(buffer, 0, ADMIN, ++adminSeq, Scope.INSTRUMENT, 1));
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        header.wrap(new UnsafeBuffer(output.messages.get(output.messages.size() - 1)), 0);
        assertEquals(CancelAllOrdersDecoder.TEMPLATE_ID, header.templateId(), "after the engine's own cancel");
        final CancelAllOrdersDecoder cancelAll = new CancelAllOrdersDecoder().wrapAndApplyHeader(
            output.ofTemplate(CancelAllOrdersDecoder.TEMPLATE_ID).get(0), 0, new MessageHeaderDecoder());
        assertEquals(Scope.INSTRUMENT, cancelAll.scope());
        assertEquals(1, cancelAll.instrumentId());
        assertEquals(1, output.ofTemplate(CancelOrderDecoder.TEMPLATE_ID).size());

        output.clear();
        feed(engine, encode.killSwitch(buffer, 0, ADMIN, ++adminSeq, Scope.STRATEGY, 7));
        assertTrue(output.ofTemplate(CancelAllOrdersDecoder.TEMPLATE_ID).isEmpty(), "a venue cannot cancel by strategy");

        output.clear();
        feed(engine, encode.killSwitch(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0));
        cancelAll.wrapAndApplyHeader(output.ofTemplate(CancelAllOrdersDecoder.TEMPLATE_ID).get(0), 0,
            new MessageHeaderDecoder());
        assertEquals(Scope.GLOBAL, cancelAll.scope());
        assertEquals(0, cancelAll.instrumentId());
    }

    @Test
    void aKillSwitchTheVenueHasNotAnsweredIsAskedForAgainInEveryReconcileAnswerUntilItsResultIsOnTheLog()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        final long acked = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000));
        report(engine, acked, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 1_000, 0);
        feed(engine, encode.killSwitch(buffer, 0, ADMIN, ++adminSeq, Scope.GLOBAL, 0));
        final long killSwitchNs = 1_000_000_000L + position;
        assertEquals(1, engine.orderManager().cancelAllsUnanswered());

        // the kill switch's egress was lost with the leader: the next reconcile answer carries it, last
        output.clear();
        feed(engine, encode.reconcileOrders(buffer, 0, 9, 1));
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final OrdersReconcilingDecoder answer = new OrdersReconcilingDecoder().wrapAndApplyHeader(
            output.ofTemplate(OrdersReconcilingDecoder.TEMPLATE_ID).get(0), 0, header);
        assertEquals(3, answer.messageCount(), "the order's state, its cancel and the cancel-all");
        assertEquals(4, output.messages.size());
        final CancelAllOrdersDecoder again = new CancelAllOrdersDecoder().wrapAndApplyHeader(
            new UnsafeBuffer(output.messages.get(3)), 0, header);
        assertEquals(CancelAllOrdersDecoder.TEMPLATE_ID, header.templateId());
        assertEquals(Scope.INSTRUMENT, again.scope());
        assertEquals(1, again.instrumentId());
        assertEquals(killSwitchNs, again.timestampNs(), "the kill switch's own log time: a gateway that sent it drops it");

        // part of the state: a member restored from a snapshot asks for it too, and the hashes agree
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
        final int length = engine.snapshotTo(snapshot, 0);
        final Engine restored = newEngine(new ScriptedStrategy(7));
        restored.restoreFrom(snapshot, 0, length);
        assertEquals(1, restored.orderManager().cancelAllsUnanswered());
        assertEquals(engine.stateHash(), restored.stateHash());

        // the venue's answer on the log: done, no longer asked for
        final UnsafeBuffer result = new UnsafeBuffer(new byte[256]);
        final CancelAllResultEncoder encoder = new CancelAllResultEncoder()
            .wrapAndApplyHeader(result, 0, new MessageHeaderEncoder());
        encoder.source().sourceId(100).sequence(5).eventTimeNs(1).receiveTimeNs(1);
        encoder.venue(Venue.BINANCE_SPOT).instrumentId(1).venueErrorCode(0).ordersCount(0);
        final long hashBefore = engine.stateHash();
        engine.onInput(result, 0, MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength(), ++position, 2);
        assertEquals(0, engine.orderManager().cancelAllsUnanswered());
        assertNotEquals(hashBefore, engine.stateHash(), "the state hash covers it");
        output.clear();
        feed(engine, encode.reconcileOrders(buffer, 0, 9, 2));
        assertTrue(output.ofTemplate(CancelAllOrdersDecoder.TEMPLATE_ID).isEmpty(), "answered: not asked for again");
    }

    @Test
    void aVenuesCancelAllResultIsDeDuplicatedAndSendsNothing()
    {
        final Engine engine = newEngine(strategy);
        final UnsafeBuffer result = new UnsafeBuffer(new byte[256]);
        final CancelAllResultEncoder encoder = new CancelAllResultEncoder()
            .wrapAndApplyHeader(result, 0, new MessageHeaderEncoder());
        encoder.source().sourceId(100).sequence(5).eventTimeNs(1).receiveTimeNs(1);
        encoder.venue(Venue.BINANCE_SPOT).instrumentId(1).venueErrorCode(0);
        encoder.ordersCount(2).next().clientOrderId(0).venueOrderId(9).next().clientOrderId(77).venueOrderId(10);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        engine.onInput(result, 0, length, 1, 1);
        engine.onInput(result, 0, length, 2, 2);
        assertEquals(1, engine.counters().get(EngineCounters.DUPLICATES));
        assertEquals(0, engine.counters().get(EngineCounters.UNKNOWN_TEMPLATES));
        assertEquals(0, engine.counters().get(EngineCounters.MALFORMED_INPUTS));
        assertTrue(output.messages.isEmpty());
        result.putShort(MessageHeaderEncoder.ENCODED_LENGTH + CancelAllResultEncoder.BLOCK_LENGTH + 2, (short)40);
        encoder.source().sequence(6);
        engine.onInput(result, 0, length, 3, 3);
        assertEquals(1, engine.counters().get(EngineCounters.MALFORMED_INPUTS), "a group longer than the message");
    }

    @Test
    void aVenuesAccountBalancesAreDeDuplicatedAndSendNothing()
    {
        final Engine engine = newEngine(strategy);
        final UnsafeBuffer message = new UnsafeBuffer(new byte[256]);
        final AccountBalancesEncoder encoder = new AccountBalancesEncoder()
            .wrapAndApplyHeader(message, 0, new MessageHeaderEncoder());
        encoder.source().sourceId(100).sequence(5).eventTimeNs(1).receiveTimeNs(1);
        encoder.venue(Venue.BINANCE_SPOT).update(BalanceUpdate.SNAPSHOT).balanceExponent((byte)-8).updateTimeNs(1);
        encoder.balancesCount(1).next().asset("USDT").free(100).locked(0);
        final int length = MessageHeaderEncoder.ENCODED_LENGTH + encoder.encodedLength();
        engine.onInput(message, 0, length, 1, 1);
        assertTrue(engine.orderManager().account().isKnown());
        engine.onInput(message, 0, length, 2, 2);
        assertEquals(1, engine.counters().get(EngineCounters.DUPLICATES));
        assertEquals(0, engine.counters().get(EngineCounters.UNKNOWN_TEMPLATES));
        assertEquals(0, engine.counters().get(EngineCounters.MALFORMED_INPUTS));
        assertTrue(output.messages.isEmpty());
        encoder.source().sequence(6);
        engine.onInput(message, 0, length - 1, 3, 3);
        assertEquals(1, engine.counters().get(EngineCounters.MALFORMED_INPUTS), "a balance cut short");
    }

    @Test
    void flattenPositionSendsAReduceOnlyMarketOrderForTheWholePosition()
    {
        final PreTradeCheck stopLoss = new PreTradeCheck()
        {
            public void check(final PreTradeRequest request, final io.ferrum.engine.risk.PreTradeResult result)
            {
            }

            public void onReferencePrice(final int instrumentId, final long price, final long timestampNs)
            {
                // A price stop at 49 000.00 for strategy 7, acting from the hook during the input.
                if (price < 4_900_000 && engineRef[0].portfolio().quantity(7, instrumentId) > 0)
                {
                    engineRef[0].flattenPosition(7, instrumentId);
                }
            }
        };
        final Engine engine = newEngine(strategy, stopLoss);
        engineRef[0] = engine;
        book(engine, 10, 5_000_000, 5_000_100);
        assertEquals(0, engine.flattenPosition(7, 1), "flat: nothing to do");
        final long id = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(5_000_000).quantity(3_000));
        report(engine, id, ExecType.FILL, OrderStatus.FILLED, Side.BUY, 5_000_000, 3_000, 3_000, 0, 0);
        output.clear();
        book(engine, 20, 4_800_000, 4_800_100);
        final NewOrderDecoder close = new NewOrderDecoder();
        close.wrapAndApplyHeader(output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).get(0), 0, new MessageHeaderDecoder());
        assertEquals(Side.SELL, close.side());
        assertEquals(OrderType.MARKET, close.orderType());
        assertEquals(3_000, close.quantity());
        assertTrue(close.flags().reduceOnly());
        assertEquals(7, close.strategyId());
    }

    private final Engine[] engineRef = new Engine[1];

    @Test
    void replaceCreatesANewOrderAndTheOldOneEndsOnReplaced()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        final long id = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000));
        report(engine, id, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 1_000, 0);
        final long newId = strategy.ctx.replace(id, 4_950_000, 2_000);
        assertTrue(newId > id);
        final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
        replace.wrapAndApplyHeader(output.ofTemplate(ReplaceOrderDecoder.TEMPLATE_ID).get(0), 0,
            new MessageHeaderDecoder());
        assertEquals(id, replace.clientOrderId());
        assertEquals(newId, replace.newClientOrderId());
        assertEquals(4_950_000, replace.price());
        assertTrue(OrderRequest.isRejected(strategy.ctx.replace(id, 4_960_000, 2_000)), "one replace at a time");
        report(engine, newId, ExecType.REPLACED, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 2_000, 0);
        assertNull(engine.orderManager().order(id));
        assertEquals(io.ferrum.strategy.OrderStatus.ACKNOWLEDGED, engine.orderManager().order(newId).status());
        assertEquals(4_950_000, engine.orderManager().order(newId).price());
    }

    @Test
    void reconcileSendsAgainWhatTheVenueHasNotAnsweredInCreationOrderAndChangesNoState()
    {
        final Engine engine = newEngine(strategy);
        book(engine, 10, 5_000_000, 5_000_100);
        final long acked = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000));
        report(engine, acked, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 1_000, 0);
        final long pending = send(engine, ctx -> ctx.newOrder().instrument(1).sell().limit(5_100_000).quantity(2_000));
        final long replaced = send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_800_000).quantity(1_000));
        report(engine, replaced, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.BUY, 0, 0, 0, 1_000, 0);
        final long replacement = strategy.ctx.replace(replaced, 4_850_000, 3_000);
        assertTrue(strategy.ctx.cancel(acked));
        final byte[] originalNew = output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).get(1).byteArray().clone();
        final byte[] orders = orderState(engine);
        output.clear();

        feed(engine, encode.reconcileOrders(buffer, 0, 9, 1));
        final MessageHeaderDecoder header = new MessageHeaderDecoder();
        final List<String> answer = new ArrayList<>();
        for (final byte[] message : output.messages)
        {
            final UnsafeBuffer b = new UnsafeBuffer(message);
            header.wrap(b, 0);
            switch (header.templateId())
            {
                case OrdersReconcilingDecoder.TEMPLATE_ID ->
                {
                    final OrdersReconcilingDecoder r = new OrdersReconcilingDecoder().wrapAndApplyHeader(b, 0, header);
                    answer.add("reconciling " + r.requestSourceId() + "/" + r.requestSequence() + " " + r.messageCount());
                }
                case NewOrderDecoder.TEMPLATE_ID ->
                    answer.add("new " + new NewOrderDecoder().wrapAndApplyHeader(b, 0, header).clientOrderId());
                case ReplaceOrderDecoder.TEMPLATE_ID ->
                {
                    final ReplaceOrderDecoder r = new ReplaceOrderDecoder().wrapAndApplyHeader(b, 0, header);
                    answer.add("replace " + r.clientOrderId() + "->" + r.newClientOrderId() + " @" + r.price() + " x" +
                        r.quantity());
                }
                case CancelOrderDecoder.TEMPLATE_ID ->
                    answer.add("cancel " + new CancelOrderDecoder().wrapAndApplyHeader(b, 0, header).clientOrderId());
                case OpenOrderStateDecoder.TEMPLATE_ID ->
                {
                    final OpenOrderStateDecoder o = new OpenOrderStateDecoder().wrapAndApplyHeader(b, 0, header);
                    answer.add("state " + o.clientOrderId() + " " + o.orderStatus() + " " + o.filledQuantity() + "/" +
                        o.quantity());
                }
                default -> answer.add("template " + header.templateId());
            }
        }
        // each open order's state first, then what goes again
        assertEquals(List.of("reconciling 9/1 7",
            "state " + acked + " ACKNOWLEDGED 0/1000", "cancel " + acked,
            "state " + pending + " PENDING_NEW 0/2000", "new " + pending,
            "state " + replaced + " ACKNOWLEDGED 0/1000",
            "state " + replacement + " PENDING_NEW 0/3000", "replace " + replaced + "->" + replacement + " @4850000 x3000"),
            answer);
        assertTrue(java.util.Arrays.equals(originalNew, output.messages.get(4)), "the NewOrder again, byte for byte");
        assertTrue(java.util.Arrays.equals(orders, orderState(engine)), "answering changes no order state");

        output.clear();
        feed(engine, encode.reconcileOrders(buffer, 0, 9, 1));
        assertTrue(output.messages.isEmpty(), "a re-sent request is a duplicate: no second answer");
        report(engine, pending, ExecType.NEW, OrderStatus.ACKNOWLEDGED, Side.SELL, 0, 0, 0, 2_000, 0);
        feed(engine, encode.reconcileOrders(buffer, 0, 9, 2));
        final OrdersReconcilingDecoder last = new OrdersReconcilingDecoder().wrapAndApplyHeader(
            output.ofTemplate(OrdersReconcilingDecoder.TEMPLATE_ID).get(0), 0, header);
        assertEquals(6, last.messageCount(), "four open orders' states, the cancel and the replace");
        assertTrue(output.ofTemplate(NewOrderDecoder.TEMPLATE_ID).isEmpty(), "the acknowledged order is no longer sent again");
    }

    private static byte[] orderState(final Engine engine)
    {
        final ExpandableArrayBuffer state = new ExpandableArrayBuffer(4096);
        final int length = engine.orderManager().snapshotTo(state, 0);
        final byte[] bytes = new byte[length];
        state.getBytes(0, bytes);
        return bytes;
    }

    @Test
    void preTradeHookSeesARichRequestAndCanReject()
    {
        final List<String> seen = new ArrayList<>();
        final PreTradeCheck maxQty = (PreTradeRequest r, io.ferrum.engine.risk.PreTradeResult result) ->
        {
            seen.add(r.strategyId() + " " + r.instrumentId() + " " + r.side() + " " + r.orderType() + " " +
                r.price() + " " + r.quantity() + " pos=" + r.positionQuantity() + " open=" + r.openOrders() +
                " ref=" + r.referencePrice() + " eq=" + r.equity() + " replace=" + r.isReplace());
            if (r.quantity() > 5_000)
            {
                result.reject(RiskRejectReason.MAX_ORDER_QUANTITY, -5, r.quantity(), 5_000);
            }
        };
        final List<String> limits = new ArrayList<>();
        final PreTradeCheck hook = new PreTradeCheck()
        {
            public void check(final PreTradeRequest request, final io.ferrum.engine.risk.PreTradeResult result)
            {
                maxQty.check(request, result);
            }

            public boolean onRiskLimit(final io.ferrum.codecs.sbe.SetRiskLimitDecoder c, final long timestampNs)
            {
                limits.add(c.scope() + " " + c.targetId() + " " + c.riskLimit() + " " + c.value() + "e" +
                    c.valueExponent() + " by " + c.operatorName());
                return true;
            }

            public void onReferencePrice(final int instrumentId, final long price, final long timestampNs)
            {
                limits.add("ref " + instrumentId + " " + price);
            }
        };
        final Engine engine = newEngine(strategy, hook);
        feed(engine, encode.setRiskLimit(buffer, 0, ADMIN, ++adminSeq, Scope.STRATEGY, 7,
            RiskLimit.MAX_ORDER_QUANTITY, -5, 5_000));
        assertEquals(List.of("STRATEGY 7 MAX_ORDER_QUANTITY 5000e-5 by test"), limits);
        book(engine, 10, 5_000_000, 5_000_100);
        assertEquals("ref 1 5000050", limits.get(1));
        assertTrue(send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(1_000)) > 0);
        assertReject(engine, RiskRejectReason.MAX_ORDER_QUANTITY,
            send(engine, ctx -> ctx.newOrder().instrument(1).buy().limit(4_900_000).quantity(6_000)));
        assertEquals("7 1 BUY LIMIT 4900000 1000 pos=0 open=0 ref=5000050 eq=10000000000000 replace=false",
            seen.get(0));
        assertEquals("7 1 BUY LIMIT 4900000 6000 pos=0 open=1 ref=5000050 eq=10000000000000 replace=false",
            seen.get(1));
        final RiskRejectDecoder reject = new RiskRejectDecoder();
        reject.wrapAndApplyHeader(output.ofTemplate(RiskRejectDecoder.TEMPLATE_ID).get(0), 0,
            new MessageHeaderDecoder());
        assertEquals(6_000, reject.observed());
        assertEquals(5_000, reject.limitValue());
        assertEquals(2, reject.clientOrderId());
    }

    @Test
    void timersAreArmedFromCallbacksFireOnceAndSurviveASnapshot()
    {
        final Engine engine = newEngine(strategy);
        assertEquals(-1, strategy.ctx.scheduleTimer(5), "not outside a log-driven callback");
        final long[] timer = new long[1];
        strategy.onBookAction = ctx -> timer[0] = ctx.scheduleTimer(2_000_000_000L);
        book(engine, 10, 5_000_000, 5_000_100);
        strategy.onBookAction = null;
        assertTrue(timer[0] > 0);
        assertEquals(2_000_000_000L, timers.armed.get(timer[0]));

        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 16);
        final int length = engine.snapshotTo(snapshot, 0);
        final ScriptedStrategy copyStrategy = new ScriptedStrategy(7);
        final Engine copy = newEngine(copyStrategy);
        copy.restoreFrom(snapshot, 0, length);
        final List<Long> armed = new ArrayList<>();
        copy.forEachArmedTimer((id, deadline) -> armed.add(id));
        assertEquals(List.of(timer[0]), armed, "no risk timer: no rule of the default check depends on time");

        final int fired = encode.timerFired(buffer, 0, timer[0], 2_000_000_000L, 2_000_000_001L);
        engine.onInput(buffer, 0, fired, ++position, 2_000_000_001L);
        engine.onInput(buffer, 0, fired, ++position, 2_000_000_002L);
        copy.onTimer(timer[0], 2_000_000_001L);
        assertEquals(1, engine.counters().get(EngineCounters.TIMERS_FIRED));
        assertEquals(1, engine.counters().get(EngineCounters.STALE_TIMERS));
        assertEquals("timer " + timer[0] + " 2000000001", strategy.events.get(strategy.events.size() - 1));
        assertEquals("timer " + timer[0] + " 2000000001", copyStrategy.events.get(0));
    }

    @Test
    void restoreGivesTheSameHashAndTheSameBehaviour() throws Exception
    {
        final FixtureSession session = FixtureSession.load(
            "spot-2021-04-05-10symbols/spot_2021-04-05_10symbols.replay.tsv");
        final int half = session.messages.size() / 2;

        final CapturingOutput outA = new CapturingOutput();
        final Engine a = fixtureEngine(session, outA);
        for (int i = 0; i < half; i++)
        {
            feedFixture(a, session, i);
        }
        final ExpandableArrayBuffer snapshot = new ExpandableArrayBuffer(1 << 20);
        final int length = a.snapshotTo(snapshot, 0);

        final CapturingOutput outB = new CapturingOutput();
        final Engine b = fixtureEngine(session, outB);
        b.restoreFrom(snapshot, 0, length);
        assertEquals(a.stateHash(), b.stateHash());
        outA.clear();
        for (int i = half; i < session.messages.size(); i++)
        {
            feedFixture(a, session, i);
            feedFixture(b, session, i);
        }
        assertEquals(a.stateHash(), b.stateHash());
        assertEquals(outA.messages.size(), outB.messages.size());
        for (int i = 0; i < outA.messages.size(); i++)
        {
            assertTrue(java.util.Arrays.equals(outA.messages.get(i), outB.messages.get(i)), "output " + i);
        }

        final Map<String, Object> oracle = MiniJson.object(
            java.nio.file.Files.readString(Fixtures.binance("expected-books.json")));
        @SuppressWarnings("unchecked")
        final Map<String, Map<String, Object>> books = (Map<String, Map<String, Object>>)
            ((Map<String, Object>)oracle.get("spot_2021-04-05_10symbols")).get("books");
        for (final Map.Entry<String, Map<String, Object>> e : books.entrySet())
        {
            final int id = session.instruments.get(e.getKey()).instrumentId();
            assertEquals(DecimalParser.parse((String)e.getValue().get("final_best_bid"), -8), b.book(id).bestBidPrice());
            assertEquals(DecimalParser.parse((String)e.getValue().get("final_best_ask"), -8), b.book(id).bestAskPrice());
        }
        assertNotNull(a.counters().toJson());
    }

    private static Engine fixtureEngine(final FixtureSession session, final CapturingOutput out)
    {
        final ScriptedStrategy s = new ScriptedStrategy(3);
        s.onBookAction = ctx ->
        {
            // Places a resting bid below each book once, so that orders are part of the state.
            if (ctx.openOrderCount(0) < 5 && ctx.book(1).isTwoSided())
            {
                ctx.newOrder().instrument(1).buy().limit(ctx.book(1).bestBidPrice() / 2).quantity(1_000_000).send();
            }
        };
        return new Engine(new Engine.Context()
            .instruments(session.instruments)
            .output(out)
            .timerScheduler(new ManualTimers())
            .preTradeCheck(RiskPreTradeCheck.withoutLimits(session.instruments))
            .addStrategy(s));
    }

    private static void feedFixture(final Engine engine, final FixtureSession session, final int i)
    {
        final int[] m = session.messages.get(i);
        engine.onInput(session.buffer, m[0], m[1], i + 1, session.timestamps.get(i));
    }
}
