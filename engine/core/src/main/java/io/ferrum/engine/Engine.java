package io.ferrum.engine;

import io.ferrum.codecs.sbe.EngineTelemetryEncoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.strategy.Side;
import io.ferrum.engine.api.EngineInput;
import io.ferrum.engine.api.EngineMetrics;
import io.ferrum.engine.api.EngineOutput;
import io.ferrum.engine.api.EngineState;
import io.ferrum.engine.api.MetricCounters;
import io.ferrum.engine.api.TimerScheduler;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.MarkPrices;
import io.ferrum.engine.order.OrderManager;
import io.ferrum.engine.order.OrderTicket;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.strategy.Strategy;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.engine.telemetry.RejectLog;
import java.util.ArrayList;
import java.util.List;

/**
 * The deterministic engine core: decodes every Ferrum input on the sequenced log, keeps books and
 * markets, runs the strategies, sends orders through the order manager and the pre-trade check,
 * and books execution reports. No Aeron type: the cluster adapter and a backtest drive it the
 * same way, through {@link EngineInput}.
 * <p>
 * Idempotency (E3): every input with a {@code Source} is applied only when its sequence is greater
 * than the last one applied for its sourceId; a duplicate or older sequence changes nothing but
 * the {@link EngineCounters#DUPLICATES} counter. Timer events apply only while the timer is armed.
 * Bad inputs (unknown template, schema or version, truncated, unknown instrument, wrong exponents,
 * reports for unknown orders) are counted and recorded in the {@link RejectLog}, never thrown.
 * <p>
 * This class wires the parts and is the public face: {@link InputDispatcher} decodes and routes
 * inputs, {@link MarketUpdates} applies market data, {@link EngineTimers} keeps the timers,
 * {@link StrategySlot} is each strategy's view, {@link EngineSnapshot} writes and reads the state
 * and {@link EngineStateHash} hashes it. The few fields they share (the log's time and position,
 * whether an input or a strategy callback is running, the connection's feed state) are
 * package-private here.
 */
public final class Engine implements EngineInput, EngineState, EngineMetrics
{
    /**
     * Id of the engine's periodic risk timer; strategy timers count up from 1 and never reach it
     * (not Long.MAX_VALUE: Aeron Cluster's timer service reserves that as its missing value).
     */
    public static final long RISK_TIMER_ID = 1L << 62;

    private final Context context;
    private final InstrumentRegistry instruments;
    private final Int2ObjectHashMap<Market> markets;
    private final EngineCounters counters = new EngineCounters();
    private final RejectLog rejectLog;
    private final Portfolio portfolio;
    private final OrderManager orderManager;
    private final PreTradeCheck preTradeCheck;
    private final EngineOutput output;
    private final StrategySlot[] slots;
    private final Int2IntHashMap strategyIndex;
    private final EngineTimers timers;
    private final InputDispatcher dispatcher;
    private final EngineSnapshot snapshot;
    private final EngineStateHash stateHash;
    private final MarkPrices referencePrices = this::referencePrice;
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final EngineTelemetryEncoder telemetry = new EngineTelemetryEncoder();
    private final UnsafeBuffer telemetryBuffer = new UnsafeBuffer(new byte[128]);
    private final EngineMetricsPublisher metricsPublisher = new EngineMetricsPublisher(this);

    /** The log's time: never goes backwards, whatever an input claims. */
    long timeNs;
    long logPosition;
    /** Feed state of the venue connection (FeedStatus for instrument 0). */
    int connectionFeedState;
    /** True while an input is applied: strategies may arm timers only then, never at start. */
    boolean inInput;
    /** True while a strategy callback runs, so that its exceptions count as strategy errors. */
    boolean inStrategy;

