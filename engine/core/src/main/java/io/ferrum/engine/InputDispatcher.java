package io.ferrum.engine;

import io.ferrum.codecs.sbe.AccountBalancesDecoder;
import io.ferrum.codecs.sbe.AggTradeDecoder;
import io.ferrum.codecs.sbe.BestBidAskDecoder;
import io.ferrum.codecs.sbe.BookDeltaDecoder;
import io.ferrum.codecs.sbe.BookSnapshotDecoder;
import io.ferrum.codecs.sbe.CancelAllResultDecoder;
import io.ferrum.codecs.sbe.ExecutionReportDecoder;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.MessageHeaderDecoder;
import io.ferrum.codecs.sbe.ReconcileOrdersDecoder;
import io.ferrum.codecs.sbe.RiskDecisionDecoder;
import io.ferrum.codecs.sbe.StrategyManifestDecoder;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.SourceDecoder;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.codecs.sbe.TimerFiredDecoder;
import io.ferrum.codecs.sbe.TradeDecoder;
import io.ferrum.codecs.sbe.TradingState;
import io.ferrum.engine.order.OrderManager;
import io.ferrum.engine.risk.PreTradeCheck;
import io.ferrum.engine.telemetry.EngineCounters;
import io.ferrum.engine.telemetry.RejectLog;
import org.agrona.DirectBuffer;
import org.agrona.collections.Long2LongHashMap;

/**
 * Decodes one Ferrum input and routes it: the header is checked (schema, version, block length),
 * then, in one switch over the template, the input's fixed block is checked, its source sequence is
 * de-duplicated before any state is touched (E3), its variable part is bounded, and it is applied.
 * Market data goes to {@link MarketUpdates}, timers to {@link EngineTimers}, execution reports and
 * reconciliation to the order manager, account balances to its spot account; admin commands are applied here, through the pre-trade
 * check that keeps the trading states and limits.
 */
final class InputDispatcher
{
    static final long MISSING_SEQUENCE = Long.MIN_VALUE;
    private static final int HEADER_LENGTH = MessageHeaderDecoder.ENCODED_LENGTH;

    private final Engine engine;
    private final EngineCounters counters;
    private final OrderManager orderManager;
    private final PreTradeCheck preTradeCheck;
    private final MarketUpdates marketUpdates;
    private final EngineTimers timers;
    private final Long2LongHashMap lastSequenceBySource;

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
    private final CancelAllResultDecoder cancelAllResult = new CancelAllResultDecoder();
    private final AccountBalancesDecoder accountBalances = new AccountBalancesDecoder();

    // The source of the input being dispatched, kept between isNew and accept.
    private int sourceId;
    private long sequence;

    InputDispatcher(
        final Engine engine,
        final MarketUpdates marketUpdates,
        final EngineTimers timers,
        final Long2LongHashMap lastSequenceBySource)
    {
        this.engine = engine;
        this.counters = engine.counters();
        this.orderManager = engine.orderManager();
        this.preTradeCheck = engine.preTradeCheck();
        this.marketUpdates = marketUpdates;
        this.timers = timers;
        this.lastSequenceBySource = lastSequenceBySource;
    }

