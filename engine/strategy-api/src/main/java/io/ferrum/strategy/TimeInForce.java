package io.ferrum.strategy;

/** Good till cancelled, immediate or cancel, fill or kill. */
public enum TimeInForce
{
    GTC,
    IOC,
    FOK
}
