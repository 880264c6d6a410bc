package io.ferrum.engine.order;

/** The price an instrument is marked at for unrealized P&amp;L and equity; 0 when there is none yet. */
@FunctionalInterface
public interface MarkPrices
{
    long markPrice(int instrumentId);
}
