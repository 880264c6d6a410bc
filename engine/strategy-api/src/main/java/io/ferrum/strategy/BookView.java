package io.ferrum.strategy;

/**
 * An instrument's L2 order book as the engine keeps it from the venue's feed (never including the
 * strategy's own simulated depletion). Level 0 is the best; a side's prices are 0 when it is
 * empty. Valid during the callback that received it, and on later reads through
 * {@link StrategyContext#book(int)}; never modify it.
 */
public interface BookView
{
    int instrumentId();

    InstrumentView instrument();

    long bestBidPrice();

    long bestBidQuantity();

    long bestAskPrice();

    long bestAskQuantity();

    /** Both sides present and not crossed. */
    boolean isTwoSided();

    boolean isCrossed();

    /** {@code (bestBid + bestAsk) / 2} rounded toward zero; 0 unless {@link #isTwoSided()}. */
    long midPrice();

    /** {@code bestAsk - bestBid}; 0 unless {@link #isTwoSided()}. */
    long spread();

    int bidLevels();

    int askLevels();

    /** The price of bid level {@code level} (0 = best), {@code level < bidLevels()}. */
    long bidPrice(int level);

    long bidQuantity(int level);

    long askPrice(int level);

    long askQuantity(int level);

    /** The venue's update id of the last applied snapshot or delta. */
    long lastUpdateId();

    /** Log time of the last change. */
    long lastUpdateTimeNs();
}
