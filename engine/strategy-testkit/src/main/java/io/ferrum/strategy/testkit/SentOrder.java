package io.ferrum.strategy.testkit;

import io.ferrum.strategy.OrderType;
import io.ferrum.strategy.Side;

/**
 * An order message the engine sent to the venue: a new order, a cancel ({@code type} null) or a
 * replace ({@code replacedClientOrderId} set). Prices and quantities as mantissas.
 */
public record SentOrder(
    long clientOrderId,
    long replacedClientOrderId,
    int strategyId,
    int instrumentId,
    Side side,
    OrderType type,
    long price,
    long quantity,
    boolean postOnly,
    boolean reduceOnly)
{
    public boolean isCancel()
    {
        return null == type && replacedClientOrderId == 0;
    }

    public boolean isReplace()
    {
        return replacedClientOrderId != 0;
    }
}
