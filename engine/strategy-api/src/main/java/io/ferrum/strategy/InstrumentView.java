package io.ferrum.strategy;

/**
 * A tradable instrument. Prices are {@code long} mantissas at {@link #priceExponent()}, quantities
 * at {@link #sizeExponent()}: price 6 512 345 at exponent -2 is 65 123.45.
 */
public interface InstrumentView
{
    int instrumentId();

    /** The venue's symbol, e.g. {@code BTCUSDT}. */
    String symbol();

    int priceExponent();

    int sizeExponent();

    /** Price increment, a mantissa at the price exponent. */
    long tickSize();

    /** Quantity increment, a mantissa at the size exponent. */
    long lotSize();

    /** Positive and a multiple of the tick. */
    boolean isValidPrice(long price);

    /** Positive and a multiple of the lot. */
    boolean isValidQuantity(long quantity);

    long roundPriceDown(long price);

    long roundPriceUp(long price);

    long roundQuantityDown(long quantity);
}
