package io.ferrum.risk;

import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;

/**
 * Position and open-order limits. Exposure is the worst case in the order's direction (position
 * plus every open order on that side plus this one, as if all filled), marked at the reference
 * price, against a percentage of equity: per strategy (its position in the instrument) and per
 * instrument (all strategies); a reducing order never increases it. Open orders are counted per
 * scope with this one added.
 */
final class ExposureLimits
{
    private static final int PERCENT_OF_EQUITY_SHIFT = -4; // percent at -2, then divided by 100

    private final ParameterTable table;
    private final RiskDecision decision;

    ExposureLimits(final ParameterTable table, final RiskDecision decision)
    {
        this.table = table;
        this.decision = decision;
    }

    /** @return true when within every position limit; otherwise the decision holds the rejection */
    boolean checkPositions(
        final PortfolioView view,
        final RiskOrder order,
        final boolean buy,
        final long position,
        final long reference,
        final int s,
        final int i)
    {
        final long strategyPercent = table.get(RiskParameter.MAX_POSITION_PCT_EQUITY, table.strategySlot(s));
        final long instrumentPercent = table.get(RiskParameter.MAX_POSITION_PCT_EQUITY, table.instrumentSlot(i));
        if (strategyPercent == ParameterTable.NONE && instrumentPercent == ParameterTable.NONE)
        {
            return true;
        }
        final int pe = order.priceExponent;
        if (reference <= 0)
        {
            return decision.reject(RiskRejectReason.NO_REFERENCE_PRICE, reference, 0, pe, Scope.INSTRUMENT, i);
        }
        final long equity = view.equity();
        final int shift = pe + order.sizeExponent - RiskManager.MONEY_EXPONENT;
        if (strategyPercent != ParameterTable.NONE)
        {
            final long open = openAfterReplace(buy ? view.openBuyQuantity(s, i) : view.openSellQuantity(s, i), order);
            final long worst = worstCase(buy ? position : negate(position), open, order.quantity);
            final long limit = percentOf(equity, strategyPercent);
            final long exposure = worst > 0 ? FixedMath.scaledProduct(worst, reference, shift, true) : 0;
            if (worst > 0 && FixedMath.scaledProductGreater(worst, reference, shift, limit))
            {
                return decision.reject(
                    RiskRejectReason.MAX_POSITION, exposure, limit, RiskManager.MONEY_EXPONENT, Scope.STRATEGY, s);
            }
            decision.checked(RiskRejectReason.MAX_POSITION, Scope.STRATEGY, s, RiskManager.MONEY_EXPONENT, exposure, limit);
        }
        if (instrumentPercent != ParameterTable.NONE)
        {
            final long aggregate = view.instrumentPosition(i);
            final long open = openAfterReplace(
                buy ? view.instrumentOpenBuyQuantity(i) : view.instrumentOpenSellQuantity(i), order);
            final long worst = worstCase(buy ? aggregate : negate(aggregate), open, order.quantity);
            final long limit = percentOf(equity, instrumentPercent);
            final long exposure = worst > 0 ? FixedMath.scaledProduct(worst, reference, shift, true) : 0;
            if (worst > 0 && FixedMath.scaledProductGreater(worst, reference, shift, limit))
            {
                return decision.reject(
                    RiskRejectReason.MAX_POSITION, exposure, limit, RiskManager.MONEY_EXPONENT, Scope.INSTRUMENT, i);
            }
            decision.checked(
                RiskRejectReason.MAX_POSITION, Scope.INSTRUMENT, i, RiskManager.MONEY_EXPONENT, exposure, limit);
        }
        return true;
    }

    /** @return true when one more open order fits every scope's limit; otherwise the decision holds the rejection */
    boolean checkOpenOrders(final PortfolioView view, final int s, final int i)
    {
        return checkOpenOrders(table.get(RiskParameter.MAX_OPEN_ORDERS, 0), Scope.GLOBAL, 0,
            view.totalOpenOrders()) &&
            checkOpenOrders(table.get(RiskParameter.MAX_OPEN_ORDERS, table.strategySlot(s)), Scope.STRATEGY, s,
                view.openOrders(s)) &&
            checkOpenOrders(table.get(RiskParameter.MAX_OPEN_ORDERS, table.instrumentSlot(i)), Scope.INSTRUMENT, i,
                view.instrumentOpenOrders(i));
    }

    private boolean checkOpenOrders(final long limit, final Scope scope, final int target, final int open)
    {
        if (limit == ParameterTable.NONE)
        {
            return true;
        }
        final long after = open + 1L;
        if (after > limit)
        {
            return decision.reject(RiskRejectReason.MAX_OPEN_ORDERS, after, limit, 0, scope, target);
        }
        decision.checked(RiskRejectReason.MAX_OPEN_ORDERS, scope, target, 0, after, limit);
        return true;
    }

    /** Whether filling this order, and every open one on its side, can only shrink the position toward zero. */
    static boolean reduces(final boolean buy, final long position, final long sameSideOpen, final long quantity)
    {
        final long reducible = buy ? negate(position) : position;
        return reducible > 0 && FixedMath.addSaturated(sameSideOpen, quantity) <= reducible;
    }

    /** Open quantity on the order's side, without the order a replace takes out. */
    static long openAfterReplace(final long open, final RiskOrder order)
    {
        final long remaining = order.replace ? open - order.replacedQuantity : open;
        return Math.max(0, remaining);
    }

    /** directionalPosition + open + quantity, saturated; open and quantity are non-negative. */
    private static long worstCase(final long directionalPosition, final long open, final long quantity)
    {
        final long added = FixedMath.addSaturated(open, quantity);
        return directionalPosition > 0 ? FixedMath.addSaturated(directionalPosition, added) : directionalPosition + added;
    }

    private static long negate(final long value)
    {
        return value == Long.MIN_VALUE ? Long.MAX_VALUE : -value;
    }

    private static long percentOf(final long equity, final long percent)
    {
        return equity <= 0 ? 0 : FixedMath.scaledProduct(equity, percent, PERCENT_OF_EQUITY_SHIFT, false);
    }
}
