package io.ferrum.risk;

import org.agrona.DirectBuffer;
import org.agrona.MutableDirectBuffer;

import java.util.Arrays;

/**
 * Stop-loss state of every (strategy, instrument) position: when it opened, its entry and
 * its best price since, and when a stop last fired. The rules in force for a position are
 * the tightest of its global, strategy and instrument settings; the first rule that fires
 * (fixed, trailing, volatility, time) is reported once, and again every retry interval
 * while the position stays open, in case the closing order was refused or did not fill.
 */
final class StopLossMonitor
{
    private static final long NOT_TRIGGERED = Long.MIN_VALUE;
    private static final long NS_PER_SECOND = 1_000_000_000L;
    private static final int BPS_SHIFT = -4;
    private static final int MULTIPLE_SHIFT = RiskManager.MULTIPLE_EXPONENT;
    private static final int PPM_SHIFT = -6;

    private final int instruments;
    private final ParameterTable table;
    private final VolatilityEstimator volatility;
    private final long retryNs;
    private final long[] position;
    private final long[] openedAtNs;
    private final long[] entryPrice;
    private final long[] bestPrice;
    private final long[] triggeredAtNs;
    private final byte[] priceExponent;
    private int openPositions;
    /**
     * One past the highest strategy id with a position opened since the last time none was open:
     * price and timer evaluation loop up to it, not over every strategy slot of the capacity.
     */
    private int strategyBound;

    StopLossMonitor(
        final int strategies,
        final int instruments,
        final ParameterTable table,
        final VolatilityEstimator volatility,
        final long retryNs)
    {
        this.instruments = instruments;
        this.table = table;
        this.volatility = volatility;
        this.retryNs = retryNs;
        final int n = strategies * instruments;
        position = new long[n];
        openedAtNs = new long[n];
        entryPrice = new long[n];
        bestPrice = new long[n];
        triggeredAtNs = new long[n];
        priceExponent = new byte[instruments];
        reset();
    }

    void reset()
    {
        Arrays.fill(position, 0);
        Arrays.fill(openedAtNs, 0);
        Arrays.fill(entryPrice, 0);
        Arrays.fill(bestPrice, 0);
        Arrays.fill(triggeredAtNs, NOT_TRIGGERED);
        Arrays.fill(priceExponent, (byte)0);
        openPositions = 0;
        strategyBound = 0;
    }

    /** After the engine applied a fill: follows the position's opening, growth, flip and close. */
    void onFill(
        final int strategyId,
        final int instrumentId,
        final int instrumentPriceExponent,
        final long fillPrice,
        final long nowNs,
        final PortfolioView view)
    {
        final int k = strategyId * instruments + instrumentId;
        final long before = position[k];
        final long after = view.position(strategyId, instrumentId);
        priceExponent[instrumentId] = (byte)instrumentPriceExponent;
        if (after == 0)
        {
            if (before != 0 && --openPositions == 0)
            {
                strategyBound = 0;
            }
            position[k] = 0;
            triggeredAtNs[k] = NOT_TRIGGERED;
            return;
        }
        final long averageEntry = view.averageEntryPrice(strategyId, instrumentId);
        if (before == 0 || Long.signum(before) != Long.signum(after))
        {
            if (before == 0)
            {
                openPositions++;
                strategyBound = Math.max(strategyBound, strategyId + 1);
            }
            openedAtNs[k] = nowNs;
            bestPrice[k] = fillPrice;
            triggeredAtNs[k] = NOT_TRIGGERED;
        }
        entryPrice[k] = averageEntry > 0 ? averageEntry : fillPrice;
        position[k] = after;
    }

    void onPrice(
        final int strategies, final int instrumentId, final long price, final long nowNs, final StopLossListener listener)
    {
        if (openPositions == 0)
        {
            return;
        }
        // the bound is read on every turn: a position a stop's listener opens is still seen, as before
        for (int s = 0; s < Math.min(strategies, strategyBound); s++)
        {
            evaluate(s, instrumentId, price, nowNs, listener);
        }
    }

    void onTimer(final int strategies, final long nowNs, final PortfolioView view, final StopLossListener listener)
    {
        if (openPositions == 0)
        {
            return;
        }
        for (int s = 0; s < Math.min(strategies, strategyBound); s++)
        {
            for (int i = 0; i < instruments; i++)
            {
                if (position[s * instruments + i] != 0)
                {
                    evaluate(s, i, view.referencePrice(i), nowNs, listener);
                }
            }
        }
    }

