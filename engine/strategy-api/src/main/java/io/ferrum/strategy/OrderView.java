package io.ferrum.strategy;

/**
 * One of the strategy's orders. The engine pools orders: read it during the callback, or fetch it
 * again by id through {@link StrategyContext#order(long)}; never keep the reference across
 * callbacks. Prices at the instrument's price exponent, quantities at its size exponent.
 */
public interface OrderView
{
    long clientOrderId();

    int strategyId();

    int instrumentId();

    Side side();

    OrderType orderType();

    TimeInForce timeInForce();

    OrderStatus status();

    boolean isPostOnly();

    boolean isReduceOnly();

    /** Limit price; 0 for market orders. */
    long price();

    /** Trigger price of stop orders; 0 otherwise. */
    long stopPrice();

    long quantity();

    long filledQuantity();

    /** Quantity still working: 0 once terminal. */
    long leavesQuantity();

    /** Sum of fill price times fill quantity, at the money exponent. */
    long filledNotional();

    long createdNs();

    long updatedNs();

    /** For an order created by a replace: the order it replaces; else 0. */
    long replacesClientOrderId();

    /** While a replace of this order is pending: the new order's id; else 0. */
    long replacedByClientOrderId();

    boolean isCancelRequested();

    /** True once a stop order's trigger was reported. */
    boolean isTriggered();

    boolean isTerminal();
}