    public Engine(final Context context)
    {
        context.conclude();
        this.context = context;
        this.instruments = context.instruments;
        this.output = context.output;
        this.preTradeCheck = context.preTradeCheck;
        this.rejectLog = new RejectLog(context.rejectLogCapacity);

        final List<Instrument> all = instruments.instruments();
        this.markets = new Int2ObjectHashMap<>(Math.max(16, all.size() * 2), 0.5f);
        final Market[] marketList = new Market[all.size()];
        for (int i = 0; i < all.size(); i++)
        {
            final Market market = new Market(all.get(i), context.bookLevels);
            marketList[i] = market;
            markets.put(market.instrument().instrumentId(), market);
        }

        this.portfolio = new Portfolio(context.moneyExponent, context.initialEquity,
            Math.max(4, context.strategies.size() * all.size()));
        this.orderManager = new OrderManager(instruments, portfolio, preTradeCheck, referencePrices,
            output, counters, rejectLog, context.maxOpenOrders);

        final int count = context.strategies.size();
        final Strategy[] strategies = context.strategies.toArray(new Strategy[0]);
        this.strategyIndex = new Int2IntHashMap(Math.max(8, count * 2), 0.5f, -1);
        this.orderManager.listener(new StrategyRouter(this, strategies, strategyIndex));

        final Long2LongHashMap lastSequenceBySource =
            new Long2LongHashMap(context.expectedSources * 2, 0.5f, InputDispatcher.MISSING_SEQUENCE);
        this.timers = new EngineTimers(this, context.timerScheduler, strategies, context.expectedTimers);
        this.dispatcher = new InputDispatcher(
            this, new MarketUpdates(this, markets, strategies), timers, lastSequenceBySource);
        this.snapshot = new EngineSnapshot(this, timers, lastSequenceBySource, marketList, strategies, strategyIndex);
        this.stateHash = new EngineStateHash(snapshot);

        this.slots = new StrategySlot[count];
        for (int i = 0; i < count; i++)
        {
            slots[i] = new StrategySlot(this, timers, strategies[i].strategyId(), i);
            strategyIndex.put(strategies[i].strategyId(), i);
        }
        final PreTradeHost host = new PreTradeHost(this, strategies);
        preTradeCheck.attach(host, host);
        for (int i = 0; i < count; i++)
        {
            strategies[i].onStart(slots[i]);
        }
    }

    public Context context()
    {
        return context;
    }

    // ------------------------------------------------------------------ inputs

    public void onInput(
        final DirectBuffer buffer, final int offset, final int length, final long logPosition, final long timestampNs)
    {
        enter(logPosition, timestampNs);
        try
        {
            dispatcher.dispatch(buffer, offset, length);
        }
        catch (final RuntimeException ex)
        {
            // A hostile or corrupt input, or a strategy bug: counted and logged, never stops the engine.
            counters.increment(inStrategy ? EngineCounters.STRATEGY_ERRORS : EngineCounters.MALFORMED_INPUTS);
            rejectLog.record(timeNs, RejectLog.INPUT, RejectLog.INPUT_MALFORMED, 0, 0, logPosition, length, 0);
        }
        finally
        {
            inInput = false;
            inStrategy = false;
        }
    }

    public void onTimer(final long timerId, final long timestampNs)
    {
        enter(logPosition, timestampNs);
        try
        {
            timers.fire(timerId);
        }
        catch (final RuntimeException ex)
        {
            counters.increment(EngineCounters.STRATEGY_ERRORS);
        }
        finally
        {
            inInput = false;
            inStrategy = false;
        }
    }

    private void enter(final long position, final long timestampNs)
    {
        counters.increment(EngineCounters.EVENTS);
        logPosition = position;
        timeNs = Math.max(timeNs, timestampNs);
        orderManager.timeNs(timeNs);
        inInput = true;
        timers.armRiskTimerIfIdle();
    }

    /** Counts and records an input refused before it changed anything. */
    void inputReject(final int counter, final int code, final int instrumentId, final long detail)
    {
        counters.increment(counter);
        rejectLog.record(timeNs, RejectLog.INPUT, code, 0, instrumentId, detail, logPosition, 0);
    }

    // ------------------------------------------------------------------ queries

    public long timeNs()
    {
        return timeNs;
    }

    public long logPosition()
    {
        return logPosition;
    }

    public EngineCounters counters()
    {
        return counters;
    }

    public RejectLog rejectLog()
    {
        return rejectLog;
    }

    public Portfolio portfolio()
    {
        return portfolio;
    }

    public OrderManager orderManager()
    {
        return orderManager;
    }

    public InstrumentRegistry instruments()
    {
        return instruments;
    }

    /** The pre-trade check in force, as the context named it. */
    public PreTradeCheck preTradeCheck()
    {
        return preTradeCheck;
    }

    /** Null when the instrument is unknown. */
    public Market market(final int instrumentId)
    {
        return markets.get(instrumentId);
    }

    /** Null when the instrument is unknown. */
    public OrderBook book(final int instrumentId)
    {
        final Market market = markets.get(instrumentId);
        return market == null ? null : market.book();
    }

    public long referencePrice(final int instrumentId)
    {
        final Market market = markets.get(instrumentId);
        return market == null ? 0 : market.referencePrice();
    }