    private void evaluate(
        final int s, final int i, final long price, final long nowNs, final StopLossListener listener)
    {
        final int k = s * instruments + i;
        final long pos = position[k];
        if (pos == 0)
        {
            return;
        }
        if (triggeredAtNs[k] != NOT_TRIGGERED && nowNs - triggeredAtNs[k] < retryNs)
        {
            return;
        }
        final boolean isLong = pos > 0;
        if (price > 0)
        {
            if (isLong ? price > bestPrice[k] : price < bestPrice[k])
            {
                bestPrice[k] = price;
            }
            if (!anyRuleSet())
            {
                return; // the best price is still followed (it is in the snapshot); no rule, nothing can fire
            }

            final long fixed = distance(entryPrice[k], RiskParameter.STOP_LOSS_BPS, RiskParameter.STOP_LOSS_AMOUNT, s, i);
            if (fixed != ParameterTable.NONE && crossed(isLong, price, entryPrice[k], fixed))
            {
                fire(listener, s, i, k, StopRule.FIXED, price, level(isLong, entryPrice[k], fixed), nowNs);
                return;
            }
            final long trailing =
                distance(bestPrice[k], RiskParameter.TRAILING_STOP_BPS, RiskParameter.TRAILING_STOP_AMOUNT, s, i);
            if (trailing != ParameterTable.NONE && crossed(isLong, price, bestPrice[k], trailing))
            {
                fire(listener, s, i, k, StopRule.TRAILING, price, level(isLong, bestPrice[k], trailing), nowNs);
                return;
            }
            final long multiple = table.tightest(RiskParameter.VOLATILITY_STOP_MULTIPLE, s, i);
            final long volatilityPpm = volatility.volatilityPpm(i);
            if (multiple != ParameterTable.NONE && volatilityPpm != VolatilityEstimator.NOT_WARM)
            {
                final long perUnit = FixedMath.scaledProduct(bestPrice[k], multiple, MULTIPLE_SHIFT, false);
                final long band = FixedMath.scaledProduct(perUnit, volatilityPpm, PPM_SHIFT, false);
                if (crossed(isLong, price, bestPrice[k], band))
                {
                    fire(listener, s, i, k, StopRule.VOLATILITY, price, level(isLong, bestPrice[k], band), nowNs);
                    return;
                }
            }
        }
        final long seconds = table.tightest(RiskParameter.MAX_HOLDING_SECONDS, s, i);
        if (seconds != ParameterTable.NONE)
        {
            final long deadline = openedAtNs[k] + seconds * NS_PER_SECOND;
            if (nowNs >= deadline)
            {
                fire(listener, s, i, k, StopRule.TIME, Math.max(price, 0), deadline, nowNs);
            }
        }
    }

    /** Whether any stop rule was ever set at any scope: without one, a price only moves the best price. */
    private boolean anyRuleSet()
    {
        return table.isEverSet(RiskParameter.STOP_LOSS_BPS) || table.isEverSet(RiskParameter.STOP_LOSS_AMOUNT) ||
            table.isEverSet(RiskParameter.TRAILING_STOP_BPS) || table.isEverSet(RiskParameter.TRAILING_STOP_AMOUNT) ||
            table.isEverSet(RiskParameter.VOLATILITY_STOP_MULTIPLE) || table.isEverSet(RiskParameter.MAX_HOLDING_SECONDS);
    }

    /** Tightest of the bps and the amount distance configured, or NONE. */
    private long distance(
        final long base, final RiskParameter bpsParameter, final RiskParameter amountParameter, final int s, final int i)
    {
        long distance = ParameterTable.NONE;
        final long bps = table.tightest(bpsParameter, s, i);
        if (bps != ParameterTable.NONE)
        {
            distance = FixedMath.scaledProduct(base, bps, BPS_SHIFT, false);
        }
        final long amount = table.tightest(amountParameter, s, i);
        if (amount != ParameterTable.NONE)
        {
            distance = Math.min(distance,
                FixedMath.rescale(amount, RiskManager.PRICE_EXPONENT, priceExponent[i], false));
        }
        return distance;
    }

    private static boolean crossed(final boolean isLong, final long price, final long base, final long distance)
    {
        return isLong ? price <= base - distance : price >= FixedMath.addSaturated(base, distance);
    }

    private static long level(final boolean isLong, final long base, final long distance)
    {
        return isLong ? base - distance : FixedMath.addSaturated(base, distance);
    }

    private void fire(
        final StopLossListener listener,
        final int s,
        final int i,
        final int k,
        final StopRule rule,
        final long price,
        final long level,
        final long nowNs)
    {
        triggeredAtNs[k] = nowNs;
        listener.onStopTriggered(s, i, rule, position[k], price, level, nowNs);
    }

    int snapshotTo(final MutableDirectBuffer buffer, final int offset)
    {
        int at = offset;
        buffer.putBytes(at, priceExponent);
        at += priceExponent.length;
        buffer.putInt(at, openPositions);
        at += Integer.BYTES;
        for (int k = 0; k < position.length; k++)
        {
            if (position[k] != 0)
            {
                buffer.putInt(at, k);
                buffer.putLong(at + 4, position[k]);
                buffer.putLong(at + 12, openedAtNs[k]);
                buffer.putLong(at + 20, entryPrice[k]);
                buffer.putLong(at + 28, bestPrice[k]);
                buffer.putLong(at + 36, triggeredAtNs[k]);
                at += 44;
            }
        }
        return at - offset;
    }

    int restoreFrom(final DirectBuffer buffer, final int offset)
    {
        reset();
        int at = offset;
        buffer.getBytes(at, priceExponent);
        at += priceExponent.length;
        final int n = buffer.getInt(at);
        at += Integer.BYTES;
        if (n < 0 || n > position.length)
        {
            throw new IllegalStateException("corrupt risk snapshot: " + n + " positions");
        }
        for (int e = 0; e < n; e++)
        {
            final int k = buffer.getInt(at);
            if (k < 0 || k >= position.length)
            {
                throw new IllegalStateException("corrupt risk snapshot: position slot " + k);
            }
            position[k] = buffer.getLong(at + 4);
            openedAtNs[k] = buffer.getLong(at + 12);
            entryPrice[k] = buffer.getLong(at + 20);
            bestPrice[k] = buffer.getLong(at + 28);
            triggeredAtNs[k] = buffer.getLong(at + 36);
            strategyBound = Math.max(strategyBound, k / instruments + 1);
            at += 44;
        }
        openPositions = n;
        return at - offset;
    }
}
