package io.ferrum.strategy;

/**
 * Rolling 24 h statistics of an instrument, as the venue publishes them. Prices at the price
 * exponent, quantities at the size exponent, {@link #quoteVolume()} at {@link #quoteExponent()},
 * {@link #priceChangePercent()} at {@link #percentExponent()}. Valid only during
 * {@link Strategy#onTicker}.
 */
public interface TickerView
{
    int instrumentId();

    int quoteExponent();

    int percentExponent();

    long priceChange();

    long priceChangePercent();

    long weightedAveragePrice();

    long previousClosePrice();

    long lastPrice();

    long lastQuantity();

    long bidPrice();

    long bidQuantity();

    long askPrice();

    long askQuantity();

    long openPrice();

    long highPrice();

    long lowPrice();

    long volume();

    long quoteVolume();

    long openTimeNs();

    long closeTimeNs();

    long tradeCount();
}