    public long ordersSent()
    {
        return counters.get(EngineCounters.ORDERS_SENT);
    }

    public long fills()
    {
        return counters.get(EngineCounters.FILLS);
    }

    /** Orders refused before leaving (engine validation and pre-trade check). */
    public long rejects()
    {
        return counters.get(EngineCounters.ORDER_REJECTS);
    }

    /** All strategies' realized P&amp;L before fees, at {@link #moneyExponent()}. */
    public long realizedPnl()
    {
        return portfolio.realizedPnl(0);
    }

    public long fees()
    {
        return portfolio.fees(0);
    }

    /** Realized P&amp;L net of fees: what the demo summary prints as {@code realized_pnl}. */
    public long netRealizedPnl()
    {
        return portfolio.realizedPnl(0) - portfolio.fees(0);
    }

    public long unrealizedPnl()
    {
        return portfolio.unrealizedPnl(0, referencePrices);
    }

    /** One strategy's unrealized P&amp;L at reference prices, at {@link #moneyExponent()}. */
    public long unrealizedPnl(final int strategyId)
    {
        return portfolio.unrealizedPnl(strategyId, referencePrices);
    }

    public long equity()
    {
        return portfolio.equity(referencePrices);
    }

    public int moneyExponent()
    {
        return portfolio.moneyExponent();
    }

    /**
     * Sends a reduce-only market order that closes a strategy's position in an instrument, for
     * risk rules (stop-losses) acting on the engine thread during an input.
     *
     * @return the client order id, 0 when flat, or a negative reject as for {@link OrderTicket#send()}
     */
    public long flattenPosition(final int strategyId, final int instrumentId)
    {
        final long quantity = portfolio.quantity(strategyId, instrumentId);
        final int index = strategyIndex.get(strategyId);
        if (quantity == 0 || index < 0)
        {
            return 0;
        }
        return slots[index].request().reset()
            .instrument(instrumentId)
            .side(quantity > 0 ? Side.SELL : Side.BUY)
            .market()
            .quantity(Math.abs(quantity))
            .reduceOnly()
            .send();
    }

    /** Timers armed now, for an adapter that must re-arm them after restoring a snapshot. */
    public void forEachArmedTimer(final TimerConsumer consumer)
    {
        timers.forEachArmed(consumer);
    }

    /** Receives (timerId, deadlineNs). */
    @FunctionalInterface
    public interface TimerConsumer
    {
        void accept(long timerId, long deadlineNs);
    }

    /**
     * Offers a message on the engine's output from the engine thread (the pre-trade check's
     * RiskDecision audit); a refused offer is counted as back-pressure like the order messages.
     */
    public void offerOutput(final DirectBuffer buffer, final int offset, final int length)
    {
        if (!output.offer(buffer, offset, length))
        {
            counters.increment(EngineCounters.OUTPUT_BACK_PRESSURED);
        }
    }

    /** Copies counters, positions and P&amp;L into operator counters; on the engine thread, between inputs. */
    public void publishMetrics(final MetricCounters metricCounters)
    {
        metricsPublisher.publish(metricCounters);
    }

    /** Offers an EngineTelemetry message (counters and state hash) on the output; cold path. */
    public boolean publishTelemetry(final int memberId)
    {
        telemetry.wrapAndApplyHeader(telemetryBuffer, 0, headerEncoder)
            .timestampNs(timeNs)
            .memberId(memberId)
            .logPosition(logPosition)
            .eventsProcessed(counters.get(EngineCounters.EVENTS))
            .duplicatesDropped(counters.get(EngineCounters.DUPLICATES))
            .ordersSent(counters.get(EngineCounters.ORDERS_SENT))
            .fills(counters.get(EngineCounters.FILLS))
            .riskRejects(counters.get(EngineCounters.ORDER_REJECTS))
            .stateHash(stateHash());
        return output.offer(telemetryBuffer, 0, MessageHeaderEncoder.ENCODED_LENGTH + telemetry.encodedLength());
    }

