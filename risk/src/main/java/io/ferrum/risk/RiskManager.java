package io.ferrum.risk;

import io.ferrum.codecs.sbe.FeedState;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.ExpandableArrayBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.function.ToIntFunction;

/**
 * Pre-trade risk for one engine: checks, trading states, stop-losses and admin commands.
 * <p>
 * Pure and single-threaded: called on the engine thread only, with the log's time; no
 * I/O, no clock, no allocation in {@link #check}, {@link #onFill}, {@link #onPrice},
 * {@link #onTimer} or {@link #onFeedStatus}. Limits change after construction only
 * through {@link #setRiskLimit}, {@link #setTradingState} and {@link #killSwitch}, which
 * the engine calls when the matching admin command comes off the log, so that a replay
 * applies every limit from exactly the same position. See docs/risk.md.
 */
public final class RiskManager
{
    /** Exponent of every quantity limit: base-asset units to 8 decimals. */
    public static final int QUANTITY_EXPONENT = -8;
    /** Exponent of money: notional limits, loss limits, and the view's equity and P&amp;L. */
    public static final int MONEY_EXPONENT = -8;
    /** Exponent of price amounts in stop-loss settings. */
    public static final int PRICE_EXPONENT = -8;
    /** Exponent of percentages: 25.5% is 2550. */
    public static final int PERCENT_EXPONENT = -2;
    /** Exponent of balances in the balance rule (base or quote asset units): Binance's 8 decimals. */
    public static final int BALANCE_EXPONENT = -8;
    /** Exponent of volatility multiples: 3.5 is 350. */
    public static final int MULTIPLE_EXPONENT = -2;

    static final long DAY_NS = 86_400_000_000_000L;
    static final long MAX_HOLDING_SECONDS = 10L * 366 * 86_400;
    private static final long BPS = 10_000;
    static final long HUNDRED_PERCENT = 10_000; // at PERCENT_EXPONENT
    private static final int SNAPSHOT_MAGIC = 0x5249534b; // "RISK"
    private static final int SNAPSHOT_VERSION = 1;

    private final int strategies;
    private final int instruments;
    private final byte feedDegradedState;
    private final int volatilityWindow;
    private final ParameterTable table;
    private final TradingStates states;
    private final FeedHealth feed;
    private final VolatilityEstimator volatility;
    private final StopLossMonitor stops;
    private final RateWindow globalRate = new RateWindow();
    private final RateWindow[] strategyRate;
    private final LossLimits losses;
    private final RiskDecision decision = new RiskDecision();
    private final ExposureLimits exposure;
    private final StopLossListener stopLossListener;
    private final ExpandableArrayBuffer hashScratch = new ExpandableArrayBuffer(4096);

    /**
     * @param config           validated configuration
     * @param instrumentIds    maps a symbol in the configuration to its instrument id (-1 when unknown)
     * @param stopLossListener told when a stop fires
     * @throws RiskConfigException when the configuration names an unknown instrument or one outside capacity
     */
    public RiskManager(
        final RiskConfig config, final ToIntFunction<String> instrumentIds, final StopLossListener stopLossListener)
    {
        strategies = config.strategyCapacity();
        instruments = config.instrumentCapacity();
        feedDegradedState = (byte)config.feedDegradedState().value();
        volatilityWindow = config.volatilityWindow();
        this.stopLossListener = stopLossListener;
        table = new ParameterTable(strategies, instruments);
        states = new TradingStates(1 + strategies + instruments);
        feed = new FeedHealth(instruments, config.fallbackFeedHealthy());
        volatility = new VolatilityEstimator(instruments, volatilityWindow, config.volatilitySampleIntervalNs());
        stops = new StopLossMonitor(strategies, instruments, table, volatility, config.stopRetryNs());
        strategyRate = new RateWindow[strategies];
        for (int s = 0; s < strategies; s++)
        {
            strategyRate[s] = new RateWindow();
        }
        losses = new LossLimits(config, table, states);
        exposure = new ExposureLimits(table, decision);

        for (final RiskConfig.ScopedValue v : config.values())
        {
            final int slot = slotOf(v, instrumentIds);
            if (table.get(v.parameter(), slot) != ParameterTable.NONE)
            {
                // e.g. risk.instrument.BTCUSDT.x and risk.instrument.1.x naming the same instrument
                throw new RiskConfigException("key '" + keyOf(v) + "': the same limit is already set under another name");
            }
            table.set(v.parameter(), slot, v.value());
            if (v.parameter() == RiskParameter.MAX_ORDERS_PER_SECOND)
            {
                rateWindow(slot).limit(v.value());
            }
        }
    }

