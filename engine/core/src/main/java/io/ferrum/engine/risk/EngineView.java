package io.ferrum.engine.risk;

import io.ferrum.codecs.sbe.Side;
import io.ferrum.engine.instrument.InstrumentRegistry;

/**
 * What the engine shows its {@link PreTradeCheck}: the instruments and strategies it serves, its
 * positions, open orders, marks and money. Read-only, so that a check cannot change the engine's
 * state behind the log's back, and narrow, so that risk depends on this interface rather than on
 * the engine's classes (the engine depends on risk, never the other way).
 * <p>
 * Every getter is a primitive read or loop over the engine's own tables on the engine thread: no
 * allocation. Prices and quantities are at the instrument's exponents, money at
 * {@link #moneyExponent()}. Where a getter says so, a strategy id of 0 means every strategy and an
 * instrument id of 0 every instrument.
 */
public interface EngineView
{
    InstrumentRegistry instruments();

    /** Strategies the engine runs, in registration order. */
    int strategyCount();

    int strategyId(int index);

    /** Log position of the input being applied: the cause of anything the check publishes. */
    long logPosition();

    int moneyExponent();

    /** Signed position of one strategy in an instrument; 0 when none. */
    long positionQuantity(int strategyId, int instrumentId);

    /** Net signed position in an instrument over every strategy. */
    long instrumentPositionQuantity(int instrumentId);

    /** Average entry price of a strategy's position; 0 when flat or unknown. */
    long averageEntryPrice(int strategyId, int instrumentId);

    /** Unfilled quantity of the open orders on one side in an instrument; strategy 0: every strategy. */
    long openQuantity(int strategyId, int instrumentId, Side side);

    /** Open orders; strategy 0: every strategy, instrument 0: every instrument. */
    int openOrderCount(int strategyId, int instrumentId);

    /** Every open order. */
    int openOrderCount();

    /** Leaves quantity of an order; 0 when unknown or done. */
    long leavesQuantity(long clientOrderId);

    /** Book mid, else top-of-book mid, else last trade; 0 when the engine has no price yet. */
    long referencePrice(int instrumentId);

    /** Initial equity + realized - fees + unrealized at reference prices. */
    long equity();

    /** Realized P&amp;L before fees; strategy 0: every strategy. */
    long realizedPnl(int strategyId);

    /** Fees paid; strategy 0: every strategy. */
    long fees(int strategyId);

    /** Unrealized P&amp;L at reference prices; strategy 0: every strategy. */
    long unrealizedPnl(int strategyId);

    /**
     * What an order on the instrument may spend of the asset it pays with, at the risk library's balance
     * exponent: the account's free balance less the engine's reservations, plus what the replaced order
     * ({@code replacedClientOrderId}, 0 for a new order) holds; 0 before the venue's first balances.
     */
    long spendable(int instrumentId, boolean buy, long replacedClientOrderId);
}
