package io.ferrum.strategy.testkit;

import io.ferrum.codecs.sbe.BookSnapshotEncoder;
import io.ferrum.codecs.sbe.CancelOrderDecoder;
import io.ferrum.codecs.sbe.ExecType;
import io.ferrum.codecs.sbe.ExecutionReportEncoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.NewOrderDecoder;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.ReplaceOrderDecoder;
import io.ferrum.codecs.sbe.TimerFiredEncoder;
import io.ferrum.codecs.sbe.TradeEncoder;
import io.ferrum.codecs.sbe.Venue;
import io.ferrum.engine.Engine;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.order.StrategyTypes;
import io.ferrum.engine.risk.RiskPreTradeCheck;
import io.ferrum.strategy.PositionView;
import io.ferrum.strategy.Side;
import io.ferrum.strategy.Strategy;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * A strategy on the real engine and pre-trade risk, driven by hand: market data in, the orders it
 * sent out, venue reports back in, positions and P&amp;L read from the engine's own portfolio.
 * <pre>
 * final StrategyTestKit kit = new StrategyTestKit(new StrategyTestKit.Context()
 *     .instrument("BTCUSDT", 1, -2, -8, 1, 1000)
 *     .strategy(new MyStrategy(parameters)));
 * kit.book(1, 6_500_000, 1_000_000, 6_500_100, 1_000_000);
 * final SentOrder bid = kit.sent().get(0);
 * kit.fill(bid.clientOrderId(), bid.price(), bid.quantity());
 * assertEquals(bid.quantity(), kit.position(7, 1).quantity());
 * </pre>
 * Time is the log's: every input moves it forward ({@link #timeNs()}), {@link #advanceTo} fires
 * the timers that are due. Not thread safe; one kit per test.
 */
public final class StrategyTestKit
{
    private static final int FEED_SOURCE = 1;
    private static final int VENUE_SOURCE = 2;

    private final InstrumentRegistry instruments;
    private final Engine engine;
    private final List<SentOrder> sent = new ArrayList<>();
    private final TreeMap<Long, Long> armedTimers = new TreeMap<>();
    private final ExpandableArrayBuffer buffer = new ExpandableArrayBuffer(4096);
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final MessageHeaderDecoder headerDecoder = new MessageHeaderDecoder();
    private final BookSnapshotEncoder bookSnapshot = new BookSnapshotEncoder();
    private final TradeEncoder trade = new TradeEncoder();
    private final ExecutionReportEncoder report = new ExecutionReportEncoder();
    private final TimerFiredEncoder timer = new TimerFiredEncoder();
    private final NewOrderDecoder newOrder = new NewOrderDecoder();
    private final CancelOrderDecoder cancel = new CancelOrderDecoder();
    private final ReplaceOrderDecoder replace = new ReplaceOrderDecoder();
    private long logPosition;
    private long timeNs;
    private long feedSequence;
    private long venueSequence;
    private long updateId;
    private long tradeId;

    /** What the kit runs: instruments, strategies, risk limits and the starting time. */
    public static final class Context
    {
        private final InstrumentRegistry instruments = new InstrumentRegistry();
        private final List<Strategy> strategies = new ArrayList<>();
        private Path riskConfig;
        private long startTimeNs = 1_600_000_000_000_000_000L;
        private long initialEquity = 100_000_00000000L;

        /**
         * An instrument: prices at {@code priceExponent}, quantities at {@code sizeExponent}, tick and
         * lot as mantissas at those exponents.
         */
        public Context instrument(
            final String symbol, final int instrumentId, final int priceExponent, final int sizeExponent,
            final long tickSize, final long lotSize)
        {
            instruments.add(new Instrument(instrumentId, symbol, Venue.SIMULATED, priceExponent, sizeExponent,
                tickSize, lotSize));
            return this;
        }

        public Context strategy(final Strategy strategy)
        {
            strategies.add(strategy);
            return this;
        }

