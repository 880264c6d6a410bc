package io.ferrum.risk;

import io.ferrum.codecs.sbe.RiskRejectReason;
import io.ferrum.codecs.sbe.Scope;

/**
 * The outcome of the last {@link RiskManager#check}: accepted, or the reason with the
 * value the order would have reached and the limit in force, both at
 * {@link #valueExponent()}, as the RiskReject message carries them. For an accepted
 * order, observed and limit are its notional and the tightest notional limit
 * ({@link Long#MAX_VALUE} when none). Owned and reused by the {@link RiskManager}: read it
 * before the next check.
 * <p>
 * The audit trail: {@link #checkCount()} entries, one per rule evaluated with a limit in force,
 * in check order, each with its rule, scope, the value the order reached and the limit (a
 * reject's failing rule is the last entry). Primitive arrays, filled without allocation.
 */
public final class RiskDecision
{
    /** Most rules one check evaluates: quantity, notional, band, 2 positions, 3 open-order, balance and 2 rate scopes. */
    public static final int MAX_CHECKS = 13;
    private static final short NO_SCOPE = -1;

    /** Rule and scope as their SBE values, not enum references: no GC barrier per stored check. */
    private final short[] checkRule = new short[MAX_CHECKS + 1];
    private final short[] checkScope = new short[MAX_CHECKS + 1];
    private final int[] checkTarget = new int[MAX_CHECKS + 1];
    private final int[] checkExponent = new int[MAX_CHECKS + 1];
    private final long[] checkObserved = new long[MAX_CHECKS + 1];
    private final long[] checkLimit = new long[MAX_CHECKS + 1];
    private int checks;
    private long price;
    private long quantity;
    private RiskRejectReason reason;
    private long observed;
    private long limit;
    private int valueExponent;
    private Scope scope;
    private int scopeTarget;
    private long clientOrderId;
    private int strategyId;
    private int instrumentId;
    private long timestampNs;
    private long acceptedPrice;
    private long acceptedQuantity;
    private int notionalShift;

    void begin(final RiskOrder order, final long nowNs)
    {
        reason = null;
        observed = 0;
        acceptedPrice = 0;
        acceptedQuantity = 0;
        limit = 0;
        valueExponent = 0;
        scope = null;
        scopeTarget = 0;
        checks = 0;
        price = order.price;
        quantity = order.quantity;
        clientOrderId = order.clientOrderId;
        strategyId = order.strategyId;
        instrumentId = order.instrumentId;
        timestampNs = nowNs;
    }

    /** For the audit trail of an accepted order: its notional and the tightest notional limit (MAX_VALUE: none). */
    void accept(
        final long price, final long quantity, final int notionalShift, final long notionalLimit, final int valueExponent)
    {
        // The notional is worked out only if asked for: a 128-bit division the accept path does not need.
        this.acceptedPrice = price;
        this.price = price;
        this.acceptedQuantity = quantity;
        this.notionalShift = notionalShift;
        this.limit = notionalLimit;
        this.valueExponent = valueExponent;
    }

    boolean reject(
        final RiskRejectReason reason,
        final long observed,
        final long limit,
        final int valueExponent,
        final Scope scope,
        final int scopeTarget)
    {
        this.reason = reason;
        this.observed = observed;
        this.limit = limit;
        this.valueExponent = valueExponent;
        this.scope = scope;
        this.scopeTarget = scopeTarget;
        if (reason.value() <= RiskRejectReason.MAX_OPEN_ORDERS.value()) // a limit rule, not a state or bad input
        {
            checked(reason, scope, scopeTarget, valueExponent, observed, limit);
        }
        return false;
    }

    /** One rule evaluated with a limit in force: its value and limit, for the audit trail. */
    void checked(
        final RiskRejectReason rule,
        final Scope scope,
        final int target,
        final int exponent,
        final long observed,
        final long limit)
    {
        if (checks < checkRule.length)
        {
            checkRule[checks] = rule.value();
            checkScope[checks] = scope == null ? NO_SCOPE : scope.value();
            checkTarget[checks] = target;
            checkExponent[checks] = exponent;
            checkObserved[checks] = observed;
            checkLimit[checks] = limit;
            checks++;
        }
    }

    /** Rules evaluated with a limit in force, for the audit trail. */
    public int checkCount()
    {
        return checks;
    }

    public RiskRejectReason checkRule(final int index)
    {
        return RiskRejectReason.get(checkRule[index]);
    }

    public Scope checkScope(final int index)
    {
        return checkScope[index] == NO_SCOPE ? null : Scope.get(checkScope[index]);
    }

    public int checkTarget(final int index)
    {
        return checkTarget[index];
    }

    public int checkExponent(final int index)
    {
        return checkExponent[index];
    }

    public long checkObserved(final int index)
    {
        return checkObserved[index];
    }

    public long checkLimit(final int index)
    {
        return checkLimit[index];
    }

    /** The price checked: the order's, or the reference price for an accepted market order. */
    public long price()
    {
        return price;
    }

    public long quantity()
    {
        return quantity;
    }

    public boolean accepted()
    {
        return reason == null;
    }

    /** Why the order was refused; null when accepted. */
    public RiskRejectReason reason()
    {
        return reason;
    }

    /** The value checked: for a reject the value the order would have reached, for an accept its notional. */
    public long observed()
    {
        return accepted() ? FixedMath.scaledProduct(acceptedPrice, acceptedQuantity, notionalShift, true) : observed;
    }

    public long limit()
    {
        return limit;
    }

    public int valueExponent()
    {
        return valueExponent;
    }

    /** Scope of the limit or state that refused it; null when accepted or for invalid input. */
    public Scope scope()
    {
        return scope;
    }

    /** Strategy or instrument id of that scope; 0 for global. */
    public int scopeTarget()
    {
        return scopeTarget;
    }

    public long clientOrderId()
    {
        return clientOrderId;
    }

    public int strategyId()
    {
        return strategyId;
    }

    public int instrumentId()
    {
        return instrumentId;
    }

    public long timestampNs()
    {
        return timestampNs;
    }

    /** For logs (cold path: allocates). */
    @Override
    public String toString()
    {
        if (accepted())
        {
            return "accepted{clientOrderId=" + clientOrderId + ", notional=" +
                io.ferrum.codecs.decimal.FixedPoint.format(observed(), valueExponent) + "}";
        }
        return "rejected{reason=" + reason + ", observed=" +
            io.ferrum.codecs.decimal.FixedPoint.format(observed, valueExponent) + ", limit=" +
            io.ferrum.codecs.decimal.FixedPoint.format(limit, valueExponent) + ", scope=" + scope + ":" + scopeTarget +
            ", clientOrderId=" + clientOrderId + "}";
    }
}
