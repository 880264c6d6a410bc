package io.ferrum.strategy;

/** Order types; a stop order becomes a market or limit order when a trade reaches its stop price. */
public enum OrderType
{
    MARKET,
    LIMIT,
    STOP_MARKET,
    STOP_LIMIT
}
