package io.ferrum.risk;

/**
 * What the engine shows risk about its portfolio, read on the engine thread during a
 * check or a hook. Primitive getters only, so that a check allocates nothing.
 * <p>
 * Units: quantities at the instrument's size exponent and prices at its price exponent
 * (the exponents the engine's orders use for that instrument); money (equity, P&amp;L) at
 * {@link RiskManager#MONEY_EXPONENT}. Ids outside the engine's tables return 0.
 */
public interface PortfolioView
{
    /** {@link #spendable}'s answer when the balance rule does not apply. */
    long NOT_CHECKED = Long.MIN_VALUE;

    /** Signed position of a strategy in an instrument: positive long, negative short. */
    long position(int strategyId, int instrumentId);

    /** Remaining (leaves) quantity of the strategy's open buy orders in the instrument. */
    long openBuyQuantity(int strategyId, int instrumentId);

    /** Remaining (leaves) quantity of the strategy's open sell orders in the instrument. */
    long openSellQuantity(int strategyId, int instrumentId);

    /** Net position in the instrument over all strategies. */
    long instrumentPosition(int instrumentId);

    long instrumentOpenBuyQuantity(int instrumentId);

    long instrumentOpenSellQuantity(int instrumentId);

    /** Average entry price of the strategy's position; 0 when flat. */
    long averageEntryPrice(int strategyId, int instrumentId);

    int openOrders(int strategyId);

    int instrumentOpenOrders(int instrumentId);

    int totalOpenOrders();

    /** Mid when the book has both sides, else the last trade; 0 or less when unknown. */
    long referencePrice(int instrumentId);

    /** Portfolio equity marked at reference prices. */
    long equity();

    /** Highest equity seen (the engine keeps it; drawdown is measured from it). */
    long equityPeak();

    /** Realized plus unrealized P&amp;L of the whole portfolio, fees included. */
    long totalPnl();

    /** Realized plus unrealized P&amp;L of one strategy, fees included. */
    long strategyPnl(int strategyId);

    /**
     * What the order being checked may spend, at {@link RiskManager#BALANCE_EXPONENT}: the venue account's free
     * balance of the asset it pays with (the instrument's quote asset for a buy, its base asset for a sell), less
     * what the engine reserved for orders the venue's balances do not show yet, plus what a replaced order frees;
     * 0 while nothing is known of the account; {@link #NOT_CHECKED} when the balance rule does not apply (the
     * default: a venue that reports no balances).
     */
    default long spendable(final int instrumentId, final boolean buy)
    {
        return NOT_CHECKED;
    }
}