        /** Pre-trade limits in the format of {@code config/risk.properties}; default none. */
        public Context riskConfig(final Path riskConfig)
        {
            this.riskConfig = riskConfig;
            return this;
        }

        /** The log time of the first input; default 2020-09-13. */
        public Context startTimeNs(final long startTimeNs)
        {
            this.startTimeNs = startTimeNs;
            return this;
        }

        /** At the money exponent (-8); default 100 000 units. */
        public Context initialEquity(final long initialEquity)
        {
            this.initialEquity = initialEquity;
            return this;
        }

        Context conclude()
        {
            if (instruments.instruments().isEmpty())
            {
                throw new IllegalStateException("the kit needs at least one instrument");
            }
            if (strategies.isEmpty())
            {
                throw new IllegalStateException("the kit needs the strategy under test");
            }
            return this;
        }
    }

    public StrategyTestKit(final Context context)
    {
        context.conclude();
        this.instruments = context.instruments;
        this.timeNs = context.startTimeNs;
        final Engine.Context engineContext = new Engine.Context()
            .instruments(instruments)
            .output(this::onOutput)
            .timerScheduler(new TimerScheduler()
            {
                public boolean schedule(final long timerId, final long deadlineNs)
                {
                    armedTimers.put(timerId, deadlineNs);
                    return true;
                }

                public boolean cancel(final long timerId)
                {
                    return armedTimers.remove(timerId) != null;
                }
            })
            .initialEquity(context.initialEquity);
        context.strategies.forEach(engineContext::addStrategy);
        engineContext.preTradeCheck(null == context.riskConfig ?
            RiskPreTradeCheck.withoutLimits(instruments, engineContext.maxStrategyId()) :
            RiskPreTradeCheck.fromConfig(context.riskConfig, instruments));
        this.engine = new Engine(engineContext);
    }

    /** A full book of one level a side (a price of 0 leaves that side empty). */
    public StrategyTestKit book(
        final int instrumentId, final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
        final Instrument instrument = instrument(instrumentId);
        bookSnapshot.wrapAndApplyHeader(buffer, 0, headerEncoder);
        bookSnapshot.source().sourceId(FEED_SOURCE).sequence(++feedSequence).eventTimeNs(nextTime()).receiveTimeNs(timeNs);
        bookSnapshot.venue(instrument.venue()).instrumentId(instrumentId).putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .lastUpdateId(++updateId);
        final BookSnapshotEncoder.BidsEncoder bids = bookSnapshot.bidsCount(bidPrice > 0 ? 1 : 0);
        if (bidPrice > 0)
        {
            bids.next().price(bidPrice).quantity(bidQuantity);
        }
        final BookSnapshotEncoder.AsksEncoder asks = bookSnapshot.asksCount(askPrice > 0 ? 1 : 0);
        if (askPrice > 0)
        {
            asks.next().price(askPrice).quantity(askQuantity);
        }
        return input(MessageHeaderEncoder.ENCODED_LENGTH + bookSnapshot.encodedLength());
    }

    /** A venue trade; {@code aggressor} is the taker's side. */
    public StrategyTestKit trade(final int instrumentId, final long price, final long quantity, final Side aggressor)
    {
        final Instrument instrument = instrument(instrumentId);
        trade.wrapAndApplyHeader(buffer, 0, headerEncoder);
        trade.source().sourceId(FEED_SOURCE).sequence(++feedSequence).eventTimeNs(nextTime()).receiveTimeNs(timeNs);
        trade.venue(instrument.venue()).instrumentId(instrumentId).putSymbol(instrument.symbolBytes(), 0)
            .priceExponent((byte)instrument.priceExponent()).sizeExponent((byte)instrument.sizeExponent())
            .tradeId(++tradeId).price(price).quantity(quantity).tradeTimeNs(timeNs).aggressor(StrategyTypes.toSbe(aggressor));
        return input(MessageHeaderEncoder.ENCODED_LENGTH + trade.encodedLength());
    }

