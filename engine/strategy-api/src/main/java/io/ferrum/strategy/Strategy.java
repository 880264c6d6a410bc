package io.ferrum.strategy;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The strategy contract. The engine calls a strategy on its single thread, in the order of the
 * replicated log, for every instrument (a strategy filters the instruments it trades), and every
 * member of the cluster and every replay or backtest makes the same calls in the same order.
 * <h2>Rules</h2>
 * <ul>
 * <li>No wall clock: time is {@link StrategyContext#timeNs()} (the log's time).</li>
 * <li>No unseeded randomness: keep the seed and the generator's state in the snapshot.</li>
 * <li>No threads, no I/O, no static mutable state, no iteration over identity-hashed collections.</li>
 * <li>No allocation per event: allocate in the constructor and {@link #onStart}.</li>
 * <li>Everything that decides future behaviour is written by {@link #snapshotTo} and read back by
 * {@link #restoreFrom}; the engine includes these bytes in its state hash.</li>
 * <li>An exception thrown from a callback is caught and counted by the engine ({@code strategy_errors});
 * the input is not retried.</li>
 * </ul>
 * Prices and quantities are {@code long} mantissas at the instrument's exponents
 * ({@link InstrumentView}); money at {@link StrategyContext#moneyExponent()}.
 * <h2>Loading</h2>
 * A strategy loaded by configuration has a public constructor taking {@link StrategyParameters}
 * (its {@code strategy.<name>.} entries) and throws {@link IllegalArgumentException} for invalid
 * ones; the engine refuses to start then.
 */
public interface Strategy
{
    /** Unique positive id, stamped on every order of this strategy. */
    int strategyId();

    /** Called once when the engine is built; keep the context. Do not arm timers here: only from log-driven callbacks. */
    void onStart(StrategyContext context);

    /** A venue trade (from the trade or aggregate-trade stream). */
    default void onTrade(
        final int instrumentId, final long price, final long quantity, final Side aggressor, final long timestampNs)
    {
    }

    /** The instrument's L2 book changed (snapshot or delta applied); check {@link BookView#isTwoSided()}. */
    default void onBook(final BookView book)
    {
    }

    /** A top-of-book update; prices 0 when a side is empty. */
    default void onBestBidAsk(
        final int instrumentId, final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
    }

    /** Rolling 24 h statistics; the view is valid only during the call. */
    default void onTicker(final int instrumentId, final TickerView ticker)
    {
    }

    /** A timer armed through {@link StrategyContext#scheduleTimer(long)} fired. */
    default void onTimer(final long timerId, final long timestampNs)
    {
    }

    /** One of this strategy's orders changed status; the order is valid only during the call. */
    default void onOrderUpdate(final OrderView order)
    {
    }

    /**
     * One of this strategy's orders was (partly) filled; the position is already updated.
     *
     * @param fee at the money exponent (negative for a rebate)
     */
    default void onFill(
        final OrderView order, final long price, final long quantity, final long fee, final Liquidity liquidity)
    {
    }

    /** Writes the strategy's state (counters, order ids it follows, generator state); returns the bytes written. */
    int snapshotTo(MutableDirectBuffer buffer, int offset);

    /** Restores what {@link #snapshotTo} wrote; throws {@link IllegalStateException} for bytes it cannot read. */
    void restoreFrom(DirectBuffer buffer, int offset, int length);
}