    // ------------------------------------------------------------------ state

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        return snapshot.write(buffer, offset);
    }

    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        snapshot.read(buffer, offset, length);
    }

    /** See {@link EngineStateHash}: equal on every member and in a replay of the same log. */
    public long stateHash()
    {
        return stateHash.compute();
    }

    // ------------------------------------------------------------------ configuration

    /** Configures an engine; {@link #conclude()} checks it. */
    public static final class Context
    {
        private InstrumentRegistry instruments;
        private EngineOutput output;
        private TimerScheduler timerScheduler;
        private PreTradeCheck preTradeCheck;
        private final List<Strategy> strategies = new ArrayList<>();
        private int moneyExponent = -8;
        private long initialEquity = 100_000L * 100_000_000L;
        private int maxOpenOrders = 4096;
        private int bookLevels = 5000;
        private int rejectLogCapacity = 1024;
        private int expectedSources = 64;
        private int expectedTimers = 1024;
        private boolean concluded;

        public Context instruments(final InstrumentRegistry instruments)
        {
            this.instruments = instruments;
            return this;
        }

        public InstrumentRegistry instruments()
        {
            return instruments;
        }

        /** Where NewOrder, CancelOrder, ReplaceOrder, RiskReject and EngineTelemetry go. */
        public Context output(final EngineOutput output)
        {
            this.output = output;
            return this;
        }

        public Context timerScheduler(final TimerScheduler timerScheduler)
        {
            this.timerScheduler = timerScheduler;
            return this;
        }

        /**
         * Required: the engine knows no default, so that it depends on this interface only. Builders
         * that want trading states without limits give {@code RiskPreTradeCheck.withoutLimits}.
         */
        public Context preTradeCheck(final PreTradeCheck preTradeCheck)
        {
            this.preTradeCheck = preTradeCheck;
            return this;
        }

        public PreTradeCheck preTradeCheck()
        {
            return preTradeCheck;
        }

        /** Registers a strategy; strategies are called in registration order. */
        public Context addStrategy(final Strategy strategy)
        {
            strategies.add(strategy);
            return this;
        }

        public List<Strategy> strategies()
        {
            return strategies;
        }

        /** Largest strategy id registered so far (0 for none), for sizing a pre-trade check. */
        public int maxStrategyId()
        {
            int maxStrategyId = 0;
            for (final Strategy strategy : strategies)
            {
                maxStrategyId = Math.max(maxStrategyId, strategy.strategyId());
            }
            return maxStrategyId;
        }

        /** Exponent of money (cost basis, P&amp;L, fees, equity); default -8. */
        public Context moneyExponent(final int moneyExponent)
        {
            this.moneyExponent = moneyExponent;
            return this;
        }

        /** Starting equity at the money exponent; default 100 000 quote units. */
        public Context initialEquity(final long initialEquity)
        {
            this.initialEquity = initialEquity;
            return this;
        }

        public Context maxOpenOrders(final int maxOpenOrders)
        {
            this.maxOpenOrders = maxOpenOrders;
            return this;
        }

        /** Price levels kept per book side; default 5000 (Binance REST depth goes to 5000). */
        public Context bookLevels(final int bookLevels)
        {
            this.bookLevels = bookLevels;
            return this;
        }

        public Context rejectLogCapacity(final int rejectLogCapacity)
        {
            this.rejectLogCapacity = rejectLogCapacity;
            return this;
        }

        /** Sizing hints so that tables never grow in steady state. */
        public Context expectedSources(final int expectedSources)
        {
            this.expectedSources = expectedSources;
            return this;
        }

        public Context expectedTimers(final int expectedTimers)
        {
            this.expectedTimers = expectedTimers;
            return this;
        }

        public Context conclude()
        {
            if (concluded)
            {
                return this;
            }
            if (instruments == null)
            {
                throw new IllegalStateException("instruments are required");
            }
            if (output == null)
            {
                throw new IllegalStateException("output is required");
            }
            if (timerScheduler == null)
            {
                throw new IllegalStateException("timerScheduler is required");
            }
            if (preTradeCheck == null)
            {
                throw new IllegalStateException("preTradeCheck is required");
            }
            if (moneyExponent < -18 || moneyExponent > 0)
            {
                throw new IllegalStateException("moneyExponent must be in [-18, 0]: " + moneyExponent);
            }
            if (maxOpenOrders <= 0 || bookLevels <= 0 || rejectLogCapacity <= 0 || expectedSources <= 0 ||
                expectedTimers <= 0)
            {
                throw new IllegalStateException("capacities must be positive");
            }
            final Int2IntHashMap ids = new Int2IntHashMap(-1);
            for (final Strategy strategy : strategies)
            {
                if (strategy.strategyId() <= 0)
                {
                    throw new IllegalStateException("strategyId must be positive: " + strategy.strategyId());
                }
                if (ids.put(strategy.strategyId(), 1) != -1)
                {
                    throw new IllegalStateException("duplicate strategyId " + strategy.strategyId());
                }
            }
            concluded = true;
            return this;
        }
    }
}