    /** The venue acknowledges an order (or a replace, for the new order id). */
    public StrategyTestKit ack(final long clientOrderId)
    {
        final Order order = openOrder(clientOrderId);
        return report(order, order.replacesClientOrderId() != 0 ? ExecType.REPLACED : ExecType.NEW,
            OrderStatus.ACKNOWLEDGED, 0, 0, 0, Liquidity.MAKER);
    }

    /** A (partial) fill at {@code price}, fee 0, as a maker. */
    public StrategyTestKit fill(final long clientOrderId, final long price, final long quantity)
    {
        return fill(clientOrderId, price, quantity, 0, true);
    }

    /** A (partial) fill; {@code fee} at the money exponent (-8), negative for a rebate. */
    public StrategyTestKit fill(
        final long clientOrderId, final long price, final long quantity, final long fee, final boolean maker)
    {
        final Order order = openOrder(clientOrderId);
        final long cumulative = order.filledQuantity() + quantity;
        final boolean full = cumulative >= order.quantity();
        return report(order, full ? ExecType.FILL : ExecType.PARTIAL_FILL,
            full ? OrderStatus.FILLED : OrderStatus.PARTIALLY_FILLED, price, quantity, fee,
            maker ? Liquidity.MAKER : Liquidity.TAKER);
    }

    /** The venue cancelled the order (asked for or not). */
    public StrategyTestKit canceled(final long clientOrderId)
    {
        return report(openOrder(clientOrderId), ExecType.CANCELED, OrderStatus.CANCELED, 0, 0, 0, Liquidity.MAKER);
    }

    /** The venue refused the order. */
    public StrategyTestKit rejected(final long clientOrderId)
    {
        return report(openOrder(clientOrderId), ExecType.REJECTED, OrderStatus.REJECTED, 0, 0, 0, Liquidity.MAKER);
    }

    /** Moves the log time to {@code nowNs} and fires every timer due by then, in deadline order. */
    public StrategyTestKit advanceTo(final long nowNs)
    {
        timeNs = Math.max(timeNs, nowNs);
        while (!armedTimers.isEmpty())
        {
            Map.Entry<Long, Long> due = null;
            for (final Map.Entry<Long, Long> armed : armedTimers.entrySet())
            {
                if (armed.getValue() <= timeNs && (null == due || armed.getValue() < due.getValue()))
                {
                    due = armed;
                }
            }
            if (null == due)
            {
                break;
            }
            armedTimers.remove(due.getKey());
            timer.wrapAndApplyHeader(buffer, 0, headerEncoder).timerId(due.getKey()).deadlineNs(due.getValue())
                .timestampNs(timeNs);
            input(MessageHeaderEncoder.ENCODED_LENGTH + timer.encodedLength());
        }
        return this;
    }

    /** Every order message sent so far, oldest first. */
    public List<SentOrder> sent()
    {
        return List.copyOf(sent);
    }

    /** The order messages sent so far, and forgets them. */
    public List<SentOrder> takeSent()
    {
        final List<SentOrder> taken = List.copyOf(sent);
        sent.clear();
        return taken;
    }

    /** The strategy's position in an instrument, null before its first order there. */
    public PositionView position(final int strategyId, final int instrumentId)
    {
        return engine.portfolio().find(strategyId, instrumentId);
    }

    /** Realized P&amp;L before fees, at the money exponent (-8). */
    public long realizedPnl(final int strategyId)
    {
        return engine.portfolio().realizedPnl(strategyId);
    }

    public long fees(final int strategyId)
    {
        return engine.portfolio().fees(strategyId);
    }

    /** Orders refused by the engine's checks or the pre-trade risk check. */
    public long rejects()
    {
        return engine.rejects();
    }

