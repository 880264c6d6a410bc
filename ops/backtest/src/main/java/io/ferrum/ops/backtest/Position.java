package io.ferrum.ops.backtest;

/**
 * One strategy's position in one instrument, with its cost basis (fees included) in money,
 * so that reducing fills realize profit net of both the opening and the closing fees.
 */
final class Position
{
    final int instrumentId;
    final int priceExponent;
    final int sizeExponent;
    long quantity;
    long costBasis;

    Position(final int instrumentId, final int priceExponent, final int sizeExponent)
    {
        this.instrumentId = instrumentId;
        this.priceExponent = priceExponent;
        this.sizeExponent = sizeExponent;
    }
}
