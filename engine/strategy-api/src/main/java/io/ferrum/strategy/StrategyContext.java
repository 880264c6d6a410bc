package io.ferrum.strategy;

/**
 * What a strategy can see and do, bound to that strategy: it sees its own orders, positions, P&amp;L
 * and timers, and every market. Orders pass the engine's validation and the pre-trade risk check
 * before they leave; a refused order returns a negative result ({@link RejectReason#ofResult(long)})
 * and is also reported on the engine's output.
 */
public interface StrategyContext
{
    int strategyId();

    /** The log time of the input being processed: the only clock. */
    long timeNs();

    /** Null when unknown. */
    InstrumentView instrument(int instrumentId);

    /** Null when the instrument is unknown. */
    BookView book(int instrumentId);

    /** Last trade price, 0 before the first trade. */
    long lastTradePrice(int instrumentId);

    /** Book mid, else top-of-book mid, else last trade; 0 when none. */
    long referencePrice(int instrumentId);

    /** False while the feed of the instrument (or the whole connection) reports a non-healthy state. */
    boolean isFeedHealthy(int instrumentId);

    /** Starts a new order: fill the returned builder and call {@link OrderRequest#send()}. */
    OrderRequest newOrder();

    /** Requests a cancel; false when this strategy has no such open order. */
    boolean cancel(long clientOrderId);

    /** Cancel-replace (LIMIT and STOP_LIMIT) with a new price and quantity; the new client order id, or a negative reject. */
    long replace(long clientOrderId, long newPrice, long newQuantity);

    /** One of this strategy's open orders, else null. */
    OrderView order(long clientOrderId);

    /** This strategy's open orders in an instrument (0: all instruments). */
    int openOrderCount(int instrumentId);

    /** This strategy's position, null before its first order in the instrument. */
    PositionView position(int instrumentId);

    /** Signed position quantity, 0 when none. */
    long positionQuantity(int instrumentId);

    /** This strategy's realized P&amp;L before fees, money exponent. */
    long realizedPnl();

    /** This strategy's fees, money exponent. */
    long fees();

    /** This strategy's unrealized P&amp;L at reference prices, money exponent. */
    long unrealizedPnl();

    /** The exponent of every money amount (P&amp;L, fees, cost basis); -8 unless configured. */
    int moneyExponent();

    /**
     * Arms a timer that fires as a log event at or after {@code deadlineNs}; only from a
     * log-driven callback (never from {@link Strategy#onStart}).
     *
     * @return the timer id, or -1 when refused (outside a callback, or the scheduler refused it)
     */
    long scheduleTimer(long deadlineNs);

    boolean cancelTimer(long timerId);
}
