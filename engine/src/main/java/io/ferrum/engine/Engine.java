package io.ferrum.engine;

import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.EngineTelemetryEncoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.MessageHeaderEncoder;
import io.ferrum.codecs.sbe.ReconcileOrdersDecoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TimerFiredDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.engine.order.MarkPrices;
import io.ferrum.engine.order.Order;
import io.ferrum.engine.order.OrderListener;
import io.ferrum.engine.order.OrderManager;
import io.ferrum.engine.order.OrderRequest;
import io.ferrum.engine.order.Portfolio;
import io.ferrum.engine.order.Position;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.engine.strategy.Strategy;
import io.ferrum.engine.strategy.StrategyContext;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;
import org.agrona.collections.Int2IntHashMap;
import org.agrona.collections.Int2ObjectHashMap;
import org.agrona.collections.Long2LongHashMap;
import org.agrona.concurrent.UnsafeBuffer;

import java.nio.ByteOrder;
import java.util.ArrayList;
import java.util.Arrays;
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
 */
public final class Engine implements EngineInput, EngineState
{
    private static final int SNAPSHOT_MAGIC = 0x31524546; // "FER1" little endian
    private static final int SNAPSHOT_FORMAT = 2;
    /**
     * Id of the engine's periodic risk timer; strategy timers count up from 1 and never reach it
     * (not Long.MAX_VALUE: Aeron Cluster's timer service reserves that as its missing value).
     */
    public static final long RISK_TIMER_ID = 1L << 62;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;
    private static final long MISSING_SEQUENCE = Long.MIN_VALUE;
    private static final int SNAPSHOT_LOG_POSITION_OFFSET = 16;
    private static final int SNAPSHOT_COUNTERS_OFFSET = 36;

    private final Context context;
    private final InstrumentRegistry instruments;
    private final Int2ObjectHashMap<Market> markets;
    private final Market[] marketList;
    private final EngineCounters counters = new EngineCounters();
    private final RejectLog rejectLog;
    private final Portfolio portfolio;
    private final OrderManager orderManager;
    private final PreTradeCheck preTradeCheck;
    private final TimerScheduler timerScheduler;
    private final EngineOutput output;
    private final Strategy[] strategies;
    private final StrategySlot[] slots;
    private final Int2IntHashMap strategyIndex;
    private final Long2LongHashMap lastSequenceBySource;
    private final Long2LongHashMap timerDeadlines;
    private final Long2LongHashMap timerOwners;
    private final MarkPrices referencePrices = this::referencePrice;
    private long nextTimerId = 1;
    private long riskTimerDeadlineNs;
    private int connectionFeedState;
    private long timeNs;
    private long logPosition;
    private boolean inInput;
    private boolean inStrategy;

    private final MessageHeaderDecoder header = new MessageHeaderDecoder();
    private final SourceDecoder source = new SourceDecoder();
    private final TradeDecoder trade = new TradeDecoder();
    private final AggTradeDecoder aggTrade = new AggTradeDecoder();
    private final BookSnapshotDecoder bookSnapshot = new BookSnapshotDecoder();
    private final BookDeltaDecoder bookDelta = new BookDeltaDecoder();
    private final BestBidAskDecoder bestBidAsk = new BestBidAskDecoder();
    private final Ticker24hDecoder ticker = new Ticker24hDecoder();
    private final FeedStatusDecoder feedStatus = new FeedStatusDecoder();
    private final ExecutionReportDecoder executionReport = new ExecutionReportDecoder();
    private final SetTradingStateDecoder setTradingState = new SetTradingStateDecoder();
    private final KillSwitchDecoder killSwitch = new KillSwitchDecoder();
    private final SetRiskLimitDecoder setRiskLimit = new SetRiskLimitDecoder();
    private final TimerFiredDecoder timerFired = new TimerFiredDecoder();
    private final MessageHeaderEncoder headerEncoder = new MessageHeaderEncoder();
    private final EngineTelemetryEncoder telemetry = new EngineTelemetryEncoder();
    private final UnsafeBuffer telemetryBuffer = new UnsafeBuffer(new byte[128]);
    private final ExpandableArrayBuffer hashBuffer = new ExpandableArrayBuffer(1 << 16);