    /** The outcome of the last {@link #check}, reused: read it before the next check. */
    public RiskDecision decision()
    {
        return decision;
    }

    /**
     * Checks a new order or a replace (never a cancel: cancels are always allowed). An
     * accepted order is counted against the order rate; the engine must then send it.
     *
     * @return true when accepted; otherwise {@link #decision()} holds the reason, the value
     * the order would have reached and the limit.
     */
    public boolean check(final RiskOrder order, final PortfolioView view, final long nowNs)
    {
        final RiskDecision d = decision;
        d.begin(order, nowNs);
        final int s = order.strategyId;
        final int i = order.instrumentId;
        if (i <= 0 || i >= instruments)
        {
            return d.reject(RiskRejectReason.UNKNOWN_INSTRUMENT, i, instruments - 1, 0, Scope.INSTRUMENT, i);
        }
        if (s < 0 || s >= strategies)
        {
            return d.reject(RiskRejectReason.UNKNOWN_STRATEGY, s, strategies - 1, 0, Scope.STRATEGY, s);
        }
        final int se = order.sizeExponent;
        final int pe = order.priceExponent;
        if (order.side == null || order.side == Side.NULL_VAL || order.quantity <= 0 || se > 0 || se < -18 ||
            (order.replace && order.replacedQuantity < 0))
        {
            return d.reject(RiskRejectReason.INVALID_QUANTITY, order.quantity, 0, Math.max(-18, Math.min(0, se)),
                null, 0);
        }
        final boolean market = order.orderType == OrderType.MARKET;
        if (order.orderType == null || order.orderType == OrderType.NULL_VAL || pe > 0 || pe < -18 ||
            (!market && order.price <= 0))
        {
            return d.reject(RiskRejectReason.INVALID_PRICE, order.price, 0, Math.max(-18, Math.min(0, pe)), null, 0);
        }

        losses.evaluate(view, nowNs, s);

        final boolean buy = order.side == Side.BUY;
        final long position = view.position(s, i);
        final long sameSideOpen = ExposureLimits.openAfterReplace(
            buy ? view.openBuyQuantity(s, i) : view.openSellQuantity(s, i), order);
        final boolean reducing = ExposureLimits.reduces(buy, position, sameSideOpen, order.quantity);
        if (!checkStates(view, s, i, reducing))
        {
            return false;
        }
        if (order.reduceOnly && !reducing)
        {
            final long reducible = Math.max(0, (buy ? -position : position) - sameSideOpen);
            return d.reject(RiskRejectReason.INVALID_QUANTITY, order.quantity, reducible, se, Scope.STRATEGY, s);
        }

        final long quantityLimit = table.tightest(RiskParameter.MAX_ORDER_QUANTITY, s, i);
        if (quantityLimit != ParameterTable.NONE)
        {
            final long observed = FixedMath.rescale(order.quantity, se, QUANTITY_EXPONENT, true);
            if (FixedMath.scaledProductGreater(order.quantity, 1, se - QUANTITY_EXPONENT, quantityLimit))
            {
                return rejectTightest(RiskRejectReason.MAX_ORDER_QUANTITY, RiskParameter.MAX_ORDER_QUANTITY,
                    observed, quantityLimit, QUANTITY_EXPONENT, s, i);
            }
            checkedTightest(RiskRejectReason.MAX_ORDER_QUANTITY, RiskParameter.MAX_ORDER_QUANTITY, observed,
                quantityLimit, QUANTITY_EXPONENT, s, i);
        }

        final long reference = view.referencePrice(i);
        if (market && reference <= 0)
        {
            return d.reject(RiskRejectReason.NO_REFERENCE_PRICE, reference, 0, pe, Scope.INSTRUMENT, i);
        }
        final long price = market ? reference : order.price;

        final long notionalLimit = table.tightest(RiskParameter.MAX_ORDER_NOTIONAL, s, i);
        final int notionalShift = pe + se - MONEY_EXPONENT;
        if (notionalLimit != ParameterTable.NONE)
        {
            final long notional = FixedMath.scaledProduct(price, order.quantity, notionalShift, true);
            if (FixedMath.scaledProductGreater(price, order.quantity, notionalShift, notionalLimit))
            {
                return rejectTightest(RiskRejectReason.MAX_ORDER_NOTIONAL, RiskParameter.MAX_ORDER_NOTIONAL,
                    notional, notionalLimit, MONEY_EXPONENT, s, i);
            }
            checkedTightest(RiskRejectReason.MAX_ORDER_NOTIONAL, RiskParameter.MAX_ORDER_NOTIONAL, notional,
                notionalLimit, MONEY_EXPONENT, s, i);
        }

        final long bandBps = table.tightest(RiskParameter.PRICE_BAND_BPS, s, i);
        if (bandBps != ParameterTable.NONE && !market)
        {
            if (reference <= 0)
            {
                return d.reject(RiskRejectReason.NO_REFERENCE_PRICE, reference, 0, pe, Scope.INSTRUMENT, i);
            }
            final long deviation = Math.abs(price - reference); // both positive: cannot overflow
            final long observedBps = deviationBps(deviation, reference);
            if (FixedMath.productGreater(deviation, BPS, bandBps, reference))
            {
                return rejectTightest(RiskRejectReason.PRICE_BAND, RiskParameter.PRICE_BAND_BPS,
                    observedBps, bandBps, 0, s, i);
            }
            checkedTightest(RiskRejectReason.PRICE_BAND, RiskParameter.PRICE_BAND_BPS, observedBps, bandBps, 0, s, i);
        }

        if (!exposure.checkPositions(view, order, buy, position, reference, s, i))
        {
            return false;
        }
        if (!order.replace && !exposure.checkOpenOrders(view, s, i))
        {
            return false;
        }
        if (!checkBalance(view, buy, price, order.quantity, pe, se, i))
        {
            return false;
        }

        // each window expires its old accepts once per check; after that its count is current
        final RateWindow strategyWindow = strategyRate[s];
        if (!globalRate.allows(nowNs))
        {
            return d.reject(RiskRejectReason.ORDER_RATE, globalRate.count() + 1L, globalRate.limit(), 0, Scope.GLOBAL, 0);
        }
        if (!strategyWindow.allows(nowNs))
        {
            return d.reject(RiskRejectReason.ORDER_RATE, strategyWindow.count() + 1L, strategyWindow.limit(), 0,
                Scope.STRATEGY, s);
        }
        globalRate.record(nowNs);
        strategyWindow.record(nowNs);
        if (globalRate.limit() != RateWindow.NO_LIMIT)
        {
            d.checked(RiskRejectReason.ORDER_RATE, Scope.GLOBAL, 0, 0, globalRate.count(), globalRate.limit());
        }
        if (strategyWindow.limit() != RateWindow.NO_LIMIT)
        {
            d.checked(RiskRejectReason.ORDER_RATE, Scope.STRATEGY, s, 0, strategyWindow.count(), strategyWindow.limit());
        }
        d.accept(price, order.quantity, notionalShift, notionalLimit, MONEY_EXPONENT);
        return true;
    }

