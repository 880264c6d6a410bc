package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.RiskLimit;
import io.ferrum.codecs.sbe.Scope;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TradingState;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The pre-trade hook: called on the engine thread for every new order and every replace after the
 * engine's own validation (instrument, tick, lot, duplicate id, trading state) and before the
 * order leaves. It must not allocate, block or read the clock: time is
 * {@link PreTradeRequest#timestampNs()}.
 * <p>
 * The risk library (io.ferrum.risk) implements it; its state (limits, throttles, loss tracking) is
 * part of the engine's snapshot and state hash through {@link #snapshotTo} / {@link #restoreFrom}.
 * Admin commands and fills from the log are forwarded so that limits in force are those of the log.
 */
@FunctionalInterface
public interface PreTradeCheck
{
    /** Accepts every order; the default until a risk library is wired in. */
    PreTradeCheck ACCEPT_ALL = (request, result) -> {};

    /**
     * @param request the order as it would leave, with the strategy's position and exposure
     * @param result  starts accepted; call {@link PreTradeResult#reject} to refuse the order
     */
    void check(PreTradeRequest request, PreTradeResult result);

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

    /** A sequenced SetTradingState command; the engine enforces HALTED / REDUCING itself as well. */
    default void onTradingState(final Scope scope, final int targetId, final TradingState state, final long timestampNs)
    {
    }

    /** A sequenced SetRiskLimit command. */
    default void onRiskLimit(
        final Scope scope, final int targetId, final RiskLimit limit, final int valueExponent, final long value,
        final long timestampNs)
    {
    }

    /** A sequenced KillSwitch command; the engine cancels the open orders in scope and halts it. */
    default void onKillSwitch(final Scope scope, final int targetId, final long timestampNs)
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