    /** Exceptions the strategy threw from its callbacks (the engine catches and counts them). */
    public long strategyErrors()
    {
        return engine.counters().get(io.ferrum.engine.telemetry.EngineCounters.STRATEGY_ERRORS);
    }

    /** The engine's state hash: equal for equal inputs, whatever the run. */
    public long stateHash()
    {
        return engine.stateHash();
    }

    public long timeNs()
    {
        return timeNs;
    }

    private StrategyTestKit report(
        final Order order, final ExecType type, final OrderStatus status, final long price, final long quantity,
        final long fee, final Liquidity liquidity)
    {
        final Instrument instrument = instrument(order.instrumentId());
        final long cumulative = order.filledQuantity() + quantity;
        report.wrapAndApplyHeader(buffer, 0, headerEncoder);
        report.source().sourceId(VENUE_SOURCE).sequence(++venueSequence).eventTimeNs(nextTime()).receiveTimeNs(timeNs);
        report.venue(instrument.venue()).instrumentId(instrument.instrumentId()).putSymbol(instrument.symbolBytes(), 0)
            .clientOrderId(order.clientOrderId()).venueOrderId(order.clientOrderId()).execType(type).orderStatus(status)
            .side(order.sideCode()).priceExponent((byte)instrument.priceExponent())
            .sizeExponent((byte)instrument.sizeExponent()).lastPrice(price).lastQuantity(quantity)
            .cumulativeQuantity(cumulative).leavesQuantity(Math.max(0, order.quantity() - cumulative))
            .feeExponent((byte)-8).fee(fee).liquidity(liquidity).tradeId(venueSequence).venueRejectCode(0);
        return input(MessageHeaderEncoder.ENCODED_LENGTH + report.encodedLength());
    }

    private Order openOrder(final long clientOrderId)
    {
        final Order order = engine.orderManager().order(clientOrderId);
        if (null == order)
        {
            throw new IllegalArgumentException("no open order " + clientOrderId);
        }
        return order;
    }

    private Instrument instrument(final int instrumentId)
    {
        final Instrument instrument = instruments.get(instrumentId);
        if (null == instrument)
        {
            throw new IllegalArgumentException("instrument " + instrumentId + " is not in the kit's context");
        }
        return instrument;
    }

    private long nextTime()
    {
        timeNs += 1_000_000;
        return timeNs;
    }

    private StrategyTestKit input(final int length)
    {
        engine.onInput(buffer, 0, length, ++logPosition, timeNs);
        return this;
    }

    private boolean onOutput(final DirectBuffer message, final int offset, final int length)
    {
        headerDecoder.wrap(message, offset);
        switch (headerDecoder.templateId())
        {
            case NewOrderDecoder.TEMPLATE_ID:
                newOrder.wrapAndApplyHeader(message, offset, headerDecoder);
                sent.add(new SentOrder(newOrder.clientOrderId(), 0, newOrder.strategyId(), newOrder.instrumentId(),
                    StrategyTypes.toApi(newOrder.side()), StrategyTypes.toApi(newOrder.orderType()), newOrder.price(),
                    newOrder.quantity(), newOrder.flags().postOnly(), newOrder.flags().reduceOnly()));
                break;
            case CancelOrderDecoder.TEMPLATE_ID:
                cancel.wrapAndApplyHeader(message, offset, headerDecoder);
                sent.add(new SentOrder(cancel.clientOrderId(), 0, cancel.strategyId(), cancel.instrumentId(), null, null,
                    0, 0, false, false));
                break;
            case ReplaceOrderDecoder.TEMPLATE_ID:
                replace.wrapAndApplyHeader(message, offset, headerDecoder);
                sent.add(new SentOrder(replace.newClientOrderId(), replace.clientOrderId(), replace.strategyId(),
                    replace.instrumentId(), null, null, replace.price(), replace.quantity(), false, false));
                break;
            default:
                break; // risk decisions, rejects, telemetry: the engine's, not the strategy's order flow
        }
        return true;
    }
}