    /**
     * After the engine applied a fill to its portfolio: tracks positions for stop-losses and
     * re-evaluates the loss limits.
     */
    public void onFill(
        final int strategyId,
        final int instrumentId,
        final int priceExponent,
        final long fillPrice,
        final long nowNs,
        final PortfolioView view)
    {
        if (strategyId < 0 || strategyId >= strategies || instrumentId <= 0 || instrumentId >= instruments)
        {
            return;
        }
        stops.onFill(strategyId, instrumentId, priceExponent, fillPrice, nowNs, view);
        losses.evaluateAll(view, nowNs);
    }

    /**
     * After the engine updated an instrument's reference price (trade or book change):
     * samples volatility, evaluates stops on that instrument and the loss limits.
     */
    public void onPrice(final int instrumentId, final long nowNs, final PortfolioView view)
    {
        if (instrumentId <= 0 || instrumentId >= instruments)
        {
            return;
        }
        final long price = view.referencePrice(instrumentId);
        volatility.onPrice(instrumentId, price, nowNs);
        losses.evaluateAll(view, nowNs);
        if (price > 0)
        {
            stops.onPrice(strategies, instrumentId, price, nowNs, stopLossListener);
        }
    }

    /**
     * On the engine's periodic timer: daily reset, loss limits, time-based stops and stop
     * retries. Every second or faster keeps time stops and the daily reset on time.
     */
    public void onTimer(final long nowNs, final PortfolioView view)
    {
        losses.evaluateAll(view, nowNs);
        stops.onTimer(strategies, nowNs, view, stopLossListener);
    }

