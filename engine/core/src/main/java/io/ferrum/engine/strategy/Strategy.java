package io.ferrum.engine.strategy;

import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.Ticker24hDecoder;
import io.ferrum.engine.book.OrderBook;
import io.ferrum.engine.order.Order;
import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

/**
 * The strategy contract (E2). A strategy is a self-contained package under
 * {@code io.ferrum.engine.strategy.<name>} that depends on this API only, never on another
 * strategy. The engine calls it on its single thread, in log order, for every instrument; a
 * strategy filters the instruments it trades.
 * <p>
 * Rules: no wall clock (time is {@link StrategyContext#timeNs()}), no unseeded randomness (keep
 * the seed and generator state in the strategy's snapshot), no threads or I/O, no allocation per
 * event. Everything the strategy needs to behave the same after a restart must be written by
 * {@link #snapshotTo} and read by {@link #restoreFrom}; the engine includes it in its state hash.
 * Prices and quantities are mantissas at the instrument's exponents.
 */
public interface Strategy
{
    /** Unique positive id, stamped on every order of this strategy. */
    int strategyId();

    /** Called once when the engine is built; keep the context. Do not arm timers here: only from log-driven callbacks. */
    void onStart(StrategyContext context);

    /** A venue trade (from @trade or @aggTrade). */
    default void onTrade(
        final int instrumentId, final long price, final long quantity, final Side aggressor, final long timestampNs)
    {
    }

    /** The instrument's L2 book changed (snapshot or delta applied); check {@link OrderBook#isTwoSided()}. */
    default void onBook(final OrderBook book)
    {
    }

    /** A top-of-book update (@bookTicker); prices 0 when a side is empty. */
    default void onBestBidAsk(
        final int instrumentId, final long bidPrice, final long bidQuantity, final long askPrice, final long askQuantity)
    {
    }

    /** Rolling 24 h statistics; the decoder is valid only during the call. */
    default void onTicker(final int instrumentId, final Ticker24hDecoder ticker)
    {
    }

    /** A timer armed through {@link StrategyContext#scheduleTimer(long)} fired. */
    default void onTimer(final long timerId, final long timestampNs)
    {
    }

    /** One of this strategy's orders changed status; the order is valid only during the call. */
    default void onOrderUpdate(final Order order)
    {
    }

    /**
     * One of this strategy's orders was (partly) filled; the position is already updated.
     *
     * @param fee at the portfolio's money exponent
     */
    default void onFill(
        final Order order, final long price, final long quantity, final long fee, final Liquidity liquidity)
    {
    }

    /** Writes the strategy's state (parameters that can change, counters, generator state); returns bytes written. */
    int snapshotTo(MutableDirectBuffer buffer, int offset);

    /** Restores what {@link #snapshotTo} wrote. */
    void restoreFrom(DirectBuffer buffer, int offset, int length);
}
