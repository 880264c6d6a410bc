package io.ferrum.engine.order;

import io.ferrum.codecs.sbe.Liquidity;
import io.ferrum.codecs.sbe.OrderStatus;
import io.ferrum.codecs.sbe.OrderType;
import io.ferrum.codecs.sbe.Side;
import io.ferrum.codecs.sbe.TimeInForce;

/**
 * Between the SBE enums the engine keeps and sends and the strategy API's own: the API does not
 * expose the wire schema, so that a schema change cannot break a compiled strategy. Switches, no
 * allocation; null stays null (an order builder before its side is set).
 * {@code StrategyTypesTest} checks that every constant has its counterpart.
 */
public final class StrategyTypes
{
    private StrategyTypes()
    {
    }

    public static io.ferrum.strategy.Side toApi(final Side side)
    {
        if (null == side)
        {
            return null;
        }
        switch (side)
        {
            case BUY: return io.ferrum.strategy.Side.BUY;
            case SELL: return io.ferrum.strategy.Side.SELL;
            default: return null;
        }
    }

    public static Side toSbe(final io.ferrum.strategy.Side side)
    {
        if (null == side)
        {
            return null;
        }
        switch (side)
        {
            case BUY: return Side.BUY;
            case SELL: return Side.SELL;
            default: return null;
        }
    }

    public static io.ferrum.strategy.OrderType toApi(final OrderType type)
    {
        if (null == type)
        {
            return null;
        }
        switch (type)
        {
            case MARKET: return io.ferrum.strategy.OrderType.MARKET;
            case LIMIT: return io.ferrum.strategy.OrderType.LIMIT;
            case STOP_MARKET: return io.ferrum.strategy.OrderType.STOP_MARKET;
            case STOP_LIMIT: return io.ferrum.strategy.OrderType.STOP_LIMIT;
            default: return null;
        }
    }

    public static io.ferrum.strategy.TimeInForce toApi(final TimeInForce timeInForce)
    {
        if (null == timeInForce)
        {
            return null;
        }
        switch (timeInForce)
        {
            case GTC: return io.ferrum.strategy.TimeInForce.GTC;
            case IOC: return io.ferrum.strategy.TimeInForce.IOC;
            case FOK: return io.ferrum.strategy.TimeInForce.FOK;
            default: return null;
        }
    }

    public static TimeInForce toSbe(final io.ferrum.strategy.TimeInForce timeInForce)
    {
        if (null == timeInForce)
        {
            return null;
        }
        switch (timeInForce)
        {
            case GTC: return TimeInForce.GTC;
            case IOC: return TimeInForce.IOC;
            case FOK: return TimeInForce.FOK;
            default: return null;
        }
    }

    public static io.ferrum.strategy.OrderStatus toApi(final OrderStatus status)
    {
        if (null == status)
        {
            return null;
        }
        switch (status)
        {
            case PENDING_NEW: return io.ferrum.strategy.OrderStatus.PENDING_NEW;
            case ACKNOWLEDGED: return io.ferrum.strategy.OrderStatus.ACKNOWLEDGED;
            case PARTIALLY_FILLED: return io.ferrum.strategy.OrderStatus.PARTIALLY_FILLED;
            case FILLED: return io.ferrum.strategy.OrderStatus.FILLED;
            case CANCELED: return io.ferrum.strategy.OrderStatus.CANCELED;
            case REJECTED: return io.ferrum.strategy.OrderStatus.REJECTED;
            case EXPIRED: return io.ferrum.strategy.OrderStatus.EXPIRED;
            default: return null;
        }
    }

    public static io.ferrum.strategy.Liquidity toApi(final Liquidity liquidity)
    {
        if (null == liquidity)
        {
            return null;
        }
        switch (liquidity)
        {
            case MAKER: return io.ferrum.strategy.Liquidity.MAKER;
            case TAKER: return io.ferrum.strategy.Liquidity.TAKER;
            default: return null;
        }
    }
}
