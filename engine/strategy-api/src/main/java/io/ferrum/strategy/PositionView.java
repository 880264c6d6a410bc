package io.ferrum.strategy;

/**
 * The strategy's position in one instrument, average-cost accounting. Quantities at the
 * instrument's size exponent (signed: short is negative), money at the engine's money exponent
 * ({@link StrategyContext#moneyExponent()}) in the instrument's quote currency. Fees are kept
 * apart from the cost basis: net realized P&amp;L is {@code realizedPnl() - fees()}.
 */
public interface PositionView
{
    int strategyId();

    int instrumentId();

    InstrumentView instrument();

    /** Signed quantity. */
    long quantity();

    /** Signed cost of the open quantity. */
    long costBasis();

    /** {@code |costBasis| / |quantity|} at the price exponent; 0 when flat. */
    long averagePrice();

    /** Realized P&amp;L before fees. */
    long realizedPnl();

    /** Fees paid (negative for rebates). */
    long fees();

    /** {@code notional(markPrice, quantity) - costBasis}. */
    long unrealizedPnl(long markPrice);

    long boughtQuantity();

    long soldQuantity();

    long fillCount();

    /** Sum of |fill notional|, at the money exponent. */
    long tradedNotional();
}