    void dispatch(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, length);
            return;
        }
        header.wrap(buffer, offset);
        final int templateId = header.templateId();
        if (header.schemaId() != MessageHeaderDecoder.SCHEMA_ID)
        {
            engine.inputReject(EngineCounters.UNKNOWN_TEMPLATES, RejectLog.INPUT_UNKNOWN_SCHEMA, 0, header.schemaId());
            return;
        }
        final int version = header.version();
        if (version < 1 || version > MessageHeaderDecoder.SCHEMA_VERSION)
        {
            engine.inputReject(EngineCounters.UNSUPPORTED_VERSIONS, RejectLog.INPUT_UNSUPPORTED_VERSION, 0, version);
            return;
        }
        final int blockLength = header.blockLength();
        final int bodyOffset = offset + HEADER_LENGTH;
        final int bodyLength = length - HEADER_LENGTH;

        switch (templateId)
        {
            case TimerFiredDecoder.TEMPLATE_ID:
                // The one input without a Source: a timer applies only while armed, which makes it idempotent.
                if (hasBlock(TimerFiredDecoder.BLOCK_LENGTH, templateId, blockLength, bodyLength))
                {
                    timerFired.wrap(buffer, bodyOffset, blockLength, version);
                    timers.fire(timerFired.timerId());
                }
                break;
            case TradeDecoder.TEMPLATE_ID:
                if (isNew(TradeDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    trade.wrap(buffer, bodyOffset, blockLength, version);
                    accept();
                    marketUpdates.onTrade(trade.instrumentId(), trade.priceExponent(), trade.sizeExponent(),
                        trade.price(), trade.quantity(), trade.aggressor(), trade.tradeTimeNs());
                }
                break;
            case AggTradeDecoder.TEMPLATE_ID:
                if (isNew(AggTradeDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    aggTrade.wrap(buffer, bodyOffset, blockLength, version);
                    accept();
                    marketUpdates.onTrade(aggTrade.instrumentId(), aggTrade.priceExponent(), aggTrade.sizeExponent(),
                        aggTrade.price(), aggTrade.quantity(), aggTrade.aggressor(), aggTrade.tradeTimeNs());
                }
                break;
            case BookSnapshotDecoder.TEMPLATE_ID:
                if (isNew(BookSnapshotDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    bookSnapshot.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(BookMessageLength.of(buffer, bodyOffset, blockLength, bodyLength), bodyLength, templateId))
                    {
                        accept();
                        marketUpdates.onBookSnapshot(bookSnapshot);
                    }
                }
                break;
            case BookDeltaDecoder.TEMPLATE_ID:
                if (isNew(BookDeltaDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    bookDelta.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(BookMessageLength.of(buffer, bodyOffset, blockLength, bodyLength), bodyLength, templateId))
                    {
                        accept();
                        marketUpdates.onBookDelta(bookDelta);
                    }
                }
                break;
            case BestBidAskDecoder.TEMPLATE_ID:
                if (isNew(BestBidAskDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    bestBidAsk.wrap(buffer, bodyOffset, blockLength, version);
                    accept();
                    marketUpdates.onBestBidAsk(bestBidAsk);
                }
                break;
            case Ticker24hDecoder.TEMPLATE_ID:
                if (isNew(Ticker24hDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    ticker.wrap(buffer, bodyOffset, blockLength, version);
                    accept();
                    marketUpdates.onTicker(ticker);
                }
                break;
            case FeedStatusDecoder.TEMPLATE_ID:
                if (isNew(FeedStatusDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    feedStatus.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(feedStatus.sbeDecodedLength(), bodyLength, templateId))
                    {
                        accept();
                        marketUpdates.onFeedStatus(feedStatus);
                    }
                }
                break;
            case ExecutionReportDecoder.TEMPLATE_ID:
                if (isNew(ExecutionReportDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    executionReport.wrap(buffer, bodyOffset, blockLength, version);
                    accept();
                    orderManager.onExecutionReport(executionReport);
                }
                break;
            case SetTradingStateDecoder.TEMPLATE_ID:
                if (isNew(SetTradingStateDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    setTradingState.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(setTradingState.sbeDecodedLength(), bodyLength, templateId))
                    {
                        accept();
                        onSetTradingState();
                    }
                }
                break;
            case KillSwitchDecoder.TEMPLATE_ID:
                if (isNew(KillSwitchDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    killSwitch.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(killSwitch.sbeDecodedLength(), bodyLength, templateId))
                    {
                        accept();
                        onKillSwitch();
                    }
                }
                break;
            case ReconcileOrdersDecoder.TEMPLATE_ID:
                if (isNew(ReconcileOrdersDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    accept();
                    orderManager.reconcile(sourceId, sequence);
                }
                break;
            case SetRiskLimitDecoder.TEMPLATE_ID:
                if (isNew(SetRiskLimitDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    setRiskLimit.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(setRiskLimit.sbeDecodedLength(), bodyLength, templateId))
                    {
                        accept();
                        onSetRiskLimit();
                    }
                }
                break;
            case AccountBalancesDecoder.TEMPLATE_ID:
                // The venue account's balances: the engine's spot account, for the balance rule (docs/risk.md).
                if (isNew(AccountBalancesDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    accountBalances.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(accountBalances.sbeDecodedLength(), bodyLength, templateId))
                    {
                        accept();
                        if (!orderManager.account().onBalances(accountBalances))
                        {
                            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
                        }
                    }
                }
                break;
            case CancelAllResultDecoder.TEMPLATE_ID:
                // A venue's answer to the kill switch: the engine's orders end on their own reports; the
                // instrument's cancel-everything is done, a reconcile no longer asks for it again.
                if (isNew(CancelAllResultDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    cancelAllResult.wrap(buffer, bodyOffset, blockLength, version);
                    if (isWithin(cancelAllResult.sbeDecodedLength(), bodyLength, templateId))
                    {
                        orderManager.onCancelAllResult(cancelAllResult.sbeRewind().instrumentId());
                        accept();
                    }
                }
                break;
            case RiskDecisionDecoder.TEMPLATE_ID:
                // This engine's own audit record, echoed into the log for the journal: it changes nothing.
                if (isNew(RiskDecisionDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    accept();
                }
                break;
            case StrategyManifestDecoder.TEMPLATE_ID:
                // Which code the host loaded, for replays to check: the engine was built with it already.
                if (isNew(StrategyManifestDecoder.BLOCK_LENGTH, templateId, buffer, bodyOffset, blockLength, bodyLength))
                {
                    accept();
                }
                break;
            default:
                engine.inputReject(EngineCounters.UNKNOWN_TEMPLATES, RejectLog.INPUT_UNKNOWN_TEMPLATE, 0, templateId);
                break;
        }
    }

    /** The fixed block is at least the schema's and fits the input; counted as malformed otherwise. */
    private boolean hasBlock(
        final int expectedBlockLength, final int templateId, final int blockLength, final int bodyLength)
    {
        if (blockLength < expectedBlockLength || blockLength > bodyLength)
        {
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
            return false;
        }
        return true;
    }

    /**
     * A well-formed block whose Source (every input but a timer starts with one) has a sequence above
     * the last one applied from that source; a duplicate is counted and changes nothing else.
     */
    private boolean isNew(
        final int expectedBlockLength,
        final int templateId,
        final DirectBuffer buffer,
        final int bodyOffset,
        final int blockLength,
        final int bodyLength)
    {
        if (!hasBlock(expectedBlockLength, templateId, blockLength, bodyLength))
        {
            return false;
        }
        source.wrap(buffer, bodyOffset);
        sourceId = source.sourceId();
        sequence = source.sequence();
        if (sequence <= lastSequenceBySource.get(sourceId))
        {
            counters.increment(EngineCounters.DUPLICATES);
            return false;
        }
        return true;
    }

    /** The message's decoded length (groups and var data included) fits the input; malformed otherwise. */
    private boolean isWithin(final int decodedLength, final int bodyLength, final int templateId)
    {
        if (decodedLength > bodyLength)
        {
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0, templateId);
            return false;
        }
        return true;
    }

    private void accept()
    {
        lastSequenceBySource.put(sourceId, sequence);
    }

    private void onSetTradingState()
    {
        final Scope scope = setTradingState.scope();
        final TradingState state = setTradingState.state();
        if (scope == Scope.NULL_VAL || state == TradingState.NULL_VAL)
        {
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0,
                SetTradingStateDecoder.TEMPLATE_ID);
            return;
        }
        counters.increment(EngineCounters.ADMIN_COMMANDS);
        if (!preTradeCheck.onTradingState(setTradingState.sbeRewind(), engine.timeNs))
        {
            adminRefused(SetTradingStateDecoder.TEMPLATE_ID, setTradingState.targetId());
        }
    }

    private void onKillSwitch()
    {
        final Scope scope = killSwitch.scope();
        if (scope == Scope.NULL_VAL)
        {
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0,
                KillSwitchDecoder.TEMPLATE_ID);
            return;
        }
        counters.increment(EngineCounters.ADMIN_COMMANDS);
        final int targetId = killSwitch.targetId();
        if (!preTradeCheck.onKillSwitch(killSwitch.sbeRewind(), engine.timeNs))
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
            engine.inputReject(EngineCounters.MALFORMED_INPUTS, RejectLog.INPUT_MALFORMED, 0,
                SetRiskLimitDecoder.TEMPLATE_ID);
            return;
        }
        counters.increment(EngineCounters.ADMIN_COMMANDS);
        if (!preTradeCheck.onRiskLimit(setRiskLimit.sbeRewind(), engine.timeNs))
        {
            adminRefused(SetRiskLimitDecoder.TEMPLATE_ID, setRiskLimit.targetId());
        }
    }

    private void adminRefused(final int templateId, final int targetId)
    {
        counters.increment(EngineCounters.ADMIN_REFUSED);
        engine.rejectLog().record(
            engine.timeNs, RejectLog.INPUT, RejectLog.INPUT_ADMIN_REFUSED, 0, 0, templateId, targetId, 0);
    }
}
