package io.ferrum.strategy;

/** Whether a fill added liquidity (resting order) or took it. */
public enum Liquidity
{
    MAKER,
    TAKER
}
