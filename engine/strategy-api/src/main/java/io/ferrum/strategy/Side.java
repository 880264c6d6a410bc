package io.ferrum.strategy;

/** Side of an order or of a trade's aggressor. */
public enum Side
{
    BUY,
    SELL
}