    /**
     * A FeedStatus from the gateway: {@code instrumentId} 0 is the whole connection
     * {@code streamId}. A degraded feed moves its instruments to the configured state; a
     * healthy one releases only that feed cause, never a state the operator set.
     */
    public void onFeedStatus(final int streamId, final int instrumentId, final FeedState state)
    {
        if (state == null || state == FeedState.NULL_VAL || instrumentId < 0 || instrumentId >= instruments)
        {
            return;
        }
        if (instrumentId > 0)
        {
            feed.onInstrumentState(streamId, instrumentId, state);
            applyFeed(instrumentId);
            return;
        }
        final boolean remembered = feed.onStreamState(streamId, state);
        for (int i = 1; i < instruments; i++)
        {
            if (feed.streamOf(i) == streamId)
            {
                if (remembered)
                {
                    applyFeed(i);
                }
                else
                {
                    // The stream table is full: fail safe, hold the instruments of the stream degraded.
                    states.set(TradingStates.FEED, table.instrumentSlot(i), feedDegradedState);
                }
            }
        }
    }

    // ---------------------------------------------------------------- admin commands

    /** SetRiskLimit off the log. */
    public AdminResult apply(final SetRiskLimitDecoder command)
    {
        return setRiskLimit(command.scope(), command.targetId(), command.riskLimit(), command.valueExponent(),
            command.value());
    }

    /** SetTradingState off the log. */
    public AdminResult apply(final SetTradingStateDecoder command)
    {
        return setTradingState(command.scope(), command.targetId(), command.state());
    }

    /**
     * KillSwitch off the log: sets HALTED at the scope. The engine then cancels every open
     * order for which {@link #inScope} is true, in the same cycle.
     */
    public AdminResult apply(final KillSwitchDecoder command)
    {
        return killSwitch(command.scope(), command.targetId());
    }

    /**
     * Sets one limit at one scope. {@code value} {@link Long#MIN_VALUE} (the SBE null)
     * removes it. A value with more decimals than the limit keeps, a negative value or a
     * limit not settable at that scope changes nothing and says why.
     */
    public AdminResult setRiskLimit(
        final Scope scope, final int targetId, final RiskLimit limit, final int exponent, final long value)
    {
        final RiskParameter parameter = limit == null ? null : RiskParameter.of(limit);
        if (parameter == null)
        {
            return AdminResult.UNKNOWN_LIMIT;
        }
        final int scopeBit = scopeBit(scope);
        if (scopeBit == 0 || !parameter.allowedAt(scopeBit))
        {
            return AdminResult.INVALID_SCOPE;
        }
        final int slot = slotOf(scope, targetId);
        if (slot < 0)
        {
            return AdminResult.INVALID_TARGET;
        }
        final long stored;
        if (value == Long.MIN_VALUE)
        {
            stored = ParameterTable.NONE;
        }
        else
        {
            if (exponent < -18 || exponent > 18)
            {
                return AdminResult.INVALID_VALUE;
            }
            stored = FixedMath.rescaleExact(value, exponent, parameter.exponent());
            if (stored < 0 || checkRange(parameter, stored) != null)
            {
                return AdminResult.INVALID_VALUE;
            }
        }
        table.set(parameter, slot, stored);
        if (parameter == RiskParameter.MAX_ORDERS_PER_SECOND)
        {
            rateWindow(slot).limit(stored);
        }
        return AdminResult.APPLIED;
    }

