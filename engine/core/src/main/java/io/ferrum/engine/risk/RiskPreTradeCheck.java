package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.Instrument;
import io.ferrum.engine.instrument.InstrumentRegistry;
import io.ferrum.risk.AdminResult;
import io.ferrum.risk.RiskConfig;
import io.ferrum.risk.RiskConfigParser;
import io.ferrum.risk.RiskDecision;
import io.ferrum.risk.RiskManager;
import io.ferrum.risk.RiskOrder;
import io.ferrum.risk.RiskParameter;
import io.ferrum.risk.StopRule;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.nio.ByteOrder;
import java.nio.file.Path;
import java.util.Map;

/**
 * The engine's pre-trade check: the risk library's {@link RiskManager} over the engine's portfolio.
 * Every new order and replace is checked; fills, reference-price changes, the periodic risk timer,
 * FeedStatus messages and admin commands off the log reach the manager; a fired stop-loss sends a
 * reduce-only closing order with {@link EngineActions#flattenPosition}, which passes this check like
 * any other order. Trading states (operator, loss latches, feed) are the manager's: the engine keeps
 * none of its own.
 * <p>
 * Snapshot: the equity peak (8 bytes), whether a rule depends on time (1 byte), then the manager's snapshot.
 */
public final class RiskPreTradeCheck implements PreTradeCheck
{
    /**
     * The risk timer runs every second of log time when a rule depends on time (a stop-loss rule or
     * a daily loss limit): time stops, stop retries, the daily reset without price changes.
     */
    public static final long TIMER_INTERVAL_NS = 1_000_000_000L;
    private static final int HEADER_LENGTH = Long.BYTES + 1;

    private final RiskConfig config;
    private final RiskManager risk;
    private final RiskOrder order = new RiskOrder();
    private final RiskDecisionPublisher audit = new RiskDecisionPublisher();
    private EngineView engine;
    private EngineActions actions;
    private EnginePortfolioView view;
    private AdminResult lastAdminResult = AdminResult.APPLIED;
    private boolean timeRules;

    /**
     * @param config      validated configuration (its capacities must cover the engine's strategy and instrument ids)
     * @param instruments resolves the symbols named in the configuration
     */
    public RiskPreTradeCheck(final RiskConfig config, final InstrumentRegistry instruments)
    {
        this.config = config;
        this.risk = new RiskManager(config, symbol -> idOf(instruments, symbol), this::onStopTriggered);
        for (final RiskConfig.ScopedValue value : config.values())
        {
            timeRules |= dependsOnTime(value.parameter());
        }
    }

    private static boolean dependsOnTime(final RiskParameter parameter)
    {
        switch (parameter)
        {
            case DAILY_LOSS_LIMIT:
            case STOP_LOSS_BPS:
            case STOP_LOSS_AMOUNT:
            case TRAILING_STOP_BPS:
            case TRAILING_STOP_AMOUNT:
            case MAX_HOLDING_SECONDS:
            case VOLATILITY_STOP_MULTIPLE:
                return true;
            default:
                return false;
        }
    }

    /**
     * The check for {@code ./ferrum demo --risk-config FILE} and the cluster: reads and validates the
     * file plus its {@code FERRUM_RISK_*} environment overrides.
     *
     * @throws io.ferrum.risk.RiskConfigException naming the file, line or variable, key and problem
     */
    public static RiskPreTradeCheck fromConfig(final Path file, final InstrumentRegistry instruments)
    {
        return new RiskPreTradeCheck(RiskConfigParser.load(file), instruments);
    }

    /** As {@link #fromConfig(Path, InstrumentRegistry)} with explicit environment overrides (tests). */
    public static RiskPreTradeCheck fromConfig(
        final Path file, final Map<String, String> environment, final InstrumentRegistry instruments)
    {
        return new RiskPreTradeCheck(RiskConfigParser.load(file, environment), instruments);
    }

    /**
     * No limits, trading states only: what builders give an engine that has no risk configuration,
     * sized to the registry's largest instrument id and the given largest strategy id.
     */
    public static RiskPreTradeCheck withoutLimits(final InstrumentRegistry instruments, final int maxStrategyId)
    {
        int maxInstrumentId = 0;
        for (final Instrument instrument : instruments.instruments())
        {
            maxInstrumentId = Math.max(maxInstrumentId, instrument.instrumentId());
        }
        final String text =
            "risk.capacity.strategies = " + Math.max(RiskConfig.DEFAULT_STRATEGY_CAPACITY, maxStrategyId + 1) + "\n" +
            "risk.capacity.instruments = " + Math.max(RiskConfig.DEFAULT_INSTRUMENT_CAPACITY, maxInstrumentId + 1) +
            "\n";
        return new RiskPreTradeCheck(RiskConfigParser.parse(text, "engine defaults", Map.of()), instruments);
    }

    /** As {@link #withoutLimits(InstrumentRegistry, int)} for strategy ids below the default capacity (64). */
    public static RiskPreTradeCheck withoutLimits(final InstrumentRegistry instruments)
    {
        return withoutLimits(instruments, 0);
    }

    private static int idOf(final InstrumentRegistry instruments, final String symbol)
    {
        final Instrument instrument = instruments.get(symbol);
        return instrument == null ? -1 : instrument.instrumentId();
    }

    /** The manager, for queries (states, limits) on the engine thread or after a run. */
    public RiskManager riskManager()
    {
        return risk;
    }

    /** The engine's portfolio as risk sees it; null until attached. */
    public EnginePortfolioView view()
    {
        return view;
    }

    /** Outcome of the last admin command, for the engine's log of refused commands. */
    public AdminResult lastAdminResult()
    {
        return lastAdminResult;
    }

