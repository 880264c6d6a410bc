package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.FeedStatusDecoder;
import io.ferrum.codecs.sbe.KillSwitchDecoder;
import io.ferrum.codecs.sbe.SetRiskLimitDecoder;
import io.ferrum.codecs.sbe.SetTradingStateDecoder;
import io.ferrum.codecs.sbe.Side;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The pre-trade hook: called on the engine thread for every new order and every replace after the
 * engine's own validation (instrument, tick, lot, duplicate id, trading state) and before the
 * order leaves. It must not allocate, block or read the clock: time is
 * {@link PreTradeRequest#timestampNs()}.
 * <p>
 * {@link RiskPreTradeCheck} (the risk library, io.ferrum.risk) implements it and is what the
 * builders of an engine give it ({@link RiskPreTradeCheck#withoutLimits} when there are no limits):
 * it is the one keeper of trading states (operator, loss latches, feed), so an engine given another
 * implementation enforces only what that implementation checks. The engine knows only this
 * interface, and the check knows the engine only through {@link EngineView} and
 * {@link EngineActions}. Its state (limits,
 * throttles, loss tracking) is part of the engine's snapshot and state hash through
 * {@link #snapshotTo} / {@link #restoreFrom}. Admin commands and fills from the log are forwarded
 * so that limits in force are those of the log.
 */
@FunctionalInterface
public interface PreTradeCheck
{
    /**
     * @param request the order as it would leave, with the strategy's position and exposure
     * @param result  starts accepted; call {@link PreTradeResult#reject} to refuse the order
     */
    void check(PreTradeRequest request, PreTradeResult result);

    /**
     * Called once by the engine's constructor, before any input: what the check may read of the
     * engine it serves, and what it may do to it.
     */
    default void attach(final EngineView engine, final EngineActions actions)
    {
    }

    /**
     * Period of the engine's risk timer in log time; 0 for none. The engine arms it from the first
     * input it processes (never at start) and re-arms it every time it fires.
     */
    default long timerIntervalNs()
    {
        return 0;
    }

    /** The periodic risk timer fired (log time): daily resets, time stops, loss limits. */
    default void onTimer(final long timestampNs)
    {
    }

    /**
     * Whether orders must be covered by the venue account's balances: the engine then reserves what each sent
     * order needs until the venue's balances show it ({@link io.ferrum.engine.order.SpotAccount}).
     */
    default boolean checksBalances()
    {
        return false;
    }

    /** An order passed every check and was sent (for rate throttles and open-order counts). */
    default void onOrderSent(final PreTradeRequest request)
    {
    }

    /** A fill was applied to a strategy's position (for loss and drawdown tracking). */
    default void onFill(
        final int strategyId, final int instrumentId, final Side side, final long price, final long quantity,
        final long realizedPnl, final long equity, final long timestampNs)
    {
    }

    /**
     * A sequenced SetTradingState command; the decoder is rewound and valid only during the call.
     *
     * @return true when applied; false when refused (invalid target or value), which the engine logs
     */
    default boolean onTradingState(final SetTradingStateDecoder command, final long timestampNs)
    {
        return true;
    }

    /**
     * A sequenced SetRiskLimit command; the decoder is valid only during the call.
     *
     * @return true when applied; false when refused, which the engine logs
     */
    default boolean onRiskLimit(final SetRiskLimitDecoder command, final long timestampNs)
    {
        return true;
    }

    /**
     * A sequenced KillSwitch command, before the engine cancels the open orders in scope (in the
     * same input).
     *
     * @return true when applied (the engine then cancels); false when refused, which the engine logs
     */
    default boolean onKillSwitch(final KillSwitchDecoder command, final long timestampNs)
    {
        return true;
    }

    /** A FeedStatus off the log (feed health for stale-data rules); valid only during the call. */
    default void onFeedStatus(final FeedStatusDecoder status, final long timestampNs)
    {
    }

    /**
     * The reference price of an instrument changed (book, top of book or trade), after the engine
     * applied the input: the place for price-driven stop-loss rules.
     */
    default void onReferencePrice(final int instrumentId, final long referencePrice, final long timestampNs)
    {
    }

    /** Writes the check's state for the engine snapshot; returns bytes written. */
    default int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        return 0;
    }

    /** Restores what {@link #snapshotTo} wrote ({@code length} may be 0). */
    default void restoreFrom(final DirectBuffer buffer, final int offset, final int length)
    {
    }
}