    public Engine(final Context context)
    {
        context.conclude();
        this.context = context;
        this.instruments = context.instruments;
        this.output = context.output;
        this.timerScheduler = context.timerScheduler;
        this.preTradeCheck = context.preTradeCheck;
        this.rejectLog = new RejectLog(context.rejectLogCapacity);

        final List<Instrument> all = instruments.instruments();
        this.markets = new Int2ObjectHashMap<>(Math.max(16, all.size() * 2), 0.5f);
        this.marketList = new Market[all.size()];
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
        this.orderManager.listener(new Router());

        this.lastSequenceBySource = new Long2LongHashMap(context.expectedSources * 2, 0.5f, MISSING_SEQUENCE);
        this.timerDeadlines = new Long2LongHashMap(context.expectedTimers * 2, 0.5f, Long.MIN_VALUE);
        this.timerOwners = new Long2LongHashMap(context.expectedTimers * 2, 0.5f, -1);

        final int count = context.strategies.size();
        this.strategies = context.strategies.toArray(new Strategy[0]);
        this.slots = new StrategySlot[count];
        this.strategyIndex = new Int2IntHashMap(Math.max(8, count * 2), 0.5f, -1);
        for (int i = 0; i < count; i++)
        {
            slots[i] = new StrategySlot(strategies[i].strategyId(), i);
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
            dispatch(buffer, offset, length);
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
            fireTimer(timerId);
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
        // The log's time never goes backwards for the engine, whatever an input claims.
        timeNs = Math.max(timeNs, timestampNs);
        orderManager.timeNs(timeNs);
        inInput = true;
        if (riskTimerDeadlineNs == 0)
        {
            armRiskTimer();
        }
    }

    /** From a log-driven callback only (never at start), so that every member and a replay arm it alike. */
    private void armRiskTimer()
    {
        final long intervalNs = preTradeCheck.timerIntervalNs();
        if (intervalNs <= 0)
        {
            return;
        }
        final long deadlineNs = timeNs + intervalNs;
        if (timerScheduler.schedule(RISK_TIMER_ID, deadlineNs))
        {
            riskTimerDeadlineNs = deadlineNs;
        }
    }

    private void dispatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, length);
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            inputReject(EngineCounters.UNKNOWN_TEMPLATES, RejectLog.INPUT_UNKNOWN_SCHEMA, 0, header.schemaId());
            return;
        }
        final int version = header.version();
        if (version < 1 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            inputReject(EngineCounters.UNSUPPORTED_VERSIONS, RejectLog.INPUT_UNSUPPORTED_VERSION, 0, version);
            return;
        }
        final int blockLength = header.blockLength();
        final int bodyOffset = offset + HEADER_LENGTH;
        final int bodyLength = length - HEADER_LENGTH;
        final int expectedBlockLength = blockLength(templateId);
        if (expectedBlockLength < 0)
        {
            inputReject(EngineCounters.UNKNOWN_TEMPLATES, RejectLog.INPUT_UNKNOWN_TEMPLATE, 0, templateId);
            return;
        }
        if (blockLength < expectedBlockLength || blockLength > bodyLength)
        {
            inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
            return;
        }

        if (templateId == TimerFiredDecoder.TEMPLATE_ID)
        {
            timerFired.wrap(buffer, bodyOffset, blockLength, version);
            fireTimer(timerFired.timerId());
            return;
        }

        // Every other input starts with its Source: de-duplicate before touching any state.
        source.wrap(buffer, bodyOffset);
        final int sourceId = source.sourceId();
        final long sequence = source.sequence();
        if (sequence <= lastSequenceBySource.get(sourceId))
        {
            counters.increment(EngineCounters.DUPLICATES);
            return;
        }

        switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID:
                trade.wrap(buffer, bodyOffset, blockLength, version);
                accept(sourceId, sequence);
                onTrade(trade.instrumentId(), trade.priceExponent(), trade.sizeExponent(), trade.price(),
                    trade.quantity(), trade.aggressor(), trade.tradeTimeNs());
                break;
            case AggTradeDecoder.TEMPLATE_ID:
                aggTrade.wrap(buffer, bodyOffset, blockLength, version);
                accept(sourceId, sequence);
                onTrade(aggTrade.instrumentId(), aggTrade.priceExponent(), aggTrade.sizeExponent(), aggTrade.price(),
                    aggTrade.quantity(), aggTrade.aggressor(), aggTrade.tradeTimeNs());
                break;
            case BookSnapshotDecoder.TEMPLATE_ID:
                bookSnapshot.wrap(buffer, bodyOffset, blockLength, version);
                if (BookMessageLength.of(buffer, bodyOffset, blockLength, bodyLength) > bodyLength)
                {
                    inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                    return;
                }
                accept(sourceId, sequence);
                onBookSnapshot();
                break;
            case BookDeltaDecoder.TEMPLATE_ID:
                bookDelta.wrap(buffer, bodyOffset, blockLength, version);
                if (BookMessageLength.of(buffer, bodyOffset, blockLength, bodyLength) > bodyLength)
                {
                    inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                    return;
                }
                accept(sourceId, sequence);
                onBookDelta();
                break;
            case BestBidAskDecoder.TEMPLATE_ID:
                bestBidAsk.wrap(buffer, bodyOffset, blockLength, version);
                accept(sourceId, sequence);
                onBestBidAsk();
                break;
            case Ticker24hDecoder.TEMPLATE_ID:
                ticker.wrap(buffer, bodyOffset, blockLength, version);
                accept(sourceId, sequence);
                onTicker();
                break;
            case FeedStatusDecoder.TEMPLATE_ID:
                feedStatus.wrap(buffer, bodyOffset, blockLength, version);
                if (feedStatus.sbeDecodedLength() > bodyLength)
                {
                    inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                    return;
                }
                accept(sourceId, sequence);
                onFeedStatus();
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                executionReport.wrap(buffer, bodyOffset, blockLength, version);
                accept(sourceId, sequence);
                orderManager.onExecutionReport(executionReport);
                break;
            case SetTradingStateDecoder.TEMPLATE_ID:
                setTradingState.wrap(buffer, bodyOffset, blockLength, version);
                if (setTradingState.sbeDecodedLength() > bodyLength)
                {
                    inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                    return;
                }
                accept(sourceId, sequence);
                onSetTradingState();
                break;
            case KillSwitchDecoder.TEMPLATE_ID:
                killSwitch.wrap(buffer, bodyOffset, blockLength, version);
                if (killSwitch.sbeDecodedLength() > bodyLength)
                {
                    inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                    return;
                }
                accept(sourceId, sequence);
                onKillSwitch();
                break;
            case ReconcileOrdersDecoder.TEMPLATE_ID:
                accept(sourceId, sequence);
                orderManager.reconcile(sourceId, sequence);
                break;
            case SetRiskLimitDecoder.TEMPLATE_ID:
                setRiskLimit.wrap(buffer, bodyOffset, blockLength, version);
                if (setRiskLimit.sbeDecodedLength() > bodyLength)
                {
                    inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                    return;
                }
                accept(sourceId, sequence);
                onSetRiskLimit();
                break;
            case RiskDecisionDecoder.TEMPLATE_ID:
                // This engine's own audit record, echoed into the log for the journal: it changes nothing.
                accept(sourceId, sequence);
                break;
            default:
                inputReject(EngineCounters.UNKNOWN_TEMPLATES, RejectLog.INPUT_UNKNOWN_TEMPLATE, 0, templateId);
                break;
        }
    }

    /** Fixed block length of a template the engine accepts as input, -1 for anything else. */
    private static int blockLength(final int templateId)
    {
        switch (templateId)
        {
            case TradeDecoder.TEMPLATE_ID:
                return TradeDecoder.BLOCK_LENGTH;
            case AggTradeDecoder.TEMPLATE_ID:
                return AggTradeDecoder.BLOCK_LENGTH;
            case BookSnapshotDecoder.TEMPLATE_ID:
                return BookSnapshotDecoder.BLOCK_LENGTH;
            case BookDeltaDecoder.TEMPLATE_ID:
                return BookDeltaDecoder.BLOCK_LENGTH;
            case BestBidAskDecoder.TEMPLATE_ID:
                return BestBidAskDecoder.BLOCK_LENGTH;
            case Ticker24hDecoder.TEMPLATE_ID:
                return Ticker24hDecoder.BLOCK_LENGTH;
            case FeedStatusDecoder.TEMPLATE_ID:
                return FeedStatusDecoder.BLOCK_LENGTH;
            case ExecutionReportDecoder.TEMPLATE_ID:
                return ExecutionReportDecoder.BLOCK_LENGTH;
            case SetTradingStateDecoder.TEMPLATE_ID:
                return SetTradingStateDecoder.BLOCK_LENGTH;
            case KillSwitchDecoder.TEMPLATE_ID:
                return KillSwitchDecoder.BLOCK_LENGTH;
            case SetRiskLimitDecoder.TEMPLATE_ID:
                return SetRiskLimitDecoder.BLOCK_LENGTH;
            case ReconcileOrdersDecoder.TEMPLATE_ID:
                return ReconcileOrdersDecoder.BLOCK_LENGTH;
            case TimerFiredDecoder.TEMPLATE_ID:
                return TimerFiredDecoder.BLOCK_LENGTH;
            case RiskDecisionDecoder.TEMPLATE_ID:
                return RiskDecisionDecoder.BLOCK_LENGTH;
            default:
                return -1;
        }
    }

    private void accept(final int sourceId, final long sequence)
    {
        lastSequenceBySource.put(sourceId, sequence);
    }

    private void inputReject(final int counter, final int code, final int instrumentId, final long detail)
    {
        counters.increment(counter);
        rejectLog.record(timeNs, RejectLog.INPUT, code, 0, instrumentId, detail, logPosition, 0);
    }

    /** The market of an input, or null (counted) when the instrument is unknown or the exponents differ. */
    private Market marketFor(final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        final Market market = markets.get(instrumentId);
        if (market == null)
        {
            inputReject(EngineCounters.UNKNOWN_INSTRUMENT_INPUTS, RejectLog.INPUT_UNKNOWN_INSTRUMENT, instrumentId, 0);
            return null;
        }
        final Instrument instrument = market.instrument();
        if (priceExponent != instrument.priceExponent() || sizeExponent != instrument.sizeExponent())
        {
            inputReject(EngineCounters.EXPONENT_MISMATCHES, RejectLog.INPUT_EXPONENT_MISMATCH, instrumentId,
                priceExponent * 1000L + sizeExponent);
            return null;
        }
        counters.increment(EngineCounters.MARKET_DATA_EVENTS);
        return market;
    }

    private void onTrade(
        final int instrumentId, final int priceExponent, final int sizeExponent, final long price, final long quantity,
        final Side aggressor, final long tradeTimeNs)
    {
        final Market market = marketFor(instrumentId, priceExponent, sizeExponent);
        if (market == null)
        {
            return;
        }
        if (price <= 0 || quantity <= 0)
        {
            inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, instrumentId, price);
            return;
        }
        final long referenceBefore = market.referencePrice();
        market.lastTradePrice = price;
        market.lastTradeQuantity = quantity;
        market.lastTradeTimeNs = tradeTimeNs;
        referencePriceMayHaveChanged(market, referenceBefore);
        inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onTrade(instrumentId, price, quantity, aggressor, timeNs);
        }
        inStrategy = false;
    }

    private void onBookSnapshot()
    {
        final Market market = marketFor(bookSnapshot.instrumentId(), bookSnapshot.priceExponent(),
            bookSnapshot.sizeExponent());
        if (market != null)
        {
            final long referenceBefore = market.referencePrice();
            final int outcome = market.book().apply(bookSnapshot, timeNs);
            referencePriceMayHaveChanged(market, referenceBefore);
            afterBookUpdate(market, outcome);
        }
    }

    private void onBookDelta()
    {
        final Market market = marketFor(bookDelta.instrumentId(), bookDelta.priceExponent(), bookDelta.sizeExponent());
        if (market != null)
        {
            final long referenceBefore = market.referencePrice();
            final int outcome = market.book().apply(bookDelta, timeNs);
            referencePriceMayHaveChanged(market, referenceBefore);
            afterBookUpdate(market, outcome);
        }
    }

    private void referencePriceMayHaveChanged(final Market market, final long before)
    {
        final long now = market.referencePrice();
        if (now != before)
        {
            preTradeCheck.onReferencePrice(market.instrument().instrumentId(), now, timeNs);
        }
    }

    private void afterBookUpdate(final Market market, final int outcome)
    {
        if (outcome == OrderBook.STALE)
        {
            counters.increment(EngineCounters.STALE_BOOK_UPDATES);
            return;
        }
        if (outcome == OrderBook.NO_SNAPSHOT)
        {
            counters.increment(EngineCounters.BOOK_UPDATES_WITHOUT_SNAPSHOT);
            return;
        }
        final OrderBook book = market.book();
        if (book.isCrossed())
        {
            counters.increment(EngineCounters.CROSSED_BOOKS);
        }
        inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onBook(book);
        }
        inStrategy = false;
    }

    private void onBestBidAsk()
    {
        final BestBidAskDecoder d = bestBidAsk;
        final Market market = marketFor(d.instrumentId(), d.priceExponent(), d.sizeExponent());
        if (market == null)
        {
            return;
        }
        if (d.updateId() < market.bboUpdateId)
        {
            counters.increment(EngineCounters.STALE_BOOK_UPDATES);
            return;
        }
        final long referenceBefore = market.referencePrice();
        market.bboUpdateId = d.updateId();
        market.bidPrice = d.bidPrice();
        market.bidQuantity = d.bidQuantity();
        market.askPrice = d.askPrice();
        market.askQuantity = d.askQuantity();
        referencePriceMayHaveChanged(market, referenceBefore);
        inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onBestBidAsk(d.instrumentId(), market.bidPrice, market.bidQuantity, market.askPrice,
                market.askQuantity);
        }
        inStrategy = false;
    }

    private void onTicker()
    {
        final Market market = marketFor(ticker.instrumentId(), ticker.priceExponent(), ticker.sizeExponent());
        if (market == null)
        {
            return;
        }
        market.tickerLastPrice = ticker.lastPrice();
        market.tickerVolume = ticker.volume();
        inStrategy = true;
        for (final Strategy strategy : strategies)
        {
            strategy.onTicker(ticker.instrumentId(), ticker);
        }
        inStrategy = false;
    }

    private void onFeedStatus()
    {
        counters.increment(EngineCounters.FEED_STATUS_CHANGES);
        final int instrumentId = feedStatus.instrumentId();
        final int state = feedStatus.stateRaw();
        if (instrumentId == 0)
        {
            connectionFeedState = state;
        }
        else
        {
            final Market market = markets.get(instrumentId);
            if (market == null)
            {
                inputReject(EngineCounters.UNKNOWN_INSTRUMENT_INPUTS, RejectLog.INPUT_UNKNOWN_INSTRUMENT, instrumentId,
                    0);
                return;
            }
            market.feedState = state;
        }
        preTradeCheck.onFeedStatus(feedStatus.sbeRewind(), timeNs);
    }

    private void onSetTradingState()
    {
        final Scope scope = setTradingState.scope();
        final TradingState state = setTradingState.state();
        if (scope == Scope.NULL_VAL || state == TradingState.NULL_VAL)
        {
            inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0,
                SetTradingStateDecoder.TEMPLATE_ID);
            return;
        }
        counters.increment(EngineCounters.ADMIN_COMMANDS);
        if (!preTradeCheck.onTradingState(setTradingState.sbeRewind(), timeNs))
        {
            adminRefused(SetTradingStateDecoder.TEMPLATE_ID, setTradingState.targetId());
        }
    }

    private void onKillSwitch()
    {
        final Scope scope = killSwitch.scope();
        if (scope == Scope.NULL_VAL)
        {
            inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, KillSwitchDecoder.TEMPLATE_ID);
            return;
        }
        counters.increment(EngineCounters.ADMIN_COMMANDS);
        final int targetId = killSwitch.targetId();
        if (!preTradeCheck.onKillSwitch(killSwitch.sbeRewind(), timeNs))
        {
            adminRefused(KillSwitchDecoder.TEMPLATE_ID, targetId);
            return;
        }
        // Halted first, then every open order in scope cancelled within this same input.
        orderManager.cancelAll(scope, targetId);
    }

    private void onSetRiskLimit()
    {
        final Scope scope = setRiskLimit.scope();
        final RiskLimit limit = setRiskLimit.riskLimit();
        if (scope == Scope.NULL_VAL || limit == RiskLimit.NULL_VAL)
        {
            inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, SetRiskLimitDecoder.TEMPLATE_ID);
            return;
        }
        counters.increment(EngineCounters.ADMIN_COMMANDS);
        if (!preTradeCheck.onRiskLimit(setRiskLimit.sbeRewind(), timeNs))
        {
            adminRefused(SetRiskLimitDecoder.TEMPLATE_ID, setRiskLimit.targetId());
        }
    }

    private void adminRefused(final int templateId, final int targetId)
    {
        counters.increment(EngineCounters.ADMIN_REFUSED);
        rejectLog.record(timeNs, RejectLog.INPUT, RejectLog.INPUT_ADMIN_REFUSED, 0, 0, templateId, targetId, 0);
    }

    private void fireTimer(final long timerId)
    {
        if (timerId == RISK_TIMER_ID)
        {
            if (riskTimerDeadlineNs == 0)
            {
                counters.increment(EngineCounters.STALE_TIMERS);
                return;
            }
            riskTimerDeadlineNs = 0;
            counters.increment(EngineCounters.TIMERS_FIRED);
            armRiskTimer();
            preTradeCheck.onTimer(timeNs);
            return;
        }
        final long deadline = timerDeadlines.remove(timerId);
        if (deadline == Long.MIN_VALUE)
        {
            counters.increment(EngineCounters.STALE_TIMERS);
            return;
        }
        final int index = (int)timerOwners.remove(timerId);
        counters.increment(EngineCounters.TIMERS_FIRED);
        inStrategy = true;
        strategies[index].onTimer(timerId, timeNs);
        inStrategy = false;
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
     * @return the client order id, 0 when flat, or a negative reject as for {@link OrderRequest#send()}
     */
    public long flattenPosition(final int strategyId, final int instrumentId)
    {
        final long quantity = portfolio.quantity(strategyId, instrumentId);
        final int index = strategyIndex.get(strategyId);
        if (quantity == 0 || index < 0)
        {
            return 0;
        }
        return slots[index].request.reset()
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
        final long[] ids = sortedKeys(timerDeadlines);
        for (final long id : ids)
        {
            consumer.accept(id, timerDeadlines.get(id));
        }
        if (riskTimerDeadlineNs != 0)
        {
            consumer.accept(RISK_TIMER_ID, riskTimerDeadlineNs);
        }
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
        int pos = offset;
        buffer.putInt(pos, SNAPSHOT_MAGIC, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(pos + 4, SNAPSHOT_FORMAT, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 8, timeNs, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 16, logPosition, ByteOrder.LITTLE_ENDIAN);
        buffer.putLong(pos + 24, nextTimerId, ByteOrder.LITTLE_ENDIAN);
        buffer.putInt(pos + 32, connectionFeedState, ByteOrder.LITTLE_ENDIAN);
        pos += 36;
        pos += counters.snapshotTo(buffer, pos);

        final long[] sources = sortedKeys(lastSequenceBySource);
        buffer.putInt(pos, sources.length, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        for (final long sourceId : sources)
        {
            buffer.putLong(pos, sourceId, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(pos + 8, lastSequenceBySource.get(sourceId), ByteOrder.LITTLE_ENDIAN);
            pos += 16;
        }

        buffer.putInt(pos, marketList.length, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        for (final Market market : marketList)
        {
            pos += market.snapshotTo(buffer, pos);
        }

        pos += portfolio.snapshotTo(buffer, pos);
        pos += orderManager.snapshotTo(buffer, pos);

        final long[] timers = sortedKeys(timerDeadlines);
        buffer.putInt(pos, timers.length, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        for (final long timerId : timers)
        {
            buffer.putLong(pos, timerId, ByteOrder.LITTLE_ENDIAN);
            buffer.putLong(pos + 8, timerDeadlines.get(timerId), ByteOrder.LITTLE_ENDIAN);
            buffer.putInt(pos + 16, strategies[(int)timerOwners.get(timerId)].strategyId(), ByteOrder.LITTLE_ENDIAN);
            pos += 20;
        }
        buffer.putLong(pos, riskTimerDeadlineNs, ByteOrder.LITTLE_ENDIAN);
        pos += 8;

        buffer.putInt(pos, strategies.length, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        for (final Strategy strategy : strategies)
        {
            buffer.putInt(pos, strategy.strategyId(), ByteOrder.LITTLE_ENDIAN);
            final int length = strategy.snapshotTo(buffer, pos + 8);
            buffer.putInt(pos + 4, length, ByteOrder.LITTLE_ENDIAN);
            pos += 8 + length;
        }

        final int checkLength = preTradeCheck.snapshotTo(buffer, pos + 4);
        buffer.putInt(pos, checkLength, ByteOrder.LITTLE_ENDIAN);
        pos += 4 + checkLength;
        return pos - offset;
    }

    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        int pos = offset;
        if (length < 36 || buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN) != SNAPSHOT_MAGIC)
        {
            throw new IllegalStateException("not an engine snapshot");
        }
        final int format = buffer.getInt(pos + 4, ByteOrder.LITTLE_ENDIAN);
        if (format != SNAPSHOT_FORMAT)
        {
            throw new IllegalStateException("unsupported engine snapshot format " + format);
        }
        timeNs = buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN);
        logPosition = buffer.getLong(pos + 16, ByteOrder.LITTLE_ENDIAN);
        nextTimerId = buffer.getLong(pos + 24, ByteOrder.LITTLE_ENDIAN);
        connectionFeedState = buffer.getInt(pos + 32, ByteOrder.LITTLE_ENDIAN);
        pos += 36;
        pos += counters.restoreFrom(buffer, pos);

        lastSequenceBySource.clear();
        final int sourceCount = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        for (int i = 0; i < sourceCount; i++)
        {
            lastSequenceBySource.put(buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN),
                buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN));
            pos += 16;
        }

        final int marketCount = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        if (marketCount != marketList.length)
        {
            throw new IllegalStateException(
                "snapshot has " + marketCount + " instruments, engine has " + marketList.length);
        }
        for (final Market market : marketList)
        {
            pos += market.restoreFrom(buffer, pos);
        }

        pos += portfolio.restoreFrom(buffer, pos, instruments);
        pos += orderManager.restoreFrom(buffer, pos);

        timerDeadlines.clear();
        timerOwners.clear();
        final int timerCount = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        for (int i = 0; i < timerCount; i++)
        {
            final long timerId = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
            final int strategyId = buffer.getInt(pos + 16, ByteOrder.LITTLE_ENDIAN);
            final int index = strategyIndex.get(strategyId);
            if (index < 0)
            {
                throw new IllegalStateException("snapshot timer of unknown strategy " + strategyId);
            }
            timerDeadlines.put(timerId, buffer.getLong(pos + 8, ByteOrder.LITTLE_ENDIAN));
            timerOwners.put(timerId, index);
            pos += 20;
        }
        riskTimerDeadlineNs = buffer.getLong(pos, ByteOrder.LITTLE_ENDIAN);
        pos += 8;

        final int strategyCount = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        pos += 4;
        if (strategyCount != strategies.length)
        {
            throw new IllegalStateException(
                "snapshot has " + strategyCount + " strategies, engine has " + strategies.length);
        }
        for (final Strategy strategy : strategies)
        {
            final int strategyId = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
            final int strategyLength = buffer.getInt(pos + 4, ByteOrder.LITTLE_ENDIAN);
            if (strategyId != strategy.strategyId())
            {
                throw new IllegalStateException(
                    "snapshot strategy " + strategyId + " where the engine has " + strategy.strategyId());
            }
            strategy.restoreFrom(buffer, pos + 8, strategyLength);
            pos += 8 + strategyLength;
        }

        final int checkLength = buffer.getInt(pos, ByteOrder.LITTLE_ENDIAN);
        preTradeCheck.restoreFrom(buffer, pos + 4, checkLength);
        pos += 4 + checkLength;
        if (pos - offset != length)
        {
            throw new IllegalStateException("engine snapshot length " + length + " but read " + (pos - offset));
        }
    }

    /**
     * Hash of the snapshot bytes: equal states give equal hashes on every member and in a replay.
     * The log bookkeeping (log position, inputs seen, duplicates dropped) is in the snapshot but
     * masked out of the hash, so that a duplicate input leaves the hash exactly as it was. So is
     * the count of outputs refused by back-pressure: it depends on this member's egress (a
     * follower or a replay never sees back-pressure), not on the log, and nothing else in the
     * state depends on it.
     */
    public long stateHash()
    {
        final int length = snapshotTo(hashBuffer, 0);
        hashBuffer.putLong(SNAPSHOT_LOG_POSITION_OFFSET, 0);
        hashBuffer.putLong(SNAPSHOT_COUNTERS_OFFSET + Integer.BYTES + EngineCounters.EVENTS * Long.BYTES, 0);
        hashBuffer.putLong(SNAPSHOT_COUNTERS_OFFSET + Integer.BYTES + EngineCounters.DUPLICATES * Long.BYTES, 0);
        hashBuffer.putLong(
            SNAPSHOT_COUNTERS_OFFSET + Integer.BYTES + EngineCounters.OUTPUT_BACK_PRESSURED * Long.BYTES, 0);
        return StateHash.hash(hashBuffer, 0, length);
    }

    private static long[] sortedKeys(final Long2LongHashMap map)
    {
        final long[] keys = new long[map.size()];
        int n = 0;
        final Long2LongHashMap.KeyIterator it = map.keySet().iterator();
        while (it.hasNext())
        {
            keys[n++] = it.nextValue();
        }
        Arrays.sort(keys);
        return keys;
    }

    // ------------------------------------------------------------------ strategies

    /** Routes order events to the strategy that owns the order. */
    private final class Router implements OrderListener
    {
        public void onOrderUpdate(final Order order)
        {
            final int index = strategyIndex.get(order.strategyId());
            if (index >= 0)
            {
                final boolean outer = inStrategy;
                inStrategy = true;
                strategies[index].onOrderUpdate(order);
                inStrategy = outer;
            }
        }

        public void onFill(
            final Order order, final long price, final long quantity, final long fee, final Liquidity liquidity)
        {
            final int index = strategyIndex.get(order.strategyId());
            if (index >= 0)
            {
                final boolean outer = inStrategy;
                inStrategy = true;
                strategies[index].onFill(order, price, quantity, fee, liquidity);
                inStrategy = outer;
            }
        }
    }

    /** One strategy's view of the engine. */
    private final class StrategySlot implements StrategyContext
    {
        private final int strategyId;
        private final int index;
        private final OrderRequest request;

        StrategySlot(final int strategyId, final int index)
        {
            this.strategyId = strategyId;
            this.index = index;
            this.request = orderManager.newRequest(strategyId);
        }

        public int strategyId()
        {
            return strategyId;
        }

        public long timeNs()
        {
            return timeNs;
        }

        public Instrument instrument(final int instrumentId)
        {
            return instruments.get(instrumentId);
        }

        public OrderBook book(final int instrumentId)
        {
            return Engine.this.book(instrumentId);
        }

        public long lastTradePrice(final int instrumentId)
        {
            final Market market = markets.get(instrumentId);
            return market == null ? 0 : market.lastTradePrice;
        }

        public long referencePrice(final int instrumentId)
        {
            return Engine.this.referencePrice(instrumentId);
        }

        public boolean isFeedHealthy(final int instrumentId)
        {
            final Market market = markets.get(instrumentId);
            return market != null && Market.isHealthy(connectionFeedState) && Market.isHealthy(market.feedState);
        }

        public OrderRequest newOrder()
        {
            return request.reset();
        }

        public boolean cancel(final long clientOrderId)
        {
            return orderManager.cancel(strategyId, clientOrderId);
        }

        public long replace(final long clientOrderId, final long newPrice, final long newQuantity)
        {
            return orderManager.replace(strategyId, clientOrderId, newPrice, newQuantity);
        }

        public Order order(final long clientOrderId)
        {
            final Order order = orderManager.order(clientOrderId);
            return order != null && order.strategyId() == strategyId ? order : null;
        }

        public int openOrderCount(final int instrumentId)
        {
            return orderManager.openOrderCount(strategyId, instrumentId);
        }

        public Position position(final int instrumentId)
        {
            return portfolio.find(strategyId, instrumentId);
        }

        public long positionQuantity(final int instrumentId)
        {
            return portfolio.quantity(strategyId, instrumentId);
        }

        public long realizedPnl()
        {
            return portfolio.realizedPnl(strategyId);
        }

        public long fees()
        {
            return portfolio.fees(strategyId);
        }

        public long unrealizedPnl()
        {
            return portfolio.unrealizedPnl(strategyId, referencePrices);
        }

        public int moneyExponent()
        {
            return portfolio.moneyExponent();
        }

        public long scheduleTimer(final long deadlineNs)
        {
            if (!inInput)
            {
                return -1;
            }
            final long timerId = nextTimerId++;
            if (!timerScheduler.schedule(timerId, deadlineNs))
            {
                return -1;
            }
            timerDeadlines.put(timerId, deadlineNs);
            timerOwners.put(timerId, index);
            return timerId;
        }

        public boolean cancelTimer(final long timerId)
        {
            if (timerOwners.get(timerId) != index)
            {
                return false;
            }
            timerDeadlines.remove(timerId);
            timerOwners.remove(timerId);
            timerScheduler.cancel(timerId);
            return true;
        }
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