    public void attach(final EngineView engine, final EngineActions actions)
    {
        if (this.engine != null)
        {
            throw new IllegalStateException("a RiskPreTradeCheck serves one engine");
        }
        for (final Instrument instrument : engine.instruments().instruments())
        {
            if (instrument.instrumentId() >= config.instrumentCapacity())
            {
                throw new IllegalStateException("instrument " + instrument.symbol() + " has id " +
                    instrument.instrumentId() + ", beyond risk.capacity.instruments = " + config.instrumentCapacity());
            }
        }
        for (int i = 0; i < engine.strategyCount(); i++)
        {
            final int strategyId = engine.strategyId(i);
            if (strategyId >= config.strategyCapacity())
            {
                throw new IllegalStateException("strategy id " + strategyId +
                    " is beyond risk.capacity.strategies = " + config.strategyCapacity());
            }
        }
        this.engine = engine;
        this.actions = actions;
        this.view = new EnginePortfolioView(engine, config.balanceCheck());
    }

    /** Asked by the engine on every input until the timer is armed: 0 while no rule depends on time. */
    public long timerIntervalNs()
    {
        return timeRules ? TIMER_INTERVAL_NS : 0;
    }

    public void check(final PreTradeRequest request, final PreTradeResult result)
    {
        final Instrument instrument = request.instrument();
        final OrderType type = request.orderType();
        final long price = request.price() > 0 ? request.price() : request.stopPrice();
        if (request.isReplace())
        {
            final long replacedLeaves = engine.leavesQuantity(request.replacedClientOrderId());
            order.replace(request.strategyId(), instrument.instrumentId(), request.clientOrderId(), request.side(),
                type, instrument.priceExponent(), price, instrument.sizeExponent(), request.quantity(),
                request.isReduceOnly(), replacedLeaves);
        }
        else
        {
            order.newOrder(request.strategyId(), instrument.instrumentId(), request.clientOrderId(), request.side(),
                type, instrument.priceExponent(), price, instrument.sizeExponent(), request.quantity(),
                request.isReduceOnly());
        }
        view.replacing(request.isReplace() ? request.replacedClientOrderId() : 0);
        final boolean accepted = risk.check(order, view, request.timestampNs());
        final RiskDecision decision = risk.decision();
        audit.publish(engine.logPosition(), actions, request, decision);
        if (!accepted)
        {
            result.reject(decision.reason(), decision.valueExponent(), decision.observed(), decision.limit());
        }
    }

    public boolean checksBalances()
    {
        return config.balanceCheck();
    }

    public void onFill(
        final int strategyId, final int instrumentId, final Side side, final long price, final long quantity,
        final long realizedPnl, final long equity, final long timestampNs)
    {
        view.markEquityPeak();
        final Instrument instrument = engine.instruments().get(instrumentId);
        risk.onFill(strategyId, instrumentId, instrument.priceExponent(), price, timestampNs, view);
    }

    public void onReferencePrice(final int instrumentId, final long referencePrice, final long timestampNs)
    {
        view.markEquityPeak();
        risk.onPrice(instrumentId, timestampNs, view);
    }

    public void onTimer(final long timestampNs)
    {
        view.markEquityPeak();
        risk.onTimer(timestampNs, view);
    }

    public void onFeedStatus(final FeedStatusDecoder status, final long timestampNs)
    {
        final FeedState state = status.state();
        // A connection that is CONNECTED has its socket up; whether each instrument is in sync is
        // said per instrument. The engine reads it the same way (Market.isHealthy).
        risk.onFeedStatus(status.streamId(), status.instrumentId(),
            status.instrumentId() == 0 && state == FeedState.CONNECTED ? FeedState.IN_SYNC : state);
    }

    public boolean onTradingState(final SetTradingStateDecoder command, final long timestampNs)
    {
        lastAdminResult = risk.apply(command);
        return lastAdminResult == AdminResult.APPLIED;
    }

    public boolean onRiskLimit(final SetRiskLimitDecoder command, final long timestampNs)
    {
        lastAdminResult = risk.apply(command);
        if (lastAdminResult == AdminResult.APPLIED && command.riskLimit() == RiskLimit.DAILY_LOSS_LIMIT)
        {
            timeRules = true; // from this log position on, every member and replay arm the timer alike
        }
        return lastAdminResult == AdminResult.APPLIED;
    }

    public boolean onKillSwitch(final KillSwitchDecoder command, final long timestampNs)
    {
        lastAdminResult = risk.apply(command);
        return lastAdminResult == AdminResult.APPLIED;
    }

    private void onStopTriggered(
        final int strategyId, final int instrumentId, final StopRule rule, final long position, final long price,
        final long stopLevel, final long timestampNs)
    {
        // Through the normal order path: the closing order is checked (HALTED stops it) and journaled.
        actions.flattenPosition(strategyId, instrumentId);
    }

    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        buffer.putLong(offset, view.equityPeak(), ByteOrder.LITTLE_ENDIAN);
        buffer.putByte(offset + Long.BYTES, (byte)(timeRules ? 1 : 0));
        return HEADER_LENGTH + risk.snapshotTo(buffer, offset + HEADER_LENGTH);
    }

    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < HEADER_LENGTH)
        {
            throw new IllegalStateException("engine snapshot has no risk state (" + length + " bytes)");
        }
        view.equityPeak(buffer.getLong(offset, ByteOrder.LITTLE_ENDIAN));
        timeRules = buffer.getByte(offset + Long.BYTES) != 0;
        risk.restoreFrom(buffer, offset + HEADER_LENGTH, length - HEADER_LENGTH);
    }
}