    /**
     * The operator's state at a scope. Setting ACTIVE also acknowledges the daily-loss and
     * drawdown latches of that scope (they latch again at the next evaluation if the loss
     * is still beyond its limit); it never overrides a degraded feed.
     */
    public AdminResult setTradingState(final Scope scope, final int targetId, final TradingState state)
    {
        final int slot = slotOf(scope, targetId);
        if (scopeBit(scope) == 0)
        {
            return AdminResult.INVALID_SCOPE;
        }
        if (slot < 0)
        {
            return AdminResult.INVALID_TARGET;
        }
        if (state == null || state == TradingState.NULL_VAL)
        {
            return AdminResult.INVALID_VALUE;
        }
        states.set(TradingStates.MANUAL, slot, (byte)state.value());
        if (state == TradingState.ACTIVE)
        {
            states.set(TradingStates.DAILY_LOSS, slot, TradingStates.ACTIVE);
            states.set(TradingStates.DRAWDOWN, slot, TradingStates.ACTIVE);
        }
        return AdminResult.APPLIED;
    }

    /** HALTED at the scope, set by the operator; cancelling the open orders is the engine's part. */
    public AdminResult killSwitch(final Scope scope, final int targetId)
    {
        return setTradingState(scope, targetId, TradingState.HALTED);
    }

    /** Whether an order of this strategy and instrument is inside a kill switch's scope. */
    public static boolean inScope(final Scope scope, final int targetId, final int strategyId, final int instrumentId)
    {
        switch (scope)
        {
            case GLOBAL:
                return true;
            case STRATEGY:
                return strategyId == targetId;
            case INSTRUMENT:
                return instrumentId == targetId;
            default:
                return false;
        }
    }

    // ---------------------------------------------------------------- queries

    /** The state an order of this strategy on this instrument is under: the most restrictive of its scopes. */
    public TradingState effectiveState(final int strategyId, final int instrumentId)
    {
        final byte state = (byte)Math.max(states.effective(0),
            Math.max(states.effective(table.strategySlot(strategyId)), states.effective(table.instrumentSlot(instrumentId))));
        return TradingState.get(state);
    }

    /** The state in force at one scope, all causes together. */
    public TradingState state(final Scope scope, final int targetId)
    {
        final int slot = slotOf(scope, targetId);
        if (slot < 0)
        {
            throw new IllegalArgumentException(scope + " " + targetId);
        }
        return TradingState.get(states.effective(slot));
    }

    /** The state the operator set at one scope (ACTIVE unless set). */
    public TradingState manualState(final Scope scope, final int targetId)
    {
        final int slot = slotOf(scope, targetId);
        if (slot < 0)
        {
            throw new IllegalArgumentException(scope + " " + targetId);
        }
        return TradingState.get(states.get(TradingStates.MANUAL, slot));
    }

    /** A limit in force, at {@link RiskParameter#exponent()}, or {@link Long#MAX_VALUE} when none. */
    public long limit(final RiskParameter parameter, final Scope scope, final int targetId)
    {
        final int slot = slotOf(scope, targetId);
        if (slot < 0)
        {
            throw new IllegalArgumentException(scope + " " + targetId);
        }
        return table.get(parameter, slot);
    }

    /** Rolling volatility of an instrument in parts per million per sample interval, -1 until warm. */
    public long volatilityPpm(final int instrumentId)
    {
        return volatility.volatilityPpm(instrumentId);
    }

    // ---------------------------------------------------------------- snapshot and hash

    /** Writes every piece of risk state, limits in force included; returns bytes written. */
    public int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putInt(at, SNAPSHOT_MAGIC);
        buffer.putInt(at + 4, SNAPSHOT_VERSION);
        buffer.putInt(at + 8, strategies);
        buffer.putInt(at + 12, instruments);
        buffer.putInt(at + 16, volatilityWindow);
        buffer.putLong(at + 20, losses.day);
        buffer.putLong(at + 28, losses.globalDayStartPnl);
        at += 36;
        for (final long pnl : losses.strategyDayStartPnl)
        {
            buffer.putLong(at, pnl);
            at += Long.BYTES;
        }
        at += table.snapshotTo(buffer, at);
        at += states.snapshotTo(buffer, at);
        at += feed.snapshotTo(buffer, at);
        at += globalRate.snapshotTo(buffer, at);
        for (final RateWindow window : strategyRate)
        {
            at += window.snapshotTo(buffer, at);
        }
        at += volatility.snapshotTo(buffer, at);
        at += stops.snapshotTo(buffer, at);
        return at - offset;
    }

    /**
     * Replaces all risk state with a snapshot, limits included (they may have been changed
     * by admin commands since the configuration was read).
     *
     * @throws IllegalStateException when the snapshot is not a risk snapshot of the same capacities
     */
    public void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
        if (length < 36 || buffer.getInt(offset) != SNAPSHOT_MAGIC || buffer.getInt(offset + 4) != SNAPSHOT_VERSION)
        {
            throw new IllegalStateException("not a risk snapshot (version " + SNAPSHOT_VERSION + ")");
        }
        if (buffer.getInt(offset + 8) != strategies || buffer.getInt(offset + 12) != instruments ||
            buffer.getInt(offset + 16) != volatilityWindow)
        {
            throw new IllegalStateException("risk snapshot taken with other capacities: strategies " +
                buffer.getInt(offset + 8) + ", instruments " + buffer.getInt(offset + 12) + ", volatility window " +
                buffer.getInt(offset + 16));
        }
        int at = offset;
        losses.restoreDay(buffer.getLong(at + 20));
        losses.globalDayStartPnl = buffer.getLong(at + 28);
        at += 36;
        for (int s = 0; s < strategies; s++)
        {
            losses.strategyDayStartPnl[s] = buffer.getLong(at);
            at += Long.BYTES;
        }
        at += table.restoreFrom(buffer, at);
        at += states.restoreFrom(buffer, at);
        at += feed.restoreFrom(buffer, at);
        at += globalRate.restoreFrom(buffer, at);
        for (final RateWindow window : strategyRate)
        {
            at += window.restoreFrom(buffer, at);
        }
        at += volatility.restoreFrom(buffer, at);
        at += stops.restoreFrom(buffer, at);
        if (at - offset != length)
        {
            throw new IllegalStateException("risk snapshot length " + length + " but read " + (at - offset));
        }
    }

    /**
     * A hash of all risk state: the snapshot's bytes, mixed 8 at a time. Equal state gives
     * an equal hash on every JVM. Allocates only while its scratch buffer first grows.
     */
    public long stateHash()
    {
        final int length = snapshotTo(hashScratch, 0);
        long hash = 0x9E3779B97F4A7C15L ^ length;
        int at = 0;
        for (; at + Long.BYTES <= length; at += Long.BYTES)
        {
            hash = mix(hash ^ hashScratch.getLong(at));
        }
        for (; at < length; at++)
        {
            hash = mix(hash ^ hashScratch.getByte(at));
        }
        return hash;
    }

    // ---------------------------------------------------------------- internals

    /** Range rules shared by the file and admin commands: null when fine, else the problem. */
    static String checkRange(final RiskParameter parameter, final long mantissa)
    {
        switch (parameter)
        {
            case MAX_ORDERS_PER_SECOND:
                return mantissa > RiskParameter.MAX_RATE_LIMIT ? "must be at most " + RiskParameter.MAX_RATE_LIMIT : null;
            case MAX_OPEN_ORDERS:
                return mantissa > Integer.MAX_VALUE ? "must be at most " + Integer.MAX_VALUE : null;
            case MAX_DRAWDOWN_PCT:
                return mantissa > HUNDRED_PERCENT ? "must be at most 100 (percent)" : null;
            case STOP_LOSS_BPS:
            case TRAILING_STOP_BPS:
                return mantissa == 0 || mantissa > BPS ? "must be in [1, 10000] (basis points)" : null;
            case MAX_HOLDING_SECONDS:
                return mantissa == 0 || mantissa > MAX_HOLDING_SECONDS ?
                    "must be in [1, " + MAX_HOLDING_SECONDS + "] (seconds)" : null;
            case VOLATILITY_STOP_MULTIPLE:
            case STOP_LOSS_AMOUNT:
            case TRAILING_STOP_AMOUNT:
                return mantissa == 0 ? "must be above zero" : null;
            default:
                return null;
        }
    }

    /**
     * What an order needs of the asset it pays with, at {@link #BALANCE_EXPONENT}, rounded up: a buy
     * {@code price x quantity} of the quote asset (a market order at the reference price), a sell its quantity of
     * the base asset; {@link FixedMath#SATURATED} when it does not fit a long. The engine reserves the same amount.
     */
    public static long balanceNeeded(
        final boolean buy, final long price, final int priceExponent, final long quantity, final int sizeExponent)
    {
        return buy ?
            FixedMath.scaledProduct(price, quantity, priceExponent + sizeExponent - BALANCE_EXPONENT, true) :
            FixedMath.rescale(quantity, sizeExponent, BALANCE_EXPONENT, true);
    }

    /** The balance rule: one call and one comparison when it does not apply, as on the paper venue. */
    private boolean checkBalance(
        final PortfolioView view, final boolean buy, final long price, final long quantity, final int pe, final int se,
        final int i)
    {
        final long spendable = view.spendable(i, buy);
        if (spendable == PortfolioView.NOT_CHECKED)
        {
            return true;
        }
        final long needed = balanceNeeded(buy, price, pe, quantity, se);
        decision.checked(RiskRejectReason.INSUFFICIENT_BALANCE, Scope.INSTRUMENT, i, BALANCE_EXPONENT, needed, spendable);
        if (needed > spendable)
        {
            return decision.reject(RiskRejectReason.INSUFFICIENT_BALANCE, needed, spendable, BALANCE_EXPONENT,
                Scope.INSTRUMENT, i);
        }
        return true;
    }

    private boolean checkStates(final PortfolioView view, final int s, final int i, final boolean reducing)
    {
        final int strategySlot = table.strategySlot(s);
        final int instrumentSlot = table.instrumentSlot(i);
        final byte global = states.effective(0);
        final byte strategy = states.effective(strategySlot);
        final byte instrument = states.effective(instrumentSlot);
        final byte worst = (byte)Math.max(global, Math.max(strategy, instrument));
        if (worst == TradingStates.ACTIVE || (worst == TradingStates.REDUCING && reducing))
        {
            return true;
        }
        final int slot = global == worst ? 0 : strategy == worst ? strategySlot : instrumentSlot;
        final Scope scope = slot == 0 ? Scope.GLOBAL : slot == strategySlot ? Scope.STRATEGY : Scope.INSTRUMENT;
        final int target = slot == 0 ? 0 : slot == strategySlot ? s : i;
        switch (states.causeOf(slot, worst))
        {
            case TradingStates.DAILY_LOSS:
            {
                final long limit = table.get(RiskParameter.DAILY_LOSS_LIMIT, slot);
                final long loss = losses.dailyLoss(view, slot, s);
                return decision.reject(RiskRejectReason.DAILY_LOSS, loss, limit, MONEY_EXPONENT, scope, target);
            }
            case TradingStates.DRAWDOWN:
                return decision.reject(RiskRejectReason.DRAWDOWN, LossLimits.drawdownPercent(view),
                    table.get(RiskParameter.MAX_DRAWDOWN_PCT, slot), PERCENT_EXPONENT, scope, target);
            default:
                return decision.reject(worst == TradingStates.HALTED ?
                    RiskRejectReason.STATE_HALTED : RiskRejectReason.STATE_REDUCING,
                    worst, reducing ? TradingStates.REDUCING : TradingStates.ACTIVE, 0, scope, target);
        }
    }

    private boolean rejectTightest(
        final RiskRejectReason reason,
        final RiskParameter parameter,
        final long observed,
        final long limit,
        final int exponent,
        final int s,
        final int i)
    {
        final int slot = table.tightestSlot(parameter, s, i);
        final Scope scope = slot == 0 ? Scope.GLOBAL : slot == table.strategySlot(s) ? Scope.STRATEGY : Scope.INSTRUMENT;
        return decision.reject(reason, observed, limit, exponent, scope, slot == 0 ? 0 : scope == Scope.STRATEGY ? s : i);
    }

    private void checkedTightest(
        final RiskRejectReason rule,
        final RiskParameter parameter,
        final long observed,
        final long limit,
        final int exponent,
        final int s,
        final int i)
    {
        final int slot = table.tightestSlot(parameter, s, i);
        final Scope scope = slot == 0 ? Scope.GLOBAL : slot == table.strategySlot(s) ? Scope.STRATEGY : Scope.INSTRUMENT;
        decision.checked(rule, scope, slot == 0 ? 0 : scope == Scope.STRATEGY ? s : i, exponent, observed, limit);
    }

    private void applyFeed(final int instrumentId)
    {
        states.set(TradingStates.FEED, table.instrumentSlot(instrumentId),
            feed.healthy(instrumentId) ? TradingStates.ACTIVE : feedDegradedState);
    }

    private RateWindow rateWindow(final int slot)
    {
        return slot == 0 ? globalRate : strategyRate[slot - 1];
    }

    private int slotOf(final RiskConfig.ScopedValue v, final ToIntFunction<String> instrumentIds)
    {
        final String key = keyOf(v);
        switch (v.scopeBit())
        {
            case RiskParameter.Scopes.GLOBAL:
                return 0;
            case RiskParameter.Scopes.STRATEGY:
            {
                final int id = Integer.parseInt(v.target());
                if (id >= strategies)
                {
                    throw new RiskConfigException("key '" + key + "': strategy id not below capacity " + strategies);
                }
                return table.strategySlot(id);
            }
            default:
            {
                final int id = v.target().chars().allMatch(Character::isDigit) ?
                    Integer.parseInt(v.target()) : instrumentIds.applyAsInt(v.target());
                if (id <= 0 || id >= instruments)
                {
                    throw new RiskConfigException("key '" + key + "': unknown instrument '" + v.target() +
                        "' (id " + id + ", capacity " + instruments + ")");
                }
                return table.instrumentSlot(id);
            }
        }
    }

    private static String keyOf(final RiskConfig.ScopedValue v)
    {
        return "risk." + (v.scopeBit() == RiskParameter.Scopes.GLOBAL ? "global" :
            v.scopeBit() == RiskParameter.Scopes.STRATEGY ? "strategy." + v.target() : "instrument." + v.target()) +
            "." + v.parameter().key();
    }

    /** Slot of an admin command's target, or -1 when out of range. */
    private int slotOf(final Scope scope, final int targetId)
    {
        if (scope == null)
        {
            return -1;
        }
        switch (scope)
        {
            case GLOBAL:
                return targetId == 0 ? 0 : -1;
            case STRATEGY:
                return targetId >= 0 && targetId < strategies ? table.strategySlot(targetId) : -1;
            case INSTRUMENT:
                return targetId > 0 && targetId < instruments ? table.instrumentSlot(targetId) : -1;
            default:
                return -1;
        }
    }

    private static int scopeBit(final Scope scope)
    {
        if (scope == null)
        {
            return 0;
        }
        switch (scope)
        {
            case GLOBAL:
                return RiskParameter.Scopes.GLOBAL;
            case STRATEGY:
                return RiskParameter.Scopes.STRATEGY;
            case INSTRUMENT:
                return RiskParameter.Scopes.INSTRUMENT;
            default:
                return 0;
        }
    }

    private static long deviationBps(final long deviation, final long reference)
    {
        return FixedMath.divideRoundingUp(FixedMath.scaledProduct(deviation, BPS, 0, false), reference);
    }

    private static long mix(final long value)
    {
        long h = value * 0xBF58476D1CE4E5B9L;
        h ^= h >>> 31;
        h *= 0x94D049BB133111EBL;
        return h ^ (h >>> 29);
    }
}
